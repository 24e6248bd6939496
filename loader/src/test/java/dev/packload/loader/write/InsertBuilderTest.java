package dev.packload.loader.write;

import dev.packload.formats.sql.InsertHeader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InsertBuilderTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTupleThatFillsTheBudgetExactlyGoesInAndOneMoreByteDoesNot() {
        InsertShape shape = InsertShape.of(InsertHeader.Verb.INSERT, "`t`", null);
        int prefix = shape.prefix().length; // "INSERT INTO `t` VALUES "
        int limit = prefix + 10 + 1 + 5;
        InsertBuilder ib = new InsertBuilder(new StatementBuffer(1, limit, 16));
        ib.start(shape);
        assertTrue(ib.tryAppend(b("(12345678)"), 0, 10, 1, 1, 0));
        assertFalse(ib.tryAppend(b("(12345)"), 0, 7, 2, 1, 0), "comma + 7 bytes is one over");
        assertTrue(ib.tryAppend(b("(123)"), 0, 5, 2, 1, 0), "comma + 5 bytes fills it exactly");
        assertEquals(limit, ib.finish().length());
        assertEquals("INSERT INTO `t` VALUES (12345678),(123)", new String(ib.statement().array(), 1,
                ib.statement().length(), StandardCharsets.UTF_8));
    }

    @Test
    void theSuffixIsCountedBeforeATupleGoesIn() {
        InsertShape shape = InsertShape.of(InsertHeader.Verb.INSERT, "`t` (`a`)", List.of("a"));
        assertEquals(" ON DUPLICATE KEY UPDATE `a`=VALUES(`a`)", shape.suffixText());
        int limit = shape.prefix().length + 3 + shape.suffix().length;
        InsertBuilder ib = new InsertBuilder(new StatementBuffer(1, limit, 16));
        ib.start(shape);
        assertFalse(ib.tryAppend(b("(12)"), 0, 4, 1, 1, 0));
        assertTrue(ib.tryAppend(b("(1)"), 0, 3, 1, 1, 0));
        assertEquals(limit, ib.finish().length());
    }

    @Test
    void tuplesAreRememberedForReplay() {
        InsertShape shape = InsertShape.of(InsertHeader.Verb.REPLACE, "`d`.`t`", null);
        InsertBuilder ib = new InsertBuilder(new StatementBuffer(3, 1000, 16));
        ib.start(shape);
        ib.tryAppend(b("(1,'a')"), 0, 7, 10, 5, 100);
        ib.tryAppend(b("(2,'b')"), 0, 7, 11, 6, 108);
        ib.finish();
        assertEquals("(2,'b')", new String(ib.statement().array(), ib.tupleOffset(1), ib.tupleLength(1),
                StandardCharsets.UTF_8));
        assertEquals(11, ib.seq(1));
        assertEquals(6, ib.line(1));
        assertEquals(108, ib.byteOffset(1));
    }

    @Test
    void theBudgetLeavesRoomForTheHeaderAndTheServersStrictLimit() {
        PacketBudget b = PacketBudget.negotiate(1 << 20, 1 << 20, 1, 0);
        assertTrue(1 + b.statementBytes() < (1 << 20), "payload must be smaller than max_allowed_packet");
        assertEquals((1 << 20) - 1 - 1 - PacketBudget.MARGIN, b.statementBytes());
        PacketBudget capped = PacketBudget.negotiate(64L << 20, 16L << 20, 3, 100_000);
        assertEquals(100_000, capped.statementBytes());
        PacketBudget driver = PacketBudget.negotiate(64L << 20, 16L << 20, 3, 0);
        assertEquals((16 << 20) - 3 - 1 - PacketBudget.MARGIN, driver.statementBytes(), "the smaller limit wins");
    }
}
