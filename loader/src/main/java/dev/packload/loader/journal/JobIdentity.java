package dev.packload.loader.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What makes two runs the same job: the inputs (by path), the target, and the options that change which rows go
 * where ({@link #key}); and what the inputs held ({@link #fingerprint}): each file's size and a SHA-256 of its first
 * and last {@value #SAMPLE_BYTES} bytes, so a file that was replaced, grew or was cut is told apart without reading
 * all of a 50 GB dump.
 *
 * @param key         SHA-256 (hex) of the inputs' absolute paths, the target and the row-changing options
 * @param fingerprint SHA-256 (hex) over every input file's name, size and sampled content
 * @param inputs      a line per input file for people: path and size
 * @param target      the target as people read it (user@host:port/db)
 */
public record JobIdentity(String key, String fingerprint, List<String> inputs, String target) {
    /** Bytes read from each end of a file for its fingerprint. */
    public static final int SAMPLE_BYTES = 64 << 10;

    /**
     * @param inputs     the inputs as given (files or directories; never standard input: it can't be read twice)
     * @param target     the target (host, port and database) as people read it
     * @param rowOptions the options that change which rows go where, each as "name=value"
     */
    public static JobIdentity of(List<Path> inputs, String target, List<String> rowOptions) throws IOException {
        MessageDigest key = sha256();
        MessageDigest fingerprint = sha256();
        List<String> lines = new ArrayList<>();
        for (Path input : inputs) {
            Path abs = input.toAbsolutePath().normalize();
            update(key, "input=" + abs);
            for (Path file : files(abs)) {
                long size = Files.size(file);
                update(fingerprint, abs.relativize(file) + "\u0000" + size);
                sample(file, size, fingerprint);
                lines.add(file + " (" + size + " bytes)");
            }
        }
        update(key, "target=" + target);
        for (String option : rowOptions) {
            update(key, option);
        }
        return new JobIdentity(hex(key), hex(fingerprint), List.copyOf(lines), target);
    }

    /** The files of an input: itself, or every regular file below a directory in name order. */
    private static List<Path> files(Path input) throws IOException {
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        try (Stream<Path> walk = Files.walk(input)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void sample(Path file, long size, MessageDigest md) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size, 2L * SAMPLE_BYTES));
            if (size <= 2L * SAMPLE_BYTES) {
                readFully(ch, buf, 0);
            } else {
                buf.limit(SAMPLE_BYTES);
                readFully(ch, buf, 0);
                buf.limit(2 * SAMPLE_BYTES);
                readFully(ch, buf, size - SAMPLE_BYTES);
            }
            buf.flip();
            md.update(buf);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, at);
            if (n < 0) {
                throw new IOException("the input changed while it was fingerprinted: it ended early");
            }
            at += n;
        }
    }

    private static void update(MessageDigest md, String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }
}
