package dev.packload.loader.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.packload.formats.FormatException;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.RejectFile;
import dev.packload.loader.report.TableStats;
import dev.packload.loader.write.ExecutePacket;
import dev.packload.loader.write.InsertBuilder;
import dev.packload.loader.write.InsertShape;
import dev.packload.loader.write.OnDuplicate;
import dev.packload.loader.write.OversizedRowWriter;
import dev.packload.loader.write.PreparedInserts;
import dev.packload.loader.write.SessionNames;
import dev.packload.loader.write.RowRejectedException;
import dev.packload.loader.write.SqlErrors;
import dev.packload.loader.write.SqlSession;
import dev.packload.loader.write.StatementBuffer;
import dev.packload.loader.write.TableMeta;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One writer: owns one connection and packs the rows the reader gave it into multi-row INSERTs just under the
 * statement budget. Sends a statement when it is full, when {@code --batch-rows} is reached, when the reader moves on
 * to another writer, at the end of a table and at an ordered statement. Commits every {@code --commit-bytes} and at
 * the end of each table.
 */
final class WriterHandler implements EventHandler<RowEvent> {
    private static final byte[] EMPTY = new byte[0];

    private final int id;
    private final SqlSession session;
    private final WriterOptions options;
    private final StatementBarrier barrier;
    private final RunState state;
    private final ByteGate gate;
    private final LargeRowBuffers buffers;
    /** The SQL bytes a statement usually reaches: {@code --statement-bytes} and an eighth (a row past it). */
    private final int usualStatementBytes;
    private final RejectFile rejects;
    private final LoadStats stats;
    private final BatchLog batchLog;
    private final CountDownLatch finished;
    /**
     * Statements a writer may have queued or on the wire while it fills the next one. One keeps both connections
     * busy on the 2-core machine measured (BENCHMARKS.md); two cost another full buffer per writer and measured no
     * faster.
     */
    static final int STATEMENTS_IN_FLIGHT = 1;

    /** The statement being filled. */
    private InsertBuilder builder;
    /** Builders free to fill; the others are queued or on the wire, oldest first in {@link #pending}. */
    private final ArrayDeque<InsertBuilder> free = new ArrayDeque<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** Statement bytes handed to the sender since the last commit (counted on this thread). */
    private long submittedBytes;
    private final StatementBuffer scratch;
    private final StatementBuffer replay;
    /** Prepared INSERTs on this session, or null where rows always go as text. Used by whichever thread owns it. */
    private final PreparedInserts prepared;
    /**
     * The execution being built, on the sender thread. Its buffer is kept at its largest: reallocating a multi-MiB one
     * per BLOB statement made old-generation garbage.
     */
    private final ExecutePacket execute;
    /** Rows of a statement that go as text beside its prepared executions, on the sender thread. */
    private final StatementBuffer part;
    /**
     * Per statement shape, what kind of column each of its values goes into (ExecutePacket's kinds: a hex literal is a
     * binary string in a binary column, a float literal a double in a FLOAT or DOUBLE one, a bit literal bytes in a
     * BIT one). Used by the sender;
     * cleared with the shapes, while it is idle.
     */
    private final Map<InsertShape, byte[]> columnKinds = new HashMap<>();
    /** Sends full statements, so this handler keeps taking rows (and the ring keeps moving) while one is on the wire. */
    private final ExecutorService sender;
    private volatile Thread senderThread;

    /** A task handed to the sender: a statement (with the builder it frees) or a commit (builder null). */
    private record Pending(Future<?> result, InsertBuilder builder) {
    }
    private final OversizedRowWriter oversized;
    /** Puts large INSERTs under binary names where that changes nothing but the server's work. */
    private final SessionNames names;
    private final Map<TableRef, InsertShape> shapes = new HashMap<>();
    private final Map<String, TableMeta> metas = new HashMap<>();

