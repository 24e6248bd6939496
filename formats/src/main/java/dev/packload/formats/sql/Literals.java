package dev.packload.formats.sql;

import java.util.Arrays;

/**
 * The bodies of SQL literals decoded to the bytes they denote: a quoted string with its escapes, the digits of a hex
 * or bit literal. Shared by the tuple splitter ({@link TupleValues}) and the reader of plain literals
 * ({@link PlainLiterals}). Each writes into a buffer the caller gives and allocates nothing.
 */
public final class Literals {
    private Literals() {
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** The value of a hex digit, or -1 for any other byte. */
    static int hexValue(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * Decodes a quoted string from just after its opening quote at {@code i} to its closing quote into {@code out} at
     * {@code o}, as the server's lexer reads it: a doubled quote is one quote and, unless {@code noBackslashEscapes},
     * a backslash escape is what {@link MysqlEscapes#unescapeLiteral} says. {@code out} needs room for
     * {@code end - i} bytes: decoding never lengthens a string.
     *
     * @return where input and output stopped, packed as {@code (long) afterClosingQuote << 32 | outputEnd} (read them
     *         with {@link #inputEnd} and {@link #outputEnd}), or -1 when the string does not close before {@code end}
     */
    public static long unquote(byte[] b, int i, int end, byte quote, boolean noBackslashEscapes, byte[] out, int o) {
        while (true) {
            // copy a run of plain bytes at once: most of a string has no quote or backslash
            int run = i;
            i = QuotedRuns.quoteOrBackslash(b, i, end, quote);
            System.arraycopy(b, run, out, o, i - run);
            o += i - run;
            if (i >= end) {
                return -1;
            }
            byte c = b[i++];
            if (c == quote) {
                if (i < end && b[i] == quote) {
                    out[o++] = quote;
                    i++;
                    continue;
                }
                return (long) i << 32 | o;
            }
            if (noBackslashEscapes) { // the backslash is an ordinary byte
                out[o++] = c;
                continue;
            }
            if (i >= end) {
                return -1;
            }
            o = MysqlEscapes.unescapeLiteral(b[i++], out, o);
        }
    }

    /** The input index after the closing quote, from what {@link #unquote} returned. */
    public static int inputEnd(long unquoted) {
        return (int) (unquoted >>> 32);
    }

    /** The output index after the decoded string, from what {@link #unquote} returned. */
    public static int outputEnd(long unquoted) {
        return (int) unquoted;
    }

    /** Bytes the hex digits {@code [from, to)} denote. */
    public static int hexLength(int from, int to) {
        return (to - from + 1) / 2;
    }

    /**
     * Writes the bytes the hex digits {@code b[from, to)} denote to {@code out} at {@code o}; an odd number of digits
     * gets a leading zero, as the server reads {@code 0xABC}. Returns the index after them.
     */
    public static int hexBytes(byte[] b, int from, int to, byte[] out, int o) {
        int k = from;
        if (((to - from) & 1) != 0) {
            out[o++] = (byte) hexValue(b[k++]);
        }
        for (; k < to; k += 2) {
            out[o++] = (byte) (hexValue(b[k]) << 4 | hexValue(b[k + 1]));
        }
        return o;
    }

    /** Bytes the bit digits {@code [from, to)} denote. */
    public static int bitLength(int from, int to) {
        return (to - from + 7) / 8;
    }

    /**
     * Writes the bytes the bit digits {@code b[from, to)} denote to {@code out} at {@code o}: right-aligned into whole
     * bytes, big-endian, as the server makes them ({@code b'101'} is one byte, 5). Returns the index after them.
     */
    public static int bitBytes(byte[] b, int from, int to, byte[] out, int o) {
        int n = bitLength(from, to);
        Arrays.fill(out, o, o + n, (byte) 0);
        int bit = 0;
        for (int p = to - 1; p >= from; p--, bit++) {
            if (b[p] == '1') {
                out[o + n - 1 - (bit >> 3)] |= (byte) (1 << (bit & 7));
            }
        }
        return o + n;
    }
}
