package dev.packload.formats.sql;

import java.nio.charset.StandardCharsets;

/**
 * Reads the values of one tuple written in plain literals and hands each to a {@link Binder}, for a caller that binds
 * them as the parameters of a prepared statement (the loader's {@code ExecutePacket}). Plain means the forms whose
 * binary value is exactly what the text meant:
 * <ul>
 *   <li>{@code NULL};</li>
 *   <li>an integer {@code -?[0-9]+}: signed or unsigned 64 bits, as the server's lexer makes it an {@code Item_int}
 *       or {@code Item_uint}; out of that range a decimal, as the lexer makes it;</li>
 *   <li>{@code -?[0-9]+\.[0-9]+}, a decimal, but not a negative zero, whose sign the lexer drops;</li>
 *   <li>one single-quoted string, or {@code _binary '...'};</li>
 *   <li>only for a value whose column gives it one meaning: a hex literal into a {@link #BINARY_COLUMN}, a float
 *       literal with an exponent into a {@link #FLOATING_COLUMN}, a bit literal into a {@link #BIT_COLUMN}.</li>
 * </ul>
 * Anything else is refused: other introducers, {@code COLLATE}, adjacent strings, {@code DEFAULT}, expressions,
 * comments. Unlike {@link TupleValues} it reads no comments and allocates nothing: it is on the path of every row, and
 * its position stays in a local from the first value to the last, with each value handed over as it is read.
 */
public final class PlainLiterals {

    /** The most columns a table can have (MariaDB and MySQL: 4096). */
    public static final int MAX_COLUMNS = 4096;

    /** A column whose literals are taken only in the forms that mean the same everywhere. */
    public static final byte OTHER_COLUMN = 0;
    /** {@code BINARY}, {@code VARBINARY} or a {@code BLOB}: a hex literal there is a binary string. */
    public static final byte BINARY_COLUMN = 1;
    /** {@code FLOAT} or {@code DOUBLE}: a float literal there is the double it denotes. */
    public static final byte FLOATING_COLUMN = 2;
    /** {@code BIT}: a bit literal there is the bytes it denotes. */
    public static final byte BIT_COLUMN = 3;

    private static final byte[] BINARY_INTRODUCER = {'_', 'b', 'i', 'n', 'a', 'r', 'y'};

    /** Takes the values {@link #read} reads, in order; any of them may refuse a value, which stops the reading. */
    public interface Binder {
        /** {@code NULL}. */
        boolean nullValue();

        /** An integer; {@code unsigned} when it is 2^63 or more, {@code value} then in two's complement. */
        boolean integer(long value, boolean unsigned);

        /** A decimal, or an integer out of 64 bits: its text {@code b[from, to)}, sign included. */
        boolean decimal(byte[] b, int from, int to);

        /** A float literal, into a {@link #FLOATING_COLUMN}. */
        boolean real(double value);

        /**
         * A single-quoted string whose content starts at {@code b[from]}, ending before {@code end} or not at all;
         * {@code binary} for {@code _binary '...'}. Decode it with {@link Literals#unquote} (quote {@code '}).
         *
         * @return the index after its closing quote, or -1 to refuse it
         */
        int string(byte[] b, int from, int end, boolean noBackslashEscapes, boolean binary);

        /** The hex digits {@code b[from, to)} of a hex literal, into a {@link #BINARY_COLUMN}: {@link Literals#hexBytes}. */
        boolean hex(byte[] b, int from, int to);

        /** The digits {@code b[from, to)} of a bit literal, into a {@link #BIT_COLUMN}: {@link Literals#bitBytes}. */
        boolean bits(byte[] b, int from, int to);
    }

    private PlainLiterals() {
    }

