package dev.packload.formats.csv;

import java.util.Locale;
import java.util.Set;

/**
 * A delimited-text dialect: how {@link CsvReader} splits text into records and fields, and which fields are SQL
 * NULL. Start from a preset and change it with the {@code with...} methods; every instance is validated when it is
 * made, so a bad combination fails at once.
 *
 * <p>Line ends: with {@code recordSeparator == null} a record ends at CRLF, LF or a lone CR (as commons-csv reads
 * them); {@code "\n"} ends records only at LF, so a CR is data (MySQL's {@code LINES TERMINATED BY '\n'});
 * {@code "\r\n"} ends them only at CRLF, so a lone CR or LF is data. Line ends inside quotes or after the escape
 * character are always data.
 *
 * <p>Escapes follow MySQL's {@code FIELDS ESCAPED BY} rules in every dialect that has an escape character:
 * {@code \0} NUL, {@code \b} backspace, {@code \n} LF, {@code \r} CR, {@code \t} tab, {@code \Z} 0x1A, and any
 * other escaped character stands for itself (so an escaped delimiter, quote, escape or line end is data). A field
 * that is exactly {@code \N} is NULL (MySQL's rule: the field decodes to the one character {@code N} produced by
 * the escape; this holds inside quotes too); elsewhere {@code \N} is just {@code N}.
 *
 * @param delimiter         separates fields
 * @param quote             encloses fields that contain delimiters, quotes or line ends ({@code ""} inside is one
 *                          quote), or null for none
 * @param escape            the escape character, or null for none
 * @param recordSeparator   null (CRLF, LF or CR), {@code "\n"} or {@code "\r\n"}; see above
 * @param header            the first record (after {@code skipLines}) holds column names
 * @param skipLines         physical lines to skip at the start, before the header
 * @param nullStrings       unquoted field values that mean NULL, such as {@code NULL}; a quoted one is a string
 * @param emptyAsNull       an unquoted empty field is NULL (a quoted {@code ""} stays an empty string)
 * @param trailingDelimiter lines end with a delimiter: the empty unquoted field after it is dropped
 */
