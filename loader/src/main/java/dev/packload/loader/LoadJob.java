package dev.packload.loader;

import dev.packload.formats.FormatException;
import dev.packload.formats.io.Input;
import dev.packload.loader.feed.Feed;
import dev.packload.loader.feed.InputsFeed;
import dev.packload.loader.fk.CheckLog;
import dev.packload.loader.fk.DeferredChecks;
import dev.packload.loader.fk.SessionChecks;
import dev.packload.loader.index.BuildLog;
import dev.packload.loader.index.IndexDeferral;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.LoadPipeline;
import dev.packload.loader.pipeline.ResumePoint;
import dev.packload.loader.pipeline.StopSignal;
import dev.packload.loader.pipeline.RunState;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.RejectFile;
import dev.packload.loader.report.ResultPrinter;
import dev.packload.loader.target.Target;
import dev.packload.loader.write.LoadDataSession;
import dev.packload.loader.write.NativeSqlSession;
import dev.packload.loader.write.PacketBudget;
import dev.packload.loader.write.ReplicaLimit;
import dev.packload.loader.write.SqlErrors;
import dev.packload.loader.write.SqlSession;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One {@code packload load} run: opens a session per writer, negotiates the statement budget, lets the run's
 * {@link Feed} read into the pipeline, and reports what happened. Holds no global state: several jobs can run in one
 * JVM.
 *
 * <pre>
 *   Feed ──▶ JobSink ──▶ LoadPipeline (ring, writers) ──▶ server
 *   (dump, delimited,  (rows, statements, rejects,
 *    LOAD DATA runs,    table metadata, LOAD DATA connections)
 *    mydumper, bench)
 * </pre>
 */
public final class LoadJob {

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

    public static SessionFactory sessions(Target target) {
        return sessions(target, List.of());
    }

    /** Sessions whose budget also keeps every binlog event within these replicas' limits ({@code --replica}). */
    public static SessionFactory sessions(Target target, List<ReplicaLimit> replicas) {
        return new SessionFactory() {
            @Override
            public SqlSession open(long cap) throws SQLException {
                return NativeSqlSession.open(target.connect(), cap, replicas);
            }

            @Override
            public LoadDataSession openLoadData() throws SQLException {
                return LoadDataSession.open(target);
            }
        };
    }

    /**
     * Runs a load: opens a session per writer, negotiates the budget, builds the pipeline, lets the feed read (the
     * config's own, else its inputs in order), then waits until every writer has sent and committed what it holds.
     *
     * @param onInput called with each input as it is opened (for progress)
     * @throws SQLException when the sessions can't be opened
     */
    public static Result run(LoadConfig config, SessionFactory factory, LoadStats stats, BatchLog batchLog,
                             Consumer<Input> onInput) throws SQLException {
        return run(config, factory, stats, batchLog, onInput, Continuation.NONE);
    }

    /**
     * How a run continues a job: the rows and statements an interrupted run made durable (skipped), the signal that
     * stops it from outside (null: none), whether its rejects go after an earlier run's in the reject file, and what
     * records its deferred index builds and the tables whose foreign keys await their check (a journal, or NONE).
     */
    public record Continuation(ResumePoint resume, StopSignal stop, boolean appendRejects, BuildLog indexBuilds,
                               CheckLog foreignKeyChecks) {
        public static final Continuation NONE = new Continuation(ResumePoint.NONE, null, false, BuildLog.NONE,
                CheckLog.NONE);

        /** Without a record of the foreign key checks: an interrupted run's tables are not checked by the next. */
        public Continuation(ResumePoint resume, StopSignal stop, boolean appendRejects, BuildLog indexBuilds) {
            this(resume, stop, appendRejects, indexBuilds, CheckLog.NONE);
        }
    }

