package dev.packload.loader.write;

import dev.packload.formats.sql.TupleValues;
import java.util.Arrays;

/**
 * One COM_STMT_EXECUTE of a server-side prepared multi-row INSERT ({@code VALUES (?,?),(?,?),...}), built straight
 * from the text VALUES tuples a writer holds. The server then neither lexes nor parses the rows: MariaDB 10.11 spent
 * 20-40% less CPU on the same rows than as text (BENCHMARKS.md).
 *
 * <p>Only values whose binary form means exactly what the text meant are taken; for anything else
 * {@link #appendTuple} says no and the caller sends those rows as text:
 * <ul>
 *   <li>{@code NULL} → the null bitmap;</li>
 *   <li>an integer {@code -?[0-9]+} → a LONGLONG, signed or unsigned as the server's lexer would make it an
 *       {@code Item_int} or {@code Item_uint}; out of that range a DECIMAL, as the lexer makes it;</li>
 *   <li>{@code -?[0-9]+\.[0-9]+} → a DECIMAL of the same digits (the server stores either with
 *       {@code store_decimal}); not a negative zero, whose sign the lexer drops;</li>
 *   <li>one single-quoted string → a string in the session's character set, unescaped by the lexer's rules
 *       ({@code \0 \b \n \r \t \Z}, {@code \%} and {@code \_} keep their backslash, any other {@code \c} is
 *       {@code c}, {@code ''} is a quote; under NO_BACKSLASH_ESCAPES only {@code ''});</li>
 *   <li>{@code _binary '...'} → the same bytes as a BLOB, which the server reads as a binary string;</li>
 *   <li>a hex literal, only for a value the caller says goes into a binary column → the bytes as a BLOB;</li>
 *   <li>a float literal, only for a value the caller says goes into a FLOAT or DOUBLE column → a DOUBLE;</li>
 *   <li>a bit literal, only for a value the caller says goes into a BIT column → its bytes as a BLOB.</li>
 * </ul>
 * Other hex, float and bit literals, other introducers, {@code COLLATE}, adjacent strings, {@code DEFAULT},
 * expressions and comments are refused: their meaning depends on the column or on more than the literal. The byte-wise unescaping is
 * right only where a backslash or quote byte is never part of a multi-byte character (utf8mb4, latin1, binary...):
 * the caller checks the session's character set.
 *
 * <p>Layout (no query attributes): {@code 0x17}, statement id (4), flags 0, iteration count 1 (4), null bitmap,
 * new-params-bound 1, a (type, flags) pair per parameter, then the values. Types are sent with every execution, so
 * one column may hold an integer in one row and a string in the next.
 */
public final class ExecutePacket {
    static final byte COM_STMT_EXECUTE = 0x17;
    static final byte TYPE_NULL = 6;
    static final byte TYPE_LONGLONG = 8;
    static final byte TYPE_DOUBLE = 5;
    static final byte TYPE_NEWDECIMAL = (byte) 246;
    static final byte TYPE_STRING = (byte) 254;
    /** A BLOB parameter: a binary string, whatever the session's character set, as {@code _binary'...'} is. */
    static final byte TYPE_BLOB = (byte) 252;
    private static final byte[] BINARY_INTRODUCER = {'_', 'b', 'i', 'n', 'a', 'r', 'y'};
    private static final byte UNSIGNED = (byte) 0x80;

    private final int limit;
    private byte[] buf;
    private int pos;
    private int params;
    private int param;
    private int nullStart;
    /** What each value of the tuple being appended goes into ({@link #OTHER_COLUMN} ...); null when not known. */
    private byte[] kinds;
    private int typesStart;

    /** @param limit the most bytes one packet may hold (its payload, command byte included) */
    public ExecutePacket(int limit) {
        this.limit = limit;
        this.buf = new byte[4096];
    }

    /** Starts a packet executing statement {@code statementId}, which takes {@code params} parameters. */
    public void start(long statementId, int params) {
        int nullBytes = (params + 7) / 8;
        int head = 10 + nullBytes + 1 + 2 * params;
        ensure(head);
        buf[0] = COM_STMT_EXECUTE;
        putInt4(1, statementId);
        buf[5] = 0; // CURSOR_TYPE_NO_CURSOR
        putInt4(6, 1); // iteration count
        nullStart = 10;
        Arrays.fill(buf, nullStart, nullStart + nullBytes, (byte) 0);
        buf[nullStart + nullBytes] = 1; // new params bound: the types follow
        typesStart = nullStart + nullBytes + 1;
        pos = typesStart + 2 * params;
        this.params = params;
        this.param = 0;
    }

