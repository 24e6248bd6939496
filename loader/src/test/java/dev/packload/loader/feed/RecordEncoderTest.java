package dev.packload.loader.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packload.formats.csv.CsvDialect;
import dev.packload.formats.csv.CsvHandler;
import dev.packload.formats.csv.CsvReader;
import dev.packload.formats.csv.CsvRecord;
import dev.packload.loader.write.TableMeta;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The encoder takes valid UTF-8 records straight from the reader's bytes ({@link CsvRecord#hasUtf8()}); every other
 * record goes through strings. Both must give the same tuple, byte for byte, or the same reason to reject the record.
 */
class RecordEncoderTest {

    private static final TableMeta.Column[] COLUMNS = {
        new TableMeta.Column("n", "decimal", null, true, false),
        new TableMeta.Column("i", "bigint", null, true, false),
        new TableMeta.Column("dt", "datetime", null, true, false),
        new TableMeta.Column("d", "date", null, true, false),
        new TableMeta.Column("t", "time", null, true, false),
        new TableMeta.Column("y", "year", null, true, false),
        new TableMeta.Column("ts", "timestamp", null, true, false),
        new TableMeta.Column("s", "varchar", "utf8mb4", true, false),
        new TableMeta.Column("j", "json", "utf8mb4", true, false),
        new TableMeta.Column("b", "bit", null, true, false),
        new TableMeta.Column("bin", "varbinary", null, true, false),
    };

    /** Values valid and not, for any column: the encoder decides per column what each one is. */
    private static final String[] VALUES = {
        "1", "-1.5", "+2e10", "1e", "0.", ".5", "", " ", " 42 ", "\t7\t", "12a", "١٢", "1é", "é",
        "2024-02-29 12:00:00", "2023-02-29 12:00:00", "2024-13-01 00:00:00", "2024-01-01T23:59:59.123456",
        "2024-01-01 24:00:00", "2024-01-01 12:00:00.1234567", " 2024-01-01 12:00:00 ", "2024-01-01", "2024-1-01",
        "2024-01-01é", "2024é01-01", "838:59:59", "-12:30:00", "839:00:00", "12:60:00", "1:02:03.5", "1999",
        "1900", "0000", "2155", "x", "NULL", "\\N", "a,b", "say \"hi\"", "back\\slash", "line\nbreak", "Łukasz",
        "{\"a\": [1, 2]}", "😀", "0x4142", "4142", "zz",
    };

    /** For each column, values it takes: most fields come from here, so most records are loaded, not rejected. */
    private static final String[][] VALID = {
        {"1", "-1.5", "+2e10", ".5", " 42 ", "\t7\t", "0.00"},
        {"0", "-9223372036854775808", " 7", "12"},
        {"2024-02-29 12:00:00", "2024-01-01T23:59:59.123456", " 2024-01-01 12:00:00 ", "0000-00-00 00:00:00"},
        {"2024-01-01", "1999-12-31 ", "2024-02-29"},
        {"838:59:59", "-12:30:00", "1:02:03.5", "00:00:00"},
        {"1999", "0000", "2155", " 1901"},
        {"2024-01-01 00:00:00", "2038-01-19 03:14:07"},
        {"", " ", "a,b", "say \"hi\"", "back\\slash", "line\nbreak", "Łukasz", "😀", "it's", "NULL", "\\N"},
        {"{\"a\": [1, 2]}", "[]", "\"x\"", "{\"k\": \"Ł\\u0041\"}"},
        {"0", "5", "255"},
        {"0x4142", "4142", "", "00FF"},
    };

    private static List<String> outcomes(byte[] csv, boolean commons) throws IOException {
        CsvDialect d = CsvDialect.rfc4180().withHeader(false).withNullStrings(Set.of("NULL"));
        RecordEncoder encoder = new RecordEncoder(COLUMNS, false, CsvOptions.BinaryEncoding.HEX,
                StandardCharsets.UTF_8, false, true);
        List<String> out = new ArrayList<>();
        boolean[] sawBytes = {false};
        CsvReader reader = new CsvReader(new ByteArrayInputStream(csv), "t.csv", d, StandardCharsets.UTF_8);
        if (commons) {
            reader.useCommonsCsv();
        }
        reader.read(new CsvHandler() {
            @Override
            public void header(List<String> names) {
            }

            @Override
            public void record(CsvRecord r) {
                sawBytes[0] |= r.hasUtf8();
                String reason = encoder.encode(r);
                out.add(reason != null ? "rejected: " + reason
                        : new String(encoder.tuple().array(), 0, encoder.tuple().length(), StandardCharsets.UTF_8));
            }
        });
        assertEquals(!commons, sawBytes[0], commons ? "commons-csv records have no byte view"
                : "the byte-level reader gives UTF-8 records a byte view");
        return out;
    }

    private static String field(String v, Random r) {
        boolean quote = v.isEmpty() ? r.nextBoolean() : v.matches(".*[,\"\n\r].*") || r.nextInt(4) == 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    @Property(tries = 300)
    void bytesAndStringsGiveTheSameTuplesAndReasons(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder csv = new StringBuilder();
        for (int row = 0; row < 40; row++) {
            for (int c = 0; c < COLUMNS.length; c++) {
                String v = r.nextInt(8) == 0 ? VALUES[r.nextInt(VALUES.length)]
                        : VALID[c][r.nextInt(VALID[c].length)];
                csv.append(c == 0 ? "" : ",").append(field(v, r));
            }
            csv.append(r.nextBoolean() ? "\n" : "\r\n");
        }
        byte[] in = csv.toString().getBytes(StandardCharsets.UTF_8);
        List<String> strings = outcomes(in, true);
        assertEquals(strings, outcomes(in, false));
        assertTrue(strings.stream().anyMatch(o -> !o.startsWith("rejected")), "some records load");
    }

    @Test
    void aValidRowIsEncodedFromBytes() throws IOException {
        String row = " 12.50 ,7,2024-01-31 23:59:59,2024-02-29,-838:59:59,2155,2024-01-01T00:00:00,"
                + "\"O'Brien, \"\"JJ\"\" \\ Łukasz\",\"{\"\"a\"\": 1}\",5,0x00FF\n";
        List<String> out = outcomes(row.getBytes(StandardCharsets.UTF_8), false);
        assertEquals(List.of("(12.50,7,'2024-01-31 23:59:59','2024-02-29','-838:59:59','2155','2024-01-01T00:00:00',"
                + "'O\\'Brien, \\\"JJ\\\" \\\\ Łukasz',_utf8mb4'{\\\"a\\\": 1}',0x05,0x00FF)"), out);
    }

    @Test
    void anInvalidValueIsRejectedWithTheReasonTheStringPathGives() throws IOException {
        String row = "1é,1,2024-01-01 12:00:00,2024-01-01,00:00:00,2000,2024-01-01 00:00:00,s,1,1,00\n";
        List<String> out = outcomes(row.getBytes(StandardCharsets.UTF_8), false);
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("rejected: column n (decimal): not a number: '1é'"), out.get(0));
    }
}
