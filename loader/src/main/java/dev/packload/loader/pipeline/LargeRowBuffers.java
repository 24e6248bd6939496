package dev.packload.loader.pipeline;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Arrays for rows that pass the {@link ByteGate}, handed back by the writer that copied the row and given to the
 * reader's next large row. Without it every large row was a fresh array that lived from the reader's copy to the
 * writer's, long enough on a busy ring to outlast a young collection: a dump of 300 KB rows promoted its rows' arrays
 * into the old generation, which G1 let grow to some 200 MB of garbage before marking it (a 390 MB peak RSS for a
 * 180 MB dump; BENCHMARKS.md). Reused, the arrays stay put and cost nothing per row.
 *
 * <p>Rows over {@link #MAX_KEPT_ROW} get arrays of their own, as before: G1 puts an array that big in regions of its
 * own and frees them at the next young collection without copying them, so they cost no old-generation space, and
 * BLOB rows' sizes vary too much for kept arrays to fit the next row.
 *
 * <p>Array lengths are a row's length rounded up to a quarter of its power of two (a 300,000-byte row takes a
 * 327,680-byte array), so rows of about the same size share arrays and none wastes more than a quarter. The arrays kept
 * here total at most {@code maxKeptBytes}; the gate already bounds those out with rows. Shared by the reader and every
 * writer, under one lock: it is taken twice per row of 64 KiB or more, a few thousand times a second at most.
 */
final class LargeRowBuffers {
    /** Rows up to this many bytes get kept arrays. */
    static final int MAX_KEPT_ROW = 1 << 20;

    private final long maxKeptBytes;
    private final Map<Integer, ArrayDeque<byte[]>> kept = new HashMap<>();
    private long keptBytes;

    LargeRowBuffers(long maxKeptBytes) {
        this.maxKeptBytes = maxKeptBytes;
    }

    /** The length of the array a row of {@code len} bytes gets. */
    static int sizeFor(int len) {
        if (len <= 4) {
            return Math.max(len, 1);
        }
        int shift = 31 - Integer.numberOfLeadingZeros(len - 1) - 2; // a quarter of the power of two below len
        long size = (((long) len + (1L << shift) - 1) >>> shift) << shift;
        return (int) Math.min(size, Integer.MAX_VALUE - 8);
    }

    /** An array of at least {@code len} bytes: a kept one of its size, or a new one. */
    byte[] take(int len) {
        if (len > MAX_KEPT_ROW) {
            return new byte[len];
        }
        int size = sizeFor(len);
        synchronized (this) {
            ArrayDeque<byte[]> q = kept.get(size);
            if (q != null && !q.isEmpty()) {
                byte[] a = q.pop();
                keptBytes -= a.length;
                return a;
            }
        }
        return new byte[size];
    }

    /**
     * Keeps {@code a} for a later row. When it does not fit under the bound, arrays of other sizes go first (the rows'
     * sizes have moved on); if it still does not fit, it is left to the collector.
     */
    void give(byte[] a) {
        if (a.length > MAX_KEPT_ROW || a.length > maxKeptBytes || a.length != sizeFor(a.length)) {
            return;
        }
        synchronized (this) {
            Iterator<Map.Entry<Integer, ArrayDeque<byte[]>>> it = kept.entrySet().iterator();
            while (keptBytes + a.length > maxKeptBytes && it.hasNext()) {
                Map.Entry<Integer, ArrayDeque<byte[]>> other = it.next();
                if (other.getKey() == a.length) {
                    continue;
                }
                ArrayDeque<byte[]> q = other.getValue();
                keptBytes -= (long) q.size() * other.getKey();
                it.remove();
            }
            if (keptBytes + a.length <= maxKeptBytes) {
                kept.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
                keptBytes += a.length;
            }
        }
    }

    /** Bytes held for reuse now. */
    synchronized long keptBytes() {
        return keptBytes;
    }
}