    /** The same, continuing a job as {@code continuation} says. */
    public static Result run(LoadConfig config, SessionFactory factory, LoadStats stats, BatchLog batchLog,
                             Consumer<Input> onInput, Continuation continuation) throws SQLException {
        List<SqlSession> sessions = openAll(config.threads(), () -> factory.open(config.maxStatementBytes()));
        PacketBudget budget = sessions.stream().map(SqlSession::budget)
                .min((a, b) -> Integer.compare(a.statementBytes(), b.statementBytes())).orElseThrow();
        RejectFile rejects = new RejectFile(config.rejectFile(), continuation.appendRejects());
        // index builds run on connections of their own, as many at once as there are writers
        IndexDeferral deferral = IndexDeferral.create(config.writer().deferIndexes(), config.writer().onDuplicate(),
                () -> factory.open(0).connection(), config.threads(), stats, continuation.indexBuilds());
        DeferredChecks fkChecks = DeferredChecks.create(config.writer().foreignKeyChecks(),
                config.writer().onDuplicate(), config.writer().stopOnReject() || config.writer().maxErrors() > 0,
                () -> factory.open(0).connection(), config.threads(), stats, continuation.foreignKeyChecks());
        // with one writer the rows reach the server in the dump's order: none has to wait for another's
        Function<SqlSession, SessionChecks> sessionChecks = fkChecks != null ? fkChecks::forSession
                : sessions.size() > 1 ? SessionChecks::checkedOnly : null;
        LoadPipeline pipeline = new LoadPipeline(sessions, config.writer(), config.ringSize(),
                LoadPipeline.DEFAULT_GATE_BYTES, stats, rejects, batchLog, deferral,
                new ResultPrinter(config.resultOutput()), sessionChecks);
        RunState state = pipeline.state();
        pipeline.publisher().resumeFrom(continuation.resume());
        if (continuation.stop() != null) {
            continuation.stop().attach(state);
        }
        Feed feed = config.feed() != null ? config.feed() : new InputsFeed(config.inputs(), config.format(),
                config.filter(), config.csv(), config.defaultCharacterSet(), config.client(), config.readers());
        // A failure of the reading stops the reading, not the writers: every row read before it is good and is
        // loaded, as the mysql client would have. It becomes the run's failure once the writers have finished.
        try (JobSink sink = new JobSink(pipeline, factory, config, stats, rejects, batchLog, onInput)) {
            feed.feed(sink);
        } catch (Exception e) {
            RunState.Failure f = failureOf(e);
            state.stopReading(f.outcome(), f.message(), f.cause());
        } finally {
            pipeline.finish();
            verifyForeignKeys(fkChecks, state, rejects, continuation.foreignKeyChecks() != CheckLog.NONE);
            try {
                rejects.close();
            } catch (IOException e) {
                state.fail(RunState.Outcome.INTERNAL_ERROR, "cannot close the reject file: " + e.getMessage(), e);
            }
        }
        return new Result(stats, budget, state.failure(), rejects);
    }

    /**
     * Checks the foreign keys of the rows that went unchecked, once the writers and the index builds are done and
     * before the load may report success. A run that failed leaves them to the run that resumes it (the journal
     * holds the tables), so that the parents the dump has yet to give are there first; without a journal it checks
     * what was loaded now, since nothing else will.
     */
    private static void verifyForeignKeys(DeferredChecks fkChecks, RunState state, RejectFile rejects,
                                          boolean journaled) {
        if (fkChecks == null) {
            return;
        }
        try {
            if (state.failure() == null || !journaled) {
                fkChecks.verify(rejects);
            }
        } catch (SQLException e) {
            state.fail(RunState.Outcome.of(SqlErrors.classify(e)), "checking the foreign keys of the rows loaded with "
                    + "--foreign-key-checks deferred failed: " + SqlErrors.describe(e) + (journaled ? "; running the "
                    + "same command again checks them" : ""), e);
        } catch (RuntimeException e) {
            state.fail(RunState.Outcome.INTERNAL_ERROR, "checking the foreign keys after the load: " + e, e);
        } finally {
            fkChecks.close();
        }
    }

    /** What a feed's exception means for the run. */
    private static RunState.Failure failureOf(Exception e) {
        if (e instanceof FormatException || e instanceof IOException) {
            return new RunState.Failure(RunState.Outcome.BAD_INPUT, e.getMessage(), e);
        }
        if (e instanceof SQLException) {
            return new RunState.Failure(RunState.Outcome.SERVER_FAILURE, "reading table metadata: " + e.getMessage(), e);
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new RunState.Failure(RunState.Outcome.INTERNAL_ERROR, "interrupted while reading", e);
        }
        return new RunState.Failure(RunState.Outcome.INTERNAL_ERROR, "reader failed: " + e, e);
    }

    /** Opens one connection of a kind. */
    @FunctionalInterface
    interface Opener<T extends AutoCloseable> {
        T open() throws SQLException;
    }

    /** {@code n} connections, or none: the ones opened are closed when one can't be. */
    static <T extends AutoCloseable> List<T> openAll(int n, Opener<T> opener) throws SQLException {
        List<T> opened = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                opened.add(opener.open());
            }
        } catch (SQLException | RuntimeException e) {
            for (T c : opened) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // already failing
                }
            }
            throw e;
        }
        return opened;
    }
}
