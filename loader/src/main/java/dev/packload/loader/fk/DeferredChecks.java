package dev.packload.loader.fk;

import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.RejectFile;
import dev.packload.loader.write.OnDuplicate;
import dev.packload.loader.write.SqlSession;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A load's deferred foreign key checks ({@code --foreign-key-checks deferred}): which tables got rows with the checks
 * off, and their verification once the rows are in. Each writer has a {@link SessionChecks}; {@link #verify} runs
 * once the writers and the index builds are done, before the load may report success.
 *
 * <p>Why at the end, not when a table's rows are done: only then does every parent table hold every row the dump
 * gives it. mysqldump writes tables in name order ({@code dept_emp} before {@code employees}), so a child's rows
 * often come before their parents'; verified earlier, they would be refused although the dump means them to load
 * (it sets {@code FOREIGN_KEY_CHECKS=0} for that reason).
 *
 * <p>Off ({@link #create} returns null) with {@code --foreign-key-checks immediate}, with {@code --on-duplicate
 * ignore, replace or update} (with checks off, REPLACE skips ON DELETE actions and IGNORE would keep the rows the
 * checks refuse), and with {@code --on-error stop} or {@code --max-errors}, which stop at a refused row as it is sent.
 */
public final class DeferredChecks implements AutoCloseable {
    /** Opens a connection for the verification's own use. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;
    private final CheckLog log;
    private final LoadStats stats;
    private final int threads;
    /** Tables whose rows went with checks deferred in this run, with their figures' names. */
    private final Map<ForeignKey.TableName, String> deferred = new LinkedHashMap<>();
    /** Where the log is written as rows are sent: a connection of its own, in autocommit. */
    private Connection recorder;

    private DeferredChecks(Connections connections, CheckLog log, LoadStats stats, int threads) {
        this.connections = connections;
        this.log = log;
        this.stats = stats;
        this.threads = threads;
    }

    /**
     * The deferral of a load, or null where rows keep their checks (see the class comment).
     *
     * @param stopsOnReject {@code --on-error stop} or {@code --max-errors} is given
     * @param threads       how many tables are verified at once, each on a connection of its own
     * @param log           records the tables to verify, so that a resumed run verifies them (a journal)
     */
    public static DeferredChecks create(ForeignKeyChecks mode, OnDuplicate onDuplicate, boolean stopsOnReject,
                                        Connections connections, int threads, LoadStats stats, CheckLog log) {
        boolean plainInserts = onDuplicate == OnDuplicate.AS_WRITTEN || onDuplicate == OnDuplicate.ERROR;
        return mode == ForeignKeyChecks.DEFERRED && plainInserts && !stopsOnReject
                ? new DeferredChecks(connections, log, stats, threads) : null;
    }

    /** The checks of one writer's session. */
    public SessionChecks forSession(SqlSession session) {
        return new SessionChecks(session, this);
    }

    /** Rows of {@code table} are about to go with checks off: recorded (in the log first) once per run. */
    synchronized void deferred(ForeignKey.TableName table, String statsName) throws SQLException {
        if (deferred.containsKey(table)) {
            return;
        }
        if (recorder == null) {
            recorder = open();
        }
        log.deferred(recorder, new CheckLog.Pending(table, statsName));
        deferred.put(table, statsName);
    }

    /**
     * Verifies every table whose rows went with checks deferred, in this run or in an interrupted earlier run of the
     * job: the rows without a parent go to the reject file, naming the constraint, and are deleted.
     *
     * @throws SQLException when a check or a removal fails; the tables not verified stay in the log
     */
    public synchronized void verify(RejectFile rejects) throws SQLException {
        Map<ForeignKey.TableName, String> tables = new LinkedHashMap<>();
        if (log != CheckLog.NONE) { // without a log there is nothing to read, and no connection to open for it
            if (recorder == null) {
                recorder = open();
            }
            for (CheckLog.Pending p : log.pending(recorder)) {
                tables.put(p.table(), p.statsName());
            }
        }
        tables.putAll(deferred);
        if (tables.isEmpty()) {
            return;
        }
        try (Verification v = new Verification(this::open, threads, log, stats, rejects)) {
            v.run(tables);
        }
    }

    /** A connection of the verification's own: autocommit, and no checks of its own on the orphans it deletes. */
    private Connection open() throws SQLException {
        Connection c = connections.open();
        c.setAutoCommit(true);
        try (var st = c.createStatement()) {
            st.execute("SET SESSION foreign_key_checks = 0");
        }
        return c;
    }

    @Override
    public synchronized void close() {
        if (recorder != null) {
            try {
                recorder.close();
            } catch (SQLException ignored) {
                // the log's own connection: nothing is left open on it
            }
            recorder = null;
        }
    }
}