    /**
     * How many top-level values the tuple holds, counted without decoding them (quotes, escapes and parentheses are
     * followed; comments are not, so a quote inside one can miscount, which reading the values then refuses); -1 when
     * it is not one parenthesised tuple or has more than {@link #MAX_COLUMNS} values.
     */
    public static int arity(byte[] b, int off, int len, boolean noBackslashEscapes) {
        int end = off + len;
        int i = skipBlank(b, off, end);
        if (i >= end || b[i] != '(') {
            return -1;
        }
        int depth = 0;
        int values = 1;
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '\'' || c == '"' || c == '`') {
                for (i++; i < end && b[i] != c; i++) {
                    if (b[i] == '\\' && !noBackslashEscapes && c != '`') {
                        i++;
                    }
                }
                if (i >= end) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth == 0) {
                    return skipBlank(b, i + 1, end) == end && values <= MAX_COLUMNS ? values : -1;
                }
            } else if (c == ',' && depth == 1) {
                values++;
            }
        }
        return -1;
    }

    /**
     * Reads the values of the tuple {@code b[off, off + len)}, parentheses included, into {@code to}.
     *
     * @param max         the most values to take
     * @param columnKinds what each value goes into ({@link #OTHER_COLUMN} ...); values past its end, or all values
     *                    when it is null, go into an {@link #OTHER_COLUMN}
     * @return how many values were read, or -1 when one is not plain, the binder refused one, there are more than
     *         {@code max}, or the text is not one tuple
     */
    public static int read(byte[] b, int off, int len, boolean noBackslashEscapes, int max, byte[] columnKinds,
                           Binder to) {
        int end = off + len;
        int i = skipBlank(b, off, end);
        if (i >= end || b[i] != '(') {
            return -1;
        }
        i++;
        for (int n = 0; ; n++) {
            i = skipBlank(b, i, end);
            if (i >= end || n == max) {
                return -1;
            }
            byte kind = columnKinds != null && n < columnKinds.length ? columnKinds[n] : OTHER_COLUMN;
            byte c = b[i];
            if (c == '\'') {
                i = to.string(b, i + 1, end, noBackslashEscapes, false);
            } else if (c == '_') {
                i = binaryString(b, i, end, noBackslashEscapes, to);
            } else if (kind == BINARY_COLUMN && isHex(b, i, end)) {
                i = hex(b, i, end, to);
            } else if (kind == BIT_COLUMN && isBits(b, i, end)) {
                i = bits(b, i, end, to);
            } else if (c == '-' || Literals.isDigit(c)) {
                i = number(b, i, end, kind == FLOATING_COLUMN, to);
            } else if (c == 'N' || c == 'n') {
                i = nullValue(b, i, end, to);
            } else {
                return -1;
            }
            if (i < 0) {
                return -1;
            }
            i = skipBlank(b, i, end);
            if (i >= end) {
                return -1;
            }
            if (b[i] == ')') {
                return skipBlank(b, i + 1, end) == end ? n + 1 : -1;
            }
            if (b[i] != ',') {
                return -1;
            }
            i++;
        }
    }

    private static int nullValue(byte[] b, int i, int end, Binder to) {
        if (end - i < 4 || (b[i + 1] | 0x20) != 'u' || (b[i + 2] | 0x20) != 'l' || (b[i + 3] | 0x20) != 'l') {
            return -1;
        }
        return to.nullValue() ? i + 4 : -1;
    }

    private static int number(byte[] b, int start, int end, boolean floating, Binder to) {
        int i = start;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        int digits = i;
        i = digitsEnd(b, i, end);
        int intEnd = i;
        if (intEnd == digits) {
            return -1;
        }
        boolean fraction = false;
        if (i < end && b[i] == '.') {
            int f = ++i;
            i = digitsEnd(b, i, end);
            if (i == f) {
                return -1;
            }
            fraction = true;
        }
        if (floating && i < end && (b[i] == 'e' || b[i] == 'E')) {
            return floatNumber(b, start, i, end, to);
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E' || b[i] == '.' || b[i] >= 'A' && b[i] <= 'z')) {
            return -1; // a float (its text is kept for some columns), or not a plain number at all
        }
        if (!fraction) {
            long v = 0;
            boolean fits = true;
            for (int k = digits; k < intEnd; k++) {
                int d = b[k] - '0';
                // v * 10 + d must stay within 2^64 - 1, compared unsigned
                if (Long.compareUnsigned(v, 0x1999999999999999L) > 0 || v == 0x1999999999999999L && d > 5) {
                    fits = false;
                    break;
                }
                v = v * 10 + d;
            }
            if (fits && (!negative || Long.compareUnsigned(v, Long.MIN_VALUE) <= 0)) {
                return to.integer(negative ? -v : v, !negative && v < 0) ? i : -1;
            }
        } else if (negative && allZero(b, digits, i)) {
            return -1; // the lexer's -0.0 is 0.0; leave it to it
        }
        return to.decimal(b, start, i) ? i : -1;
    }

    /**
     * A float literal, mantissa at {@code [start, e)} and exponent from {@code e}, as the double it denotes: Java's
     * parse and the server's are both correctly rounded, so they give the same double. An overflow (the server's
     * "Illegal double value") is refused.
     */
    private static int floatNumber(byte[] b, int start, int e, int end, Binder to) {
        int i = e + 1;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            i++;
        }
        int digits = i;
        i = digitsEnd(b, i, end);
        if (i == digits || i < end && (b[i] == '.' || b[i] >= 'A' && b[i] <= 'z')) {
            return -1;
        }
        double v = Double.parseDouble(new String(b, start, i - start, StandardCharsets.US_ASCII));
        return !Double.isInfinite(v) && to.real(v) ? i : -1;
    }

    private static int digitsEnd(byte[] b, int i, int end) {
        while (i < end && Literals.isDigit(b[i])) {
            i++;
        }
        return i;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int k = from; k < to; k++) {
            if (b[k] != '0' && b[k] != '.') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code _binary 'bytes'} (MySQL 8's mysqldump writes binary columns so); refused for any other introducer or form
     * ({@code _binary0x...}, {@code _binary b'...'}).
     */
    private static int binaryString(byte[] b, int i, int end, boolean noBackslashEscapes, Binder to) {
        if (end - i <= BINARY_INTRODUCER.length) {
            return -1;
        }
        for (int k = 1; k < BINARY_INTRODUCER.length; k++) {
            if ((b[i + k] | 0x20) != BINARY_INTRODUCER[k]) {
                return -1;
            }
        }
        int q = skipBlank(b, i + BINARY_INTRODUCER.length, end);
        if (q >= end || b[q] != '\'') {
            return -1;
        }
        return to.string(b, q + 1, end, noBackslashEscapes, true);
    }

    /** {@code 0x} followed by a hex digit, or {@code X'} / {@code x'}. */
    private static boolean isHex(byte[] b, int i, int end) {
        if (end - i < 3) {
            return false;
        }
        return b[i] == '0' && b[i + 1] == 'x' && Literals.hexValue(b[i + 2]) >= 0
                || (b[i] == 'X' || b[i] == 'x') && b[i + 1] == '\'';
    }

    /** {@code b'} / {@code B'}, or {@code 0b} followed by a bit. */
    private static boolean isBits(byte[] b, int i, int end) {
        if (end - i < 3) {
            return false;
        }
        return (b[i] == 'b' || b[i] == 'B') && b[i + 1] == '\''
                || b[i] == '0' && b[i + 1] == 'b' && (b[i + 2] == '0' || b[i + 2] == '1');
    }

    /** A hex literal: {@code 0x} with any number of digits, {@code X'...'} with an even number. */
    private static int hex(byte[] b, int i, int end, Binder to) {
        boolean quoted = b[i] != '0';
        int d = i + 2;
        int e = d;
        while (e < end && Literals.hexValue(b[e]) >= 0) {
            e++;
        }
        if (quoted) {
            if (e >= end || b[e] != '\'' || (e - d) % 2 != 0) {
                return -1;
            }
        } else if (e < end && (b[e] >= 'A' && b[e] <= 'z' || Literals.isDigit(b[e]) || b[e] == '$')) {
            return -1; // 0x12g is an identifier, not a literal
        }
        return to.hex(b, d, e) ? (quoted ? e + 1 : e) : -1;
    }

    /** A bit literal: {@code b'...'} or {@code 0b...}. */
    private static int bits(byte[] b, int i, int end, Binder to) {
        boolean quoted = b[i] != '0';
        int d = i + 2;
        int e = d;
        while (e < end && (b[e] == '0' || b[e] == '1')) {
            e++;
        }
        if (quoted ? e >= end || b[e] != '\'' : e < end && (b[e] >= 'A' && b[e] <= 'z' || Literals.isDigit(b[e]))) {
            return -1;
        }
        return to.bits(b, d, e) ? (quoted ? e + 1 : e) : -1;
    }

    /** Skips the blanks a dump puts between values: space, LF, tab and CR. */
    private static int skipBlank(byte[] b, int i, int end) {
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }
}