    /** The packet: {@code array()[0, length())}. */
    public byte[] array() {
        return buf;
    }

    public int length() {
        return pos;
    }

    /** True once every parameter has a value. */
    public boolean complete() {
        return param == params;
    }

    /**
     * Appends the values of one tuple, parentheses included, as the next {@code columns} parameters.
     *
     * @return false when a value has no exact binary form, the tuple does not hold exactly {@code columns} values, or
     *         the packet would grow past its limit; the packet is then unusable until the next {@link #start}
     */
    public boolean appendTuple(byte[] b, int off, int len, int columns, boolean noBackslashEscapes) {
        return appendTuple(b, off, len, columns, noBackslashEscapes, null);
    }

    /** A column whose literals are taken only in the forms that mean the same everywhere. */
    public static final byte OTHER_COLUMN = 0;
    /** {@code BINARY}, {@code VARBINARY} or a {@code BLOB}: a hex literal there is a binary string. */
    public static final byte BINARY_COLUMN = 1;
    /** {@code FLOAT} or {@code DOUBLE}: a float literal there is the double it denotes. */
    public static final byte FLOATING_COLUMN = 2;
    /** {@code BIT}: a bit literal there is the bytes it denotes. */
    public static final byte BIT_COLUMN = 3;

    /** The kind of a table column, as {@link #appendTuple(byte[], int, int, int, boolean, byte[])} takes it. */
    public static byte kindOf(TableMeta.Column c) {
        if (c == null || c.generated()) {
            return OTHER_COLUMN;
        }
        if (c.isBinary()) {
            return BINARY_COLUMN;
        }
        return switch (c.dataType()) {
            case "float", "double" -> FLOATING_COLUMN;
            case "bit" -> BIT_COLUMN;
            default -> OTHER_COLUMN;
        };
    }

    /**
     * As {@link #appendTuple(byte[], int, int, int, boolean)}, also taking the literals whose meaning depends on the
     * column, for the values whose column the caller knows ({@code columnKinds}): a hex literal ({@code 0x0AFF},
     * {@code X'0AFF'}) into a {@link #BINARY_COLUMN} as a BLOB (elsewhere it is a number), and a float literal
     * ({@code 1.5e-7}) into a {@link #FLOATING_COLUMN} as a DOUBLE (elsewhere it would be converted from its text).
     */
    public boolean appendTuple(byte[] b, int off, int len, int columns, boolean noBackslashEscapes,
                               byte[] columnKinds) {
        kinds = columnKinds;
        return param + columns <= params && values(b, off, len, columns, noBackslashEscapes) == columns;
    }

    /**
     * How many top-level values the tuple holds, counted without decoding them (quotes, escapes and parentheses are
     * followed; comments are not, so a quote inside one can miscount, which {@link #appendTuple} then refuses); -1 when
     * it is not one parenthesised tuple. Meant for choosing a statement's shape from its first row.
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

    /** The most columns a table can have (MariaDB and MySQL: 4096). */
    static final int MAX_COLUMNS = 4096;

    /** Appends the tuple's values, at most {@code max} of them; returns how many, or -1 if refused. */
    private int values(byte[] b, int off, int len, int max, boolean noBackslashEscapes) {
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
            byte c = b[i];
            if (c == '\'') {
                i = string(b, i + 1, end, noBackslashEscapes, TYPE_STRING);
            } else if (c == '_') {
                i = binaryString(b, i, end, noBackslashEscapes);
            } else if (kind(n) == BINARY_COLUMN && isHex(b, i, end)) {
                i = hex(b, i, end);
            } else if (kind(n) == BIT_COLUMN && isBits(b, i, end)) {
                i = bits(b, i, end);
            } else if (c == '-' || c >= '0' && c <= '9') {
                i = number(b, i, end, kind(n) == FLOATING_COLUMN);
            } else if (c == 'N' || c == 'n') {
                i = nullValue(b, i, end);
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

    private byte kind(int value) {
        return kinds != null && value < kinds.length ? kinds[value] : OTHER_COLUMN;
    }

    private int nullValue(byte[] b, int i, int end) {
        if (end - i < 4 || (b[i + 1] | 0x20) != 'u' || (b[i + 2] | 0x20) != 'l' || (b[i + 3] | 0x20) != 'l') {
            return -1;
        }
        int p = param++;
        buf[nullStart + (p >> 3)] |= (byte) (1 << (p & 7));
        type(p, TYPE_NULL, (byte) 0);
        return i + 4;
    }

    private int number(byte[] b, int start, int end, boolean floating) {
        int i = start;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        int digits = i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        int intEnd = i;
        if (intEnd == digits) {
            return -1;
        }
        boolean fraction = false;
        if (i < end && b[i] == '.') {
            i++;
            int f = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == f) {
                return -1;
            }
            fraction = true;
        }
        if (floating && i < end && (b[i] == 'e' || b[i] == 'E')) {
            return floatNumber(b, start, i, end);
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
                if (Long.compareUnsigned(v, 0x1999999999999999L) > 0
                        || v == 0x1999999999999999L && d > 5) {
                    fits = false;
                    break;
                }
                v = v * 10 + d;
            }
            if (fits && (!negative || Long.compareUnsigned(v, Long.MIN_VALUE) <= 0)) {
                if (pos + 8 > limit) {
                    return -1;
                }
                ensure(pos + 8);
                boolean unsigned = !negative && v < 0;
                putLong(negative ? -v : v);
                type(param++, TYPE_LONGLONG, unsigned ? UNSIGNED : 0);
                return i;
            }
        } else if (negative && allZero(b, digits, i)) {
            return -1; // the lexer's -0.0 is 0.0; leave it to it
        }
        if (!lengthPrefixed(b, start, i - start)) {
            return -1;
        }
        type(param++, TYPE_NEWDECIMAL, (byte) 0);
        return i;
    }

