package dev.packload.loader;

import dev.packload.formats.FormatException;
import dev.packload.formats.io.Input;
import dev.packload.formats.io.Inputs;
import dev.packload.loader.index.IndexDeferral;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.LoadPipeline;
import dev.packload.loader.pipeline.RunState;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.pipeline.WriterOptions;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.RejectFile;
import dev.packload.formats.csv.CsvDialect;
import dev.packload.formats.csv.CsvReader;
import dev.packload.loader.source.CsvOptions;
import dev.packload.loader.source.LoadDataSource;
import dev.packload.loader.source.LoadDataChunks;
import dev.packload.loader.source.SchemaInference;
import dev.packload.loader.write.LoadDataSession;
import dev.packload.loader.source.CsvSource;
import dev.packload.loader.source.DumpFilter;
import dev.packload.loader.write.TableMeta;
import dev.packload.loader.write.OnDuplicate;
import dev.packload.loader.source.DumpSource;
import dev.packload.loader.source.InputPlan;
import dev.packload.loader.write.NativeSqlSession;
import dev.packload.loader.write.PacketBudget;
import dev.packload.loader.write.SqlSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One {@code packload load} run: opens a session per writer, negotiates the statement budget, reads every input
 * through the pipeline and reports what happened. Holds no global state: several jobs can run in one JVM.
 */
public final class LoadJob {

