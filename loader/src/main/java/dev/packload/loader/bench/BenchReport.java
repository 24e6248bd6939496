package dev.packload.loader.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code --report} file: every figure of a bench run as JSON.
 *
 * @param startedAt   when the run started (ISO-8601, UTC)
 * @param target      the server, as {@code user@host:port} or the redacted URL
 * @param server      its {@code SELECT VERSION()}
 * @param database    the scratch database
 * @param databaseKept whether it was kept ({@code --keep}) rather than dropped
 * @param data        the rows loaded by every variant
 * @param warmupRows  rows loaded once before the variants, unmeasured
 * @param sweep       what the variants vary ({@code threads} or {@code statement-bytes}), or null for one variant
 * @param variants    one entry per variant, in the order run
 * @param units       what the figures count in
 * @param failure     why the run stopped early, or null
 * @param exitCode    the command's exit code
 */
public record BenchReport(String packload, String startedAt, String target, String server, String database,
                          boolean databaseKept, Data data, long warmupRows, String sweep, List<BenchResult> variants, Units units,
                          String failure, int exitCode) {

    /** The data set, with its derived totals. */
    public record Data(long rows, long rowBytes, long blobBytes, double blobShare, int tables, long blobRows,
                       long sqlBytes, long seed, String description) {
        public static Data of(BenchData d) {
            return new Data(d.rows(), d.rowBytes(), d.blobBytes(), d.blobShare(), d.tables(), d.blobRows(), d.sqlBytes(),
                    BenchData.SEED, d.describe());
        }
    }

    public record Units(String bytes, String mb, String seconds, String latency) {
        static final Units STANDARD = new Units("SQL bytes of the rows' VALUES tuples",
                "2^20 bytes (MB/s as in the load progress line)",
                "wall time from the first row handed to the pipeline to the last commit",
                "milliseconds per statement sent (or per commit), nearest-rank percentiles");
    }

    public BenchReport {
        variants = List.copyOf(variants);
    }

    public static BenchReport of(String packload, String startedAt, String target, String server, String database,
                                 boolean databaseKept, BenchData data, long warmupRows, Sweep sweep,
                                 List<BenchResult> variants,
                                 String failure, int exitCode) {
        return new BenchReport(packload, startedAt, target, server, database, databaseKept, Data.of(data),
                warmupRows, sweep == null ? null : sweep.parameter().option(), variants, Units.STANDARD, failure, exitCode);
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }
}
