package dev.packload.loader.feed;

import dev.packload.formats.csv.CsvDialect;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How delimited text is read and mapped to a table. The dialect is a named base ({@code --format}, else the file's
 * extension, else CSV) with the user's overrides applied on top. Built once by a {@link Builder} that starts from
 * {@link #defaults()} and checks every value (a bad one fails with the option's name); unchangeable after.
 */
public final class CsvOptions {

    /** Records sampled to infer a table. */
    public static final int SAMPLE_RECORDS = 10_000;

    /** How binary columns are written in the file ({@code --binary-encoding}). */
    public enum BinaryEncoding {
        HEX, BASE64, RAW
    }

    private final String dialectName;
    private final Character delimiter;
    private final String quote;
    private final String escape;
    private final Boolean header;
    private final int skipLines;
    private final Set<String> nullStrings;
    private final boolean emptyAsNull;
    private final Charset encoding;
    private final String table;
    private final List<String> columns;
    private final boolean ignoreUnknownColumns;
    private final BinaryEncoding binaryEncoding;
    private final boolean loadData;
    private final boolean createTable;
    private final boolean rawText;

    private CsvOptions(Builder b, Character delimiter, Charset encoding, BinaryEncoding binaryEncoding,
                       boolean loadData) {
        this.dialectName = b.dialectName;
        this.delimiter = delimiter;
        this.quote = b.quote;
        this.escape = b.escape;
        this.header = b.header;
        this.skipLines = b.skipLines;
        this.nullStrings = Set.copyOf(b.nullStrings);
        this.emptyAsNull = b.emptyAsNull;
        this.encoding = encoding;
        this.table = b.table;
        this.columns = List.copyOf(b.columns);
        this.ignoreUnknownColumns = b.ignoreUnknownColumns;
        this.binaryEncoding = binaryEncoding;
        this.loadData = loadData;
        this.createTable = b.createTable;
        this.rawText = b.rawText;
    }

    /** RFC 4180 CSV with a header (or as the extension says), UTF-8, table named after the file, binary in hex. */
    public static CsvOptions defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The file's character encoding; invalid bytes reject the row, never replaced ({@code --encoding}). */
    public Charset encoding() {
        return encoding;
    }

    /** Column names for files without a header, or to override it ({@code --columns}); empty when not given. */
    public List<String> columns() {
        return columns;
    }

    /** Leave out file columns the table lacks, and let missing ones take their defaults. */
    public boolean ignoreUnknownColumns() {
        return ignoreUnknownColumns;
    }

    /**
     * How binary columns are written in the file, or null: raw bytes for the mysql (LOAD DATA text) dialect, as
     * SELECT ... INTO OUTFILE and mysqldump --tab write them, hex for the others (see {@link #binaryEncoding(CsvDialect)}).
     */
    public BinaryEncoding binaryEncoding() {
        return binaryEncoding;
    }

    /** {@code --method load-data}: stream the file with LOAD DATA LOCAL INFILE when possible. */
    public boolean loadData() {
        return loadData;
    }

    /** {@code --create-table}: create a missing table from a sample of the file. */
    public boolean createTable() {
        return createTable;
    }

    /**
     * Text fields are bytes to store as they are, unchecked and not converted (LOAD DATA's {@code CHARACTER SET
     * binary}, and what a mydumper {@code .dat} file holds: raw column bytes written under {@code SET NAMES binary}).
     * Only with raw binary encoding, where the file is read byte for byte.
     */
    public boolean rawText() {
        return rawText;
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

    /** Collects the options; {@link #build()} checks them all. Text values are taken as the command line gives them. */
    public static final class Builder {
        private String dialectName;
        private String delimiter;
        private String quote;
        private String escape;
        private Boolean header;
        private int skipLines;
        private Set<String> nullStrings = Set.of();
        private boolean emptyAsNull;
        private String encoding = StandardCharsets.UTF_8.name();
        private String table;
        private List<String> columns = List.of();
        private boolean ignoreUnknownColumns;
        private String binaryEncoding;
        private String method = "insert";
        private boolean createTable;
        private boolean rawText;

        private Builder() {
        }

        /** csv, excel, tsv or mysql; null (the default) to go by the file's extension. */
        public Builder dialect(String name) {
            dialectName = name;
            return this;
        }

        /** The field separator ({@code \t} or {@code tab} for a tab), or null for the dialect's. */
        public Builder delimiter(String c) {
            delimiter = c;
            return this;
        }

        /** The quote character ("" for none), or null for the dialect's. */
        public Builder quote(String c) {
            quote = c;
            return this;
        }

        /** The escape character ("" for none), or null for the dialect's. */
        public Builder escape(String c) {
            escape = c;
            return this;
        }

        /** Whether the first record is a header, or null for the dialect's default. */
        public Builder header(Boolean on) {
            header = on;
            return this;
        }

        public Builder skipLines(int n) {
            skipLines = n;
            return this;
        }

        /** Unquoted field values that mean NULL, besides the dialect's own. */
        public Builder nullStrings(Set<String> values) {
            nullStrings = values;
            return this;
        }

        public Builder emptyAsNull(boolean on) {
            emptyAsNull = on;
            return this;
        }

        /** A character set name Java knows (default UTF-8). */
        public Builder encoding(String charset) {
            encoding = charset;
            return this;
        }

        public Builder encoding(Charset charset) {
            return encoding(charset.name());
        }

        /** The target table, or null for the file's base name. */
        public Builder table(String name) {
            table = name;
            return this;
        }

        public Builder columns(List<String> names) {
            columns = names;
            return this;
        }

        public Builder ignoreUnknownColumns(boolean on) {
            ignoreUnknownColumns = on;
            return this;
        }

        /** hex, base64 or raw; null for the dialect's default. */
        public Builder binaryEncoding(String name) {
            binaryEncoding = name;
            return this;
        }

        public Builder binaryEncoding(BinaryEncoding e) {
            return binaryEncoding(e == null ? null : e.name());
        }

        /** insert (the default) or load-data. */
        public Builder method(String name) {
            method = name;
            return this;
        }

        public Builder createTable(boolean on) {
            createTable = on;
            return this;
        }

        /** See {@link CsvOptions#rawText()}. */
        public Builder rawText(boolean on) {
            rawText = on;
            return this;
        }

        /** @throws IllegalArgumentException naming the option whose value cannot be used */
        public CsvOptions build() {
            Character d = null;
            if (delimiter != null) {
                String v = delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab") ? "\t" : delimiter;
                if (v.length() != 1) {
                    throw new IllegalArgumentException("--delimiter takes one character, not '" + delimiter + "'");
                }
                d = v.charAt(0);
            }
            Charset cs;
            try {
                cs = Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--encoding: unknown character set '" + encoding + "'");
            }
            BinaryEncoding be = binaryEncoding == null ? null : switch (binaryEncoding.toLowerCase(Locale.ROOT)) {
                case "hex" -> BinaryEncoding.HEX;
                case "base64" -> BinaryEncoding.BASE64;
                case "raw" -> BinaryEncoding.RAW;
                default -> throw new IllegalArgumentException("--binary-encoding takes hex, base64 or raw, not '"
                        + binaryEncoding + "'");
            };
            boolean viaLoadData = switch (method.toLowerCase(Locale.ROOT)) {
                case "insert" -> false;
                case "load-data" -> true;
                default -> throw new IllegalArgumentException("--method takes insert or load-data, not '" + method + "'");
            };
            if (skipLines < 0) {
                throw new IllegalArgumentException("--skip-lines can't be negative");
            }
            if (dialectName != null) {
                CsvDialect.named(dialectName); // fails fast, listing the names
            }
            return new CsvOptions(this, d, cs, be, viaLoadData);
        }
    }
}
