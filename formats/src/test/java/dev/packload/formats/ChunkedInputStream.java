package dev.packload.formats;

import java.io.InputStream;
import java.util.Random;

/**
 * Hands out its bytes in chunks of random size between 1 and {@code maxChunk} (1: one byte per read), to
 * flush out buffer-boundary bugs, like Commons CSV's ChunkedReader.
 */
public final class ChunkedInputStream extends InputStream {
    private final byte[] data;
    private final Random random;
    private final int maxChunk;
    private int pos;

    public ChunkedInputStream(byte[] data, long seed, int maxChunk) {
        this.data = data;
        this.random = new Random(seed);
        this.maxChunk = maxChunk;
    }

    public static ChunkedInputStream oneByteAtATime(byte[] data) {
        return new ChunkedInputStream(data, 0, 1);
    }

    @Override
    public int read() {
        return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (pos >= data.length) {
            return -1;
        }
        int n = Math.min(Math.min(len, 1 + random.nextInt(maxChunk)), data.length - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }
}
