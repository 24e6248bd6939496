package dev.packload.loader.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.RejectFile;
import dev.packload.loader.report.TableStats;
import dev.packload.loader.write.InsertBuilder;
import dev.packload.loader.write.InsertShape;
import dev.packload.loader.write.OnDuplicate;
import dev.packload.loader.write.OversizedRowWriter;
import dev.packload.loader.write.RowRejectedException;
import dev.packload.loader.write.SqlErrors;
import dev.packload.loader.write.SqlSession;
import dev.packload.loader.write.StatementBuffer;
import dev.packload.loader.write.TableMeta;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

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
    private final RejectFile rejects;
    private final LoadStats stats;
    private final BatchLog batchLog;
    private final CountDownLatch finished;
    private final InsertBuilder builder;
    private final StatementBuffer scratch;
    private final OversizedRowWriter oversized;
    private final Map<TableRef, InsertShape> shapes = new HashMap<>();
    private final Map<String, TableMeta> metas = new HashMap<>();

    private TableRef builderTable;
    private SourceRef builderSource;
    private long builderFirstSeq;
    private long builderLastSeq;
    private TableStats txTable;
    private long txRows;
    private long txBytes;
    private final List<BatchLog.Range> txRanges = new ArrayList<>();
    private boolean drained;

    WriterHandler(int id, SqlSession session, WriterOptions options, StatementBarrier barrier, RunState state,
                  ByteGate gate, RejectFile rejects, LoadStats stats, BatchLog batchLog, CountDownLatch finished) {
        this.id = id;
        this.session = session;
        this.options = options;
        this.barrier = barrier;
        this.state = state;
        this.gate = gate;
        this.rejects = rejects;
        this.stats = stats;
        this.batchLog = batchLog;
        this.finished = finished;
        this.builder = new InsertBuilder(session.newStatementBuffer(1 << 16));
        this.scratch = session.newStatementBuffer(4096);
        this.oversized = new OversizedRowWriter(session, session.serverVersion());
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
        } catch (Throwable t) {
            state.fail(RunState.Outcome.INTERNAL_ERROR, "writer " + id + ": " + t, t);
        } finally {
            if (e.kind == RowEvent.Kind.END_OF_INPUT) {
                finished.countDown();
            }
            if (e.kind == RowEvent.Kind.ROW && e.writer == id) {
                gate.release(e.gateBytes);
                if (e.data.length > RowEvent.KEEP_CAPACITY) {
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
        if (options.batchRows() > 0 && builder.rows() >= options.batchRows()) {
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
        TableRef t = e.table;
        txTable = t.stats();
        InsertShape shape = builder.shape();
        try {
            TableMeta meta = meta(t);
            OversizedRowWriter.Outcome outcome = oversized.write(new OversizedRowWriter.Row(shape, qualifiedTable(t),
                    t.columns(), shape.verb().equals("INSERT IGNORE"), e.data, 0, e.length, e.noBackslashEscapes), meta);
            t.stats().appended();
            txRows++;
            txBytes += e.length;
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

    /** Sends the statement being built, if any. */
    private void flush() throws SQLException {
        int rows = builder.rows();
        if (rows == 0) {
            return;
        }
        StatementBuffer st = builder.finish();
        TableStats ts = builderTable.stats();
        txTable = ts;
        int loaded = rows;
        try {
            session.execute(st);
            ts.statementSent();
            int w = session.warningCount();
            if (w > 0) {
                stats.warnings(w);
            }
        } catch (SQLException ex) {
            if (SqlErrors.classify(ex) != SqlErrors.Kind.DATA) {
                throw failure(ex, "sending " + rows + " rows of " + builderTable.displayName());
            }
            loaded = replayRowByRow(ex);
        }
        txRows += loaded;
        txBytes += st.length();
        txRanges.add(new BatchLog.Range(builderSource, builderFirstSeq, builderLastSeq, loaded));
        builder.start(builder.shape());
        maybeCommit();
    }

    /**
     * The server refused a multi-row statement for a row's data (the statement was rolled back alone): send its rows
     * one by one, so only the bad rows are rejected, each with the server's own reason. Returns the rows loaded.
     */
    private int replayRowByRow(SQLException first) throws SQLException {
        InsertShape shape = builder.shape();
        byte[] buf = builder.statement().array();
        int loaded = 0;
        for (int i = 0; i < builder.rows(); i++) {
            scratch.clear();
            scratch.append(shape.prefix());
            scratch.append(buf, builder.tupleOffset(i), builder.tupleLength(i));
            scratch.append(shape.suffix());
            try {
                session.execute(scratch);
                builderTable.stats().statementSent();
                loaded++;
            } catch (SQLException ex) {
                if (SqlErrors.classify(ex) != SqlErrors.Kind.DATA) {
                    throw failure(ex, "re-sending rows of " + builderTable.displayName() + " one by one");
                }
                reject(builderTable, shape, builderSource, builder.line(i), builder.byteOffset(i),
                        SqlErrors.describe(ex), buf, builder.tupleOffset(i), builder.tupleLength(i));
            }
        }
        scratch.trimTo(4096);
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

    private void maybeCommit() throws SQLException {
        if (txBytes >= options.commitBytes()) {
            commit();
        }
    }

    private void flushAndCommit() throws SQLException {
        flush();
        commit();
    }

    private void commit() throws SQLException {
        if (txRows == 0 && txRanges.isEmpty()) {
            return;
        }
        try {
            session.commit();
        } catch (SQLException ex) {
            throw failure(ex, "committing " + txRows + " rows");
        }
        if (txTable != null) {
            txTable.loaded(txRows);
        }
        batchLog.committed(id, List.copyOf(txRanges));
        txRanges.clear();
        txRows = 0;
        txBytes = 0;
        txTable = null;
    }

    private void statement(RowEvent e) throws SQLException {
        flushAndCommit();
        builderTable = null;
        if (!barrier.await()) {
            return;
        }
        if (e.scope == StatementScope.EVERY_SESSION || id == 0) {
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
            session.commit();
        }
        shapes.clear();
        metas.clear();
        currentDatabase = null;
        barrier.await();
    }

    private String currentDatabase;

    private String database() throws SQLException {
        if (currentDatabase == null) {
            try (Statement st = session.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT DATABASE()")) {
                rs.next();
                currentDatabase = rs.getString(1);
            }
        }
        return currentDatabase;
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

    static String excerpt(byte[] b, int len) {
        String s = new String(b, 0, Math.min(len, 120), StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    void close() {
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
