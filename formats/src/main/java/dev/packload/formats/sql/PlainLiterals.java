package dev.packload.formats.sql;

import java.nio.charset.StandardCharsets;

/**
 * Reads the values of one tuple written in plain literals, one at a time, for a caller that binds each as a parameter
 * of a prepared statement (the loader's {@code ExecutePacket}). Plain means the forms whose binary value is exactly
 * what the text meant:
 * <ul>
 *   <li>{@code NULL} ({@link #NULL});</li>
 *   <li>an integer {@code -?[0-9]+} ({@link #INTEGER}: signed or unsigned 64 bits, as the server's lexer makes it an
 *       {@code Item_int} or {@code Item_uint}; out of that range a {@link #DECIMAL});</li>
 *   <li>{@code -?[0-9]+\.[0-9]+} ({@link #DECIMAL}), but not a negative zero, whose sign the lexer drops;</li>
 *   <li>one single-quoted string ({@link #STRING}) or {@code _binary '...'} ({@link #BINARY_STRING});</li>
 *   <li>where the caller asks for them ({@link #HEX}, {@link #BITS}, {@link #FLOAT}): a hex literal
 *       ({@link #HEX_BYTES}), a bit literal ({@link #BIT_BYTES}), a float literal with an exponent ({@link #DOUBLE}).
 *       </li>
 * </ul>
 * Anything else is {@link #REFUSED}: other introducers, {@code COLLATE}, adjacent strings, {@code DEFAULT},
 * expressions, comments. Unlike {@link TupleValues} it reads no comments and allocates nothing: it is on the path of
 * every row.
 *
 * <p>Use: {@link #open}, then for each value {@link #next} and, for a string, {@link #stringInto} or, for hex and bit
 * literals, {@link #bytesInto}; then {@link #afterValue} says whether another value follows.
 */
public final class PlainLiterals {

    /** The most columns a table can have (MariaDB and MySQL: 4096). */
    public static final int MAX_COLUMNS = 4096;

    /** A form {@link #next} reads only when asked: a hex literal, {@code 0x0AFF} or {@code X'0AFF'}. */
    public static final int HEX = 1;
    /** A form {@link #next} reads only when asked: a bit literal, {@code b'101'} or {@code 0b101}. */
    public static final int BITS = 2;
    /** A form {@link #next} reads only when asked: a float literal with an exponent, {@code 1.5e-7}. */
    public static final int FLOAT = 4;

    /** What {@link #next} read: no plain literal. */
    public static final int REFUSED = 0;
    public static final int NULL = 1;
    /** {@link #integer()}, unsigned when {@link #unsigned()}. */
    public static final int INTEGER = 2;
    /** The text {@code [from(), to())}. */
    public static final int DECIMAL = 3;
    /** {@link #real()}. */
    public static final int DOUBLE = 4;
    /** A string: read its bytes with {@link #stringInto} before anything else. */
    public static final int STRING = 5;
    /** A {@code _binary} string: read its bytes with {@link #stringInto} before anything else. */
    public static final int BINARY_STRING = 6;
    /** {@link #byteLength()} bytes, written by {@link #bytesInto}. */
    public static final int HEX_BYTES = 7;
    /** {@link #byteLength()} bytes, written by {@link #bytesInto}. */
    public static final int BIT_BYTES = 8;

    private static final byte[] BINARY_INTRODUCER = {'_', 'b', 'i', 'n', 'a', 'r', 'y'};

    private byte[] b;
    private int end;
    private boolean noBackslashEscapes;
    private int i;
    private int read;
    private int from;
    private int to;
    private long integer;
    private boolean unsigned;
    private double real;

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

    /** Starts reading the tuple {@code b[off, off + len)}; false when it does not start with {@code (}. */
    public boolean open(byte[] b, int off, int len, boolean noBackslashEscapes) {
        this.b = b;
        this.end = off + len;
        this.noBackslashEscapes = noBackslashEscapes;
        i = skipBlank(b, off, end);
        if (i >= end || b[i] != '(') {
            return false;
        }
        i++;
        return true;
    }

