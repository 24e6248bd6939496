package dev.packload.loader;

import dev.packload.formats.FormatException;
import dev.packload.formats.io.Input;
import dev.packload.formats.io.Inputs;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.LoadPipeline;
import dev.packload.loader.pipeline.RunState;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.pipeline.WriterOptions;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.RejectFile;
import dev.packload.loader.source.DumpFilter;
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
                         int ringSize, DumpFilter filter, String defaultCharacterSet) {
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
    }

    private LoadJob() {
    }

    public static SessionFactory sessions(dev.packload.loader.target.Target target) {
        return cap -> NativeSqlSession.open(target.connect(), cap);
    }

    /**
     * Runs the load.
     *
     * @param onInput called with each input as it is opened (for progress)
     * @throws SQLException when no connection can be opened at all
     */
    public static Result run(Config config, SessionFactory factory, LoadStats stats, BatchLog batchLog,
                             Consumer<Input> onInput) throws SQLException {
        List<SqlSession> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < config.threads(); i++) {
                sessions.add(factory.open(config.maxStatementBytes()));
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
        RejectFile rejects = new RejectFile(config.rejectFile());
        LoadPipeline pipeline = new LoadPipeline(sessions, config.writer(), config.ringSize(),
                LoadPipeline.DEFAULT_GATE_BYTES, stats, rejects, batchLog);
        RunState state = pipeline.state();
        // Bad input stops the reader, not the writers: every row read before the bad spot is good and is loaded,
        // as the mysql client would have. The failure is recorded once the writers have finished.
        RunState.Failure readerFailure = null;
        try {
            int index = 0;
            List<InputPlan.Item> items = InputPlan.expand(config.inputs());
            if (config.defaultCharacterSet() != null) {
                // like the mysql client's option: the connection's character set until the dump says SET NAMES
                byte[] setNames = ("SET NAMES " + config.defaultCharacterSet()).getBytes(StandardCharsets.US_ASCII);
                pipeline.publisher().statement(setNames, 0, setNames.length, 0, 0);
            }
            for (InputPlan.Item item : items) {
                if (!state.running()) {
                    break;
                }
                Path path = item.path();
                try (Input in = Inputs.open(path)) {
                    onInput.accept(in);
                    if (!DumpSource.load(in, new SourceRef(index++, in.name()), pipeline.publisher(), config.filter(),
                            item.database())) {
                        break;
                    }
                } catch (FormatException e) {
                    readerFailure = new RunState.Failure(RunState.Outcome.BAD_INPUT, e.getMessage(), e);
                    break;
                } catch (IOException | UncheckedIOException e) {
                    readerFailure = new RunState.Failure(RunState.Outcome.BAD_INPUT, "cannot read " + path + ": "
                            + e.getMessage(), e);
                    break;
                }
            }
        } catch (IOException e) {
            readerFailure = new RunState.Failure(RunState.Outcome.BAD_INPUT, e.getMessage(), e);
        } catch (RuntimeException e) {
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
}
