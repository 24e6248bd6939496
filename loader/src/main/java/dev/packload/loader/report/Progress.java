package dev.packload.loader.report;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Shows how the run goes: on a terminal a live bar (bytes read of total, rows/s, MB/s, ETA); otherwise a log line
 * every {@code logEvery}, so nightly job logs stay readable.
 */
public final class Progress implements AutoCloseable {
    /** The current attempt's figures (a retried run starts a new attempt). */
    private final Supplier<LoadStats> stats;
    private final LongSupplier bytesRead;
    private final long totalBytes;
    private final PrintStream out;
    private final boolean terminal;
    private final Duration logEvery;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private Thread thread;

    public Progress(Supplier<LoadStats> stats, LongSupplier bytesRead, long totalBytes, PrintStream out, boolean terminal,
                    Duration logEvery) {
        this.stats = stats;
        this.bytesRead = bytesRead;
        this.totalBytes = totalBytes;
        this.out = out;
        this.terminal = terminal;
        this.logEvery = logEvery;
    }

    public Progress start() {
        thread = new Thread(terminal ? this::bar : this::log, "packload-progress");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void bar() {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName("load").setUnit("MiB", 1 << 20)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(out))
                .setUpdateIntervalMillis(500).showSpeed();
        b.setInitialMax(totalBytes > 0 ? totalBytes : -1);
        try (ProgressBar bar = b.build()) {
            while (running.get()) {
                bar.stepTo(bytesRead.getAsLong());
                bar.setExtraMessage(String.format(" %,d rows, %,.0f rows/s", stats.get().rowsLoaded(), rowsPerSecond()));
                sleep(500);
            }
            bar.stepTo(bytesRead.getAsLong());
        }
    }

    private void log() {
        long next = System.nanoTime() + logEvery.toNanos();
        while (running.get()) {
            sleep(200);
            if (System.nanoTime() >= next) {
                out.println(line());
                next += logEvery.toNanos();
            }
        }
    }

    /** One progress line, e.g. for logs. */
    public String line() {
        long read = bytesRead.getAsLong();
        double secs = Math.max(1e-3, stats.get().elapsedSeconds());
        double mbps = read / secs / (1 << 20);
        StringBuilder sb = new StringBuilder("progress: ").append(Summary.bytes(read));
        if (totalBytes > 0) {
            sb.append(" of ").append(Summary.bytes(totalBytes))
                    .append(String.format(" (%.0f%%)", 100.0 * read / totalBytes));
        }
        sb.append(String.format(", %,d rows loaded, %,.0f rows/s, %.1f MB/s", stats.get().rowsLoaded(), rowsPerSecond(), mbps));
        if (totalBytes > 0 && read > 0 && read < totalBytes) {
            long eta = (long) ((totalBytes - read) / (read / secs));
            sb.append(String.format(", ETA %d:%02d:%02d", eta / 3600, eta / 60 % 60, eta % 60));
        }
        return sb.toString();
    }

    private double rowsPerSecond() {
        return stats.get().rowsLoaded() / Math.max(1e-3, stats.get().elapsedSeconds());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
