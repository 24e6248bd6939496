package dev.packload.formats.sql;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the end of a run of plain bytes inside a string or quoted identifier: the next quote, newline or (where
 * backslash escapes apply) backslash. Eight bytes are tested at a time, as one {@code long}, with the zero-byte test
 * of <i>Hacker's Delight</i> (6-1); the launcher runs the dump scanner under C1, which compiles the byte-by-byte table
 * loop as it is written, and a BLOB dump spends most of the reader's time in this loop (BENCHMARKS.md).
 */
final class QuotedRuns {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = ONES * '\n';
    private static final long BACKSLASHES = ONES * '\\';

    private QuotedRuns() {
    }

    /**
     * The index of the first byte in {@code b[i, lim)} that is {@code quote}, a newline, or, when {@code escapes}, a
     * backslash; {@code lim} when there is none. What the scanner skips.
     */
    static int stop(byte[] b, int i, int lim, byte quote, boolean escapes) {
        return find(b, i, lim, ONES * (quote & 0xff), NEWLINES, escapes ? BACKSLASHES : NEWLINES);
    }

    /**
     * The index of the first byte in {@code b[i, lim)} that is {@code quote} or a backslash; {@code lim} when there is
     * none. What a string's decoding copies as it is.
     */
    static int quoteOrBackslash(byte[] b, int i, int lim, byte quote) {
        return find(b, i, lim, ONES * (quote & 0xff), BACKSLASHES, BACKSLASHES);
    }

    /** The first byte equal to the byte that {@code p1}, {@code p2} or {@code p3} repeats eight times. */
    private static int find(byte[] b, int i, int lim, long p1, long p2, long p3) {
        for (; i <= lim - 8; i += 8) {
            long w = (long) LONGS.get(b, i);
            long m = zeroBytes(w ^ p1) | zeroBytes(w ^ p2) | zeroBytes(w ^ p3);
            if (m != 0) {
                return i + (Long.numberOfTrailingZeros(m) >>> 3);
            }
        }
        byte c1 = (byte) p1;
        byte c2 = (byte) p2;
        byte c3 = (byte) p3;
        for (; i < lim; i++) {
            byte c = b[i];
            if (c == c1 || c == c2 || c == c3) {
                return i;
            }
        }
        return lim;
    }

    /**
     * The high bit of each byte of {@code x} that is zero, and perhaps of bytes above the lowest zero byte (a borrow
     * runs upward): the lowest bit set always marks the first zero byte in little-endian order, which is all
     * {@link #find} asks.
     */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }
}
