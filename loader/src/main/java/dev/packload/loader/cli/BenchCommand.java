package dev.packload.loader.cli;

import dev.packload.embedded.EmbeddedMariaDb;
import dev.packload.loader.LoadConfig;
import dev.packload.loader.bench.BenchData;
import dev.packload.loader.bench.BenchReport;
import dev.packload.loader.bench.BenchResult;
import dev.packload.loader.bench.BenchRun;
import dev.packload.loader.bench.ScratchDatabase;
import dev.packload.loader.bench.Sweep;
import dev.packload.loader.bench.ThroughputChart;
import dev.packload.loader.bench.Variant;
import dev.packload.loader.pipeline.RunState;
import dev.packload.loader.pipeline.WriterOptions;
import dev.packload.loader.target.Target;
import dev.packload.loader.write.PacketBudget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code packload bench}: how fast packload loads into a given server. Generates the same synthetic rows every time,
 * loads them into a scratch database through the load pipeline, once per variant, and reports what it measured.
 */
@Command(name = "bench", sortOptions = false,
        description = {"Measure how fast packload loads into a server: generate synthetic rows (the same every time), "
                + "load them into a scratch database packload_bench_<random>, and report rows/s, MB/s, statements/s, "
                + "time per statement (p50/p95/p99) and the negotiated statement budget.",
                "--sweep runs variants side by side on the same rows, each into fresh tables, and draws a chart.",
                "Global server variables are never changed; the scratch database is dropped at the end unless --keep.",
                "With no target given, benchmarks the embedded MariaDB."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every row was loaded", "1:internal error (a bug), or the run's own check failed",
                "2:bad command line", "3:some rows were rejected (e.g. a BLOB over max_allowed_packet)",
                "4:the server refused a statement", "5:server unreachable or connection lost"})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--rows", paramLabel = "N", description = "Rows to generate (default: ${DEFAULT-VALUE}).")
    long rows = 1_000_000;

    @Option(names = "--row-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Average SQL bytes of a row apart from its BLOB; rows vary from half to 1.5 times this (default: ${DEFAULT-VALUE}).")
    long rowBytes = 200;

    @Option(names = "--blob-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Size of the BLOB some rows carry, sent in hex (default: none).")
    long blobBytes;

    @Option(names = "--blob-share", paramLabel = "F", description = "Fraction of rows carrying a BLOB, 0 to 1, spread evenly.")
    double blobShare;

    @Option(names = "--tables", paramLabel = "T", description = "Tables the rows are split over, loaded one after the other (default: ${DEFAULT-VALUE}).")
    int tables = 1;

    @Option(names = "--threads", paramLabel = "N", description = "Writers, each with its own connection (default: as for load, cores between 2 and 8).")
    Integer threads;

    @Option(names = "--max-statement-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Keep statements under this size (default: the negotiated limit).")
    Long maxStatementBytes;

    @Option(names = "--sweep", paramLabel = "NAME=V1,V2,...",
            description = "Run variants side by side: threads=1,2,4, statement-bytes=64K,1M,16M or "
                    + "prepared-rows=0,256,1024 (0: text INSERTs only).")
    String sweep;

    @Option(names = "--chart", paramLabel = "FILE",
            description = "Draw throughput per variant into FILE (.png or .svg) (default with --sweep: bench-<time>.png).")
    Path chart;

    @Option(names = "--report", paramLabel = "FILE", description = "Write every figure to FILE as JSON.")
    Path report;

    @Option(names = "--warmup-rows", paramLabel = "N",
            description = "Load this many of the rows first, unmeasured, so the first variant doesn't pay for a cold JVM and server (default: ${DEFAULT-VALUE}; 0: none).")
    long warmupRows = 20_000;

    @Option(names = "--keep", description = "Keep the scratch database (with the last variant's tables) instead of dropping it.")
    boolean keep;

    @Option(names = {"-v", "--verbose"}, description = "Stack traces on errors.")
    boolean verbose;

    /**
     * A variant's writers: as a load with the default options, with statements of the variant's size when it sets one
     * (a statement-bytes sweep fills each to it), and the variant's prepared rows.
     */
    private static WriterOptions writer(Variant v) {
        return WriterOptions.builder().statementBytes(v.maxStatementBytes() > 0 ? v.maxStatementBytes()
                : WriterOptions.DEFAULT_STATEMENT_BYTES).preparedRows(v.preparedRows()).build();
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        BenchData data;
        Sweep parsedSweep = null;
        List<Variant> variants;
        Path chartFile;
        try {
            if (connection.database() != null) {
                throw new IllegalArgumentException("bench takes no -D/--database: it loads into a scratch database of "
                        + "its own, packload_bench_<random>");
            }
            data = new BenchData(rows, rowBytes, blobBytes, blobShare, tables);
            if (warmupRows < 0) {
                throw new IllegalArgumentException("--warmup-rows can't be negative");
            }
            int t = threads != null ? threads : LoadConfig.defaultThreads();
            LoadConfig.checkThreads(t);
            long cap = maxStatementBytes != null ? maxStatementBytes : 0;
            if (maxStatementBytes != null && cap < PacketBudget.MIN_STATEMENT_BYTES) {
                throw new IllegalArgumentException("--max-statement-bytes must be at least "
                        + PacketBudget.MIN_STATEMENT_BYTES + ", got " + cap);
            }
            if (sweep != null) {
                parsedSweep = Sweep.parse(sweep);
                if (parsedSweep.parameter() == Sweep.Parameter.THREADS && threads != null) {
                    throw new IllegalArgumentException("--sweep threads=... sets the threads: leave out --threads");
                }
                if (parsedSweep.parameter() == Sweep.Parameter.STATEMENT_BYTES && maxStatementBytes != null) {
                    throw new IllegalArgumentException("--sweep statement-bytes=... sets the statement size: leave out "
                            + "--max-statement-bytes");
                }
                variants = parsedSweep.variants(t, cap);
            } else {
                variants = List.of(new Variant("threads=" + t + (cap > 0 ? ", statement-bytes=" + Sweep.size(cap) : ""),
                        t, cap));
            }
            chartFile = chart != null ? chart : parsedSweep != null ? Path.of("bench-" + stamp + ".png") : null;
            if (chartFile != null) {
                ThroughputChart.formatOf(chartFile);
                checkWritable(chartFile, "--chart");
            }
            if (report != null) {
                checkWritable(report, "--report");
            }
        } catch (IllegalArgumentException e) {
            err.println("packload: " + e.getMessage());
            return ExitCode.USAGE;
        }

        List<BenchResult> results = new ArrayList<>();
        RunState.Failure failure = null;
        String error = null;
        int code = ExitCode.OK;
        String targetLabel = null;
        ScratchDatabase db = null;
        EmbeddedMariaDb embedded = null;
        Thread dropOnExit = null;
        try {
            Target target;
            if (connection.targetGiven()) {
                target = connection.target().withoutDatabase();
            } else {
                embedded = startEmbedded(err);
                target = Target.of(embedded.host(), embedded.port(), "root", null, null);
            }
            targetLabel = target.toString();
            try {
                db = ScratchDatabase.create(target);
            } catch (SQLException e) {
                throw new SQLException("cannot create a scratch database on " + target + ": " + e.getMessage(), e);
            }
            if (!keep) {
                // interrupted (Ctrl-C): stop the writers and drop the database all the same
                ScratchDatabase scratch = db;
                dropOnExit = new Thread(() -> drop(scratch, System.err), "packload-bench-drop");
                Runtime.getRuntime().addShutdownHook(dropOnExit);
            }
            err.println("packload: benchmarking " + target + " (" + db.serverVersion() + ") in scratch database "
                    + db.name());
            err.println("packload: data: " + data.describe());
            if (warmupRows > 0) {
                failure = warmUp(db, data, variants.get(0), stamp, err);
            }
            for (Variant v : failure != null ? List.<Variant>of() : variants) {
                Path rejects = Path.of("packload-bench-rejects-" + stamp
                        + (variants.size() > 1 ? "-" + v.label().replaceAll("[^A-Za-z0-9]+", "") : "") + ".sql");
                BenchRun.Outcome o = BenchRun.run(db, data, v, writer(v), rejects);
                BenchResult r = o.result();
                results.add(r);
                err.printf(Locale.ROOT, "packload: %s: %,.0f rows/s, %.1f MB/s, %.1f statements/s, p95 %.1f ms per "
                        + "statement, %.1fs%n", r.label(), r.rowsPerSecond(), r.mbPerSecond(), r.statementsPerSecond(),
                        r.statementLatency().p95Millis(), r.seconds());
                if (r.rowsRejected() > 0) {
                    err.printf(Locale.ROOT, "packload: %s: %,d rows rejected, with their reasons in %s%n", r.label(),
                            r.rowsRejected(), rejects);
                }
                if (o.failure() != null) {
                    failure = o.failure();
                    break;
                }
            }
        } catch (EmbeddedMariaDb.StartupException e) {
            error = "cannot start the embedded MariaDB: " + e.getMessage();
            code = ExitCode.SERVER_FAILURE;
        } catch (SQLException e) {
            error = e.getMessage().startsWith("cannot create") ? e.getMessage() : "server failure: " + e.getMessage();
            code = ExitCode.SERVER_FAILURE;
            if (verbose) {
                e.printStackTrace(err);
            }
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
            code = ExitCode.USAGE;
        } finally {
            if (db != null) {
                if (keep) {
                    err.println("packload: kept database " + db.name() + " (--keep)");
                } else {
                    drop(db, err);
                }
            }
            if (dropOnExit != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(dropOnExit);
                } catch (IllegalStateException ignored) {
                    // the JVM is exiting: the hook runs, dropping a database that is already gone
                }
            }
            if (embedded != null) {
                embedded.close();
            }
        }

        if (!results.isEmpty()) {
            print(out, results);
        }
        if (failure != null) {
            error = failure.message();
            if (verbose && failure.cause() != null) {
                failure.cause().printStackTrace(err);
            }
            code = ExitCode.of(failure.outcome());
        } else if (error == null && results.stream().anyMatch(r -> r.rowsRejected() > 0)) {
            code = ExitCode.ROWS_REJECTED;
        }
        if (chartFile != null && !results.isEmpty() && error == null) {
            try {
                ThroughputChart.write(chartFile, "packload bench: " + targetLabel + " ("
                                + (db == null ? "?" : db.serverVersion()) + ")", data.describe(),
                        parsedSweep == null ? null : parsedSweep.parameter().option(), results);
                out.println("chart: " + chartFile);
            } catch (IOException | RuntimeException e) {
                err.println("packload: cannot write the chart " + chartFile + ": " + e.getMessage());
                code = code == ExitCode.OK ? ExitCode.INTERNAL : code;
            }
        }
        if (report != null) {
            try {
                BenchReport.of(version(), startedAt, targetLabel, db == null ? null : db.serverVersion(),
                        db == null ? null : db.name(), keep && db != null, data, Math.min(warmupRows, data.rows()), parsedSweep, results, error, code)
                        .write(report);
                out.println("report: " + report);
            } catch (IOException | RuntimeException e) {
                err.println("packload: cannot write the report " + report + ": " + e.getMessage());
                code = code == ExitCode.OK ? ExitCode.INTERNAL : code;
            }
        }
        if (error != null) {
            err.println("packload: " + error);
        }
        return code;
    }

    /** Loads the first rows once with the first variant's settings, unmeasured; returns its failure, if any. */
    private RunState.Failure warmUp(ScratchDatabase db, BenchData data, Variant first, String stamp, PrintStream err)
            throws SQLException {
        long n = Math.min(warmupRows, data.rows());
        BenchData warm = new BenchData(n, data.rowBytes(), data.blobBytes(), data.blobShare(), 1);
        err.printf(Locale.ROOT, "packload: warm-up: %,d rows with %s (not measured)%n", n, first.label());
        return BenchRun.run(db, warm, first, writer(first), Path.of("packload-bench-rejects-" + stamp + "-warmup.sql"))
                .failure();
    }

    private static void print(PrintStream out, List<BenchResult> results) {
        String fmt = "%-28s %11s %8s %12s %8s %8s %8s %10s %7s %7s%n";
        out.printf(Locale.ROOT, fmt, "variant", "rows/s", "MB/s", "statements/s", "p50 ms", "p95 ms", "p99 ms",
                "statements", "commits", "time");
        for (BenchResult r : results) {
            BenchResult.Latency l = r.statementLatency();
            out.printf(Locale.ROOT, fmt, r.label(), String.format(Locale.ROOT, "%,.0f", r.rowsPerSecond()),
                    String.format(Locale.ROOT, "%.1f", r.mbPerSecond()),
                    String.format(Locale.ROOT, "%.1f", r.statementsPerSecond()), ms(l.p50Millis()), ms(l.p95Millis()),
                    ms(l.p99Millis()), String.format(Locale.ROOT, "%,d", r.statements()),
                    String.format(Locale.ROOT, "%,d", r.commits()), String.format(Locale.ROOT, "%.1fs", r.seconds()));
        }
        if (results.stream().map(r -> r.budget().description()).distinct().count() == 1) {
            out.println("packet: " + results.get(0).budget().description());
        } else {
            for (BenchResult r : results) {
                out.println("packet (" + r.label() + "): " + r.budget().description());
            }
        }
        for (BenchResult r : results) {
            if (r.threads() > 1 && r.statements() < 2L * r.threads()) {
                out.printf(Locale.ROOT, "note (%s): %,d statements for %d writers: too few for every writer to be busy; "
                        + "give more --rows or a smaller statement size%n", r.label(), r.statements(), r.threads());
            }
            if (r.generatorSeconds() > 0.5 * r.seconds()) {
                out.printf(Locale.ROOT, "note (%s): generating the rows took %.0f%% of the time, so the server may be "
                        + "faster than this shows%n", r.label(), 100 * r.generatorSeconds() / r.seconds());
            }
        }
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Fails fast on an output file that could not be written at the end of a long run. */
    private static void checkWritable(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a directory; name a file");
        }
        Path dir = file.toAbsolutePath().getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir != null && !Files.isWritable(dir)) {
            throw new IllegalArgumentException(option + " " + file + ": cannot write in " + dir);
        }
    }

    private static void drop(ScratchDatabase db, PrintStream err) {
        try {
            db.drop(10);
            if (err != null) {
                err.println("packload: dropped database " + db.name());
            }
        } catch (SQLException e) {
            if (err != null) {
                err.println("packload: could not drop the scratch database " + db.name() + ": " + e.getMessage()
                        + " (drop it by hand: DROP DATABASE `" + db.name() + "`)");
            }
        }
    }

    private EmbeddedMariaDb startEmbedded(PrintStream err) {
        Path home = EmbeddedMariaDb.defaultHome();
        // a stock MariaDB's packet limit, as for load
        EmbeddedMariaDb db = EmbeddedMariaDb.start(home, home.resolve("data"), 0, List.of("--max-allowed-packet=16M"));
        err.println("packload: no target given: benchmarking an embedded MariaDB " + db.version() + " (data kept in "
                + home.resolve("data") + "; the scratch database is dropped at the end unless --keep)");
        return db;
    }

    private static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
