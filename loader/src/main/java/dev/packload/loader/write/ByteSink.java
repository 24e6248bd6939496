package dev.packload.loader.write;

import java.util.Arrays;

/**
 * A growable byte buffer, reused across statements: {@link #setLength(int) setLength(0)} resets it without freeing
 * the array. {@link SqlLiteral} writes straight into the package-private fields after reserving room.
 */
public final class ByteSink {
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    byte[] buf;
    int length;

    public ByteSink() {
        this(256);
    }

    public ByteSink(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("negative capacity " + initialCapacity);
        }
        buf = new byte[initialCapacity];
    }

    /** Bytes held. */
    public int length() {
        return length;
    }

    /** The backing array, valid in [0, length()); replaced when the sink grows, so don't keep it across appends. */
    public byte[] array() {
        return buf;
    }

    public int capacity() {
        return buf.length;
    }

    /** Cuts the content back to {@code newLength} bytes, at most the current length; 0 resets the sink. */
    public void setLength(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("length " + newLength + " is outside [0, " + length + "]");
        }
        length = newLength;
    }

    /** Makes room for {@code minCapacity} bytes in total, so appends up to that size don't reallocate. */
    public void ensureCapacity(int minCapacity) {
        if (minCapacity > buf.length) {
            grow(minCapacity);
        }
    }

    /** Makes room for {@code n} more bytes. */
    void reserve(long n) {
        long need = length + n;
        if (need > buf.length) {
            if (need > MAX_CAPACITY) {
                throw new OutOfMemoryError("a ByteSink cannot hold " + need + " bytes");
            }
            grow((int) need);
        }
    }

    private void grow(int minCapacity) {
        long doubled = Math.min((long) buf.length * 2, MAX_CAPACITY);
        buf = Arrays.copyOf(buf, (int) Math.max(doubled, minCapacity));
    }

    public ByteSink append(byte b) {
        if (length == buf.length) {
            reserve(1);
        }
        buf[length++] = b;
        return this;
    }

    public ByteSink append(byte[] b, int off, int len) {
        reserve(len);
        System.arraycopy(b, off, buf, length, len);
        length += len;
        return this;
    }

    public ByteSink append(byte[] b) {
        return append(b, 0, b.length);
    }

    /** Appends a string that must be ASCII, one byte per char. */
    public ByteSink appendAscii(CharSequence s) {
        int n = s.length();
        reserve(n);
        byte[] dst = buf;
        int p = length;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                throw new IllegalArgumentException("not ASCII at index " + i + ": " + s);
            }
            dst[p++] = (byte) c;
        }
        length = p;
        return this;
    }

    /** A copy of the content. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, length);
    }
}