    private TableRef builderTable;
    private SourceRef builderSource;
    /** Whether the builder's rows were written under NO_BACKSLASH_ESCAPES (it changes only at a statement). */
    private boolean builderNoBackslashEscapes;
    private long builderFirstSeq;
    private long builderLastSeq;
    private TableStats txTable;
    private long txRows;
    private final List<BatchLog.Range> txRanges = new ArrayList<>();
    private boolean drained;

    WriterHandler(int id, SqlSession session, WriterOptions options, StatementBarrier barrier, RunState state,
                  ByteGate gate, LargeRowBuffers buffers, RejectFile rejects, LoadStats stats, BatchLog batchLog, CountDownLatch finished) {
        this.id = id;
        this.session = session;
        this.options = options;
        this.barrier = barrier;
        this.state = state;
        this.gate = gate;
        this.buffers = buffers;
        this.rejects = rejects;
        this.stats = stats;
        this.batchLog = batchLog;
        this.finished = finished;
        // a statement is sent once its rows pass --statement-bytes, so it ends at most a row past that
        int usual = options.statementBytes() > 0 ? (int) Math.min(Integer.MAX_VALUE - 8,
                options.statementBytes() + options.statementBytes() / 8) : Integer.MAX_VALUE - 8;
        this.usualStatementBytes = usual;
        this.builder = new InsertBuilder(session.newStatementBuffer(1 << 16, usual));
        for (int i = 0; i < STATEMENTS_IN_FLIGHT; i++) {
            free.add(new InsertBuilder(session.newStatementBuffer(1 << 16, usual)));
        }
        this.scratch = session.newStatementBuffer(4096);
        this.replay = session.newStatementBuffer(4096);
        boolean usePrepared = options.preparedRows() > 0 && session.supportsPreparedInserts();
        this.prepared = usePrepared ? new PreparedInserts(session) : null;
        this.execute = usePrepared ? new ExecutePacket(preparedPacketLimit(session, options)) : null;
        this.part = usePrepared ? session.newStatementBuffer(4096, usual) : null;
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "packload-sender-" + id);
            t.setDaemon(true);
            senderThread = t;
            return t;
        });
        this.oversized = new OversizedRowWriter(session, session.serverVersion());
        this.names = new SessionNames(session);
    }

    @Override
    public void onEvent(RowEvent e, long sequence, boolean endOfBatch) {
        try {
            if (!state.running()) {
                drain();
                return;
            }
            switch (e.kind) {
                case ROW -> {
                    if (e.writer == id) {
                        row(e);
                    } else if (builder.rows() > 0) {
                        flush();
                    }
                }
                case STATEMENT -> statement(e);
                case END_OF_TABLE, END_OF_INPUT -> flushAndCommit();
            }
        } catch (FailureException f) {
            state.fail(f.outcome, f.getMessage(), f.getCause());
        } catch (SQLException q) {
            FailureException f = failure(q, "handling " + e.kind + " at " + e.source + ":" + e.line);
            state.fail(f.outcome, f.getMessage(), f.getCause());
        } catch (Throwable t) {
            state.fail(RunState.Outcome.INTERNAL_ERROR, "writer " + id + ": " + t, t);
        } finally {
            if (e.kind == RowEvent.Kind.END_OF_INPUT) {
                finished.countDown();
            }
            if (e.kind == RowEvent.Kind.ROW && e.writer == id) {
                gate.release(e.gateBytes);
                if (e.gateBytes > 0) {
                    buffers.give(e.data); // copied into a statement, sent, or rejected: nothing holds it now
                    e.data = EMPTY;
                } else if (e.data.length > RowEvent.KEEP_CAPACITY) {
                    e.data = EMPTY; // don't pin a big row's bytes until the slot comes round again
                }
            }
        }
    }

    /** After a stop on reject, commit what is held once; after a failure, send nothing more. */
    private void drain() {
        if (drained) {
            return;
        }
        drained = true;
        if (state.stoppedCleanly()) {
            try {
                flushAndCommit();
            } catch (Throwable t) {
                state.fail(RunState.Outcome.SERVER_FAILURE, "writer " + id + " could not commit on stop: " + t, t);
            }
        }
    }

    private void row(RowEvent e) throws SQLException {
        if (builderTable != e.table || builderSource != e.source) {
            flush();
            if (txTable != null && txTable != e.table.stats()) {
                commit();
            }
            builder.start(shapeFor(e.table));
            builderTable = e.table;
            builderSource = e.source;
            builderNoBackslashEscapes = e.noBackslashEscapes;
        }
        if (builder.tryAppend(e.data, 0, e.length, e.seq, e.line, e.byteOffset)) {
            noteRow(e);
        } else {
            flush();
            builder.start(shapeFor(e.table));
            if (builder.tryAppend(e.data, 0, e.length, e.seq, e.line, e.byteOffset)) {
                noteRow(e);
            } else {
                oversizedRow(e);
                return;
            }
        }
        if (options.batchRows() > 0 && builder.rows() >= options.batchRows()
                || options.statementBytes() > 0 && builder.tupleBytes() >= options.statementBytes()) {
            flush();
        }
    }

    private void noteRow(RowEvent e) {
        if (builder.rows() == 1) {
            builderFirstSeq = e.seq;
        }
        builderLastSeq = e.seq;
    }

    private void oversizedRow(RowEvent e) throws SQLException {
        awaitSender();
        TableRef t = e.table;
        txTable = t.stats();
        InsertShape shape = builder.shape();
        try {
            TableMeta meta = meta(t);
            OversizedRowWriter.Outcome outcome = oversized.write(new OversizedRowWriter.Row(shape, qualifiedTable(t),
                    t.columns(), shape.verb().equals("INSERT IGNORE"), e.data, 0, e.length, e.noBackslashEscapes), meta);
            t.stats().appended();
            txRows++;
            submittedBytes += e.length;
            txRanges.add(new BatchLog.Range(e.source, e.seq, e.seq, 1));
            if (outcome == OversizedRowWriter.Outcome.IGNORED) {
                stats.duplicatesIgnored(1);
            }
        } catch (RowRejectedException r) {
            reject(t, shape, e.source, e.line, e.byteOffset, r.getMessage(), e.data, 0, e.length);
        } catch (SQLException ex) {
            throw failure(ex, "loading a large row of " + t.displayName() + " at " + e.source + ":" + e.line);
        }
        builder.start(shape);
        maybeCommit();
    }

    /**
     * Hands the statement being built, if any, to the sender. Up to {@link #STATEMENTS_IN_FLIGHT} statements wait
     * or travel while the next fills, so one writer waiting for the server does not leave the others without rows.
     */
    private void flush() throws SQLException {
        if (builder.rows() == 0) {
            return;
        }
        while (free.isEmpty()) {
            awaitOldest(); // a queued commit frees no builder: wait on until a statement does
        }
        InsertBuilder full = builder;
        builder = free.poll();
        TableRef table = builderTable;
        SourceRef source = builderSource;
        long first = builderFirstSeq;
        long last = builderLastSeq;
        boolean noBackslashEscapes = builderNoBackslashEscapes;
        txTable = table.stats();
        full.finish();
        submittedBytes += full.statement().length();
        pending.add(new Pending(sender.submit(() -> {
            send(full, table, source, first, last, noBackslashEscapes);
            return null;
        }), full));
        builder.start(full.shape());
        maybeCommit();
    }

    /** Waits for the oldest statement handed to the sender; rethrows its failure. */
    private void awaitOldest() throws SQLException {
        Pending p = pending.poll();
        if (p == null) {
            return;
        }
        if (p.builder() != null) {
            free.add(p.builder());
        }
        try {
            p.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FailureException(RunState.Outcome.INTERNAL_ERROR, "interrupted while a statement was sent", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof SQLException q) {
                throw q;
            }
            throw new FailureException(RunState.Outcome.INTERNAL_ERROR, "writer " + id + ": " + c, c);
        }
    }

    /** Waits until every statement handed to the sender has gone; the session is then this thread's again. */
    private void awaitSender() throws SQLException {
        while (!pending.isEmpty()) {
            awaitOldest();
        }
        names.restore(); // whatever this thread runs next, it runs under the dump's own names
    }

    /** On the sender thread: sends one statement, falling back to row by row when a row's data is refused. */
    private void send(InsertBuilder full, TableRef table, SourceRef source, long first, long last,
                      boolean noBackslashEscapes) throws SQLException {
        int loaded = sendPrepared(full, table, source, noBackslashEscapes);
        if (loaded < 0) {
            loaded = sendText(full, table, source);
        }
        txRows += loaded;
        txRanges.add(new BatchLog.Range(source, first, last, loaded));
    }

    /** Sends the whole statement as the text it is; returns the rows loaded. */
    private int sendText(InsertBuilder full, TableRef table, SourceRef source) throws SQLException {
        StatementBuffer st = full.statement();
        if (names.beforeInsert(table.schema(), table.table(), st.length())) {
            stats.binaryNamesStatement();
        }
        return sendRows(() -> session.execute(st), false, full, table, source, 0, full.rows());
    }

    /** One round trip that sends some rows of a statement. */
    @FunctionalInterface
    private interface RowsSend {
        void run() throws SQLException;
    }

    /**
     * Sends rows [from, to) of a statement by {@code send}; when the server refuses them for a row's data (the
     * statement is rolled back alone), sends them again one by one, so only the bad rows are rejected, each with the
     * server's own reason. Returns the rows loaded.
     */
    private int sendRows(RowsSend send, boolean prepared, InsertBuilder full, TableRef table, SourceRef source,
                         int from, int to) throws SQLException {
        try {
            send.run();
            table.stats().statementSent();
            if (prepared) {
                stats.preparedExecution(to - from);
            }
            countWarnings();
            return to - from;
        } catch (SQLException ex) {
            if (SqlErrors.classify(ex) != SqlErrors.Kind.DATA) {
                throw failure(ex, "sending " + (to - from) + " rows of " + table.displayName());
            }
            return replayRowByRow(full, table, source, from, to);
        }
    }

    /** The most bytes one prepared execution may take: the packet budget, and no more than a text statement holds. */
    private static int preparedPacketLimit(SqlSession session, WriterOptions options) {
        long limit = session.budget().statementBytes();
        if (options.statementBytes() > 0) {
            limit = Math.min(limit, options.statementBytes());
        }
        return (int) limit;
    }

    /**
     * Sends the statement's rows as executions of a prepared INSERT of a power of two rows each (chunks of the chosen
     * size, then halving chunks for what is left, down to {@link #MIN_PREPARED_CHUNK} rows), where every value of a
     * chunk has an exact binary form ({@link ExecutePacket}); chunks that have not (consecutive ones together) and
     * the last few rows go as text, in their place, and a statement none of whose chunks qualify goes whole as the
     * text it is. Returns the rows loaded, or -1, with nothing sent, when the statement is not worth preparing: too few
     * rows, rows too wide, a character set whose strings can't be unescaped byte by byte.
     */
    private int sendPrepared(InsertBuilder full, TableRef table, SourceRef source, boolean noBackslashEscapes)
            throws SQLException {
        if (prepared == null) {
            return -1;
        }
        int rows = full.rows();
        byte[] buf = full.statement().array();
        int widest = 0;
        for (int i = 0; i < rows; i++) {
            widest = Math.max(widest, full.tupleLength(i));
        }
        int columns = ExecutePacket.arity(buf, full.tupleOffset(0), full.tupleLength(0), noBackslashEscapes);
        int n = columns <= 0 ? 0 : chunkRows(columns, widest);
        if (n == 0 || rows < n || !names.clientEscapesLikeAscii()) {
            return -1;
        }
        byte[] kinds = columnKinds(full.shape(), table, columns);
        int loaded = 0;
        int from = 0;
        int textFrom = -1; // refused chunks in a row go out together, as one text INSERT, in their place
        boolean namesSet = false;
        boolean binaryNames = false;
        // chunks of n rows, then the rest in halving chunks while they are worth a statement, then text
        while (rows - from >= Math.min(n, MIN_PREPARED_CHUNK)) {
            int k = Math.min(n, Integer.highestOneBit(rows - from));
            Long cached = prepared.cached(full.shape(), columns, k);
            long id = cached != null ? cached : preparedStatement(full.shape(), columns, k, table);
            if (id < 0) {
                break;
            }
            if (cached == null || !namesSet) { // preparing put the session back under the dump's names
                binaryNames |= names.beforeInsert(table.schema(), table.table(), full.statement().length());
                namesSet = true;
            }
            execute.start(id, k * columns);
            boolean exact = true;
            for (int r = from; r < from + k && exact; r++) {
                exact = execute.appendTuple(buf, full.tupleOffset(r), full.tupleLength(r), columns, noBackslashEscapes,
                        kinds);
            }
            if (exact) {
                if (textFrom >= 0) {
                    loaded += sendTextPart(full, table, source, textFrom, from);
                    textFrom = -1;
                }
                loaded += sendRows(() -> session.execute(execute), true, full, table, source, from, from + k);
            } else if (textFrom < 0) {
                textFrom = from;
            }
            from += k;
        }
        int rest = textFrom >= 0 ? textFrom : from;
        if (rest == 0) {
            return sendText(full, table, source); // nothing went as parameters: the statement as it was built
        }
        if (binaryNames) {
            stats.binaryNamesStatement();
        }
        if (rest < rows) {
            loaded += sendTextPart(full, table, source, rest, rows);
        }
        return loaded;
    }

    /**
     * What kind of column each of a statement's {@code columns} values goes into, from the table's description and the
     * INSERT's column list (or all the table's columns); all {@link ExecutePacket#OTHER_COLUMN} where the two don't
     * line up or the table can't be described (its INSERT will say what is wrong). Read once per shape, on the sender.
     */
    private byte[] columnKinds(InsertShape shape, TableRef table, int columns) throws SQLException {
        byte[] known = columnKinds.get(shape);
        if (known != null && known.length == columns) {
            return known;
        }
        byte[] kinds = new byte[columns];
        names.restore(); // read the description under the dump's names
        try {
            TableMeta meta = TableMeta.load(session.connection(), table.schema(), table.table());
            List<String> target = table.columns().isEmpty() ? meta.columnNames() : table.columns();
            if (target.size() == columns) {
                for (int i = 0; i < columns; i++) {
                    kinds[i] = ExecutePacket.kindOf(meta.column(target.get(i)));
                }
            }
        } catch (SQLException e) {
            if (SqlErrors.classify(e) == SqlErrors.Kind.CONNECTION) {
                throw failure(e, "reading the columns of " + table.displayName());
            }
        }
        columnKinds.put(shape, kinds);
        return kinds;
    }

    /** The fewest rows worth an execution of their own for a statement's leftover rows; fewer go as text. */
    static final int MIN_PREPARED_CHUNK = 64;

    /**
     * Prepares the INSERT of {@code rows} tuples on this session (under the dump's names, as its text would be read)
     * and returns its id; -1 when the server won't prepare it, and the rows go as text, whose error says what is
     * wrong.
     */
    private long preparedStatement(InsertShape shape, int columns, int rows, TableRef table) throws SQLException {
        names.restore();
        try {
            return prepared.prepare(shape, columns, rows);
        } catch (SQLException ex) {
            SqlErrors.Kind kind = SqlErrors.classify(ex);
            if (kind != SqlErrors.Kind.DATA && kind != SqlErrors.Kind.STATEMENT) {
                throw failure(ex, "preparing an INSERT of " + rows + " rows into " + table.displayName());
            }
            return -1;
        }
    }

    /**
     * Rows per prepared execution: {@code --prepared-rows}, fewer when that many would pass 16,384 parameters (the
     * server keeps some 450 bytes per placeholder while the statement is prepared) or the packet limit at the widest
     * row's size, rounded down to a power of two so a table needs few statements. 0 when not even one row fits.
     */
    private int chunkRows(int columns, int widestTuple) {
        long cap = Math.min(options.preparedRows(), PreparedInserts.MAX_STATEMENT_PARAMETERS / columns);
        // a value's binary form is at most its text plus 11 bytes: a 2-byte type, a length prefix of up to 9
        long perRow = widestTuple + 11L * columns + 1;
        cap = Math.min(cap, (preparedPacketLimit(session, options) - 16) / perRow);
        return cap < 1 ? 0 : Integer.highestOneBit((int) cap);
    }

    /** Sends rows [from, to) of the statement as one text INSERT (they fit: the whole statement did). */
    private int sendTextPart(InsertBuilder full, TableRef table, SourceRef source, int from, int to)
            throws SQLException {
        InsertShape shape = full.shape();
        byte[] buf = full.statement().array();
        part.clear();
        part.append(shape.prefix());
        for (int r = from; r < to; r++) {
            if (r > from) {
                part.append((byte) ',');
            }
            part.append(buf, full.tupleOffset(r), full.tupleLength(r));
        }
        part.append(shape.suffix());
        try {
            return sendRows(() -> session.execute(part), false, full, table, source, from, to);
        } finally {
            // kept at up to a usual statement's size: trimmed to 1 MiB after each, it was grown again for the next,
            // and with 300 KB rows those steps were 70% of the bytes a load allocated (BENCHMARKS.md)
            part.clear();
            part.trimTo(usualStatementBytes);
        }
    }

    private void countWarnings() {
        int w = session.warningCount();
        if (w > 0) {
            stats.warnings(w);
        }
    }

    /**
     * The server refused a multi-row statement for a row's data (the statement was rolled back alone): send its rows
     * one by one, so only the bad rows are rejected, each with the server's own reason. Returns the rows loaded.
     */
    private int replayRowByRow(InsertBuilder full, TableRef table, SourceRef source, int from, int to)
            throws SQLException {
        InsertShape shape = full.shape();
        byte[] buf = full.statement().array();
        int loaded = 0;
        for (int i = from; i < to; i++) {
            replay.clear();
            replay.append(shape.prefix());
            replay.append(buf, full.tupleOffset(i), full.tupleLength(i));
            replay.append(shape.suffix());
            try {
                session.execute(replay);
                table.stats().statementSent();
                loaded++;
            } catch (SQLException ex) {
                if (SqlErrors.classify(ex) != SqlErrors.Kind.DATA) {
                    throw failure(ex, "re-sending rows of " + table.displayName() + " one by one");
                }
                reject(table, shape, source, full.line(i), full.byteOffset(i), SqlErrors.describe(ex), buf,
                        full.tupleOffset(i), full.tupleLength(i));
            }
        }
        replay.trimTo(4096);
        return loaded;
    }

    private void reject(TableRef t, InsertShape shape, SourceRef source, long line, long byteOffset, String reason,
                        byte[] b, int off, int len) {
        t.stats().rejected();
        String head = shape.verb() + " INTO " + qualifiedTarget(t) + " VALUES ";
        rejects.reject(source + ":" + line + " (byte " + byteOffset + ")", t.displayName(), reason,
                head.getBytes(StandardCharsets.UTF_8), b, off, len);
        if (options.stopAfter(rejects.count())) {
            state.fail(RunState.Outcome.STOPPED_ON_REJECT, (options.stopOnReject() ? "" : "--max-errors reached: ")
                    + "row rejected at " + source + ":" + line + " (" + t.displayName() + "): " + reason, null);
        }
    }

    private void maybeCommit() {
        if (submittedBytes >= options.commitBytes()) {
            commitOnSender();
        }
    }

    /**
     * Queues a commit behind the statements already handed to the sender, so this thread goes on filling the next
     * statement instead of waiting for the one on the wire and the commit: a writer that waited here held up the ring,
     * and with it every other writer.
     */
    private void commitOnSender() {
        TableStats table = txTable;
        txTable = null;
        submittedBytes = 0;
        pending.add(new Pending(sender.submit(() -> {
            commitNow(table);
            return null;
        }), null));
    }

    private void flushAndCommit() throws SQLException {
        flush();
        commit(); // waits for the statement in flight
    }

    /** Commits what was sent, once the sender is idle; the session is then this thread's. */
    private void commit() throws SQLException {
        awaitSender();
        commitNow(txTable);
        submittedBytes = 0;
        txTable = null;
    }

    /** Commits the statements sent since the last commit (on whichever thread owns the session now). */
    private void commitNow(TableStats table) throws SQLException {
        if (txRows == 0 && txRanges.isEmpty()) {
            return;
        }
        try {
            session.commit();
        } catch (SQLException ex) {
            throw failure(ex, "committing " + txRows + " rows");
        }
        if (table != null) {
            table.loaded(txRows);
        }
        batchLog.committed(id, List.copyOf(txRanges));
        txRanges.clear();
        txRows = 0;
    }

    private void statement(RowEvent e) throws SQLException {
        flushAndCommit();
        builderTable = null;
        StatementClassifier.Effect effect = StatementClassifier.effect(e.data, 0, e.length);
        if (e.scope == StatementScope.EVERY_SESSION) {
            // session state (SET, USE): each writer runs it on its own connection, in its place among its own rows
            // (sent and committed above); no writer waits for another
            run(e);
            forget(effect);
            return;
        }
        // chained statements (RowPublisher#statement) follow each other with nothing for the writers to do between,
        // so the writers stay lined up from the first one's barrier to the last one's
        if (!e.chainedFromPrevious && !barrier.await()) {
            return;
        }
        if (id == 0) {
            run(e);
            session.commit();
        }
        forget(effect);
        if (!e.chainsToNext) {
            barrier.await();
        }
    }

    /** Runs an ordered statement on this writer's session. */
    private void run(RowEvent e) throws SQLException {
        scratch.clear();
        if (!scratch.fits(e.length)) {
            throw new FailureException(RunState.Outcome.BAD_INPUT, e.source + ":" + e.line + ": a statement of "
                    + e.length + " bytes is larger than the statement budget of " + scratch.limit() + " bytes", null);
        }
        scratch.append(e.data, 0, e.length);
        try {
            session.execute(scratch);
            if (id == 0) {
                stats.statementRun();
            }
            if (e.scope == StatementScope.EVERY_SESSION && mentionsUniqueChecks(e.data, e.length)) {
                keepUniqueChecks();
            }
        } catch (SQLException ex) {
            SqlErrors.Kind kind = SqlErrors.classify(ex);
            RunState.Outcome outcome = kind == SqlErrors.Kind.CONNECTION || kind == SqlErrors.Kind.TRANSIENT
                    ? RunState.Outcome.SERVER_FAILURE : RunState.Outcome.BAD_INPUT;
            throw new FailureException(outcome, e.source + ":" + e.line + " (byte " + e.byteOffset
                    + "): the server refused a statement: " + SqlErrors.describe(ex) + " near: "
                    + excerpt(e.data, e.length), ex);
        } finally {
            scratch.trimTo(4096);
        }
    }

    /** Drops what a statement may have made stale: table shapes and columns, and the current database. */
    private void forget(StatementClassifier.Effect effect) throws SQLException {
        names.forget();
        if (effect == StatementClassifier.Effect.SESSION_ONLY) {
            return;
        }
        if (prepared != null) {
            prepared.closeAll(); // the tables they insert into may have changed
            columnKinds.clear();
        }
        shapes.clear();
        metas.clear();
        if (effect == StatementClassifier.Effect.CURRENT_DATABASE || !databaseKnown) {
            databaseKnown = false;
            database(); // known before any row of the new state can be rejected on the sender thread
        }
    }

    /** The session's current database, read on the handler thread with nothing in flight; null before the first use. */
    private volatile String currentDatabase;
    private volatile boolean databaseKnown;

    private String database() throws SQLException {
        if (!databaseKnown) {
            awaitSenderIfHandler();
            try (Statement st = session.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT DATABASE()")) {
                rs.next();
                currentDatabase = rs.getString(1);
            }
            databaseKnown = true;
        }
        return currentDatabase;
    }

    /** Only the handler thread may wait for the sender (the sender would wait for itself). */
    private void awaitSenderIfHandler() throws SQLException {
        if (Thread.currentThread() != senderThread) {
            awaitSender();
        }
    }

    private String qualifiedTable(TableRef t) throws SQLException {
        return t.schema() != null || database() == null ? t.quotedTable()
                : TableRef.quote(database()) + "." + t.quotedTable();
    }

    private String qualifiedTarget(TableRef t) {
        try {
            return t.schema() != null || database() == null ? t.quotedTarget()
                    : TableRef.quote(database()) + "." + t.quotedTarget();
        } catch (SQLException e) {
            return t.quotedTarget();
        }
    }

    private TableMeta meta(TableRef t) throws SQLException {
        String key = (t.schema() == null ? "" : t.schema()) + "\u0000" + t.table();
        TableMeta m = metas.get(key);
        if (m == null) {
            awaitSender();
            m = TableMeta.load(session.connection(), t.schema(), t.table());
            metas.put(key, m);
        }
        return m;
    }

    private InsertShape shapeFor(TableRef t) throws SQLException {
        InsertShape s = shapes.get(t);
        if (s != null) {
            return s;
        }
        OnDuplicate od = options.onDuplicate();
        String verb = switch (od) {
            case AS_WRITTEN -> switch (t.verb()) {
                case INSERT -> "INSERT";
                case INSERT_IGNORE -> "INSERT IGNORE";
                case REPLACE -> "REPLACE";
            };
            case ERROR, UPDATE -> "INSERT";
            case IGNORE -> "INSERT IGNORE";
            case REPLACE -> "REPLACE";
        };
        List<String> update = null;
        if (od == OnDuplicate.UPDATE) {
            try {
                update = t.columns().isEmpty() ? meta(t).writableColumnNames() : t.columns();
            } catch (SQLException ex) {
                throw failure(ex, "reading the columns of " + t.displayName());
            }
        }
        s = InsertShape.of(verb, t.quotedTarget(), update);
        shapes.put(t, s);
        return s;
    }

    private FailureException failure(SQLException ex, String doing) {
        SqlErrors.Kind kind = SqlErrors.classify(ex);
        String msg = switch (kind) {
            case CONNECTION -> "lost the connection to the server while " + doing + ": " + SqlErrors.describe(ex);
            case PACKET_TOO_BIG -> "the server refused a packet as too big while " + doing + " (a packload bug: "
                    + "statements are sized under " + session.budget().describe() + "): " + SqlErrors.describe(ex);
            case TRANSIENT -> "a lock conflict rolled back this writer's transaction while " + doing
                    + "; rows since its last commit were not loaded: " + SqlErrors.describe(ex);
            default -> "the server refused the rows while " + doing + ": " + SqlErrors.describe(ex);
        };
        RunState.Outcome outcome = kind == SqlErrors.Kind.STATEMENT ? RunState.Outcome.BAD_INPUT
                : RunState.Outcome.SERVER_FAILURE;
        return new FailureException(outcome, msg, ex);
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

    void close() {
        try {
            awaitSender();
        } catch (SQLException | RuntimeException ignored) {
            // the run already failed or finished: the failure was reported where it happened
        }
        sender.shutdownNow();
        try {
            session.close();
        } catch (SQLException ignored) {
            // closing after the run: nothing left to lose
        }
    }

    /** A failure that ends the run, with the outcome it maps to. */
    static final class FailureException extends RuntimeException {
        final RunState.Outcome outcome;

        FailureException(RunState.Outcome outcome, String message, Throwable cause) {
            super(message, cause);
            this.outcome = outcome;
        }
    }
}
