package dev.packload.loader.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Rows that could not be loaded, as SQL that can be loaded again once fixed: each row is one INSERT with its original
 * bytes, preceded by comment lines naming the source, line, byte offset, table and reason. Created on the first
 * reject only; shared by all writers.
 */
public final class RejectFile implements AutoCloseable {
    private final Path path;
    /** Whether rows go after what the file holds (a resumed or retried run adds to its earlier runs' rejects). */
    private final boolean append;
    private OutputStream out;
    private long count;

    public RejectFile(Path path) {
        this(path, false);
    }

    public RejectFile(Path path, boolean append) {
        this.path = path;
        this.append = append;
    }

    public Path path() {
        return path;
    }

    public synchronized long count() {
        return count;
    }

    /**
     * Writes one rejected row.
     *
     * @param insertHead e.g. {@code INSERT INTO `db`.`t` (`a`,`b`) VALUES }
     * @param tuple      the row's original bytes
     */
    public synchronized void reject(String where, String table, String reason, byte[] insertHead, byte[] tuple,
                                    int off, int len) {
        byte[] head = ("\n-- source: " + where + "\n-- table: " + table + "\n-- reason: " + reason.replace('\n', ' ')
                + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] entry = new byte[head.length + insertHead.length];
        System.arraycopy(head, 0, entry, 0, head.length);
        System.arraycopy(insertHead, 0, entry, head.length, insertHead.length);
        write(entry, tuple, off, len);
    }

    private void write(byte[] entry, byte[] tuple, int off, int len) {
        try {
            if (out == null) {
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                boolean adding = append && Files.exists(path);
                out = new BufferedOutputStream(adding ? Files.newOutputStream(path, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND) : Files.newOutputStream(path), 1 << 16);
                if (adding) {
                    out.write("\n-- packload: the same job, run again after an interruption\n"
                            .getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write(("-- packload reject file: rows that were not loaded, with the reason for each.\n"
                        + "-- Fix the cause (or the row), then load this file again: packload load " + path.getFileName()
                        + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            out.write(entry);
            if (tuple != null) {
                out.write(tuple, off, len);
                out.write(";\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reject file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes one record that could not become a row at all (bad encoding, wrong field count, a value its column can't
     * take), as comment lines with the reason and the record's original text, to fix and load again.
     */
    public synchronized void rejectRecord(String where, String table, String reason, String rawText) {
        String record = "-- record: " + rawText.replace("\n", "\n-- record: ");
        write(("\n-- source: " + where + "\n-- table: " + table + "\n-- reason: " + reason.replace('\n', ' ') + "\n"
                + record + "\n").getBytes(StandardCharsets.UTF_8), null, 0, 0);
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
