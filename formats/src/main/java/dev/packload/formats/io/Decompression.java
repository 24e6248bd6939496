package dev.packload.formats.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Opens a possibly compressed stream, choosing the decoder by the stream's magic bytes and never by a file
 * name. Concatenated members (pigz, pbzip2, {@code cat a.gz b.gz}) are read to the end.
 */
public final class Decompression {

    /** How many leading bytes {@link #detect(byte[], int)} looks at. */
    public static final int MAGIC_LENGTH = 6;

    private static final int BUFFER_SIZE = 64 * 1024;

    private Decompression() {
    }

    /** The compression whose magic bytes start {@code head[0..len)}; {@link Compression#NONE} otherwise. */
    public static Compression detect(byte[] head, int len) {
        if (len >= 3 && u(head[0]) == 0x1f && u(head[1]) == 0x8b && head[2] == 8) {
            return Compression.GZIP;
        }
        if (len >= 4 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h' && head[3] >= '1' && head[3] <= '9') {
            return Compression.BZIP2;
        }
        if (len >= 6 && u(head[0]) == 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X' && head[4] == 'Z'
                && head[5] == 0) {
            return Compression.XZ;
        }
        if (len >= 4 && u(head[0]) == 0x28 && u(head[1]) == 0xb5 && u(head[2]) == 0x2f && u(head[3]) == 0xfd) {
            return Compression.ZSTD;
        }
        return Compression.NONE;
    }

    /**
     * Peeks at the first bytes of a stream that supports {@link InputStream#mark(int)} and resets it, so nothing
     * is consumed.
     */
    public static Compression detect(InputStream in) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("detect(InputStream) needs a stream that supports mark/reset");
        }
        byte[] head = new byte[MAGIC_LENGTH];
        in.mark(MAGIC_LENGTH);
        int n = 0;
        try {
            while (n < head.length) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } finally {
            in.reset();
        }
        return detect(head, n);
    }

    /** Detects the compression of {@code raw} and returns a stream of the decompressed bytes. */
    public static InputStream open(InputStream raw) throws IOException {
        InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw, BUFFER_SIZE);
        return open(in, detect(in));
    }

    /** Returns a stream of the decompressed bytes of {@code in}, which is in the given format. */
    public static InputStream open(InputStream in, Compression compression) throws IOException {
        switch (compression) {
            case GZIP:
                return new GzipCompressorInputStream(in, true);
            case BZIP2:
                return new BZip2CompressorInputStream(in, true);
            case XZ:
                return new XZCompressorInputStream(in, true);
            case ZSTD:
                // zstd-jni reads every frame of the stream, so concatenated frames need no option
                return new ZstdCompressorInputStream(in);
            default:
                return in;
        }
    }

    private static int u(byte b) {
        return b & 0xff;
    }
}