    /** A sealed, validated description of the run. */
    public record Config(List<Path> inputs, int threads, WriterOptions writer, long maxStatementBytes, Path rejectFile,
                         int ringSize, DumpFilter filter, String defaultCharacterSet, CsvOptions csv, String format) {
        public Config(List<Path> inputs, int threads, WriterOptions writer, long maxStatementBytes, Path rejectFile,
                      int ringSize, DumpFilter filter, String defaultCharacterSet) {
            this(inputs, threads, writer, maxStatementBytes, rejectFile, ringSize, filter, defaultCharacterSet,
                    CsvOptions.defaults(), null);
        }

        public Config(List<Path> inputs, int threads, WriterOptions writer, long maxStatementBytes, Path rejectFile,
                      int ringSize, DumpFilter filter) {
            this(inputs, threads, writer, maxStatementBytes, rejectFile, ringSize, filter, null);
        }

        /** A config that loads everything, as the dump says. */
        public Config(List<Path> inputs, int threads, WriterOptions writer, long maxStatementBytes, Path rejectFile,
                      int ringSize) {
            this(inputs, threads, writer, maxStatementBytes, rejectFile, ringSize, DumpFilter.ALL);
        }

        public Config {
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("no input given: name a dump file, several files, or - for stdin");
            }
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("--threads must be between 1 and 256, got " + threads);
            }
            if (writer.batchRows() < 0) {
                throw new IllegalArgumentException("--batch-rows must be 0 (no cap) or positive, got " + writer.batchRows());
            }
            if (writer.commitBytes() < 1) {
                throw new IllegalArgumentException("--commit-bytes must be positive, got " + writer.commitBytes());
            }
            if (maxStatementBytes < 0) {
                throw new IllegalArgumentException("--max-statement-bytes must be positive, got " + maxStatementBytes);
            }
            if (Integer.bitCount(ringSize) != 1) {
                throw new IllegalArgumentException("the ring size must be a power of two, got " + ringSize);
            }
            if (defaultCharacterSet != null && !defaultCharacterSet.matches("[A-Za-z0-9_]+")) {
                throw new IllegalArgumentException("--default-character-set takes a character set name such as utf8mb4 "
                        + "or latin1, not '" + defaultCharacterSet + "'");
            }
            inputs = List.copyOf(inputs);
        }

        /** The format an input is read in: --format when given, else what its extension says. */
        InputPlan.Item resolve(InputPlan.Item item) {
            if (format == null) {
                return item;
            }
            return format.equals("sql") ? new InputPlan.Item(item.path(), item.database(), InputPlan.Format.SQL, null, null)
                    : new InputPlan.Item(item.path(), item.database(), InputPlan.Format.DELIMITED, null, item.table());
        }
    }

    /** What a run did. {@code failure} is null when every input was read to the end. */
    public record Result(LoadStats stats, PacketBudget budget, RunState.Failure failure, RejectFile rejects) {
        public boolean rowsRejected() {
            return rejects.count() > 0;
        }
    }

    /** Opens one writer session. */
    @FunctionalInterface
    public interface SessionFactory {
        SqlSession open(long maxStatementBytes) throws SQLException;

        /** A connection for LOAD DATA LOCAL INFILE that sends only the streams packload hands it. */
        default LoadDataSession openLoadData() throws SQLException {
            throw new SQLException("this target does not take LOAD DATA LOCAL INFILE");
        }
    }

    private LoadJob() {
    }

    /**
     * Loads one delimited-text file into its table. The table's columns are read once the writers have run every
     * statement published before (a mysqldump --tab directory creates the table just before its data).
     */
    private static boolean loadDelimited(Input in, SourceRef source, InputPlan.Item item, Config config,
                                         LoadPipeline pipeline, SqlSession metadata, RejectFile rejects,
                                         SessionFactory factory, LoadStats stats, BatchLog batchLog)
            throws IOException, SQLException {
        CsvOptions csv = config.csv();
        CsvDialect dialect = csv.dialect(item.dialect());
        String table = item.table() != null ? item.table() : csv.tableFor(item.path().getFileName() == null
                ? "stdin" : item.path().getFileName().toString());
        if (!config.filter().includes(config.filter().targetDatabase(), table)) {
            return true;
        }
        pipeline.awaitIdle();
        TableMeta meta;
        try {
            meta = TableMeta.load(metadata.connection(), config.filter().targetDatabase(), table);
        } catch (SQLException e) {
            if (!"42S02".equals(e.getSQLState()) && e.getErrorCode() != 1146) {
                throw e;
            }
            if (!csv.createTable()) {
                throw new IOException(source + ": table " + table + " does not exist: create it first, pass "
                        + "--create-table to infer it from the file, or name another with --table", e);
            }
            if (item.path().toString().equals("-")) {
                throw new IOException("--create-table needs a file to sample, not stdin", e);
            }
            SchemaInference inferred;
            try (Input sample = Inputs.open(item.path())) {
                inferred = SchemaInference.sample(sample, source.name(), dialect, csv.encoding(), csv.columns(),
                        CsvOptions.SAMPLE_RECORDS);
            }
            String ddl = inferred.createTable(config.filter().targetDatabase(), table);
            try (java.sql.Statement st = metadata.connection().createStatement()) {
                st.execute(ddl);
            }
            stats.notice(source + ": created table " + table + " from a sample of " + inferred.sampled()
                    + " records:\n" + ddl);
            meta = TableMeta.load(metadata.connection(), config.filter().targetDatabase(), table);
        }
        if (csv.loadData()) {
            String why = LoadDataSource.unexpressible(dialect, csv, meta);
            if (why == null) {
                why = LoadDataSource.unexpressible(config.writer().onDuplicate());
            }
            if (why == null) {
                var t = stats.table(meta.schema() + "." + meta.table());
                long before = t.rowsLoaded();
                try {
                    loadData(in, source, dialect, csv, meta, factory, config.threads(), config.writer().onDuplicate(),
                            batchLog, stats);
                    return true;
                } catch (SQLException e) {
                    if (!refusedLocalInfile(e) || item.path().toString().equals("-") || t.rowsLoaded() != before) {
                        throw e;
                    }
                    why = "the server refused LOAD DATA LOCAL INFILE (" + e.getMessage() + ")";
                }
                stats.notice(source + ": --method load-data: " + why + "; loading it with INSERTs instead");
                try (Input again = Inputs.open(item.path())) {
                    return CsvSource.load(again, source, pipeline.publisher(), csv, dialect, meta, rejects);
                }
            }
            stats.notice(source + ": --method load-data: " + why + "; loading it with INSERTs instead");
        }
        return CsvSource.load(in, source, pipeline.publisher(), csv, dialect, meta, rejects);
    }

    /**
     * {@code --method load-data}: in runs of records over {@code threads} connections when the file can be cut
     * (UTF-8 or ISO-8859-1), else as one stream on one connection.
     */
    private static void loadData(Input in, SourceRef source, CsvDialect dialect, CsvOptions csv, TableMeta meta,
                                 SessionFactory factory, int threads, OnDuplicate onDuplicate, BatchLog batchLog,
                                 LoadStats stats) throws IOException, SQLException {
        var t = stats.table(meta.schema() + "." + meta.table());
        boolean chunks = CsvReader.canChunk(dialect, csv.encoding());
        List<LoadDataSession> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < (chunks ? threads : 1); i++) {
                sessions.add(factory.openLoadData());
            }
            LoadDataSource.Plan plan = LoadDataSource.plan(in, source.name(), dialect, csv, meta, onDuplicate);
            LoadDataChunks.Result r = chunks
                    ? LoadDataChunks.load(plan, dialect, csv.encoding(), sessions, source, batchLog,
                    LoadDataChunks.CHUNK_BYTES, onDuplicate)
                    : LoadDataChunks.loadWhole(plan, sessions.get(0), source, batchLog, onDuplicate);
            t.read(r.rows() + r.duplicatesIgnored(), 0);
            t.loaded(r.rows());
            stats.duplicatesIgnored(r.duplicatesIgnored());
            for (int i = 0; i < r.statements(); i++) {
                t.statementSent();
            }
        } finally {
            for (LoadDataSession s : sessions) {
                s.close();
            }
        }
    }

    /** The server (or the driver) said no to LOCAL INFILE as such, before any data went. */
    private static boolean refusedLocalInfile(SQLException e) {
        int code = e.getErrorCode();
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return code == 1148 || code == 3948 || code == 3950 || code == 4166 || m.contains("local infile")
                || m.contains("load data local") || m.contains("not allowed");
    }

    public static SessionFactory sessions(dev.packload.loader.target.Target target) {
        return new SessionFactory() {
            @Override
            public SqlSession open(long cap) throws SQLException {
                return NativeSqlSession.open(target.connect(), cap);
            }

            @Override
            public LoadDataSession openLoadData() throws SQLException {
                return LoadDataSession.open(target);
            }
        };
    }

    /**
     * The reader's side of a run: publishes rows and statements into the pipeline on the calling thread.
     *
     * @return why the reader stopped early (bad input, ...), or null when it read everything; the failure is recorded
     *         once the writers have sent and committed every row published before it
     */
    @FunctionalInterface
    public interface Feeder {
        RunState.Failure feed(LoadPipeline pipeline, RejectFile rejects) throws Exception;
    }

    /**
     * Runs the load of the configured inputs.
     *
     * @param onInput called with each input as it is opened (for progress)
     * @throws SQLException when no connection can be opened at all
     */
    public static Result run(Config config, SessionFactory factory, LoadStats stats, BatchLog batchLog,
                             Consumer<Input> onInput) throws SQLException {
        return run(config.threads(), config.writer(), config.maxStatementBytes(), config.rejectFile(),
                config.ringSize(), factory, stats, batchLog,
                (pipeline, rejects) -> readInputs(config, factory, stats, onInput, pipeline, rejects, batchLog));
    }

    /**
     * Runs a load whose rows come from {@code feeder}: opens a session per writer, negotiates the budget, builds the
     * pipeline, lets the feeder publish, then waits until every writer has sent and committed what it holds.
     *
     * @throws SQLException when the sessions can't be opened
     */
    public static Result run(int threads, WriterOptions writer, long maxStatementBytes, Path rejectFile, int ringSize,
                             SessionFactory factory, LoadStats stats, BatchLog batchLog, Feeder feeder)
            throws SQLException {
        List<SqlSession> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                sessions.add(factory.open(maxStatementBytes));
            }
        } catch (SQLException | RuntimeException e) {
            for (SqlSession s : sessions) {
                try {
                    s.close();
                } catch (SQLException ignored) {
                    // already failing
                }
            }
            throw e;
        }
        PacketBudget budget = sessions.stream().map(SqlSession::budget)
                .min((a, b) -> Integer.compare(a.statementBytes(), b.statementBytes())).orElseThrow();
        RejectFile rejects = new RejectFile(rejectFile);
        // index builds run on connections of their own, as many at once as there are writers
        IndexDeferral deferral = IndexDeferral.create(writer.deferIndexes(), writer.onDuplicate(),
                () -> factory.open(0).connection(), threads, stats);
        LoadPipeline pipeline = new LoadPipeline(sessions, writer, ringSize, LoadPipeline.DEFAULT_GATE_BYTES, stats,
                rejects, batchLog, deferral);
        RunState state = pipeline.state();
        // A reader's failure stops the reader, not the writers: every row read before it is good and is loaded, as
        // the mysql client would have. The failure is recorded once the writers have finished.
        RunState.Failure readerFailure = null;
        try {
            readerFailure = feeder.feed(pipeline, rejects);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            readerFailure = new RunState.Failure(RunState.Outcome.INTERNAL_ERROR, "interrupted while reading", e);
        } catch (Exception e) {
            readerFailure = new RunState.Failure(RunState.Outcome.INTERNAL_ERROR, "reader failed: " + e, e);
        } finally {
            pipeline.finish();
            if (readerFailure != null) {
                state.fail(readerFailure.outcome(), readerFailure.message(), readerFailure.cause());
            }
            try {
                rejects.close();
            } catch (IOException e) {
                state.fail(RunState.Outcome.INTERNAL_ERROR, "cannot close the reject file: " + e.getMessage(), e);
            }
        }
        return new Result(stats, budget, state.failure(), rejects);
    }

    /** Reads every input of the config into the pipeline; returns why it stopped early, or null. */
    private static RunState.Failure readInputs(Config config, SessionFactory factory, LoadStats stats,
                                               Consumer<Input> onInput, LoadPipeline pipeline, RejectFile rejects,
                                               BatchLog batchLog) {
        SqlSession metadata = null;
        try {
            int index = 0;
            List<InputPlan.Item> items = InputPlan.expand(config.inputs());
            if (config.defaultCharacterSet() != null) {
                // like the mysql client's option: the connection's character set until the dump says SET NAMES
                byte[] setNames = ("SET NAMES " + config.defaultCharacterSet()).getBytes(StandardCharsets.US_ASCII);
                pipeline.publisher().statement(setNames, 0, setNames.length, 0, 0);
            }
            for (InputPlan.Item planned : items) {
                if (!pipeline.state().running()) {
                    break;
                }
                InputPlan.Item item = config.resolve(planned);
                Path path = item.path();
                try (Input in = Inputs.open(path)) {
                    onInput.accept(in);
                    SourceRef source = new SourceRef(index++, in.name());
                    boolean complete;
                    if (item.format() == InputPlan.Format.DELIMITED) {
                        if (metadata == null) {
                            metadata = factory.open(0);
                        }
                        complete = loadDelimited(in, source, item, config, pipeline, metadata, rejects, factory, stats,
                                batchLog);
                    } else {
                        complete = DumpSource.load(in, source, pipeline.publisher(), config.filter(), item.database());
                    }
                    if (!complete) {
                        break;
                    }
                } catch (FormatException e) {
                    return new RunState.Failure(RunState.Outcome.BAD_INPUT, e.getMessage(), e);
                } catch (IOException | UncheckedIOException e) {
                    return new RunState.Failure(RunState.Outcome.BAD_INPUT, "cannot read " + path + ": "
                            + e.getMessage(), e);
                }
            }
            return null;
        } catch (IOException e) {
            return new RunState.Failure(RunState.Outcome.BAD_INPUT, e.getMessage(), e);
        } catch (SQLException e) {
            return new RunState.Failure(RunState.Outcome.SERVER_FAILURE, "reading table metadata: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            return new RunState.Failure(RunState.Outcome.INTERNAL_ERROR, "reader failed: " + e, e);
        } finally {
            if (metadata != null) {
                try {
                    metadata.close();
                } catch (SQLException ignored) {
                    // the metadata connection only read; nothing to lose
                }
            }
        }
    }
}
