package dev.packload.formats.csv;

import dev.packload.formats.sql.MysqlEscapes;
import java.util.Arrays;

/**
 * Splits one record's original text into fields, with commons-csv's quoting rules and MySQL's escape rules, and
 * says for each field whether it was quoted and whether it was MySQL's {@code \N}.
 *
 * <p>commons-csv keeps an unknown escape as written ({@code \N} stays {@code \N}, {@code \0} stays {@code \0}), so
 * after it {@code \N} and {@code \\N} look the same, as do {@code \0} and {@code \\0}; it turns {@code \f} into a form
 * feed where MySQL reads {@code f}; and it does not say which fields were quoted. So the reader takes commons-csv's
 * fields only for records where none of that matters, and decodes the others here. The record's boundaries always
 * come from commons-csv, which has checked its syntax: this class does not report errors.
 */
final class FieldDecoder {
    private final char delimiter;
    private final int quote;
    private final int escape;
    /** The field being decoded: never longer than the record text. */
    private char[] buf = new char[256];
    private int n;
    private boolean sawN;

    String[] values = new String[16];
    boolean[] quoted = new boolean[16];
    /** The field was exactly MySQL's {@code \N}: it decoded to the single {@code N} of that escape. */
    boolean[] escapedNull = new boolean[16];
    int size;

    FieldDecoder(CsvDialect dialect) {
        this.delimiter = dialect.delimiter();
        this.quote = dialect.quote() == null ? -1 : dialect.quote();
        this.escape = dialect.escape() == null ? -1 : dialect.escape();
    }

    /** Decodes the record text {@code c[from, to)} (without its line end). */
    void decode(char[] c, int from, int to) {
        decode(c, from, to, null);
    }

    /**
     * As {@link #decode(char[], int, int)}; {@code parsed}, when not null, holds commons-csv's values for the same
     * record, whose strings are taken as they are for unquoted fields without escapes (saving a copy).
     */
    void decode(char[] c, int from, int to, String[] parsed) {
        size = 0;
        if (buf.length < to - from) {
            buf = new char[Math.max(to - from, 2 * buf.length)];
        }
        int i = from;
        while (true) {
            boolean q = false;
            String value;
            n = 0;
            sawN = false;
            if (i < to && c[i] == quote) {
                q = true;
                i = quoted(c, i + 1, to);
                value = new String(buf, 0, n);
                // only whitespace can follow the closing quote (commons-csv checked)
                while (i < to && c[i] != delimiter) {
                    i++;
                }
            } else {
                int start = i;
                while (i < to && c[i] != delimiter && c[i] != escape) {
                    i++;
                }
                if (i == to || c[i] == delimiter) {
                    String p = parsed != null && size < parsed.length ? parsed[size] : null;
                    value = p != null && p.length() == i - start ? p : i == start ? "" : new String(c, start, i - start);
                } else {
                    copy(c, start, i);
                    i = unquotedRest(c, i, to);
                    value = new String(buf, 0, n);
                }
            }
            add(value, q, sawN && value.length() == 1);
            if (i < to) {
                i++; // the delimiter
            } else {
                return;
            }
        }
    }

    /** The rest of an unquoted field from an escape character at i; returns where the field ends. */
    private int unquotedRest(char[] c, int i, int to) {
        while (i < to) {
            char ch = c[i];
            if (ch == delimiter) {
                return i;
            }
            if (ch == escape && i + 1 < to) {
                escaped(c[i + 1]);
                i += 2;
                continue;
            }
            int start = i++;
            while (i < to && c[i] != delimiter && c[i] != escape) {
                i++;
            }
            copy(c, start, i);
        }
        return i;
    }

    /** A quoted field's content from just after the opening quote; returns the index after the closing quote. */
    private int quoted(char[] c, int i, int to) {
        while (i < to) {
            char ch = c[i];
            if (ch == escape && i + 1 < to) {
                escaped(c[i + 1]);
                i += 2;
            } else if (ch == quote) {
                if (i + 1 < to && c[i + 1] == quote) {
                    buf[n++] = ch;
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                int start = i++;
                while (i < to && c[i] != quote && c[i] != escape) {
                    i++;
                }
                copy(c, start, i);
            }
        }
        return i;
    }

    private void escaped(char e) {
        sawN |= e == 'N';
        buf[n++] = MysqlEscapes.unescape(e);
    }

    private void copy(char[] c, int from, int to) {
        System.arraycopy(c, from, buf, n, to - from);
        n += to - from;
    }

    private void add(String value, boolean q, boolean escNull) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            quoted = Arrays.copyOf(quoted, size * 2);
            escapedNull = Arrays.copyOf(escapedNull, size * 2);
        }
        values[size] = value;
        quoted[size] = q;
        escapedNull[size] = escNull;
        size++;
    }
}
