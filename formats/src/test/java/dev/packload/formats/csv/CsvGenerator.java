package dev.packload.formats.csv;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Random delimited text for the property tests: arbitrary (often malformed) input, and well-formed records. */
final class CsvGenerator {
    private CsvGenerator() {
    }

    /** Dialects the properties run under; all without a header, so records can be compared one to one. */
    static final List<CsvDialect> DIALECTS = List.of(
            CsvDialect.rfc4180().withHeader(false),
            CsvDialect.rfc4180().withHeader(false).withNullStrings(Set.of("NULL")).withEmptyAsNull(true),
            CsvDialect.rfc4180().withHeader(false).withEscape('\\').withNullStrings(Set.of("NULL", "\\N"))
                    .withTrailingDelimiter(true),
            CsvDialect.tsv().withHeader(false),
            CsvDialect.mysql(),
            CsvDialect.mysql().withDelimiter(',').withQuote('"').withRecordSeparator("\r\n")
                    .withNullStrings(Set.of("NULL")),
            CsvDialect.mysql().withTrailingDelimiter(true),
            CsvDialect.rfc4180().withHeader(false).withRecordSeparator("\r\n").withNullStrings(Set.of("NULL"))
                    .withTrailingDelimiter(true),
            CsvDialect.rfc4180().withHeader(false).withDelimiter(';').withRecordSeparator("\n").withEscape('\\'));

    private static final String[] PIECES = {
        "a", "b", "xyz", " ", ",", ";", "\t", "\"", "\"\"", "\\", "\\N", "N", "NULL", "\r", "\n", "\r\n", "é", "€",
        "😀", "\0", "\u001a", "\ufffd", "\ufdd0", "\ufeff",
    };

    private static final byte[][] BAD = {
        {(byte) 0xC3}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
        {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, {(byte) 0x80},
    };

    /** Arbitrary text from pieces that matter to the dialects, invalid UTF-8 included; maybe with a BOM. */
    static byte[] randomInput(long seed, int pieces) {
        Random r = new Random(seed);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (r.nextInt(8) == 0) {
            b.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        for (int i = 0; i < pieces; i++) {
            int k = r.nextInt(PIECES.length + 3);
            if (k < PIECES.length) {
                // quotes are rarer, or nearly every input would end inside one
                String p = PIECES[k].startsWith("\"") && r.nextInt(3) != 0 ? "a" : PIECES[k];
                b.writeBytes(p.getBytes(StandardCharsets.UTF_8));
            } else if (k == PIECES.length) {
                b.writeBytes(BAD[r.nextInt(BAD.length)]);
            } else {
                b.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        return b.toByteArray();
    }

    /** Records of random fields (null for NULL when the dialect can write one). */
    static List<List<String>> randomRecords(Random r, CsvDialect d) {
        String[] alphabet = {"a", "b", " ", ",", ";", "\t", "\"", "\\", "\r", "\n", "N", "NULL", "é", "😀", "\0",
            "\u001a", "\ufdd0", "\\N"};
        boolean nulls = d.escape() != null || !d.nullStrings().isEmpty() || d.emptyAsNull();
        List<List<String>> records = new ArrayList<>();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            List<String> fields = new ArrayList<>();
            int m = 1 + r.nextInt(5);
            for (int j = 0; j < m; j++) {
                if (nulls && r.nextInt(6) == 0) {
                    fields.add(null);
                    continue;
                }
                StringBuilder v = new StringBuilder();
                int len = r.nextInt(6);
                for (int k = 0; k < len; k++) {
                    v.append(alphabet[r.nextInt(alphabet.length)]);
                }
                fields.add(v.toString());
            }
            records.add(fields);
        }
        return records;
    }

    /** The text of one record as a writer of the dialect would produce it, without its line end. */
    static String write(List<String> fields, CsvDialect d, Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(d.delimiter());
            }
            String v = fields.get(i);
            if (d.escape() != null && d.quote() == null) {
                b.append(v == null ? "\\N" : mysqlEscaped(v, d, r));
            } else if (d.escape() != null) {
                b.append(v == null ? "\\N" : enclosed(v, d, r));
            } else if (v == null) {
                b.append(d.emptyAsNull() ? "" : d.nullStrings().iterator().next());
            } else {
                b.append(csvQuoted(v, d));
            }
        }
        if (d.trailingDelimiter()) {
            b.append(d.delimiter());
        }
        return b.toString();
    }

    /** As {@code SELECT ... INTO OUTFILE} writes a value, with some of the other spellings LOAD DATA reads. */
    private static String mysqlEscaped(String v, CsvDialect d, Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\') {
                b.append("\\\\");
            } else if (c == d.delimiter()) {
                b.append(r.nextBoolean() ? "\\" + c : c == '\t' ? "\\t" : "\\" + c);
            } else if (c == '\n') {
                b.append(r.nextBoolean() ? "\\\n" : "\\n");
            } else if (c == '\0') {
                b.append("\\0");
            } else if (c == '\u001a' && r.nextBoolean()) {
                b.append("\\Z");
            } else if (c == 'N' && v.length() > 1 && r.nextBoolean()) {
                b.append("\\N");
            } else if (c == 'a' && r.nextInt(4) == 0) {
                b.append("\\a");
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** As {@code FIELDS OPTIONALLY ENCLOSED BY '"'} writes a string (MariaDB escapes a CR when lines end in CRLF). */
    private static String enclosed(String v, CsvDialect d, Random r) {
        StringBuilder b = new StringBuilder().append(d.quote());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\') {
                b.append("\\\\");
            } else if (c == d.quote()) {
                b.append(r.nextBoolean() ? "\\" + c : "" + c + c);
            } else if (c == '\r') {
                b.append("\\\r");
            } else if (c == '\0') {
                b.append("\\0");
            } else {
                b.append(c);
            }
        }
        return b.append(d.quote()).toString();
    }

    private static String csvQuoted(String v, CsvDialect d) {
        boolean quote = v.isEmpty() || d.nullStrings().contains(v);
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == d.delimiter() || c == '\r' || c == '\n' || d.quote() != null && c == d.quote();
        }
        if (!quote) {
            return v;
        }
        if (d.quote() == null) {
            throw new IllegalArgumentException("cannot write without quotes: " + v);
        }
        String q = String.valueOf(d.quote());
        return q + v.replace(q, q + q) + q;
    }
}