    /**
     * Reads the next value.
     *
     * @param forms the forms taken beyond the plain ones, as {@link #HEX}, {@link #BITS} and {@link #FLOAT} bits
     * @return what was read, {@link #NULL} to {@link #BIT_BYTES}, or {@link #REFUSED}
     */
    public int next(int forms) {
        read = REFUSED;
        i = skipBlank(b, i, end);
        if (i >= end) {
            return REFUSED;
        }
        byte c = b[i];
        if (c == '\'') {
            i++;
            read = STRING;
        } else if (c == '_') {
            read = binaryIntroducer() ? BINARY_STRING : REFUSED;
        } else if ((forms & HEX) != 0 && isHex()) {
            read = hex();
        } else if ((forms & BITS) != 0 && isBits()) {
            read = bits();
        } else if (c == '-' || Literals.isDigit(c)) {
            read = number((forms & FLOAT) != 0);
        } else if (c == 'N' || c == 'n') {
            read = nullWord();
        }
        return read;
    }

    /** An {@link #INTEGER}'s value, two's complement when {@link #unsigned()}. */
    public long integer() {
        return integer;
    }

    /** An {@link #INTEGER} of 2^63 or more, which the server takes as unsigned. */
    public boolean unsigned() {
        return unsigned;
    }

    /** A {@link #DOUBLE}'s value. */
    public double real() {
        return real;
    }

    /** Where a {@link #DECIMAL}'s text starts. */
    public int from() {
        return from;
    }

    /** Where a {@link #DECIMAL}'s text ends. */
    public int to() {
        return to;
    }

    /** Bytes not read yet: a bound on the length of the string just read by {@link #next}. */
    public int remaining() {
        return end - i;
    }

    /**
     * Decodes the {@link #STRING} or {@link #BINARY_STRING} {@link #next} just read into {@code out} at {@code o},
     * which needs room for {@link #remaining()} bytes; returns the index after it, or -1 when it does not close.
     */
    public int stringInto(byte[] out, int o) {
        long r = Literals.unquote(b, i, end, (byte) '\'', noBackslashEscapes, out, o);
        if (r < 0) {
            return -1;
        }
        i = Literals.inputEnd(r);
        return Literals.outputEnd(r);
    }

    /** How many bytes the {@link #HEX_BYTES} or {@link #BIT_BYTES} just read denote. */
    public int byteLength() {
        return read == HEX_BYTES ? Literals.hexLength(from, to) : Literals.bitLength(from, to);
    }

    /** Writes the bytes of the {@link #HEX_BYTES} or {@link #BIT_BYTES} just read; returns the index after them. */
    public int bytesInto(byte[] out, int o) {
        return read == HEX_BYTES ? Literals.hexBytes(b, from, to, out, o) : Literals.bitBytes(b, from, to, out, o);
    }

    /**
     * After a value: 1 when a comma and another value follow, 0 when the tuple ends there (with nothing but blanks
     * after it), -1 for anything else.
     */
    public int afterValue() {
        i = skipBlank(b, i, end);
        if (i >= end) {
            return -1;
        }
        if (b[i] == ')') {
            return skipBlank(b, i + 1, end) == end ? 0 : -1;
        }
        if (b[i] != ',') {
            return -1;
        }
        i++;
        return 1;
    }

    private int nullWord() {
        if (end - i < 4 || (b[i + 1] | 0x20) != 'u' || (b[i + 2] | 0x20) != 'l' || (b[i + 3] | 0x20) != 'l') {
            return REFUSED;
        }
        i += 4;
        return NULL;
    }