public record CsvDialect(char delimiter, Character quote, Character escape, String recordSeparator, boolean header,
                         int skipLines, Set<String> nullStrings, boolean emptyAsNull, boolean trailingDelimiter) {

    /** The names {@link #named(String)} knows. */
    public static final Set<String> NAMES = Set.of("csv", "rfc4180", "excel", "tsv", "mysql");

    /**
     * Characters the reader uses internally: U+FFFD stands in for bytes that are not valid in the input's
     * encoding, U+FDD0 for line-end characters that are data.
     */
    private static final String RESERVED = "\ufffd\ufdd0";

    public CsvDialect {
        check("delimiter", delimiter);
        if (quote != null) {
            check("quote", quote);
        }
        if (escape != null) {
            check("escape", escape);
        }
        if (quote != null && quote == delimiter) {
            throw new IllegalArgumentException("the quote and the delimiter are the same character: " + show(delimiter));
        }
        if (escape != null && escape == delimiter) {
            throw new IllegalArgumentException("the escape and the delimiter are the same character: " + show(delimiter));
        }
        if (quote != null && quote.equals(escape)) {
            throw new IllegalArgumentException("the quote and the escape are the same character: " + show(quote)
                    + " (a doubled quote already stands for one quote)");
        }
        if (recordSeparator != null && !recordSeparator.equals("\n") && !recordSeparator.equals("\r\n")) {
            throw new IllegalArgumentException("record separator must be \\n, \\r\\n or null (any of CRLF, LF, CR), not "
                    + show(recordSeparator));
        }
        if (skipLines < 0) {
            throw new IllegalArgumentException("skipLines must not be negative: " + skipLines);
        }
        nullStrings = nullStrings == null ? Set.of() : Set.copyOf(nullStrings);
    }

    private static void check(String what, char c) {
        if (c == '\r' || c == '\n') {
            throw new IllegalArgumentException("the " + what + " cannot be a line-end character");
        }
        if (RESERVED.indexOf(c) >= 0 || Character.isSurrogate(c)) {
            throw new IllegalArgumentException("the " + what + " cannot be " + show(c) + " (reserved by the reader)");
        }
    }

    /** RFC 4180: comma, double quotes, no escape, CRLF or LF lines, a header line, no NULL strings. */
    public static CsvDialect rfc4180() {
        return new CsvDialect(',', '"', null, null, true, 0, Set.of(), false, false);
    }

    /**
     * What Excel writes with "Save as CSV": read with the same rules as {@link #rfc4180()} (Excel quotes cells that
     * hold commas, quotes or line breaks, and ends lines with CRLF).
     */
    public static CsvDialect excel() {
        return rfc4180();
    }

    /** Tab-separated values: tab, no quoting, no escape, CRLF or LF lines, a header line. */
    public static CsvDialect tsv() {
        return new CsvDialect('\t', null, null, null, true, 0, Set.of(), false, false);
    }

    /**
     * MySQL's text format, as {@code LOAD DATA} reads it by default and {@code SELECT ... INTO OUTFILE} and
     * {@code mysqldump --tab} write it: {@code FIELDS TERMINATED BY '\t' ENCLOSED BY '' ESCAPED BY '\\' LINES
     * TERMINATED BY '\n'}, no header, {@code \N} is NULL. For {@code ENCLOSED BY '"'} files use
     * {@code withQuote('"')}, and {@code withNullStrings(Set.of("NULL"))} to read an unquoted {@code NULL} as MySQL
     * does then.
     */
    public static CsvDialect mysql() {
        return new CsvDialect('\t', null, '\\', "\n", false, 0, Set.of(), false, false);
    }

    /**
     * A preset by name: {@code csv} (= {@code rfc4180}), {@code rfc4180}, {@code excel}, {@code tsv} or {@code mysql},
     * in any case.
     *
     * @throws IllegalArgumentException for any other name, listing the known ones
     */
    public static CsvDialect named(String name) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "csv", "rfc4180" -> rfc4180();
            case "excel" -> excel();
            case "tsv" -> tsv();
            case "mysql" -> mysql();
            default -> throw new IllegalArgumentException("unknown text format '" + name
                    + "': expected one of csv, rfc4180, excel, tsv, mysql");
        };
    }

    public CsvDialect withDelimiter(char delimiter) {
        return new CsvDialect(delimiter, quote, escape, recordSeparator, header, skipLines, nullStrings, emptyAsNull,
                trailingDelimiter);
    }

    public CsvDialect withQuote(Character quote) {
        return new CsvDialect(delimiter, quote, escape, recordSeparator, header, skipLines, nullStrings, emptyAsNull,
                trailingDelimiter);
    }

    public CsvDialect withEscape(Character escape) {
        return new CsvDialect(delimiter, quote, escape, recordSeparator, header, skipLines, nullStrings, emptyAsNull,
                trailingDelimiter);
    }

    public CsvDialect withRecordSeparator(String recordSeparator) {
        return new CsvDialect(delimiter, quote, escape, recordSeparator, header, skipLines, nullStrings, emptyAsNull,
                trailingDelimiter);
    }

    public CsvDialect withHeader(boolean header) {
        return new CsvDialect(delimiter, quote, escape, recordSeparator, header, skipLines, nullStrings, emptyAsNull,
                trailingDelimiter);
    }

    public CsvDialect withSkipLines(int skipLines) {
        return new CsvDialect(delimiter, quote, escape, recordSeparator, header, skipLines, nullStrings, emptyAsNull,
                trailingDelimiter);
    }

    public CsvDialect withNullStrings(Set<String> nullStrings) {
        return new CsvDialect(delimiter, quote, escape, recordSeparator, header, skipLines, nullStrings, emptyAsNull,
                trailingDelimiter);
    }

    public CsvDialect withEmptyAsNull(boolean emptyAsNull) {
        return new CsvDialect(delimiter, quote, escape, recordSeparator, header, skipLines, nullStrings, emptyAsNull,
                trailingDelimiter);
    }

    public CsvDialect withTrailingDelimiter(boolean trailingDelimiter) {
        return new CsvDialect(delimiter, quote, escape, recordSeparator, header, skipLines, nullStrings, emptyAsNull,
                trailingDelimiter);
    }

    private static String show(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static String show(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
