package dev.packload.formats.sql;

import dev.packload.formats.ChunkedInputStream;
import dev.packload.formats.FormatException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineStatementsTest {

    /** A trigger as mydumper 1.0 writes it: inner statements end in "; " before the line end. */
    private static final String TRIGGER = "/*!40101 SET NAMES binary*/;\n"
            + "SET character_set_client = utf8mb4;\n"
            + "DROP TRIGGER IF EXISTS `child_bi`;\n"
            + "CREATE DEFINER=`root`@`127.0.0.1` TRIGGER child_bi BEFORE INSERT ON child FOR EACH ROW\n"
            + "BEGIN\n"
            + "  IF NEW.amount < 0 THEN\n"
            + "    SET NEW.amount = 0; \n"
            + "  END IF; \n"
            + "  INSERT INTO audit VALUES ('a;\n', 'b'); SET @x = 1; \n"
            + "END;\n"
            + "SET character_set_client = @PREV_CHARACTER_SET_CLIENT;\n";

    @Test
    void aStatementEndsOnlyAtALineThatEndsWithASemicolon() {
        List<String> s = statements(TRIGGER.getBytes(StandardCharsets.UTF_8), 1 << 16, null);
        assertEquals(List.of(
                "1:0:/*!40101 SET NAMES binary*/",
                "2:29:SET character_set_client = utf8mb4",
                "3:65:DROP TRIGGER IF EXISTS `child_bi`",
                "4:100:CREATE DEFINER=`root`@`127.0.0.1` TRIGGER child_bi BEFORE INSERT ON child FOR EACH ROW\nBEGIN\n"
                        + "  IF NEW.amount < 0 THEN\n    SET NEW.amount = 0; \n  END IF; \n"
                        + "  INSERT INTO audit VALUES ('a",
                "10:286:', 'b'); SET @x = 1; \nEND",
                "12:313:SET character_set_client = @PREV_CHARACTER_SET_CLIENT"), s,
                "myloader's rule, quotes not looked at: a line ending in ';' inside a string ends the statement too");
    }

    @Test
    void crLfLinesBlankLinesAndATailWithoutSemicolon() {
        assertEquals(List.of("1:0:A", "3:6:B;", "4:12:C\n  more"),
                statements("A;\r\n\r\nB;  ;\nC\n  more\n\n".getBytes(StandardCharsets.UTF_8), 4, null));
        assertEquals(List.of(), statements("\n \n\t\n".getBytes(StandardCharsets.UTF_8), 4, null));
        assertEquals(List.of("1:0:x"), statements("x;".getBytes(StandardCharsets.UTF_8), 4, null),
                "a final ';' without a line end ends the text");
    }

    @Test
    void aStatementLongerThanTheCapIsBadInputNamingTheSource() {
        byte[] in = ("SELECT " + "x".repeat(100) + "; \nmore").getBytes(StandardCharsets.UTF_8);
        FormatException e = assertThrows(FormatException.class, () -> statements(in, 8, 64));
        assertTrue(e.getMessage().contains("64 bytes"), e.getMessage());
        assertEquals("t.sql", e.position().source());
    }

    @Test
    void stopEndsTheScanAfterTheCurrentStatement() throws IOException {
        List<String> got = new ArrayList<>();
        LineStatements s = new LineStatements(new ByteArrayInputStream("a;\nb;\nc;\n".getBytes(StandardCharsets.UTF_8)),
                "t.sql", 2);
        s.scan((b, off, len, at) -> {
            got.add(new String(b, off, len, StandardCharsets.UTF_8));
            s.stop();
        });
        assertEquals(List.of("a"), got);
        s.scan((b, off, len, at) -> got.add(at.line() + ":" + new String(b, off, len, StandardCharsets.UTF_8)));
        assertEquals(List.of("a", "2:b", "3:c"), got, "a new scan goes on after the stop");
    }

    /** Buffer boundaries must not matter: whole, one byte at a time, random chunks, tiny buffers. */
    @Property(tries = 300)
    void randomSplitsAndTinyBuffersGiveTheSameStatements(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 64) int maxChunk, @ForAll @IntRange(min = 1, max = 200) int bufferSize) {
        byte[] input = generate(seed);
        List<String> whole = statements(new ByteArrayInputStream(input), 1 << 16);
        assertEquals(whole, statements(new ChunkedInputStream(input, seed, maxChunk), bufferSize));
        assertEquals(whole, statements(ChunkedInputStream.oneByteAtATime(input), 1));
    }

    /** Lines of statement-ish text: endings with ';', '; ', ';\r', blank lines, raw bytes of every value. */
    private static byte[] generate(long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        String[] pieces = {"SET a = 1", "BEGIN", "  x = 'q;' ", "END", "", " ", "\t", "/* c; */", "é\u0000\u00ff"};
        String[] ends = {";\n", "; \n", ";\r\n", "\n", "\r\n", ";", ""};
        int n = r.nextInt(30);
        for (int i = 0; i < n; i++) {
            sb.append(pieces[r.nextInt(pieces.length)]).append(ends[r.nextInt(ends.length)]);
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> statements(byte[] in, int bufferSize, Integer cap) {
        List<String> got = new ArrayList<>();
        LineStatements s = new LineStatements(new ByteArrayInputStream(in), "t.sql", bufferSize);
        if (cap != null) {
            s.setMaxStatementBytes(cap);
        }
        scan(s, got);
        return got;
    }

    private static List<String> statements(InputStream in, int bufferSize) {
        List<String> got = new ArrayList<>();
        scan(new LineStatements(in, "t.sql", bufferSize), got);
        return got;
    }

    private static void scan(LineStatements s, List<String> got) {
        try {
            s.scan((b, off, len, at) -> got.add(at.line() + ":" + at.byteOffset() + ":"
                    + new String(b, off, len, StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