    /**
     * A float literal, mantissa at {@code [start, e)} and exponent from {@code e}, as the DOUBLE it denotes: Java's
     * parse and the server's are both correctly rounded, so they give the same double. An overflow (the server's
     * "Illegal double value") is left to the text path.
     */
    private int floatNumber(byte[] b, int start, int e, int end) {
        int i = e + 1;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            i++;
        }
        int digits = i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        if (i == digits || i < end && (b[i] == '.' || b[i] >= 'A' && b[i] <= 'z')) {
            return -1;
        }
        double v = Double.parseDouble(new String(b, start, i - start, java.nio.charset.StandardCharsets.US_ASCII));
        if (Double.isInfinite(v) || pos + 8 > limit) {
            return -1;
        }
        ensure(pos + 8);
        putLong(Double.doubleToRawLongBits(v));
        type(param++, TYPE_DOUBLE, (byte) 0);
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
     * Unescapes a string literal whose opening quote is before {@code i} into the packet as a length-encoded string.
     * Returns the index after the closing quote, or -1.
     */
    private int string(byte[] b, int i, int end, boolean noBackslashEscapes, byte type) {
        int room = end - i; // the value is never longer than what is left of the tuple
        ensure(pos + 9 + room);
        byte[] out = buf;
        int start = pos + 1; // a 1-byte length prefix, moved up below if the value is 251 bytes or more
        int o = start;
        while (true) {
            // copy a run of plain bytes at once: most of a value has no quote or backslash
            int run = i;
            while (i < end && b[i] != '\'' && b[i] != '\\') {
                i++;
            }
            System.arraycopy(b, run, out, o, i - run);
            o += i - run;
            if (i >= end) {
                return -1;
            }
            byte c = b[i++];
            if (c == '\'') {
                if (i < end && b[i] == '\'') {
                    out[o++] = '\'';
                    i++;
                    continue;
                }
                break;
            }
            // a backslash
            if (noBackslashEscapes) {
                out[o++] = c;
                continue;
            }
            if (i >= end) {
                return -1;
            }
            byte e = b[i++];
            switch (e) {
                case '0' -> out[o++] = 0;
                case 'b' -> out[o++] = '\b';
                case 'n' -> out[o++] = '\n';
                case 'r' -> out[o++] = '\r';
                case 't' -> out[o++] = '\t';
                case 'Z' -> out[o++] = 0x1A;
                case '%', '_' -> {
                    out[o++] = '\\';
                    out[o++] = e;
                }
                default -> out[o++] = e;
            }
        }
        int n = o - start;
        int prefix = lengthBytes(n);
        if (pos + prefix + n > limit) {
            return -1;
        }
        if (prefix > 1) {
            System.arraycopy(out, start, out, pos + prefix, n);
        }
        writeLength(n);
        pos += n;
        type(param++, type, (byte) 0);
        return i;
    }

