package dev.packload.loader;

import dev.packload.formats.io.Input;
import dev.packload.loader.fk.CheckLog;
import dev.packload.loader.index.BuildLog;
import dev.packload.loader.journal.JobIdentity;
import dev.packload.loader.journal.Journal;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.ResumePoint;
import dev.packload.loader.pipeline.RunState;
import dev.packload.loader.pipeline.StopSignal;
import dev.packload.loader.report.LoadReport;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.target.Target;
import dev.packload.loader.write.SqlErrors;
import dev.packload.loader.write.TableMeta;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A load as an unattended job runs it: journaled in the target ({@link Journal}), so the same command after an
 * interruption continues where the committed work ends; and taken up again in the same run after a lost connection,
 * a server restart or a lock conflict, once the server answers again, for up to {@code retryFor}. Every attempt after
 * the first is a resume: committed work is never sent again, and what the failed attempt had not committed is sent
 * exactly once more.
 */
public final class ResumableLoad {

    /**
     * @param journal       keep a journal (off: an interrupted load starts over, and no retry is safe)
     * @param journalSchema where the journal lives
     * @param again         start a new job even where the journal holds an unfinished or finished one
     * @param retryFor      how long to wait for the server, in all, before giving up on transient failures
     * @param targetLabel   the target as the job's identity names it (the embedded server's changing port left out)
     * @param rowOptions    the options that change which rows go where, "name=value" each
     * @param command       the command line that runs the job again, password left out
     */
    public record Settings(boolean journal, String journalSchema, boolean again, Duration retryFor,
                           String targetLabel, List<String> rowOptions, String command) {
    }

    /**
     * @param result   the last attempt's result (its stats are that attempt's)
     * @param retries  each transient failure that was retried
     * @param journal  the journal record, or null without one
     */
    public record Outcome(LoadJob.Result result, List<LoadReport.Retry> retries, LoadReport.Journal journal) {
    }

    private ResumableLoad() {
    }

    /**
     * Runs the job to its end, retrying transient failures.
     *
     * @throws Journal.Refused when the journal refuses the job (inputs changed, or it finished already)
     * @throws SQLException    when the server can't be reached at all, within {@code retryFor}
     */
    public static Outcome run(Target target, LoadConfig config, Settings settings, LoadJob.SessionFactory sessions,
                              StopSignal stop, BatchLog log, Consumer<Input> onInput, Consumer<LoadStats> onAttempt,
                              PrintStream err) throws SQLException, Journal.Refused, IOException {
        Journal journal = null;
        String schema = settings.journalSchema();
        Instant deadline = Instant.now().plus(settings.retryFor());
        boolean stdin = config.inputs().stream().anyMatch(p -> p.toString().equals("-"));
        if (settings.journal() && stdin) {
            err.println("packload: standard input can't be resumed (it can't be read twice): this load keeps no "
                    + "journal, and an interrupted run must start over");
        } else if (settings.journal()) {
            JobIdentity job = JobIdentity.of(config.inputs(), settings.targetLabel(), settings.rowOptions());
            AtomicBoolean reached = new AtomicBoolean();
            Opened opened = untilServerAnswers(target, deadline, stop, err, reached::get,
                    () -> openJournal(target, settings, job, log, reached, err));
            journal = opened.journal();
            schema = opened.schema();
            Journal.JobState before = journal.resumed();
            if (before != null) {
                err.printf("packload: resuming job %d: %,d rows of %s were committed by its run of %s; continuing%n",
                        journal.jobId(), before.rowsCommitted(), config.inputs().size() == 1
                                ? config.inputs().get(0).getFileName() : config.inputs().size() + " inputs",
                        before.updated());
                warnNonTransactional(target, err);
            }
        }
        List<LoadReport.Retry> retries = new ArrayList<>();
        boolean resumed = journal != null && journal.resumed() != null;
        long committedBefore = resumed ? journal.resumed().rowsCommitted() : 0;
        while (true) {
            LoadStats stats = new LoadStats();
            onAttempt.accept(stats);
            LoadJob.Result result;
            String retryable;
            try {
                ResumePoint point = ResumePoint.NONE;
                if (journal != null) {
                    try (Connection c = target.connect()) {
                        point = journal.resumePoint(c);
                    }
                }
                boolean continuing = resumed || !retries.isEmpty();
                result = LoadJob.run(config, sessions, stats, journal != null ? journal : log, onInput,
                        new LoadJob.Continuation(point, stop, continuing, journal != null ? journal : BuildLog.NONE,
                                journal != null ? journal : CheckLog.NONE));
                retryable = result.failure() == null ? null : transientCause(result.failure());
            } catch (SQLException e) {
                if (SqlErrors.classify(e) != SqlErrors.Kind.CONNECTION || journal == null && !retries.isEmpty()) {
                    throw e;
                }
                result = null;
                retryable = oneLine(e);
            }
            if (retryable == null || stop.stopped()) {
                boolean complete = result != null && result.failure() == null && journal != null;
                if (complete) {
                    Journal done = journal;
                    untilServerAnswers(target, deadline, stop, err, () -> true, () -> {
                        try (Connection c = target.connect()) {
                            for (String table : done.buildPending(c)) {
                                err.println("packload: built the deferred indexes of " + table + ", which an "
                                        + "interrupted run had dropped");
                            }
                            done.finished(c);
                        }
                        return null;
                    });
                }
                return new Outcome(result, retries, journal == null ? null
                        : new LoadReport.Journal(schema, journal.jobId(), resumed, committedBefore, complete));
            }
            if (journal == null) {
                err.println("packload: not retrying (" + retryable + "): without a journal the rows of the failed "
                        + "attempt can't be told apart from the rest");
                return new Outcome(result, retries, null);
            }
            long t0 = System.nanoTime();
            err.println("packload: retrying (" + (retries.size() + 1) + "): " + retryable);
            if (!awaitServer(target, deadline, stop)) {
                err.println("packload: giving up: the server did not answer within --retry-for ("
                        + settings.retryFor().toSeconds() + " s)");
                if (result == null) {
                    throw new SQLException(retryable, "08S01", 2013);
                }
                return new Outcome(result, retries, new LoadReport.Journal(schema, journal.jobId(), resumed,
                        committedBefore, false));
            }
            retries.add(new LoadReport.Retry(Instant.now().toString(), retryable,
                    (System.nanoTime() - t0) / 1e9));
            warnNonTransactional(target, err);
        }
    }

