package dev.packload.loader.source;

import dev.packload.formats.csv.CsvDialect;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How delimited text is read and mapped to a table. The dialect is a named base ({@code --format}, else the file's
 * extension, else CSV) with the user's overrides applied on top.
 *
 * @param dialectName          csv, excel, tsv or mysql; null to go by the file's extension
 * @param delimiter            field separator override, or null
 * @param quote                quote character override ("" for none), or null
 * @param escape               escape character override ("" for none), or null
 * @param header               whether the first record is a header, or null for the dialect's default
 * @param skipLines            lines to skip before anything else
 * @param nullStrings          unquoted field values that mean NULL, besides the dialect's own
 * @param emptyAsNull          unquoted empty fields are NULL
 * @param encoding             the file's character encoding; invalid bytes reject the row, never replaced
 * @param table                the target table, or null for the file's base name
 * @param columns              column names for files without a header (or to override it), or empty
 * @param ignoreUnknownColumns leave out file columns the table lacks, and let missing ones take their defaults
 * @param createTable          {@code --create-table}: create a missing table from a sample of the file
 * @param loadData             {@code --method load-data}: stream the file with LOAD DATA LOCAL INFILE when possible
 * @param binaryEncoding       how binary columns are written in the file; null: raw bytes for the mysql (LOAD DATA text)
 *                             dialect, as SELECT ... INTO OUTFILE and mysqldump --tab write them, hex for the others
 */
public record CsvOptions(String dialectName, Character delimiter, String quote, String escape, Boolean header,
                         int skipLines, Set<String> nullStrings, boolean emptyAsNull, Charset encoding, String table,
                         List<String> columns, boolean ignoreUnknownColumns, BinaryEncoding binaryEncoding,
                         boolean loadData, boolean createTable) {

    /** Records sampled to infer a table. */
    public static final int SAMPLE_RECORDS = 10_000;

    public CsvOptions(String dialectName, Character delimiter, String quote, String escape, Boolean header,
                      int skipLines, Set<String> nullStrings, boolean emptyAsNull, Charset encoding, String table,
                      List<String> columns, boolean ignoreUnknownColumns, BinaryEncoding binaryEncoding,
                      boolean loadData) {
        this(dialectName, delimiter, quote, escape, header, skipLines, nullStrings, emptyAsNull, encoding, table, columns,
                ignoreUnknownColumns, binaryEncoding, loadData, false);
    }

    public CsvOptions(String dialectName, Character delimiter, String quote, String escape, Boolean header,
                      int skipLines, Set<String> nullStrings, boolean emptyAsNull, Charset encoding, String table,
                      List<String> columns, boolean ignoreUnknownColumns, BinaryEncoding binaryEncoding) {
        this(dialectName, delimiter, quote, escape, header, skipLines, nullStrings, emptyAsNull, encoding, table, columns,
                ignoreUnknownColumns, binaryEncoding, false);
    }

    public CsvOptions withLoadData(boolean on) {
        return new CsvOptions(dialectName, delimiter, quote, escape, header, skipLines, nullStrings, emptyAsNull,
                encoding, table, columns, ignoreUnknownColumns, binaryEncoding, on, createTable);
    }

    public CsvOptions withCreateTable(boolean on) {
        return new CsvOptions(dialectName, delimiter, quote, escape, header, skipLines, nullStrings, emptyAsNull,
                encoding, table, columns, ignoreUnknownColumns, binaryEncoding, loadData, on);
    }

    public enum BinaryEncoding {
        HEX, BASE64, RAW;

        public static BinaryEncoding parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "hex" -> HEX;
                case "base64" -> BASE64;
                case "raw" -> RAW;
                default -> throw new IllegalArgumentException("--binary-encoding takes hex, base64 or raw, not '" + s + "'");
            };
        }
    }

    public CsvOptions {
        columns = List.copyOf(columns);
        nullStrings = Set.copyOf(nullStrings);
        if (skipLines < 0) {
            throw new IllegalArgumentException("--skip-lines can't be negative");
        }
        if (dialectName != null) {
            CsvDialect.named(dialectName); // fails fast, listing the names
        }
    }

    /** RFC 4180 CSV with a header (or as the extension says), UTF-8, table named after the file, binary in hex. */
    public static CsvOptions defaults() {
        return new CsvOptions(null, null, null, null, null, 0, Set.of(), false, StandardCharsets.UTF_8, null,
                List.of(), false, null);
    }

    /** The binary encoding in force for a dialect: as given, or raw for LOAD DATA text and hex otherwise. */
    public BinaryEncoding binaryEncoding(CsvDialect d) {
        if (binaryEncoding != null) {
            return binaryEncoding;
        }
        return d.equals(CsvDialect.mysql()) || (d.escape() != null && d.quote() == null && d.delimiter() == '\t'
                && d.nullStrings().contains("\\N")) ? BinaryEncoding.RAW : BinaryEncoding.HEX;
    }

    /** The dialect for a file whose extension suggests {@code byExtension} (csv, tsv, mysql; null for none). */
    public CsvDialect dialect(String byExtension) {
        String name = dialectName != null ? dialectName : byExtension != null ? byExtension : "csv";
        CsvDialect d = CsvDialect.named(name);
        if (delimiter != null) {
            d = d.withDelimiter(delimiter);
        }
        if (quote != null) {
            d = d.withQuote(quote.isEmpty() ? null : quote.charAt(0));
        }
        if (escape != null) {
            d = d.withEscape(escape.isEmpty() ? null : escape.charAt(0));
        }
        if (header != null) {
            d = d.withHeader(header);
        } else if (!columns.isEmpty()) {
            d = d.withHeader(false);
        }
        if (skipLines > 0) {
            d = d.withSkipLines(skipLines);
        }
        if (!nullStrings.isEmpty()) {
            java.util.Set<String> all = new java.util.HashSet<>(d.nullStrings());
            all.addAll(nullStrings);
            d = d.withNullStrings(all);
        }
        if (emptyAsNull) {
            d = d.withEmptyAsNull(true);
        }
        return d;
    }

    /** The table a file loads into: --table, or the file's name without its extensions. */
    public String tableFor(String fileName) {
        if (table != null) {
            return table;
        }
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        int dot = base.indexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
