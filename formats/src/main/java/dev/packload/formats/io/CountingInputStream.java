package dev.packload.formats.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it. One thread reads; any other thread (a progress display) may call
 * {@link #count()} at any time. Mark and reset are not supported, so the count only ever grows.
 */
public final class CountingInputStream extends FilterInputStream {

    /** Written only by the reading thread, so a volatile long suffices; readers see a recent value. */
    private volatile long count;

    public CountingInputStream(InputStream in) {
        super(in);
    }

    /** Bytes read (or skipped) so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count = count + 1;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count = count + n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        if (skipped > 0) {
            count = count + skipped;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: a reset would make the count run backwards
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
