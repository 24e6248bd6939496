package dev.packload.loader.pipeline;

import dev.packload.formats.FormatException;
import dev.packload.formats.sql.StatementInfo;
import dev.packload.loader.fk.SessionChecks;
import dev.packload.loader.index.DeferredIndexException;
import dev.packload.loader.index.IndexDeferral;
import dev.packload.loader.index.StatementTables;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.RejectFile;
import dev.packload.loader.report.ResultPrinter;
import dev.packload.loader.report.TableStats;
import dev.packload.loader.write.InsertBuilder;
import dev.packload.loader.write.InsertShape;
import dev.packload.loader.write.OversizedRowWriter;
import dev.packload.loader.write.RowRejectedException;
import dev.packload.loader.write.SessionNames;
import dev.packload.loader.write.SqlErrors;
import dev.packload.loader.write.SqlSession;
import dev.packload.loader.write.StatementBuffer;
import dev.packload.loader.write.TableMeta;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What owns a writer's session for its whole life: it sends the statements its {@link Batcher} hands over, in order,
 * on a thread of its own, and runs everything else that touches the session (ordered statements, chunked appends of a
 * row too big for one statement, reads of table descriptions, commits). It holds the session's transaction (the rows
 * and input ranges sent since the last commit), its prepared statements and its character-set switches, so none of
 * them is ever used by two threads at once.
 *
 * <pre>
 *   ring ──▶ Batcher (fills INSERTs, never touches the connection) ──tasks, in order──▶ Sender ── connection
 * </pre>
 *
 * The batcher queues tasks with {@link #send} and {@link #commitLater}, and runs the others through {@link #call},
 * which returns once they have run: on the sender's thread behind queued work, or, with nothing queued, on the
 * batcher's own thread.
 */
final class Sender {
    private final int id;
    private final SqlSession session;
    private final WriterOptions options;
    private final RunState state;
    private final RejectFile rejects;
    private final LoadStats stats;
    private final BatchLog batchLog;
    /** Where the rows an ordered statement returns are shown. */
    private final ResultPrinter results;
    private final ExecutorService thread;
    /** Tasks queued on {@link #thread} and not finished yet. */
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();

    /** The SQL bytes a statement usually reaches: {@code --statement-bytes} and an eighth (a row past it). */
    private final int usualStatementBytes;
    private final StatementBuffer scratch;
    private final StatementBuffer replay;
    /** The prepared path on this session, or null where rows always go as text. */
    private final PreparedSends prepared;
    private final OversizedRowWriter oversized;
    /** Puts large INSERTs under binary names where that changes nothing but the server's work. */
    private final SessionNames names;
    /** Tables this writer has looked at for an engine without transactions. */
    private final Set<TableStats> enginesChecked = new HashSet<>();

    /** Builds secondary indexes after the rows, around the ordered statements this writer runs; or null. */
    private final IndexDeferral deferral;
    /**
     * This session's foreign key checks: off for rows that go with them deferred, and whether the server checks the
     * rows it sends; null with one writer and no deferral, where neither matters.
     */
    private final SessionChecks fkChecks;
    /** Statements run once that are left out where they would change nothing. */
    private final NoOpStatements noOps;
    /** What the session's variables hold, as far as the dump's SETs tell: a SET that changes nothing is left out. */
    private final SessionVariables variables = new SessionVariables();
    /** Whether a table has triggers, by table; forgotten with the session's table descriptions. */
    private final Map<TableStats, Boolean> triggers = new HashMap<>();
    /** The tables this load created and put no trigger on (shared by the writers). */
    private final TriggerFreeTables triggerFree;
    /**
     * Statements left out that must be recorded as run (a DROP TABLE IF EXISTS of an absent table), with their tables'
     * gates: the record goes with this writer's next commit, and the gate is marked done only after it, so no writer
     * loads the table meanwhile. Until then nothing of the table is committed anywhere, so a resumed run that drops it
     * again drops at most the table this one created, empty. One commit a table fewer on a dump of many small tables.
     * The record of a statement run and committed here joins them for that commit, so all go in one INSERT.
     */
    private final List<BatchLog.StatementRecord> heldRecords = new ArrayList<>();
    private final List<TableGate> heldGates = new ArrayList<>();
    /** Holds rows the server checks until the rows of the tables before them are committed on every writer. */
    private final CommitFence fence;

    /** Rows sent since the last commit, and the input ranges they came from. */
    private long txRows;
    /**
     * A statement of the open transaction failed for something other than a row's data. A deadlock (1213) rolls the
     * whole transaction back, so the rows of its earlier statements are gone too: a commit queued behind it must not
     * record their ranges as committed.
     */
    private boolean txFailed;
    private final List<BatchLog.Range> txRanges = new ArrayList<>();

    Sender(int id, SqlSession session, WriterOptions options, RunState state, RejectFile rejects, LoadStats stats,
           BatchLog batchLog, IndexDeferral deferral, ResultPrinter results, SessionChecks fkChecks,
           CommitFence fence, TriggerFreeTables triggerFree) {
        this.fkChecks = fkChecks;
        this.triggerFree = triggerFree;
        this.fence = fence;
        this.results = results;
        this.id = id;
        this.deferral = deferral;
        this.session = session;
        this.options = options;
        this.state = state;
        this.rejects = rejects;
        this.stats = stats;
        this.batchLog = batchLog;
        this.usualStatementBytes = usualStatementBytes(options);
        this.scratch = session.newStatementBuffer(4096);
        this.replay = session.newStatementBuffer(4096);
        this.oversized = new OversizedRowWriter(session, session.serverVersion());
        this.names = new SessionNames(session);
        this.noOps = new NoOpStatements(session);
        boolean usePrepared = options.preparedRows() > 0 && session.supportsPreparedInserts();
        this.prepared = usePrepared ? new PreparedSends(this, session, options, stats, names, usualStatementBytes)
                : null;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "packload-sender-" + id);
            t.setDaemon(true);
            return t;
        });
    }

    /** A statement usually ends at most a row past {@code --statement-bytes}: that and an eighth. */
    static int usualStatementBytes(WriterOptions options) {
        return options.statementBytes() > 0 ? (int) Math.min(Integer.MAX_VALUE - 8,
                options.statementBytes() + options.statementBytes() / 8) : Integer.MAX_VALUE - 8;
    }

    /** A buffer for the batcher to fill, shaped for this session's protocol and budget. */
    StatementBuffer newStatementBuffer() {
        return session.newStatementBuffer(1 << 16, usualStatementBytes);
    }

    // ---- what the batcher's thread calls -----------------------------------------------------------------------

    /**
     * Queues a full statement; the future completes once its rows are sent (or the bad ones rejected).
     *
     * @param orderAfter the {@link RowEvent#orderAfter} of its rows
     */
    Future<?> send(InsertBuilder full, TableRef table, SourceRef source, long first, long last,
                   boolean noBackslashEscapes, long orderAfter) {
        return queue(() -> {
            try {
                sendStatement(full, table, source, first, last, noBackslashEscapes, orderAfter);
            } catch (SQLException | RuntimeException e) {
                txFailed = true;
                throw e;
            }
            return null;
        });
    }

    /** Queues {@link #forget} behind what was queued before it. */
    Future<?> forgetLater(StatementClassifier.Effect effect) {
        return queue(() -> {
            forget(effect);
            return null;
        });
    }

    /** Queues a commit of what was sent before it. */
    Future<?> commitLater(TableStats table) {
        return queue(() -> {
            commit(table);
            return null;
        });
    }

    /** Work that needs the session, run on the sender's thread. */
    @FunctionalInterface
    interface Task<T> {
        T run() throws SQLException;
    }

    /** Queues a task on the sender's thread, counted until it has run. */
    private <T> Future<T> queue(java.util.concurrent.Callable<T> task) {
        queued.incrementAndGet();
        return thread.submit(() -> {
            try {
                return task.call();
            } finally {
                queued.decrementAndGet();
            }
        });
    }

    /**
     * Runs {@code task} under the dump's own character-set names, and waits for it. Call it only with nothing queued
     * (the batcher waits for its queued tasks first), so the task sees the session as the input left it. With the
     * sender's thread idle, the calling thread runs it itself: the session is never used by two threads at once (the
     * queue's hand-offs order the two), and a statement a table's DDL waits for costs no hand-off to another thread
     * and back (two context switches, on a dump of many small tables some 20,000).
     */
    <T> T call(Task<T> task) throws SQLException {
        if (queued.get() == 0) {
            names.restore();
            return task.run();
        }
        return await(queue(() -> {
            names.restore();
            return task.run();
        }));
    }

    /** Waits for a queued task; rethrows its failure as the batcher's own. */
    <T> T await(Future<T> result) throws SQLException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteFailure(RunState.Outcome.INTERNAL_ERROR, "interrupted while a statement was sent", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof SQLException q) {
                throw q;
            }
            throw new WriteFailure(RunState.Outcome.INTERNAL_ERROR, "writer " + id + ": " + c, c);
        }
    }

    /** Closes the session on its own thread, after whatever was queued, and ends the thread. */
    void close() {
        Future<?> closed = thread.submit(() -> {
            session.close();
            return null;
        });
        try {
            closed.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException ignored) {
            // closing after the run: nothing left to lose
        } finally {
            thread.shutdownNow();
        }
    }

    // ---- on the sender's thread ----------------------------------------------------------------------------------

    /** Commits the statements sent since the last commit; records their input ranges. */
    void commit(TableStats table) throws SQLException {
        if (txRows == 0 && txRanges.isEmpty()) {
            return;
        }
        if (txFailed) {
            throw new WriteFailure(RunState.Outcome.SERVER_FAILURE, "writer " + id + " did not commit: a statement of "
                    + "its transaction failed, and the server may have rolled back all of it", null);
        }
        try {
            recordHeld();
            batchLog.beforeCommit(session::connection, id, txRanges); // the journal's record, in the rows' transaction
            session.commit();
        } catch (SQLException ex) {
            throw failure(ex, "committing " + txRows + " rows");
        }
        releaseHeld();
        if (table != null) {
            table.loaded(txRows);
        }
        batchLog.committed(id, List.copyOf(txRanges));
        txRanges.clear();
        txRows = 0;
    }

    /** Sends one statement, bisecting it when a row's data is refused. */
    private void sendStatement(InsertBuilder full, TableRef table, SourceRef source, long first, long last,
                               boolean noBackslashEscapes, long orderAfter) throws SQLException {
        checkEngine(table);
        if (!beforeRows(table, full.shape(), orderAfter)) {
            return; // the run stopped while the rows waited: they are not sent, and a resumed run sends them
        }
        int loaded = prepared == null ? -1 : prepared.send(full, table, source, noBackslashEscapes);
        if (loaded < 0) {
            loaded = sendText(full, table, source);
        }
        txRows += loaded;
        txRanges.add(new BatchLog.Range(source, first, last, loaded));
    }

    /**
     * Before rows go: the session's foreign key checks set for them ({@link SessionChecks}), and, where the server
     * checks them, a wait until every other writer has committed the rows of the tables before them
     * ({@link CommitFence}). False when the run stopped during the wait.
     */
    private boolean beforeRows(TableRef table, InsertShape shape, long orderAfter) throws SQLException {
        variables.beforeRows(hasTriggers(table));
        if (fkChecks == null) {
            return true;
        }
        boolean checked = fkChecks.beforeRows(table.schema(), table.table(), table.stats().name(), shape.verb());
        return !checked || fence.await(id, orderAfter, state);
    }

    /**
     * Whether the table has triggers, which may set the session's variables ({@link SessionVariables}); read once per
     * table until a statement may have changed tables, and taken as yes when the table can't be described.
     */
    private boolean hasTriggers(TableRef table) {
        Boolean known = triggers.get(table.stats());
        if (known == null) {
            try {
                String db = table.schema() != null ? table.schema() : session.currentDatabase();
                if (db != null && triggerFree.contains(db, table.table())) {
                    known = false;
                } else {
                    names.restore(); // asked under the dump's names
                    known = session.hasTriggers(db, table.table());
                }
            } catch (SQLException e) {
                known = true;
            }
            triggers.put(table.stats(), known);
        }
        return known;
    }

    /**
     * After an ordered statement ran on this session: the tables it created, or whose triggers it changed ({@code st}:
     * its names, read for table DDL).
     */
    private void noteTriggers(StatementInfo info, StatementTables st) throws SQLException {
        if (info.kind() == StatementInfo.Kind.TRIGGER_DDL) {
            triggerFree.triggerOn(info.table());
        } else if (info.kind() == StatementInfo.Kind.TABLE_DDL) {
            StatementTables.Name created = st.createdTable();
            if (created != null && !st.hasKeyword("EXISTS")) {
                String db = created.schema() != null ? created.schema() : session.currentDatabase();
                if (db != null) {
                    triggerFree.created(db, created.table());
                }
            } else if (st.hasKeyword("RENAME") || st.hasKeyword("DROP")) {
                triggerFree.forgetAll(); // the name may stand for another table now
            }
        }
    }

    /**
     * Before the first rows of a table: a table without transactions (MyISAM, Aria, MEMORY) can't take the journal's
     * record atomically with its rows, which is said once, before its rows go (a table that can't be described is
     * left to its INSERT to say what is wrong).
     */
    private void checkEngine(TableRef table) throws SQLException {
        if (!enginesChecked.add(table.stats())) {
            return;
        }
        names.restore(); // ask for the engine under the dump's names
        try {
            String notice = session.engine(table.schema(), table.table()).nonTransactionalNotice(
                    table.displayName());
            if (notice != null) {
                stats.noticeOnce(notice);
            }
        } catch (SQLException e) {
            if (SqlErrors.classify(e) == SqlErrors.Kind.CONNECTION) {
                throw failure(e, "reading the description of " + table.displayName());
            }
        }
    }

    /**
     * Loads a row too big for one statement in chunks (its statement already holds nothing else). Returns whether it
     * was loaded; a row the server refuses, or one that can't be chunked, goes to the reject file.
     */
    boolean oversizedRow(RowEvent e, InsertShape shape) throws SQLException {
        TableRef t = e.table;
        try {
            checkEngine(t);
            if (!beforeRows(t, shape, e.orderAfter)) {
                return false;
            }
            TableMeta meta = session.describe(t.schema(), t.table());
            OversizedRowWriter.Outcome outcome = oversized.write(new OversizedRowWriter.Row(shape, qualifiedTable(t),
                    t.columns(), shape.verb().ignoresDuplicates(), e.data, 0, e.length, e.noBackslashEscapes), meta);
            t.stats().appended();
            txRows++;
            txRanges.add(new BatchLog.Range(e.source, e.seq, e.seq, 1));
            if (outcome == OversizedRowWriter.Outcome.IGNORED) {
                stats.duplicatesIgnored(1);
            }
            return true;
        } catch (RowRejectedException r) {
            reject(t, shape, e.source, e.line, e.byteOffset, r.getMessage(), e.data, 0, e.length);
            return false;
        } catch (SQLException ex) {
            throw failure(ex, "loading a large row of " + t.displayName() + " at " + e.source + ":" + e.line);
        }
    }

    /** The columns {@code --on-duplicate update} sets for a table: its column list, or every writable column. */
    List<String> updateColumns(TableRef t) throws SQLException {
        try {
            return t.columns().isEmpty() ? session.describe(t.schema(), t.table()).writableColumnNames() : t.columns();
        } catch (SQLException ex) {
            throw failure(ex, "reading the columns of " + t.displayName());
        }
    }

    /** Sends the whole statement as the text it is; returns the rows loaded. */
    int sendText(InsertBuilder full, TableRef table, SourceRef source) throws SQLException {
        StatementBuffer st = full.statement();
        if (names.beforeInsert(table.schema(), table.table(), st.length())) {
            stats.binaryNamesStatement();
        }
        return sendRows(() -> session.execute(st), false, full, table, source, 0, full.rows());
    }

    /** One round trip that sends some rows of a statement. */
    @FunctionalInterface
    interface RowsSend {
        void run() throws SQLException;
    }

    /**
     * Sends rows [from, to) of a statement by {@code send}; when the server refuses them for a row's data (the
     * statement is rolled back alone), {@link #bisect}s them, so only the bad rows are rejected, each with the
     * server's own reason. Returns the rows loaded.
     */
    int sendRows(RowsSend send, boolean isPrepared, InsertBuilder full, TableRef table, SourceRef source,
                         int from, int to) throws SQLException {
        try {
            send.run();
            table.stats().statementSent();
            if (isPrepared) {
                stats.preparedExecution(to - from);
            }
            countWarnings();
            return to - from;
        } catch (SQLException ex) {
            if (SqlErrors.classify(ex) != SqlErrors.Kind.DATA) {
                throw failure(ex, "sending " + (to - from) + " rows of " + table.displayName());
            }
            return to - from == 1 ? rejectOne(full, table, source, from, ex) : bisect(full, table, source, from, to);
        }
    }

    private void countWarnings() {
        int w = session.warningCount();
        if (w > 0) {
            stats.warnings(w);
        }
    }

    /**
     * The server refused rows [from, to) of a statement for a row's data (the statement was rolled back alone): find
     * the bad rows by bisection, as pgloader does. Each half goes again as one statement, and a refused half is
     * halved in turn down to single rows, which are rejected, each with the server's own reason. One bad row among n
     * costs about 2 log2 n statements instead of n; the rows rejected, and the order they are rejected in, are those a
     * row-by-row replay would reject. Returns the rows loaded.
     */
    private int bisect(InsertBuilder full, TableRef table, SourceRef source, int from, int to) throws SQLException {
        int mid = from + (to - from) / 2;
        int loaded = 0;
        for (int[] half : new int[][] {{from, mid}, {mid, to}}) {
            int a = half[0];
            int b = half[1];
            if (a == b) {
                continue;
            }
            try {
                session.execute(fillRows(replay, full, a, b));
                table.stats().statementSent();
                countWarnings();
                loaded += b - a;
            } catch (SQLException ex) {
                if (SqlErrors.classify(ex) != SqlErrors.Kind.DATA) {
                    throw failure(ex, "re-sending rows of " + table.displayName() + " in halves to find the bad rows");
                }
                loaded += b - a > 1 ? bisect(full, table, source, a, b) : rejectOne(full, table, source, a, ex);
            } finally {
                replay.clear();
                replay.trimTo(usualStatementBytes);
            }
        }
        return loaded;
    }

    /** A statement whose only row the server refused for its data: the row is rejected with the server's reason. */
    private int rejectOne(InsertBuilder full, TableRef table, SourceRef source, int row, SQLException ex) {
        reject(table, full.shape(), source, full.line(row), full.byteOffset(row), SqlErrors.describe(ex),
                full.statement().array(), full.tupleOffset(row), full.tupleLength(row));
        return 0;
    }

    /** Puts rows [from, to) of a statement into {@code into} as one text INSERT (they fit: the whole statement did). */
    static StatementBuffer fillRows(StatementBuffer into, InsertBuilder full, int from, int to) {
        InsertShape shape = full.shape();
        byte[] buf = full.statement().array();
        into.clear();
        into.append(shape.prefix());
        for (int r = from; r < to; r++) {
            if (r > from) {
                into.append((byte) ',');
            }
            into.append(buf, full.tupleOffset(r), full.tupleLength(r));
        }
        into.append(shape.suffix());
        return into;
    }

    private void reject(TableRef t, InsertShape shape, SourceRef source, long line, long byteOffset, String reason,
                        byte[] b, int off, int len) {
        t.stats().rejected();
        String head = shape.verb().sql() + " INTO " + qualifiedTarget(t) + " VALUES ";
        rejects.reject(source + ":" + line + " (byte " + byteOffset + ")", t.displayName(), reason,
                head.getBytes(StandardCharsets.UTF_8), b, off, len);
        if (options.stopAfter(rejects.count())) {
            state.fail(RunState.Outcome.STOPPED_ON_REJECT, (options.stopOnReject() ? "" : "--max-errors reached: ")
                    + "row rejected at " + source + ":" + line + " (" + t.displayName() + "): " + reason, null);
        }
    }

    /**
     * Runs an ordered statement (the batcher waits meanwhile, so its ring slot holds still); with {@code commit}, also
     * commits it, as writer 0 does for a statement every writer lined up for. A statement run once may be left out as
     * changing nothing ({@link NoOpStatements}): what the session knows of tables then still holds.
     */
    Ran runStatement(RowEvent e, boolean commit) throws SQLException {
        scratch.clear();
        if (!scratch.fits(e.length)) {
            throw new WriteFailure(RunState.Outcome.BAD_INPUT, e.source + ":" + e.line + ": a statement of "
                    + e.length + " bytes is larger than the statement budget of " + scratch.limit() + " bytes", null);
        }
        scratch.append(e.data, 0, e.length);
        // what the statement is, read once for everything below: the reader's reading of a table's DDL, if it made one
        StatementInfo info = StatementInfo.of(e.data, 0, e.length);
        StatementTables tables = e.tables != null || info.kind() != StatementInfo.Kind.TABLE_DDL ? e.tables
                : StatementTables.of(e.data, 0, e.length);
        // a statement run once may change nothing here: asked where it would run, after the deferral's own handling
        NoOpStatements.Verdict[] verdict = {NoOpStatements.Verdict.RUN};
        try {
            if (fkChecks != null) {
                fkChecks.beforeStatement(); // the dump's own foreign_key_checks for anything but rows
            }
            boolean sent = true;
            // the client shows what a statement run once returns (SELECT ... AS INFO): all before it is committed
            IndexDeferral.Run send = e.scope == StatementScope.ONCE
                    ? () -> session.execute(scratch, rows -> results.print(rows, e.vertical))
                    : () -> session.execute(scratch);
            IndexDeferral.Run run;
            if (e.scope == StatementScope.EVERY_SESSION) {
                run = () -> { // a SET that sets what the session already holds is left out
                    if (variables.changesNothing(e.data, e.length)) {
                        verdict[0] = NoOpStatements.Verdict.LEAVE_OUT;
                    } else {
                        send.run();
                        variables.ran(e.data, e.length);
                    }
                };
            } else {
                run = !commit ? send : () -> {
                    verdict[0] = verdict(e, info, tables);
                    if (verdict[0] == NoOpStatements.Verdict.RUN) {
                        send.run();
                    }
                };
            }
            if (commit && deferral != null) {
                // a table whose rows are all read, and few, keeps its indexes: deferring them would cost more
                boolean small = e.volume != null && e.volume.knownUnder(options.deferIndexesFrom());
                sent = deferral.execute(session, e.data, e.length, tables, run, small);
            } else {
                run.run();
            }
            sent &= verdict[0] == NoOpStatements.Verdict.RUN;
            if (sent && e.scope == StatementScope.ONCE) {
                noteTriggers(info, tables);
            }
            if (commit || id == 0) { // counted once: by the writer that ran it, or writer 0's copy of a SET
                if (sent) {
                    stats.statementRun();
                } else {
                    stats.statementSkipped();
                }
            }
            if (e.scope == StatementScope.EVERY_SESSION && mentionsUniqueChecks(e.data, e.length)) {
                keepUniqueChecks();
            }
        } catch (DeferredIndexException ex) {
            throw new WriteFailure(RunState.Outcome.of(SqlErrors.classify(ex)), "before " + e.source + ":" + e.line
                    + ": " + ex.getMessage(), ex);
        } catch (SQLException ex) {
            variables.forgetAll();
            if (!(e.maybeRun && SqlErrors.alreadyDone(ex))) {
                throw new WriteFailure(RunState.Outcome.of(SqlErrors.classify(ex)), e.source + ":" + e.line
                        + " (byte " + e.byteOffset + "): the server refused a statement: " + SqlErrors.describe(ex)
                        + " near: " + excerpt(e.data, e.length), ex);
            }
            String holder = createdTableHoldingRows(tables, ex);
            if (holder != null) {
                throw new WriteFailure(RunState.Outcome.of(SqlErrors.classify(ex)), e.source + ":" + e.line
                        + " (byte " + e.byteOffset + "): the server refused a statement: " + SqlErrors.describe(ex)
                        + ", and " + holder + " holds rows, so the interrupted load did not create it (nothing of a"
                        + " table is loaded before its CREATE TABLE is recorded): drop or rename it, or load into"
                        + " another database; near: " + excerpt(e.data, e.length), ex);
            }
            // the interrupted run had run it just before it stopped, and had no time to record it
            stats.statementRun();
            stats.notice(e.source + ":" + e.line + ": taken as run by the interrupted load (" + SqlErrors.describe(ex)
                    + ")");
        } finally {
            scratch.trimTo(4096);
            if (verdict[0] == NoOpStatements.Verdict.RUN) {
                // a SET may have set the dump's foreign_key_checks; other code, such as a procedure's, anything
                boolean changes = e.scope == StatementScope.EVERY_SESSION
                        || variables.afterStatement(info.kind(), tables);
                if (fkChecks != null && changes) {
                    fkChecks.afterStatement();
                }
            }
        }
        if (verdict[0] == NoOpStatements.Verdict.LEAVE_OUT) {
            return Ran.LEFT_OUT;
        }
        if (verdict[0] == NoOpStatements.Verdict.LEAVE_OUT_RECORDED && e.gate != null) {
            heldRecords.add(new BatchLog.StatementRecord(e.source, e.statementNo));
            heldGates.add(e.gate);
            return Ran.HELD;
        }
        if (commit) {
            // the record and the statement's own effects commit together (DDL has committed itself already); one
            // commit, not two: on many small tables a commit each for the statement and its record doubled the
            // server's fsyncs
            heldRecords.add(new BatchLog.StatementRecord(e.source, e.statementNo)); // one round trip with those held
            recordHeld();
            session.commit();
            releaseHeld();
        }
        return verdict[0] == NoOpStatements.Verdict.RUN ? Ran.SENT : Ran.LEFT_OUT;
    }

    /** What became of a statement run once. */
    enum Ran {
        /** Sent (or left to the index deferral): the session forgets what it knew of tables. */
        SENT,
        /** Left out, as changing nothing; recorded where it must be. */
        LEFT_OUT,
        /** Left out, its record held for this writer's next commit: its gate is not done yet ({@link #flushHeld}). */
        HELD
    }

    /** Whether records of statements left out wait for this writer's next commit (read after {@link #call}). */
    boolean holdsRecords() {
        return !heldRecords.isEmpty();
    }

    /** Commits the records held for statements left out, then lets their tables' later work go. */
    void flushHeld() throws SQLException {
        if (heldRecords.isEmpty()) {
            return;
        }
        try {
            recordHeld();
            session.commit();
        } catch (SQLException ex) {
            throw failure(ex, "recording statements left out");
        }
        releaseHeld();
    }

    private void recordHeld() throws SQLException {
        batchLog.statementsRun(session::connection, heldRecords);
    }

    private void releaseHeld() {
        heldRecords.clear();
        heldGates.forEach(TableGate::markDone);
        heldGates.clear();
    }

    /**
     * For a CREATE TABLE (not one that SELECTs its rows) that the server refused as already done: the table, when it
     * holds rows; else null.
     */
    private String createdTableHoldingRows(StatementTables names, SQLException refused) {
        if (refused.getErrorCode() != 1050 || names == null) {
            return null;
        }
        StatementTables.Name t = names.createdTable();
        if (t == null || names.hasKeyword("SELECT")) {
            return null;
        }
        String table = (t.schema() == null ? "" : TableRef.quote(t.schema()) + ".") + TableRef.quote(t.table());
        try (java.sql.Statement st = session.connection().createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + " LIMIT 1)")) {
            return rs.next() && rs.getBoolean(1) ? table : null;
        } catch (SQLException ex) {
            throw failure(ex, "looking into " + table + ", which the resumed load found already there");
        }
    }

    /**
     * Whether a statement run once need be sent ({@link NoOpStatements}); a failure to tell ends the run. Runs inside
     * {@link #call}, so under the dump's own names, as the client would send the statement.
     */
    private NoOpStatements.Verdict verdict(RowEvent e, StatementInfo info, StatementTables tables) {
        try {
            return noOps.verdict(info.kind(), tables);
        } catch (SQLException ex) {
            throw failure(ex, "looking up the table of the statement at " + e.source + ":" + e.line);
        }
    }

    /** Drops what a statement may have made stale: prepared INSERTs, table descriptions, the current database. */
    void forget(StatementClassifier.Effect effect) throws SQLException {
        names.forget();
        if (effect != StatementClassifier.Effect.SESSION_ONLY) {
            triggers.clear();
        }
        if (fkChecks != null && effect != StatementClassifier.Effect.SESSION_ONLY) {
            fkChecks.forgetTables();
        }
        if (effect == StatementClassifier.Effect.SESSION_ONLY) {
            return;
        }
        if (prepared != null) {
            prepared.forget(); // the tables they insert into may have changed
        }
        if (effect == StatementClassifier.Effect.CURRENT_DATABASE) {
            session.forgetDatabase();
        } else {
            session.forgetTables();
        }
    }

    private String qualifiedTable(TableRef t) throws SQLException {
        String database = t.schema() == null ? session.currentDatabase() : null;
        return database == null ? t.quotedTable() : TableRef.quote(database) + "." + t.quotedTable();
    }

    private String qualifiedTarget(TableRef t) {
        try {
            String database = t.schema() == null ? session.currentDatabase() : null;
            return database == null ? t.quotedTarget() : TableRef.quote(database) + "." + t.quotedTarget();
        } catch (SQLException e) {
            return t.quotedTarget();
        }
    }

    /** The failure that ends the run when the server refuses {@code doing}; the outcome comes from the error's kind. */
    WriteFailure failure(SQLException ex, String doing) {
        SqlErrors.Kind kind = SqlErrors.classify(ex);
        String msg = switch (kind) {
            case CONNECTION -> "lost the connection to the server while " + doing + ": " + SqlErrors.describe(ex);
            case PACKET_TOO_BIG -> "the server refused a packet as too big while " + doing + " (a packload bug: "
                    + "statements are sized under " + session.budget().describe() + "): " + SqlErrors.describe(ex);
            case TRANSIENT -> "a lock conflict rolled back this writer's transaction while " + doing
                    + "; rows since its last commit were not loaded: " + SqlErrors.describe(ex);
            default -> "the server refused the rows while " + doing + ": " + SqlErrors.describe(ex);
        };
        return new WriteFailure(RunState.Outcome.of(kind), msg, ex);
    }

    private static final byte[] UNIQUE_CHECKS = "UNIQUE_CHECKS".getBytes(StandardCharsets.US_ASCII);

    /**
     * Dumps start with {@code SET UNIQUE_CHECKS=0, FOREIGN_KEY_CHECKS=0}. On MariaDB 10.6+ the two together turn an
     * INSERT into an empty table inside a transaction into a bulk insert that locks the whole table until commit, and
     * whose failure rolls back the whole transaction: with several writers on one table, the second waits for the
     * first's lock while the first waits for rows the stalled ring can't bring, until ERROR 1205. Unique checks stay on
     * for packload's sessions (only stricter: duplicates in a unique key are rejected, not stored), foreign key checks
     * as the dump asks.
     */
    private void keepUniqueChecks() throws SQLException {
        session.execute("SET SESSION unique_checks = 1");
    }

    static boolean mentionsUniqueChecks(byte[] b, int len) {
        outer:
        for (int i = 0; i + UNIQUE_CHECKS.length <= len; i++) {
            for (int j = 0; j < UNIQUE_CHECKS.length; j++) {
                if (Character.toUpperCase(b[i + j]) != UNIQUE_CHECKS[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static String excerpt(byte[] b, int len) {
        return FormatException.excerpt(new String(b, 0, Math.min(len, 4 * FormatException.EXCERPT_CHARS),
                StandardCharsets.UTF_8));
    }
}
