package dev.packload.loader.feed;

import dev.packload.formats.io.Inputs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The client-command pre-scans ({@link ClientCommandCheck}) of a load's SQL input files, started on a thread of their
 * own as soon as the command line is read, before packload connects: the extra read of each input then runs while the
 * journal is set up and the sessions open, instead of after. A {@link DumpFeed} waits for its file's scan before it
 * reads any of it, so nothing is sent before the scan has refused or cleared the file, exactly as when it scanned the
 * file itself; and the scan throws what it would have thrown there (a missing or cyclic {@code source}), at the same
 * point. A file the scans were not started for (standard input, a file of a directory) is scanned by its feed.
 *
 * <p>Measured on the 96 MiB {@code mariadb-dump} of benchmark shape (a), a warmed scan takes 0.06 s plain, 0.18 s
 * gzip'd and 0.10 s zstd'd; on the 371 MiB BLOB dump of shape (b) the launcher's C1 code spends about as long on it as
 * on the load's own scan of the file (BENCHMARKS.md).
 */
public final class PreScans implements AutoCloseable {
    private final SourceFiles files;
    private final Map<Path, FutureTask<Void>> scans = new ConcurrentHashMap<>();
    private Thread thread;
    private boolean started;

    /** @param files where {@code source} paths are looked for, as the feeds look for them */
    public PreScans(SourceFiles files) {
        this.files = files;
    }

    /**
     * Starts the scans of the inputs that are SQL files ({@code --format sql}, or by their extension), one after the
     * other in input order, on a daemon thread. Directories, standard input and files that can't be planned are left
     * to their feeds, which report them as before.
     *
     * @param format {@code --format} in lower case, or null
     */
    public synchronized void start(List<Path> inputs, String format) {
        if (started) {
            throw new IllegalStateException("the pre-scans were started already");
        }
        started = true;
        List<Path> sql = inputs.stream().filter(p -> isSqlFile(p, format)).distinct().toList();
        if (sql.isEmpty()) {
            return;
        }
        List<FutureTask<Void>> tasks = sql.stream().map(p -> {
            FutureTask<Void> t = new FutureTask<>(() -> {
                ClientCommandCheck.check(p, p.toString(), files);
                return null;
            });
            scans.put(p, t);
            return t;
        }).toList();
        thread = new Thread(() -> tasks.forEach(FutureTask::run), "packload-prescan");
        thread.setDaemon(true);
        thread.start();
    }

    private static boolean isSqlFile(Path p, String format) {
        if (p.toString().equals(Inputs.STDIN) || !Files.isRegularFile(p)) {
            return false;
        }
        if (format != null) {
            return format.equals("sql");
        }
        try {
            List<InputPlan.Item> items = InputPlan.expand(List.of(p));
            return items.size() == 1 && items.get(0).format() == InputPlan.Format.SQL;
        } catch (IOException | UncheckedIOException e) {
            return false; // the feed reports it
        }
    }

    /**
     * Waits for the scan of {@code file}, when one was started: returns normally when the file may be loaded, throws
     * what {@link ClientCommandCheck#check} threw. False when no scan was started for it: the caller scans it.
     */
    boolean await(Path file) throws IOException, InterruptedException {
        FutureTask<Void> t = scans.get(file);
        if (t == null) {
            return false;
        }
        try {
            t.get();
            return true;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("pre-scan of " + file + " failed: " + c, c);
        }
    }

    /** Ends a scan still running (the load ended first). */
    @Override
    public synchronized void close() {
        scans.values().forEach(t -> t.cancel(true));
        if (thread != null) {
            thread.interrupt();
        }
    }
}