    /**
     * {@code _binary 'bytes'} (MySQL 8's mysqldump writes binary columns so): the string as a BLOB parameter, which
     * the server takes as a binary string just as it takes the introduced literal. Returns the index after it, or -1
     * for any other introducer or form.
     */
    private int binaryString(byte[] b, int i, int end, boolean noBackslashEscapes) {
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
            return -1; // _binary0x..., _binary b'...', or another word: not taken
        }
        return string(b, q + 1, end, noBackslashEscapes, TYPE_BLOB);
    }

    /** {@code 0x} followed by a hex digit, or {@code X'} / {@code x'}. */
    private static boolean isHex(byte[] b, int i, int end) {
        if (end - i < 3) {
            return false;
        }
        return b[i] == '0' && b[i + 1] == 'x' && TupleValues.hexValue(b[i + 2]) >= 0
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

    /**
     * A bit literal as the bytes it denotes, big-endian, as the server makes them ({@code b'101'} is one byte, 5), a
     * BLOB parameter. Returns the index after it, or -1.
     */
    private int bits(byte[] b, int i, int end) {
        boolean quoted = b[i] != '0';
        int d = i + 2;
        int e = d;
        while (e < end && (b[e] == '0' || b[e] == '1')) {
            e++;
        }
        if (quoted ? e >= end || b[e] != '\'' : e < end && (b[e] >= 'A' && b[e] <= 'z' || b[e] >= '0' && b[e] <= '9')) {
            return -1;
        }
        int n = (e - d + 7) / 8;
        if (pos + lengthBytes(n) + n > limit) {
            return -1;
        }
        ensure(pos + 9 + n);
        writeLength(n);
        Arrays.fill(buf, pos, pos + n, (byte) 0);
        int bit = 0;
        for (int p = e - 1; p >= d; p--, bit++) {
            if (b[p] == '1') {
                buf[pos + n - 1 - (bit >> 3)] |= (byte) (1 << (bit & 7));
            }
        }
        pos += n;
        type(param++, TYPE_BLOB, (byte) 0);
        return quoted ? e + 1 : e;
    }

    /**
     * A hex literal as the bytes it denotes, a BLOB parameter: {@code 0x} with an odd number of digits gets a leading
     * zero, as the server reads it; {@code X'...'} must have an even number. Returns the index after it, or -1.
     */
    private int hex(byte[] b, int i, int end) {
        boolean quoted = b[i] != '0';
        int d = i + 2;
        int e = d;
        while (e < end && TupleValues.hexValue(b[e]) >= 0) {
            e++;
        }
        int digits = e - d;
        if (quoted) {
            if (e >= end || b[e] != '\'' || digits % 2 != 0) {
                return -1;
            }
        } else if (e < end && (b[e] >= 'A' && b[e] <= 'z' || b[e] >= '0' && b[e] <= '9' || b[e] == '$')) {
            return -1; // 0x12g is an identifier, not a literal
        }
        int n = (digits + 1) / 2;
        if (pos + lengthBytes(n) + n > limit) {
            return -1;
        }
        ensure(pos + 9 + n);
        writeLength(n);
        int k = d;
        if (digits % 2 != 0) {
            buf[pos++] = (byte) TupleValues.hexValue(b[k++]);
        }
        for (; k < e; k += 2) {
            buf[pos++] = (byte) (TupleValues.hexValue(b[k]) << 4 | TupleValues.hexValue(b[k + 1]));
        }
        type(param++, TYPE_BLOB, (byte) 0);
        return quoted ? e + 1 : e;
    }

    /** Writes {@code b[off, off+len)} as a length-encoded string; false when it would pass the limit. */
    private boolean lengthPrefixed(byte[] b, int off, int len) {
        if (pos + lengthBytes(len) + len > limit) {
            return false;
        }
        ensure(pos + 9 + len);
        writeLength(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return true;
    }

    static int lengthBytes(long n) {
        return n < 251 ? 1 : n < 1 << 16 ? 3 : n < 1 << 24 ? 4 : 9;
    }

    private void writeLength(int n) {
        if (n < 251) {
            buf[pos++] = (byte) n;
        } else if (n < 1 << 16) {
            buf[pos++] = (byte) 0xFC;
            buf[pos++] = (byte) n;
            buf[pos++] = (byte) (n >>> 8);
        } else if (n < 1 << 24) {
            buf[pos++] = (byte) 0xFD;
            buf[pos++] = (byte) n;
            buf[pos++] = (byte) (n >>> 8);
            buf[pos++] = (byte) (n >>> 16);
        } else {
            buf[pos++] = (byte) 0xFE;
            putLong(n);
        }
    }

    private void type(int p, byte type, byte flags) {
        buf[typesStart + 2 * p] = type;
        buf[typesStart + 2 * p + 1] = flags;
    }

    private void putLong(long v) {
        for (int k = 0; k < 8; k++) {
            buf[pos++] = (byte) (v >>> (8 * k));
        }
    }

    private void putInt4(int at, long v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
        buf[at + 2] = (byte) (v >>> 16);
        buf[at + 3] = (byte) (v >>> 24);
    }

    private void ensure(int need) {
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16, Math.max((long) buf.length * 2, need)));
        }
    }

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
