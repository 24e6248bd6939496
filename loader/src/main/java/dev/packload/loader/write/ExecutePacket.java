package dev.packload.loader.write;

import dev.packload.formats.sql.Literals;
import dev.packload.formats.sql.PlainLiterals;
import java.util.Arrays;

/**
 * One COM_STMT_EXECUTE of a server-side prepared multi-row INSERT ({@code VALUES (?,?),(?,?),...}), built straight
 * from the text VALUES tuples a writer holds. The server then neither lexes nor parses the rows: MariaDB 10.11 spent
 * 20-40% less CPU on the same rows than as text (BENCHMARKS.md).
 *
 * <p>Only values whose binary form means exactly what the text meant are taken ({@link PlainLiterals} reads them;
 * this class lays them out); for anything else {@link #appendTuple} says no and the caller sends those rows as text:
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
 * expressions and comments are refused: their meaning depends on the column or on more than the literal. The
 * byte-wise unescaping is right only where a backslash or quote byte is never part of a multi-byte character (utf8mb4, latin1, binary...):
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
    private final Params binder = new Params();

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
    public static final byte OTHER_COLUMN = PlainLiterals.OTHER_COLUMN;
    /** {@code BINARY}, {@code VARBINARY} or a {@code BLOB}: a hex literal there is a binary string. */
    public static final byte BINARY_COLUMN = PlainLiterals.BINARY_COLUMN;
    /** {@code FLOAT} or {@code DOUBLE}: a float literal there is the double it denotes. */
    public static final byte FLOATING_COLUMN = PlainLiterals.FLOATING_COLUMN;
    /** {@code BIT}: a bit literal there is the bytes it denotes. */
    public static final byte BIT_COLUMN = PlainLiterals.BIT_COLUMN;

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
        if (kinds != columnKinds) { // a store per tuple took G1's barrier's slow path (RowEvent#clearForRow)
            kinds = columnKinds;
        }
        return param + columns <= params && values(b, off, len, columns, noBackslashEscapes) == columns;
    }

    /**
     * How many top-level values the tuple holds, counted without decoding them; -1 when it is not one parenthesised
     * tuple. Meant for choosing a statement's shape from its first row. See {@link PlainLiterals#arity}.
     */
    public static int arity(byte[] b, int off, int len, boolean noBackslashEscapes) {
        return PlainLiterals.arity(b, off, len, noBackslashEscapes);
    }

    /** Appends the tuple's values, at most {@code max} of them; returns how many, or -1 if refused. */
    private int values(byte[] b, int off, int len, int max, boolean noBackslashEscapes) {
        return PlainLiterals.read(b, off, len, noBackslashEscapes, max, kinds, binder);
    }

    /** Lays out each value {@link PlainLiterals} reads as the next parameter; false (or -1) past the packet's limit. */
    private final class Params implements PlainLiterals.Binder {
        @Override
        public boolean nullValue() {
            int p = param++;
            buf[nullStart + (p >> 3)] |= (byte) (1 << (p & 7));
            type(p, TYPE_NULL, (byte) 0);
            return true;
        }

        @Override
        public boolean integer(long value, boolean unsigned) {
            return fixed(value, TYPE_LONGLONG, unsigned ? UNSIGNED : 0);
        }

        @Override
        public boolean real(double value) {
            return fixed(Double.doubleToRawLongBits(value), TYPE_DOUBLE, (byte) 0);
        }

        @Override
        public boolean decimal(byte[] b, int from, int to) {
            if (!lengthPrefixed(b, from, to - from)) {
                return false;
            }
            type(param++, TYPE_NEWDECIMAL, (byte) 0);
            return true;
        }

        /** Unescapes the string straight into the packet as a length-encoded string. */
        @Override
        public int string(byte[] b, int from, int end, boolean noBackslashEscapes, boolean binary) {
            ensure(pos + 9 + end - from); // the value is never longer than what is left of the tuple
            int start = pos + 1; // a 1-byte length prefix, moved up below if the value is 251 bytes or more
            long r = Literals.unquote(b, from, end, (byte) '\'', noBackslashEscapes, buf, start);
            if (r < 0) {
                return -1;
            }
            int n = Literals.outputEnd(r) - start;
            int prefix = lengthBytes(n);
            if (pos + prefix + n > limit) {
                return -1;
            }
            if (prefix > 1) {
                System.arraycopy(buf, start, buf, pos + prefix, n);
            }
            writeLength(n);
            pos += n;
            // a _binary string goes as a BLOB, which the server reads as a binary string, as it reads the literal
            type(param++, binary ? TYPE_BLOB : TYPE_STRING, (byte) 0);
            return Literals.inputEnd(r);
        }

        @Override
        public boolean hex(byte[] b, int from, int to) {
            int n = Literals.hexLength(from, to);
            if (!blob(n)) {
                return false;
            }
            pos = Literals.hexBytes(b, from, to, buf, pos);
            return true;
        }

        @Override
        public boolean bits(byte[] b, int from, int to) {
            int n = Literals.bitLength(from, to);
            if (!blob(n)) {
                return false;
            }
            pos = Literals.bitBytes(b, from, to, buf, pos);
            return true;
        }
    }

    /** An 8-byte value: a LONGLONG or a DOUBLE. */
    private boolean fixed(long v, byte type, byte flags) {
        if (pos + 8 > limit) {
            return false;
        }
        ensure(pos + 8);
        putLong(v);
        type(param++, type, flags);
        return true;
    }

    /** Starts a BLOB parameter of {@code n} bytes, which the caller writes; false when it would pass the limit. */
    private boolean blob(int n) {
        if (pos + lengthBytes(n) + n > limit) {
            return false;
        }
        ensure(pos + 9 + n);
        writeLength(n);
        type(param++, TYPE_BLOB, (byte) 0);
        return true;
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
}