    /**
     * A load taken up again can vouch only for tables with transactions: says which tables of the target database
     * have none (their rows sent after the last commit may be there already, and go again).
     */
    private static void warnNonTransactional(Target target, PrintStream err) {
        if (target.database() == null) {
            return;
        }
        try (Connection c = target.connect()) {
            List<String> tables = TableMeta.nonTransactionalTables(c, target.database());
            if (!tables.isEmpty()) {
                err.println("packload: " + String.join(", ", tables) + (tables.size() == 1 ? " has" : " have")
                        + " no transactions: rows sent to " + (tables.size() == 1 ? "it" : "them") + " after the "
                        + "last commit may be there already and are sent again (twice without a unique key); only "
                        + "the other tables are loaded exactly once");
            }
        } catch (SQLException e) {
            err.println("packload: could not check " + target.database() + " for tables without transactions: "
                    + oneLine(e));
        }
    }

    /** An opened journal and the schema it ended up in. */
    private record Opened(Journal journal, String schema) {
    }

    /**
     * Opens the job's journal, in the target database when the journal's own schema may not be created; sets
     * {@code reached} once the server took the connection.
     */
    private static Opened openJournal(Target target, Settings settings, JobIdentity job, BatchLog log,
                                      AtomicBoolean reached, PrintStream err) throws SQLException, Journal.Refused {
        String schema = settings.journalSchema();
        try (Connection c = target.connect()) {
            reached.set(true);
            try {
                return new Opened(Journal.open(c, schema, job, settings.command(), settings.again(), log), schema);
            } catch (SQLException e) {
                if (!deniedSchema(e) || target.database() == null) {
                    throw e;
                }
                // may not create the packload schema: keep the journal beside the data
                err.println("packload: may not create the journal's schema " + schema + " ("
                        + oneLine(e) + "); keeping the journal in " + target.database());
                return new Opened(Journal.open(c, target.database(), job, settings.command(), settings.again(), log),
                        target.database());
            }
        }
    }

    /** Work on the journal's own connection, which a lost connection does not end either. */
    @FunctionalInterface
    private interface ServerCall<T> {
        T run() throws SQLException, Journal.Refused;
    }

    /**
     * Runs {@code call}; when the connection is lost (the server restarts, the connection is killed), waits for the
     * server and runs it again, until {@code deadline}. Journal writes outside the rows' transactions (opening the job,
     * marking it finished) are safe to repeat: a job opened twice is taken up, not made twice. A server this run has
     * not {@code reached} yet is not waited for: a wrong host or port is an error at once.
     */
    private static <T> T untilServerAnswers(Target target, Instant deadline, StopSignal stop, PrintStream err,
                                            BooleanSupplier reached, ServerCall<T> call)
            throws SQLException, Journal.Refused {
        while (true) {
            try {
                return call.run();
            } catch (SQLException e) {
                if (SqlErrors.classify(e) != SqlErrors.Kind.CONNECTION || !reached.getAsBoolean()
                        || !awaitServer(target, deadline, stop)) {
                    throw e;
                }
                err.println("packload: retrying: " + oneLine(e));
            }
        }
    }

    /** The failure's reason in one line when it is worth another attempt (a lost connection, a lock conflict), else null. */
    static String transientCause(RunState.Failure f) {
        if (f.outcome() != RunState.Outcome.SERVER_FAILURE) {
            return null;
        }
        for (Throwable t = f.cause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException q) {
                SqlErrors.Kind kind = SqlErrors.classify(q);
                if (kind == SqlErrors.Kind.CONNECTION || kind == SqlErrors.Kind.TRANSIENT) {
                    return oneLine(f.message());
                }
            }
        }
        return null;
    }

    /** Waits until the server takes a connection (backing off up to 5 s between tries); false at the deadline. */
    private static boolean awaitServer(Target target, Instant deadline, StopSignal stop) {
        long sleep = 250;
        while (Instant.now().isBefore(deadline) && !stop.stopped()) {
            try (Connection c = target.connect()) {
                return true;
            } catch (SQLException e) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                sleep = Math.min(sleep * 2, 5000);
            }
        }
        return false;
    }

    private static boolean deniedSchema(SQLException e) {
        return e.getErrorCode() == 1044 || e.getErrorCode() == 1142;
    }

    static String oneLine(SQLException e) {
        return oneLine(SqlErrors.describe(e));
    }

    /** The driver's multi-line messages ("Communications link failure\n\nThe last packet ...") in one line. */
    public static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R+\\s*", " ").trim();
    }
}
