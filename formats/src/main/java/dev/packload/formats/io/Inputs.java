package dev.packload.formats.io;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens sources for reading: file, then byte counting, then buffering, then decompression chosen by magic
 * bytes. The name {@code -} means standard input.
 *
 * <pre>{@code
 * try (Input in = Inputs.open(Path.of("dump.sql.zst"))) {
 *     new DumpScanner(in, in.name()).scan(handler);
 * }
 * }</pre>
 */
public final class Inputs {

    /** The path that stands for standard input. */
    public static final String STDIN = "-";

    private static final int BUFFER_SIZE = 64 * 1024;

    /**
     * The most bytes asked of the raw source in one read. A reader whose buffer grew to hold a big statement asks for
     * megabytes at a time, which the buffering passes straight through; a file channel then copies them through a
     * native buffer of that size, which the JDK keeps for the thread for good (16 MiB of a BLOB load's resident
     * size), and a plain file stream allocates one per call.
     */
    static final int MAX_RAW_READ = 1 << 20;

    private Inputs() {
    }

    /** Opens a file, or standard input when the path is {@code -}. */
    public static Input open(Path path) throws IOException {
        if (path.toString().equals(STDIN)) {
            return open(new KeepOpen(System.in), "stdin", -1);
        }
        long size = Files.size(path);
        return open(Files.newInputStream(path), path.toString(), size);
    }

    /**
     * Wraps an already open raw stream.
     *
     * @param raw  the (possibly compressed) bytes; closed when the returned input is closed
     * @param name display name for messages
     * @param size size of {@code raw} in bytes, or -1 when unknown
     */
    public static Input open(InputStream raw, String name, long size) throws IOException {
        CountingInputStream counter = new CountingInputStream(new Guarded(raw, name));
        BufferedInputStream buffered = new BufferedInputStream(counter, BUFFER_SIZE);
        Compression compression = Compression.NONE;
        try {
            compression = Decompression.detect(buffered);
            return new Input(Decompression.open(buffered, compression), name, compression, counter, size);
        } catch (IOException | RuntimeException e) {
            // the gzip and xz decoders read their header when constructed
            IOException failure = Input.translate(e, name, compression, counter);
            try {
                buffered.close();
            } catch (IOException closing) {
                failure.addSuppressed(closing);
            }
            throw failure;
        }
    }

    /** Marks I/O errors of the source itself so they are not mistaken for corrupt compressed data. */
    private static final class Guarded extends FilterInputStream {
        private final String name;

        Guarded(InputStream in, String name) {
            super(in);
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, Math.min(len, MAX_RAW_READ));
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        private IOException failed(IOException e) {
            return e instanceof Input.SourceReadException ? e
                    : new Input.SourceReadException("error reading " + name + ": " + e.getMessage(), e);
        }
    }

    /** Standard input must stay open for the rest of the process. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
