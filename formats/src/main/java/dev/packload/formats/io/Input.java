package dev.packload.formats.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An opened input: the decompressed bytes of one source, plus what a progress display needs (compressed bytes
 * read so far against the compressed size). A failure of the decoder is reported as an {@link IOException} that
 * names the source and says its data is corrupt; a failure reading the underlying file keeps its own message.
 */
public final class Input extends FilterInputStream {
    private final String name;
    private final Compression compression;
    private final CountingInputStream counter;
    private final long compressedSize;

    Input(InputStream decompressed, String name, Compression compression, CountingInputStream counter,
            long compressedSize) {
        super(decompressed);
        this.name = name;
        this.compression = compression;
        this.counter = counter;
        this.compressedSize = compressedSize;
    }

    /** The display name: the path as given, or {@code stdin}. */
    public String name() {
        return name;
    }

    public Compression compression() {
        return compression;
    }

    /** Bytes of the underlying (compressed) source read so far; safe to call from another thread. */
    public long compressedBytesRead() {
        return counter.count();
    }

    /** Size of the underlying (compressed) source in bytes, or -1 when unknown (stdin, pipes). */
    public long compressedSize() {
        return compressedSize;
    }

    @Override
    public int read() throws IOException {
        try {
            return in.read();
        } catch (IOException | RuntimeException e) {
            throw translate(e, name, compression, counter);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            throw translate(e, name, compression, counter);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return in.skip(n);
        } catch (IOException | RuntimeException e) {
            throw translate(e, name, compression, counter);
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /**
     * Errors from the source itself pass through; anything else thrown while decoding compressed data means the
     * data is corrupt or truncated.
     */
    static IOException translate(Exception e, String name, Compression compression, CountingInputStream counter) {
        if (e instanceof SourceReadException || compression == Compression.NONE) {
            if (e instanceof IOException) {
                return (IOException) e;
            }
            throw (RuntimeException) e;
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new IOException("corrupt " + compression.label() + " data in " + name + " after "
                + counter.count() + " compressed bytes: " + detail, e);
    }

    /** An I/O error of the underlying source (disk, pipe), as opposed to bad compressed data. */
    static final class SourceReadException extends IOException {
        SourceReadException(String message, IOException cause) {
            super(message, cause);
        }
    }
}