    private int number(boolean floating) {
        int start = i;
        int p = i;
        boolean negative = b[p] == '-';
        if (negative) {
            p++;
        }
        int digits = p;
        p = digitsEnd(p);
        int intEnd = p;
        if (intEnd == digits) {
            return REFUSED;
        }
        boolean fraction = false;
        if (p < end && b[p] == '.') {
            int f = ++p;
            p = digitsEnd(p);
            if (p == f) {
                return REFUSED;
            }
            fraction = true;
        }
        if (floating && p < end && (b[p] == 'e' || b[p] == 'E')) {
            return floatNumber(start, p);
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E' || b[p] == '.' || b[p] >= 'A' && b[p] <= 'z')) {
            return REFUSED; // a float (its text is kept for some columns), or not a plain number at all
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
                integer = negative ? -v : v;
                unsigned = !negative && v < 0;
                i = p;
                return INTEGER;
            }
        } else if (negative && allZero(digits, p)) {
            return REFUSED; // the lexer's -0.0 is 0.0; leave it to it
        }
        from = start;
        to = p;
        i = p;
        return DECIMAL;
    }

    /**
     * A float literal, mantissa at {@code [start, e)} and exponent from {@code e}, as the double it denotes: Java's
     * parse and the server's are both correctly rounded, so they give the same double. An overflow (the server's
     * "Illegal double value") is refused.
     */
    private int floatNumber(int start, int e) {
        int p = e + 1;
        if (p < end && (b[p] == '+' || b[p] == '-')) {
            p++;
        }
        int digits = p;
        p = digitsEnd(p);
        if (p == digits || p < end && (b[p] == '.' || b[p] >= 'A' && b[p] <= 'z')) {
            return REFUSED;
        }
        double v = Double.parseDouble(new String(b, start, p - start, StandardCharsets.US_ASCII));
        if (Double.isInfinite(v)) {
            return REFUSED;
        }
        real = v;
        i = p;
        return DOUBLE;
    }

    private int digitsEnd(int p) {
        while (p < end && Literals.isDigit(b[p])) {
            p++;
        }
        return p;
    }

    private boolean allZero(int from, int to) {
        for (int k = from; k < to; k++) {
            if (b[k] != '0' && b[k] != '.') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code _binary 'bytes'} (MySQL 8's mysqldump writes binary columns so), leaving {@link #i} after the quote; false
     * for any other introducer or form ({@code _binary0x...}, {@code _binary b'...'}).
     */
    private boolean binaryIntroducer() {
        if (end - i <= BINARY_INTRODUCER.length) {
            return false;
        }
        for (int k = 1; k < BINARY_INTRODUCER.length; k++) {
            if ((b[i + k] | 0x20) != BINARY_INTRODUCER[k]) {
                return false;
            }
        }
        int q = skipBlank(b, i + BINARY_INTRODUCER.length, end);
        if (q >= end || b[q] != '\'') {
            return false;
        }
        i = q + 1;
        return true;
    }

    /** {@code 0x} followed by a hex digit, or {@code X'} / {@code x'}. */
    private boolean isHex() {
        if (end - i < 3) {
            return false;
        }
        return b[i] == '0' && b[i + 1] == 'x' && Literals.hexValue(b[i + 2]) >= 0
                || (b[i] == 'X' || b[i] == 'x') && b[i + 1] == '\'';
    }

    /** {@code b'} / {@code B'}, or {@code 0b} followed by a bit. */
    private boolean isBits() {
        if (end - i < 3) {
            return false;
        }
        return (b[i] == 'b' || b[i] == 'B') && b[i + 1] == '\''
                || b[i] == '0' && b[i + 1] == 'b' && (b[i + 2] == '0' || b[i + 2] == '1');
    }

    /** A hex literal: {@code 0x} with any number of digits, {@code X'...'} with an even number. */
    private int hex() {
        boolean quoted = b[i] != '0';
        int d = i + 2;
        int e = d;
        while (e < end && Literals.hexValue(b[e]) >= 0) {
            e++;
        }
        if (quoted) {
            if (e >= end || b[e] != '\'' || (e - d) % 2 != 0) {
                return REFUSED;
            }
        } else if (e < end && (b[e] >= 'A' && b[e] <= 'z' || Literals.isDigit(b[e]) || b[e] == '$')) {
            return REFUSED; // 0x12g is an identifier, not a literal
        }
        from = d;
        to = e;
        i = quoted ? e + 1 : e;
        return HEX_BYTES;
    }

    /** A bit literal: {@code b'...'} or {@code 0b...}. */
    private int bits() {
        boolean quoted = b[i] != '0';
        int d = i + 2;
        int e = d;
        while (e < end && (b[e] == '0' || b[e] == '1')) {
            e++;
        }
        if (quoted ? e >= end || b[e] != '\'' : e < end && (b[e] >= 'A' && b[e] <= 'z' || Literals.isDigit(b[e]))) {
            return REFUSED;
        }
        from = d;
        to = e;
        i = quoted ? e + 1 : e;
        return BIT_BYTES;
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
