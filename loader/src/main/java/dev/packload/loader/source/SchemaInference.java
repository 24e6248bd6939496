package dev.packload.loader.source;

import dev.packload.formats.csv.CsvDialect;
import dev.packload.formats.csv.CsvHandler;
import dev.packload.formats.csv.CsvReader;
import dev.packload.formats.csv.CsvRecord;
import dev.packload.loader.pipeline.TableRef;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Infers a table from a sample of delimited text ({@code --create-table}, {@code packload inspect file.csv}): per
 * column the narrowest of INT, BIGINT, DECIMAL(p,s), DOUBLE, DATE, DATETIME(n), VARCHAR(n), TEXT, MEDIUMTEXT and
 * LONGTEXT that holds every sampled value, NOT NULL when the sample has no NULL, and the largest value in bytes.
 */
public final class SchemaInference {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d*)\\.(\\d+)|[+-]?(\\d+)\\.");
    private static final Pattern DOUBLE = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATETIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(\\.(\\d{1,6}))?");
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** What the sample says about one column. */
    public static final class Column {
        final String name;
        boolean nullable;
        boolean seen;
        boolean integer = true;
        boolean bigint;
        boolean decimal = true;
        int intDigits;
        int scale;
        boolean dbl = true;
        boolean date = true;
        boolean datetime = true;
        int fsp;
        long maxChars;
        long maxBytes;

        Column(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public long maxBytes() {
            return maxBytes;
        }

        /** The SQL type for what was seen. */
        public String type() {
            if (!seen) {
                return "VARCHAR(255)";
            }
            if (integer) {
                return bigint ? "BIGINT" : "INT";
            }
            if (decimal && intDigits + scale <= 65 && scale <= 30) {
                return "DECIMAL(" + Math.max(1, intDigits + scale) + "," + scale + ")";
            }
            if (dbl) {
                return "DOUBLE";
            }
            if (date) {
                return "DATE";
            }
            if (datetime) {
                return fsp > 0 ? "DATETIME(" + fsp + ")" : "DATETIME";
            }
            if (maxChars <= 255) {
                return "VARCHAR(" + Math.max(1, roundUp(maxChars)) + ")";
            }
            if (maxBytes <= 65_535) {
                return "TEXT";
            }
            return maxBytes <= 16_777_215 ? "MEDIUMTEXT" : "LONGTEXT";
        }

        public boolean nullable() {
            return nullable || !seen;
        }

        private static long roundUp(long n) {
            return n <= 16 ? 16 : Math.min(255, (n + 31) / 32 * 32);
        }

        void add(String v) {
            if (v == null) {
                nullable = true;
                return;
            }
            seen = true;
            maxChars = Math.max(maxChars, v.codePointCount(0, v.length()));
            maxBytes = Math.max(maxBytes, v.getBytes(StandardCharsets.UTF_8).length);
            String t = v.trim();
            if (integer) {
                if (INTEGER.matcher(t).matches()) {
                    BigInteger b = new BigInteger(t.startsWith("+") ? t.substring(1) : t);
                    if (b.compareTo(INT_MIN) < 0 || b.compareTo(INT_MAX) > 0) {
                        bigint = true;
                    }
                    if (b.compareTo(LONG_MIN) < 0 || b.compareTo(LONG_MAX) > 0) {
                        integer = false;
                    }
                    intDigits = Math.max(intDigits, b.abs().toString().length());
                } else {
                    integer = false;
                }
            }
            if (!integer && decimal) {
                var m = DECIMAL.matcher(t);
                if (m.matches()) {
                    String ip = m.group(1) != null ? m.group(1) : m.group(3);
                    String fp = m.group(2) != null ? m.group(2) : "";
                    intDigits = Math.max(intDigits, ip.replaceFirst("^0+(?=\\d)", "").length());
                    scale = Math.max(scale, fp.length());
                } else if (!INTEGER.matcher(t).matches()) {
                    decimal = false;
                }
            }
            if (dbl && !DOUBLE.matcher(t).matches()) {
                dbl = false;
            }
            if (date && !DATE.matcher(t).matches()) {
                date = false;
            }
            if (datetime) {
                var m = DATETIME.matcher(t);
                if (m.matches()) {
                    fsp = Math.max(fsp, m.group(2) == null ? 0 : m.group(2).length());
                } else if (!DATE.matcher(t).matches()) {
                    datetime = false;
                }
            }
            if (integer) {
                // a column of integers is not a date
                date = false;
                datetime = false;
            }
        }
    }

    private final List<Column> columns = new ArrayList<>();
    private long sampled;

    public List<Column> columns() {
        return columns;
    }

    public long sampled() {
        return sampled;
    }

    /** Reads up to {@code maxRecords} records (0: all) of the input. */
    public static SchemaInference sample(InputStream in, String source, CsvDialect dialect, Charset encoding,
                                         List<String> names, long maxRecords) throws IOException {
        SchemaInference s = new SchemaInference();
        names.forEach(n -> s.columns.add(new Column(n)));
        CsvReader reader = new CsvReader(in, source, dialect, encoding);
        reader.read(new CsvHandler() {
            @Override
            public void header(List<String> header) {
                if (s.columns.isEmpty()) {
                    header.forEach(n -> s.columns.add(new Column(n.trim())));
                }
            }

            @Override
            public void record(CsvRecord r) {
                if (s.columns.isEmpty()) {
                    for (int i = 0; i < r.size(); i++) {
                        s.columns.add(new Column("c" + (i + 1)));
                    }
                }
                if (r.invalidEncoding() != null || r.size() != s.columns.size()) {
                    return; // the load rejects such records; they say nothing about the types
                }
                for (int i = 0; i < r.size(); i++) {
                    s.columns.get(i).add(r.isNull(i) ? null : r.get(i));
                }
                if (++s.sampled == maxRecords) {
                    reader.stop(); // the sample is complete
                }
            }
        });
        return s;
    }

    /** {@code CREATE TABLE} for the inferred columns. */
    public String createTable(String schema, String table) {
        StringBuilder sb = new StringBuilder("CREATE TABLE ");
        if (schema != null) {
            sb.append(TableRef.quote(schema)).append('.');
        }
        sb.append(TableRef.quote(table)).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            sb.append(i == 0 ? "\n  " : ",\n  ").append(TableRef.quote(c.name())).append(' ').append(c.type())
                    .append(c.nullable() ? " NULL" : " NOT NULL");
        }
        return sb.append("\n) DEFAULT CHARSET=utf8mb4").toString();
    }
}
