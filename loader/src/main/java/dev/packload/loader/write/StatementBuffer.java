package dev.packload.loader.write;

import java.util.Arrays;

/**
 * A reused buffer holding one SQL statement, with room reserved in front for the protocol's command header so the
 * statement is sent without a copy. The SQL part may never exceed {@link #limit()} bytes: appends that would go past it
 * are refused before any byte is written.
 */
public final class StatementBuffer {
    private final int headerBytes;
    private final int limit;
    /** Growth by fours stops here (header included) unless a statement needs more: see {@link #ensure}. */
    private final long usualCapacity;
    private byte[] buf;
    private int end;

    public StatementBuffer(int headerBytes, int limit, int initialCapacity) {
        this(headerBytes, limit, initialCapacity, limit);
    }

    /**
     * @param usualCapacity the SQL bytes this buffer's statements usually reach ({@code --statement-bytes} and a row
     *                      more): it grows by fours up to this, and by twos past it
     */
    public StatementBuffer(int headerBytes, int limit, int initialCapacity, int usualCapacity) {
        this.headerBytes = headerBytes;
        this.limit = limit;
        this.usualCapacity = headerBytes + (long) Math.max(64, Math.min(usualCapacity, limit));
        this.buf = new byte[headerBytes + Math.max(64, Math.min(initialCapacity, limit))];
        this.end = headerBytes;
    }

    /** Most SQL bytes this buffer accepts. */
    public int limit() {
        return limit;
    }

    /** SQL bytes held now. */
    public int length() {
        return end - headerBytes;
    }

    /** SQL bytes still free under the limit. */
    public int remaining() {
        return limit - length();
    }

    public int headerBytes() {
        return headerBytes;
    }

    /** The backing array: header at [0, headerBytes), SQL at [headerBytes, headerBytes + length()). */
    public byte[] array() {
        return buf;
    }

    public void clear() {
        end = headerBytes;
    }

    /** Cuts the SQL back to {@code sqlLength} bytes. */
    public void truncate(int sqlLength) {
        end = headerBytes + sqlLength;
    }

    /** True when {@code n} more bytes fit under the limit. */
    public boolean fits(long n) {
        return length() + n <= limit;
    }

    public void append(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, end, len);
        end += len;
    }

    public void append(byte[] b) {
        append(b, 0, b.length);
    }

    public void append(byte b) {
        ensure(1);
        buf[end++] = b;
    }

    private void ensure(int n) {
        if (length() + (long) n > limit) {
            throw new IllegalStateException("statement would exceed its budget of " + limit + " bytes");
        }
        int need = end + n;
        if (need > buf.length) {
            // Four times over, not twice: a writer's statements reach their usual size within its first few, and
            // each step is a fresh array the kernel must fault in and the JVM zero, then a copy. Doubling from 64 KiB
            // to 16 MiB faulted in 32 MiB and copied 16 MiB per buffer, some 8% of a million-row load's client CPU; by
            // fours it is 21 MiB and 5 MiB. The steps stop at the usual size: statements sent at --statement-bytes
            // (4 MiB) end a row past it, and a step to 16 MiB for that row faulted in 16 MiB per buffer. Past the
            // usual size (a row of big values) it doubles, so a value appended piece by piece is copied O(n) times.
            long grown = buf.length < usualCapacity
                    ? Math.min((long) buf.length * 4, usualCapacity)
                    : (long) buf.length * 2;
            int cap = (int) Math.min((long) headerBytes + limit, Math.max(grown, need));
            buf = Arrays.copyOf(buf, cap);
        }
    }

    /** Shrinks a grown buffer back after an unusually large statement, so idle writers don't pin memory. */
    public void trimTo(int capacity) {
        if (end == headerBytes && buf.length > headerBytes + capacity) {
            buf = new byte[headerBytes + capacity];
        }
    }
}
