package dev.packload.formats.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packload.formats.FormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
    private static final CsvDialect CSV = CsvDialect.rfc4180();
    private static final CsvDialect CSV_NO_HEADER = CSV.withHeader(false);
    private static final CsvDialect MYSQL = CsvDialect.mysql();

    private static List<String> events(String input, CsvDialect d) {
        return Reads.events(input, d);
    }

    private static FormatException error(byte[] input, CsvDialect d, List<String> seen) {
        return assertThrows(FormatException.class, () -> new CsvReader(new ByteArrayInputStream(input), Reads.SOURCE,
                d, StandardCharsets.UTF_8).read(new Reads.Recorder() {
                    @Override
                    public void record(CsvRecord r) {
                        super.record(r);
                        seen.add(events.get(events.size() - 1));
                    }
                }));
    }

    // ---- RFC 4180

    @Test
    void headerThenRecordsWithPositionsAndOriginalText() {
        assertEquals(List.of(
                "header [\"id\", \"name\"]",
                "record 2:9 [\"1\", \"Ann\"] raw \"1,Ann\"",
                "record 3:16 [\"2\", \"Bob\"] raw \"2,Bob\""),
                events("id,name\r\n1,Ann\r\n2,Bob\r\n", CSV));
    }

    @Test
    void quotedNewlinesStayInTheFieldAndCountAsLines() {
        assertEquals(List.of(
                "record 1:0 [\"1\", \"two\\nlines\"] raw \"1,\\\"two\\nlines\\\"\"",
                "record 3:14 [\"2\", \"three\\r\\nline\\nfield\"] raw \"2,\\\"three\\r\\nline\\nfield\\\"\"",
                "record 6:37 [\"3\", \"x\"] raw \"3,x\""),
                events("1,\"two\nlines\"\n2,\"three\r\nline\nfield\"\r\n3,x", CSV_NO_HEADER));
    }

    @Test
    void crlfLfAndLoneCrAllEndRecordsByDefault() {
        assertEquals(List.of(
                "record 1:0 [\"a\", \"b\"] raw \"a,b\"",
                "record 2:5 [\"c\", \"d\"] raw \"c,d\"",
                "record 3:9 [\"e\", \"f\"] raw \"e,f\"",
                "record 4:13 [\"g\"] raw \"g\""),
                events("a,b\r\nc,d\ne,f\rg", CSV_NO_HEADER));
    }

    @Test
    void embeddedQuotesAreDoubled() {
        assertEquals(List.of("record 1:0 [\"say \\\"hi\\\"\", \"\\\"\", \"\"] raw \"\\\"say \\\"\\\"hi\\\"\\\"\\\",\\\"\\\"\\\"\\\",\\\"\\\"\""),
                events("\"say \"\"hi\"\"\",\"\"\"\",\"\"\n", CSV_NO_HEADER));
        CsvRecord r = Reads.records("\"say \"\"hi\"\"\",\"\"\"\",\"\"\n".getBytes(StandardCharsets.UTF_8), CSV_NO_HEADER,
                StandardCharsets.UTF_8).get(0);
        assertEquals(List.of("say \"hi\"", "\"", ""), r.toList());
        assertEquals("\"say \"\"hi\"\"\",\"\"\"\",\"\"", r.rawText());
    }

    @Test
    void emptyInputGivesNothing() {
        assertEquals(List.of(), events("", CSV));
        assertEquals(List.of(), events("", MYSQL));
        assertEquals(List.of(), events("\ufeff", CSV));
    }

    @Test
    void headerOnly() {
        assertEquals(List.of("header [\"a\", \"b\"]"), events("a,b\n", CSV));
        assertEquals(List.of("header [\"a\", \"b\"]"), events("a,b", CSV));
    }

    @Test
    void blankLinesAreRecordsWithOneEmptyField() {
        assertEquals(List.of(
                "record 1:0 [\"a\"] raw \"a\"",
                "record 2:2 [\"\"] raw \"\"",
                "record 3:3 [\"b\"] raw \"b\""),
                events("a\n\nb\n", CSV_NO_HEADER));
    }

    @Test
    void raggedRecordsKeepTheirExactSize() {
        assertEquals(List.of(
                "header [\"a\", \"b\"]",
                "record 2:4 [\"1\"] raw \"1\"",
                "record 3:6 [\"1\", \"2\", \"3\"] raw \"1,2,3\"",
                "record 4:12 [\"\", \"\"] raw \",\""),
                events("a,b\n1\n1,2,3\n,\n", CSV));
    }

    @Test
    void trailingDelimiterDropsTheEmptyUnquotedLastField() {
        CsvDialect d = CSV_NO_HEADER.withTrailingDelimiter(true);
        assertEquals(List.of(
                "record 1:0 [\"a\", \"b\"] raw \"a,b,\"",
                "record 2:5 [\"a\", \"b\"] raw \"a,b\"",
                "record 3:9 [\"a\", \"\"] raw \"a,\\\"\\\"\"",
                "record 4:14 [\"\"] raw \"\""),
                events("a,b,\na,b\na,\"\"\n\n", d));
        assertEquals(List.of("record 1:0 [\"a\", \"\", \"\"] raw \"a,,,\""), events("a,,,\n", d));
        assertEquals(List.of("header [\"x\", \"y\"]", "record 2:5 [\"1\", \"2\"] raw \"1,2,\""),
                events("x,y,\n1,2,\n", d.withHeader(true)));
        assertEquals(List.of("record 1:0 [\"a\", \"b\"] raw \"a\\tb\\t\""),
                events("a\tb\t\n", MYSQL.withTrailingDelimiter(true)));
    }

    @Test
    void spacesAreKept() {
        assertEquals(List.of("record 1:0 [\" a \", \" \\\"b\\\"\", \"c\"] raw \" a , \\\"b\\\",\\\"c\\\"  \""),
                events(" a , \"b\",\"c\"  \n", CSV_NO_HEADER));
    }

    // ---- NULL conventions

    @Test
    void csvHasNoNullsByDefault() {
        assertEquals(List.of("record 1:0 [\"\", \"\", \"NULL\", \"\\\\N\"] raw \",\\\"\\\",NULL,\\\\N\""),
                events(",\"\",NULL,\\N\n", CSV_NO_HEADER));
    }

    @Test
    void nullStringsAndEmptyAsNullApplyToUnquotedFieldsOnly() {
        CsvDialect one = CSV_NO_HEADER.withNullStrings(Set.of("NULL"));
        assertEquals(List.of("record 1:0 [NULL, \"NULL\", \"\", \"\", \"null\"] raw \"NULL,\\\"NULL\\\",,\\\"\\\",null\""),
                events("NULL,\"NULL\",,\"\",null\n", one));
        assertEquals(List.of("record 1:0 [NULL, \"NULL\", NULL, \"\", \"null\"] raw \"NULL,\\\"NULL\\\",,\\\"\\\",null\""),
                events("NULL,\"NULL\",,\"\",null\n", one.withEmptyAsNull(true)));
        CsvDialect two = CSV_NO_HEADER.withNullStrings(Set.of("NULL", "\\N"));
        assertEquals(List.of("record 1:0 [NULL, \"NULL\", NULL, \"\\\\N\", \"\"] raw \"NULL,\\\"NULL\\\",\\\\N,\\\"\\\\N\\\",\""),
                events("NULL,\"NULL\",\\N,\"\\N\",\n", two));
        assertEquals(List.of("record 1:0 [NULL, \"\"] raw \",\\\"\\\"\""),
                events(",\"\"\n", CSV_NO_HEADER.withNullStrings(Set.of(""))));
        assertEquals(List.of("record 1:0 [NULL, \"\", \"x\"] raw \",\\\"\\\",x\""),
                events(",\"\",x\n", CSV_NO_HEADER.withEmptyAsNull(true)));
    }

    @Test
    void tsvHasNoQuotesSoQuotesAreData() {
        CsvDialect tsv = CsvDialect.tsv().withHeader(false).withNullStrings(Set.of("\\N"));
        assertEquals(List.of("record 1:0 [\"\\\"a\", \"b\\\"\\\"\", NULL, \"\"] raw \"\\\"a\\tb\\\"\\\"\\t\\\\N\\t\""),
                events("\"a\tb\"\"\t\\N\t\n", tsv));
    }

    @Test
    void mysqlNullIsAWholeBackslashNOnly() {
        assertEquals(List.of(
                "record 1:0 [\"1\", NULL, \"abNcd\", \"\\\\N\", \"NN\", \"N\", \"\", \"NULL\"] "
                        + "raw \"1\\t\\\\N\\tab\\\\Ncd\\t\\\\\\\\N\\t\\\\N\\\\N\\tN\\t\\tNULL\""),
                events("1\t\\N\tab\\Ncd\t\\\\N\t\\N\\N\tN\t\tNULL\n", MYSQL));
    }

    @Test
    void mysqlQuotedBackslashNIsNullToo() {
        // verified against MariaDB 10.11: LOAD DATA ... FIELDS TERMINATED BY ',' ENCLOSED BY '"' reads "\N" as NULL
        // and "NULL" as a string, and an unquoted NULL as NULL
        CsvDialect d = MYSQL.withDelimiter(',').withQuote('"').withNullStrings(Set.of("NULL"));
        assertEquals(List.of("record 1:0 [NULL, NULL, NULL, \"NULL\", \"\", \"\", \"a\\\"b\"] "
                        + "raw \"\\\"\\\\N\\\",\\\\N,NULL,\\\"NULL\\\",\\\"\\\",,\\\"a\\\"\\\"b\\\"\""),
                events("\"\\N\",\\N,NULL,\"NULL\",\"\",,\"a\"\"b\"\n", d));
    }

    // ---- MySQL escapes

    @Test
    void mysqlEscapesDecodeAsTheServerDoes() {
        byte[] in = "\\0|\\b|\\n|\\r|\\t|\\Z|\\\\|\\f|\\x|\\'|\\\"|\\N\n".replace('|', '\t').getBytes(StandardCharsets.UTF_8);
        CsvRecord r = Reads.records(in, MYSQL, StandardCharsets.UTF_8).get(0);
        assertEquals(Arrays.asList("\0", "\b", "\n", "\r", "\t", "\u001a", "\\", "f", "x", "'", "\"", null), r.toList());
    }

    @Test
    void mysqlEscapedDelimiterAndNewlineAreData() {
        assertEquals(List.of(
                "record 1:0 [\"a\\tb\", \"c\\nd\"] raw \"a\\\\\\tb\\tc\\\\\\nd\"",
                "record 3:10 [\"e\"] raw \"e\""),
                events("a\\\tb\tc\\\nd\ne\n", MYSQL));
    }

    @Test
    void mysqlCrIsDataWithLfLineEnds() {
        assertEquals(List.of(
                "record 1:0 [\"a\\r\", \"b\\rc\\r\"] raw \"a\\r\\tb\\rc\\r\"",
                "record 2:8 [\"d\\r\"] raw \"d\\\\\\r\""),
                events("a\r\tb\rc\r\nd\\\r\n", MYSQL));
    }

    @Test
    void crlfLineEndsMakeLoneCrAndLfData() {
        CsvDialect d = MYSQL.withRecordSeparator("\r\n");
        assertEquals(List.of(
                "record 1:0 [\"a\\nb\", \"c\\r\"] raw \"a\\nb\\tc\\r\"",
                "record 3:8 [\"d\\r\\ne\"] raw \"d\\\\\\r\\ne\"",
                "record 5:15 [\"f\"] raw \"f\""),
                events("a\nb\tc\r\r\nd\\\r\ne\r\nf", d));
        assertEquals(List.of(
                "record 1:0 [\"x\\ny\"] raw \"x\\ny\"",
                "record 3:5 [\"z\"] raw \"z\""),
                events("x\ny\r\nz\r\n", CsvDialect.tsv().withHeader(false).withRecordSeparator("\r\n")));
    }

    @Test
    void mysqlCrlfEnclosedAsMariaDbWritesIt() {
        // SELECT ... INTO OUTFILE ... FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' LINES TERMINATED BY '\r\n'
        CsvDialect d = MYSQL.withDelimiter(',').withQuote('"').withRecordSeparator("\r\n");
        byte[] in = "1,\"a\tb\nc\\\rd\\\\e\\0f\u001ag\",\\N\r\n2,\"x\\\"y,z\",\\N\r\n".getBytes(StandardCharsets.UTF_8);
        List<CsvRecord> rs = Reads.records(in, d, StandardCharsets.UTF_8);
        assertEquals(Arrays.asList("1", "a\tb\nc\rd\\e\0f\u001ag", null), rs.get(0).toList());
        assertEquals(Arrays.asList("2", "x\"y,z", null), rs.get(1).toList());
        assertEquals(3, rs.get(1).line()); // the LF in the quotes is a line
    }

    @Test
    void escapeInCsv() {
        CsvDialect d = CSV_NO_HEADER.withEscape('\\');
        assertEquals(List.of("record 1:0 [\"a,b\", \"q\\\"\", \"\\n\", \"\\\\\"] raw \"a\\\\,b,\\\"q\\\\\\\"\\\",\\\\n,\\\\\\\\\""),
                events("a\\,b,\"q\\\"\",\\n,\\\\\n", d));
    }

    @Test
    void escapeAsTheLastCharacterIsAnError() {
        List<String> seen = new ArrayList<>();
        FormatException e = error("1\ta\n2\tb\\".getBytes(StandardCharsets.UTF_8), MYSQL, seen);
        assertEquals(List.of("record 1:0 [\"1\", \"a\"] raw \"1\\ta\""), seen);
        assertEquals(2, e.position().line());
        assertEquals(4, e.position().byteOffset());
        assertTrue(e.getMessage().contains("ends with an escape character"), e.getMessage());
    }

    // ---- errors

    @Test
    void unterminatedQuoteAtTheEndIsAFormatErrorAtTheRecordStart() {
        List<String> seen = new ArrayList<>();
        FormatException e = error("h1,h2\r\n1,\"a\r\nb\"\r\n2,\"never\r\nclosed\r\n".getBytes(StandardCharsets.UTF_8),
                CSV, seen);
        assertEquals(List.of("record 2:7 [\"1\", \"a\\r\\nb\"] raw \"1,\\\"a\\r\\nb\\\"\""), seen);
        assertEquals(4, e.position().line());
        assertEquals(17, e.position().byteOffset());
        assertEquals(Reads.SOURCE, e.position().source());
        assertEquals("2,\"never closed", e.excerpt());
        assertTrue(e.getMessage().startsWith("t.csv:4 (byte 17): unterminated quoted field"), e.getMessage());
    }

    @Test
    void unterminatedQuoteInTheFirstRecord() {
        FormatException e = error("\ufeff\"abc".getBytes(StandardCharsets.UTF_8), CSV, new ArrayList<>());
        assertEquals(1, e.position().line());
        assertEquals(3, e.position().byteOffset());
    }

    @Test
    void textAfterAClosingQuoteIsAFormatError() {
        List<String> seen = new ArrayList<>();
        FormatException e = error("a\n\"b\"c,d\n".getBytes(StandardCharsets.UTF_8), CSV_NO_HEADER, seen);
        assertEquals(List.of("record 1:0 [\"a\"] raw \"a\""), seen);
        assertEquals(2, e.position().line());
        assertEquals(2, e.position().byteOffset());
    }

    @Test
    void errorPositionAfterRecordsWithDataLineEnds() {
        // the record before the bad one holds LFs that are data (CRLF line ends): it must still be cut right
        CsvDialect d = CSV_NO_HEADER.withRecordSeparator("\r\n");
        List<String> seen = new ArrayList<>();
        FormatException e = error("a\nb,\"c\nd\"\r\n\"x".getBytes(StandardCharsets.UTF_8), d, seen);
        assertEquals(List.of("record 1:0 [\"a\\nb\", \"c\\nd\"] raw \"a\\nb,\\\"c\\nd\\\"\""), seen);
        assertEquals(4, e.position().line());
        assertEquals(11, e.position().byteOffset());
    }

    // ---- encoding

    @Test
    void utf8AndItsByteOrderMark() {
        byte[] in = "\ufeffnäme,b\n1,é€\n2,😀x\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(
                "header [\"näme\", \"b\"]",
                "record 2:11 [\"1\", \"é€\"] raw \"1,é€\"",
                "record 3:19 [\"2\", \"😀x\"] raw \"2,😀x\""),
                Reads.events(in, CSV));
        for (CsvRecord r : Reads.records(in, CSV, StandardCharsets.UTF_8)) {
            byte[] raw = r.rawBytes();
            assertArrayEquals(Arrays.copyOfRange(in, (int) r.byteOffset(), (int) r.byteOffset() + raw.length), raw);
        }
    }

    @Test
    void aByteOrderMarkIsStrippedOnlyAtTheStart() {
        assertEquals(List.of("record 1:0 [\"a\"] raw \"a\"", "record 2:2 [\"\\u{FEFF}b\"] raw \"\\u{FEFF}b\""),
                events("a\n\ufeffb\n", CSV_NO_HEADER));
    }

    @Test
    void invalidUtf8FlagsOnlyItsRecord() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("a,b\n1,caf".getBytes(StandardCharsets.UTF_8));
        b.write(0xC3); // a lone lead byte (Latin-1 "é" would have been 0xE9)
        b.writeBytes("\n2,ok\n3,".getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF}); // an encoded surrogate; 0xFF
        b.writeBytes("\n4,fin".getBytes(StandardCharsets.UTF_8));
        b.write(0xE2);
        b.write(0x82); // truncated at the end
        byte[] in = b.toByteArray();
        assertEquals(List.of(
                "header [\"a\", \"b\"]",
                "record 2:4 [\"1\", \"caf\\u{FFFD}\"] raw \"1,caf\\u{FFFD}\" invalid \"invalid UTF-8 byte 0xC3 at byte offset 9\"",
                "record 3:11 [\"2\", \"ok\"] raw \"2,ok\"",
                "record 4:16 [\"3\", \"\\u{FFFD}\\u{FFFD}\\u{FFFD}\\u{FFFD}\"] raw \"3,\\u{FFFD}\\u{FFFD}\\u{FFFD}\\u{FFFD}\" "
                        + "invalid \"invalid UTF-8 byte 0xED at byte offset 18 (and 3 more invalid sequences in this record)\"",
                "record 5:23 [\"4\", \"fin\\u{FFFD}\"] raw \"4,fin\\u{FFFD}\" invalid \"invalid UTF-8 bytes 0xE2 0x82 at byte offset 28\""),
                Reads.events(in, CSV));
        List<CsvRecord> rs = Reads.records(in, CSV, StandardCharsets.UTF_8);
        assertArrayEquals(new byte[] {'1', ',', 'c', 'a', 'f', (byte) 0xC3}, rs.get(0).rawBytes());
        assertArrayEquals(Arrays.copyOfRange(in, 23, in.length), rs.get(3).rawBytes());
    }

    @Test
    void invalidBytesInTheHeaderAreAFormatError() {
        byte[] in = {'a', (byte) 0xFF, ',', 'b', '\n', '1', ',', '2', '\n'};
        FormatException e = assertThrows(FormatException.class, () -> Reads.records(in, CSV, StandardCharsets.UTF_8));
        assertTrue(e.getMessage().contains("the header is not valid text: invalid UTF-8 byte 0xFF at byte offset 1"),
                e.getMessage());
    }

    @Test
    void singleByteCharsets() {
        Charset cp1252 = Charset.forName("windows-1252");
        byte[] in = {'n', (byte) 0xE9, ',', (byte) 0x80, '\n', 'x', ',', (byte) 0x81, '\n', 'y', ',', 'z', '\n'};
        List<String> seen = Reads.outcome(new ByteArrayInputStream(in), CSV_NO_HEADER, cp1252, 64, 64, false);
        assertEquals(List.of(
                "record 1:0 [\"né\", \"€\"] raw \"né,€\"",
                "record 2:5 [\"x\", \"\\u{FFFD}\"] raw \"x,\\u{FFFD}\" invalid \"invalid windows-1252 byte 0x81 at byte offset 7\"",
                "record 3:9 [\"y\", \"z\"] raw \"y,z\""), seen);
        List<CsvRecord> rs = Reads.records(in, CSV_NO_HEADER, cp1252);
        assertArrayEquals(new byte[] {'x', ',', (byte) 0x81}, rs.get(1).rawBytes());
        assertArrayEquals(new byte[] {'n', (byte) 0xE9, ',', (byte) 0x80}, rs.get(0).rawBytes());
    }

    @Test
    void multiByteCharsetOffsets() {
        Charset sjis = Charset.forName("Shift_JIS");
        String text = "表,\\N\n日本,x\n";
        byte[] in = text.getBytes(sjis);
        List<CsvRecord> rs = Reads.records(in, CSV_NO_HEADER, sjis);
        assertEquals(List.of("表", "\\N"), rs.get(0).toList());
        assertEquals(in.length - "日本,x\n".getBytes(sjis).length, rs.get(1).byteOffset());
        assertArrayEquals("日本,x".getBytes(sjis), rs.get(1).rawBytes());
    }

    // ---- skipping and the record object

    @Test
    void skipLinesSkipsPhysicalLinesBeforeTheHeader() {
        assertEquals(List.of(
                "header [\"a\", \"b\"]",
                "record 6:28 [\"1\", \"2\"] raw \"1,2\""),
                events("# exported 2024\r\n\"x\ny\nz\na,b\n1,2\n", CSV.withSkipLines(4)));
        assertEquals(List.of(), events("one\ntwo\n", CSV.withSkipLines(5)));
        assertEquals(List.of("record 3:5 [\"c\"] raw \"c\""), events("a\rb\r\nc\n", CSV_NO_HEADER.withSkipLines(2)));
    }

    @Test
    void theRecordIsReusedAndItsTextIsOnlyAvailableDuringTheCall() throws IOException {
        List<CsvRecord> kept = new ArrayList<>();
        List<CsvRecord> copies = new ArrayList<>();
        new CsvReader(new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8)), "t", CSV_NO_HEADER, null)
                .read(new CsvHandler() {
                    @Override
                    public void header(List<String> names) {
                    }

                    @Override
                    public void record(CsvRecord r) {
                        kept.add(r);
                        copies.add(r.copy());
                    }
                });
        assertTrue(kept.get(0) == kept.get(1));
        assertThrows(IllegalStateException.class, () -> kept.get(0).rawText());
        assertEquals("a", copies.get(0).rawText());
        assertEquals(List.of("b"), copies.get(1).toList());
        assertThrows(IndexOutOfBoundsException.class, () -> copies.get(0).get(1));
        assertNull(copies.get(0).invalidEncoding());
    }

    @Test
    void aReaderReadsOnce() throws IOException {
        CsvReader r = new CsvReader(new ByteArrayInputStream(new byte[0]), "t", CSV, null);
        r.read(new Reads.Recorder());
        assertThrows(IllegalStateException.class, () -> r.read(new Reads.Recorder()));
    }

    @Test
    void rawTextParsedAloneGivesTheSameFields() {
        String in = "1,\"a,b\"\"\r\nc\",\\N,,x\n2,\"\",\"\"\"\",NULL\n";
        CsvDialect d = CSV_NO_HEADER.withNullStrings(Set.of("NULL"));
        for (CsvRecord r : Reads.records(in.getBytes(StandardCharsets.UTF_8), d, StandardCharsets.UTF_8)) {
            List<CsvRecord> again = Reads.records(r.rawText().getBytes(StandardCharsets.UTF_8), d, StandardCharsets.UTF_8);
            assertEquals(1, again.size());
            assertEquals(r.toList(), again.get(0).toList());
        }
    }
}
