package dev.packload.loader.feed;

import dev.packload.formats.sql.SqlWords;
import dev.packload.formats.csv.CsvDialect;
import dev.packload.formats.csv.CsvHandler;
import dev.packload.formats.csv.CsvReader;
import dev.packload.formats.csv.CsvRecord;
import dev.packload.loader.write.OnDuplicate;
import dev.packload.loader.write.TableMeta;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --method load-data}: streams a delimited file to the server with {@code LOAD DATA LOCAL INFILE}, the
 * fastest path when the server allows {@code local_infile}. packload reads the skipped lines and the header itself
 * (to map columns by name and strip a BOM) and hands the server the rest of the stream; the server parses the rows.
 * Options LOAD DATA cannot express (hex or base64 binary, extra NULL strings, empty-as-NULL, an encoding without a
 * MySQL name) make {@link #statement} return the reason instead, and the caller falls back to INSERTs.
 */
public final class LoadDataSource {
    private static final Map<String, String> CHARSETS = Map.of("UTF-8", "utf8mb4", "ISO-8859-1", "latin1",
            "windows-1252", "latin1", "US-ASCII", "ascii", "UTF-16", "utf16", "UTF-16BE", "utf16", "UTF-32", "utf32");

    private LoadDataSource() {
    }

    /**
     * A LOAD DATA plan: the statement, the stream positioned after what packload consumed itself, the line end the
     * statement names, and the line the rest starts on.
     */
    public record Plan(String sql, InputStream rest, String lineEnd, long firstLine) {
    }

    /** Why LOAD DATA cannot handle duplicate keys as asked, or null when it can. */
    public static String unexpressible(OnDuplicate onDuplicate) {
        return onDuplicate == OnDuplicate.UPDATE ? "--on-duplicate update (ON DUPLICATE KEY UPDATE) has no LOAD DATA"
                + " equivalent" : null;
    }

    /** Why this file cannot go through LOAD DATA as asked, or null when it can. */
    public static String unexpressible(CsvDialect d, CsvOptions o, TableMeta meta) {
        if (!CHARSETS.containsKey(o.encoding().name())) {
            return "encoding " + o.encoding().name() + " has no MySQL character set name packload knows";
        }
        if (d.emptyAsNull()) {
            return "--empty-as-null has no LOAD DATA equivalent";
        }
        if (d.nullStrings().stream().anyMatch(s -> !s.equals("\\N"))) {
            return "NULL strings other than \\N have no LOAD DATA equivalent";
        }
        if (o.binaryEncoding(d) != CsvOptions.BinaryEncoding.RAW && meta.columns().stream().anyMatch(TableMeta.Column::isBinary)) {
            return "binary columns written as " + o.binaryEncoding(d).name().toLowerCase() + " need decoding that LOAD DATA "
                    + "does not do";
        }
        if (d.trailingDelimiter()) {
            return "a trailing delimiter has no LOAD DATA equivalent";
        }
        return null;
    }


    /**
     * Reads the skipped lines and the header from {@code in}, and builds the LOAD DATA statement for the rest, with
     * duplicate keys handled as {@code --on-duplicate} says: {@code IGNORE} and {@code REPLACE} become LOAD DATA's own
     * keywords ({@code UPDATE} has none: see {@link #unexpressible(OnDuplicate)}).
     *
     * @throws IOException for a header that names columns the table lacks (unless ignored), or unreadable input
     */
    public static Plan plan(InputStream in, String sourceName, CsvDialect d, CsvOptions o, TableMeta meta,
                            OnDuplicate onDuplicate) throws IOException {
        PushbackInputStream pin = new PushbackInputStream(in, 8);
        Charset cs = o.encoding();
        skipBom(pin, cs);
        long firstLine = 1;
        for (int i = 0; i < d.skipLines(); i++) {
            readLine(pin);
            firstLine++;
        }
        List<String> names = o.columns();
        String lineEnd = d.recordSeparator();
        if (d.header() && names.isEmpty()) {
            byte[] headerLine = readLine(pin);
            if (lineEnd == null) {
                lineEnd = headerLine.length > 1 && headerLine[headerLine.length - 2] == '\r' ? "\r\n" : "\n";
            }
            names = header(headerLine, sourceName, d, cs);
            firstLine++;
        } else if (d.header()) {
            readLine(pin);
            firstLine++;
        }
        InputStream rest = pin;
        if (lineEnd == null) {
            byte[] first = readLine(pin);
            lineEnd = first.length > 1 && first[first.length - 2] == '\r' ? "\r\n" : "\n";
            rest = new java.io.SequenceInputStream(new ByteArrayInputStream(first), pin);
        }
        List<String> target = new ArrayList<>();
        if (names.isEmpty()) {
            target.addAll(meta.writableColumnNames());
        } else {
            for (String n : names) {
                TableMeta.Column c = meta.column(n.trim());
                if (c == null || c.generated()) {
                    if (!o.ignoreUnknownColumns()) {
                        throw new DelimitedRows.ColumnMismatchException(sourceName + ": column " + n + " is not in table "
                                + meta.table() + "; fix the header, give --columns, or pass --ignore-unknown-columns");
                    }
                    target.add("@packload_ignored"); // read into a variable and dropped
                } else {
                    target.add(SqlWords.quoteIdentifier(c.name()));
                }
            }
        }
        String verb = onDuplicate == OnDuplicate.IGNORE ? "IGNORE " : onDuplicate == OnDuplicate.REPLACE ? "REPLACE " : "";
        StringBuilder sql = new StringBuilder("LOAD DATA LOCAL INFILE 'packload-stream' " + verb + "INTO TABLE ")
                .append(SqlWords.quoteIdentifier(meta.schema())).append('.').append(SqlWords.quoteIdentifier(meta.table()))
                .append(" CHARACTER SET ").append(CHARSETS.get(cs.name()))
                .append(" FIELDS TERMINATED BY ").append(literal(String.valueOf(d.delimiter())));
        if (d.quote() != null) {
            sql.append(" OPTIONALLY ENCLOSED BY ").append(literal(String.valueOf(d.quote())));
        }
        sql.append(" ESCAPED BY ").append(literal(d.escape() == null ? "" : String.valueOf(d.escape())))
                .append(" LINES TERMINATED BY ").append(literal(lineEnd))
                .append(" (");
        for (int i = 0; i < target.size(); i++) {
            sql.append(i == 0 ? "" : ",").append(target.get(i));
        }
        sql.append(')');
        return new Plan(sql.toString(), rest, lineEnd, firstLine);
    }

    private static List<String> header(byte[] line, String source, CsvDialect d, Charset cs) throws IOException {
        List<String> names = new ArrayList<>();
        new CsvReader(new ByteArrayInputStream(line), source, d.withHeader(true).withSkipLines(0), cs)
                .read(new CsvHandler() {
                    @Override
                    public void header(List<String> n) {
                        names.addAll(n);
                    }

                    @Override
                    public void record(CsvRecord r) {
                        // only the header line was handed over
                    }
                });
        return names;
    }

    private static void skipBom(PushbackInputStream in, Charset cs) throws IOException {
        if (!cs.equals(StandardCharsets.UTF_8)) {
            return;
        }
        byte[] b = new byte[3];
        int n = in.readNBytes(b, 0, 3);
        if (n == 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return;
        }
        in.unread(b, 0, n);
    }

    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            out.write(c);
            if (c == '\n') {
                break;
            }
        }
        return out.toByteArray();
    }

    static String literal(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\'' -> sb.append("\\'");
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

}
