package dev.packload.formats.sql;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadDataStatementTest {

    private static LoadDataStatement parse(String sql) {
        byte[] b = sql.getBytes(StandardCharsets.UTF_8);
        return LoadDataStatement.parse(b, 0, b.length);
    }

    @Test
    void mydumpersLoadDataStatementOfTheLoadDataFormat() {
        LoadDataStatement s = parse("LOAD DATA LOCAL INFILE 'fx.strings.00000.dat' INTO TABLE `strings` FIELDS "
                + "TERMINATED BY '\\t' ENCLOSED BY '' ESCAPED BY '\\\\' LINES STARTING BY '' TERMINATED BY '\\n' "
                + "(`id`,`c`,`t``tick`)");
        assertEquals(new LoadDataStatement("fx.strings.00000.dat", null, "strings", InsertHeader.Verb.INSERT, null,
                "\t", "", false, "\\", "", "\n", 0, List.of("id", "c", "t`tick")), s);
    }

    @Test
    void theOtherClauses() {
        LoadDataStatement s = parse("/*!50000 LOAD DATA */ CONCURRENT LOCAL INFILE \"a'b.csv\" REPLACE INTO TABLE "
                + "db.t CHARACTER SET binary COLUMNS OPTIONALLY ENCLOSED BY '\"' TERMINATED BY ',' ESCAPED BY '' "
                + "LINES TERMINATED BY '\\r\\n' IGNORE 1 LINES");
        assertEquals(new LoadDataStatement("a'b.csv", "db", "t", InsertHeader.Verb.REPLACE, "binary", ",", "\"", true,
                "", "", "\r\n", 1, List.of()), s);
        assertTrue(LoadDataStatement.is("  load  data local".getBytes(StandardCharsets.UTF_8), 0, 17));
        assertFalse(LoadDataStatement.is("LOAD XML".getBytes(StandardCharsets.UTF_8), 0, 8));
    }

    @Test
    void whatOnlyTheServerCouldComputeIsRefusedWithTheReason() {
        assertTrue(assertThrows(LoadDataStatement.Unsupported.class,
                () -> parse("LOAD DATA INFILE 'f' INTO TABLE t (a, @b) SET c = @b")).getMessage()
                .contains("user variables"));
        assertTrue(assertThrows(LoadDataStatement.Unsupported.class,
                () -> parse("LOAD DATA INFILE 'f' INTO TABLE t SET c = 1")).getMessage().contains("SET"));
        assertTrue(assertThrows(LoadDataStatement.Unsupported.class,
                () -> parse("LOAD DATA INFILE 'f")).getMessage().contains("unterminated"));
    }
}
