package dev.packload.loader.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.packload.loader.report.TableStats;
import dev.packload.loader.write.InsertBuilder;
import dev.packload.loader.write.InsertShape;
import dev.packload.loader.write.OnDuplicate;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;

/**
 * One writer's ring side: packs the rows the reader gave it into multi-row INSERTs just under the statement budget,
 * and hands each full statement to its {@link Sender}, which owns the connection. It never touches the connection
 * itself. A statement is handed over when it is full, when {@code --batch-rows} is reached, when the reader moves on
 * to another writer, at the end of a table and at an ordered statement; a commit every {@code --commit-bytes} and at
 * the end of each table.
 */
final class Batcher implements EventHandler<RowEvent> {
    private static final byte[] EMPTY = new byte[0];
    /**
     * Statements a writer may have queued or on the wire while it fills the next one. One keeps both connections
     * busy on the 2-core machine measured (benchmarks/HISTORY.md); two cost another full buffer per writer and
     * measured no faster.
     */
    static final int STATEMENTS_IN_FLIGHT = 1;

    private final int id;
    private final Sender sender;
    private final WriterOptions options;
    private final StatementBarrier barrier;
    private final RunState state;
    private final ByteGate gate;
    private final LargeRowBuffers buffers;
    private final CountDownLatch finished;
    private final CommitFence fence;

    /** The statement being filled. */
    private InsertBuilder builder;
    /** Builders free to fill; the others are queued or on the wire, oldest first in {@link #pending}. */
    private final ArrayDeque<InsertBuilder> free = new ArrayDeque<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** Statement bytes handed to the sender since the last commit. */
    private long submittedBytes;
    private final Map<TableRef, InsertShape> shapes = new HashMap<>();

    /** A task handed to the sender: a statement (with the builder it frees) or a commit (builder null). */
    private record Pending(Future<?> result, InsertBuilder builder) {
    }

    private TableRef builderTable;
    private SourceRef builderSource;
    /** Whether the builder's rows were written under NO_BACKSLASH_ESCAPES (it changes only at a statement). */
    private boolean builderNoBackslashEscapes;
    private long builderFirstSeq;
    private long builderLastSeq;
    /** The latest {@link RowEvent#orderAfter} of the builder's rows. */
    private long builderOrderAfter = -1;
    /** The table whose rows the sender's open transaction holds, if any, and its name. */
    private TableStats txTable;
    private String txTableName;
    private boolean drained;
    /**
     * Gates of statements the sender left out and holds the records of ({@link Sender.Ran#HELD}): not done until its
     * next commit. Held only across what can't wait for them: SETs, and the same table's next statement on this
     * writer (the dump's CREATE TABLE after its DROP); anything else, or an empty ring, commits them first.
     */
    private final List<TableGate> heldGates = new ArrayList<>();

    Batcher(int id, Sender sender, WriterOptions options, StatementBarrier barrier, RunState state, ByteGate gate,
            LargeRowBuffers buffers, CountDownLatch finished, CommitFence fence) {
        this.id = id;
        this.sender = sender;
        this.options = options;
        this.barrier = barrier;
        this.state = state;
        this.gate = gate;
        this.buffers = buffers;
        this.finished = finished;
        this.fence = fence;
        this.builder = new InsertBuilder(sender.newStatementBuffer());
        for (int i = 0; i < STATEMENTS_IN_FLIGHT; i++) {
            free.add(new InsertBuilder(sender.newStatementBuffer()));
        }
    }

    @Override
    public void onEvent(RowEvent e, long sequence, boolean endOfBatch) {
        try {
            if (!state.running()) {
                drain();
                return;
            }
            if (!heldGates.isEmpty() && !keepsHeld(e)) {
                flushHeld();
            }
            switch (e.kind) {
                case ROW -> {
                    if (e.writer != id) {
                        if (builder.rows() > 0) {
                            flush();
                        }
                    } else if (e.after == null || e.after.awaitDone(state)) {
                        row(e); // after its table's DDL, when one came just before
                    }
                }
                case STATEMENT -> {
                    if (e.gate != null) {
                        tableStatement(e);
                    } else {
                        statement(e);
                    }
                }
                case END_OF_TABLE, END_OF_INPUT -> {
                    flushAndCommit();
                    // every row of this writer's before the marker is committed (CommitFence)
                    fence.passed(id, e.kind == RowEvent.Kind.END_OF_INPUT ? Long.MAX_VALUE : sequence);
                }
            }
            if (endOfBatch && !heldGates.isEmpty()) {
                flushHeld(); // nothing more to take now: don't keep the table's later work waiting
            }
        } catch (WriteFailure f) {
            state.fail(f.outcome, f.getMessage(), f.getCause());
        } catch (SQLException q) {
            WriteFailure f = sender.failure(q, "handling " + e.kind + " at " + e.source + ":" + e.line);
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

    /** Whether the records the sender holds may wait through this event ({@link #heldGates}). */
    private boolean keepsHeld(RowEvent e) {
        if (e.kind != RowEvent.Kind.STATEMENT) {
            return false;
        }
        if (e.gate == null) {
            return e.scope == StatementScope.EVERY_SESSION && !e.lineUp;
        }
        // another writer that must release the table may be waiting on a held gate itself (rows between the DROP and
        // the CREATE): it would never get here
        return e.gate.runner == id && !e.gate.awaitsOthers()
                && e.gate.table.equals(heldGates.get(heldGates.size() - 1).table);
    }

    /** Commits the records the sender holds; their tables' gates are done then. */
    private void flushHeld() throws SQLException {
        awaitSender();
        sender.call(() -> {
            sender.flushHeld();
            return null;
        });
        heldGates.clear();
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
            builderOrderAfter = e.orderAfter;
        } else {
            builderOrderAfter = Math.max(builderOrderAfter, e.orderAfter);
        }
        builderLastSeq = e.seq;
    }

    /** A row too big for one statement: the sender appends it in chunks while this thread waits (its slot holds). */
    private void oversizedRow(RowEvent e) throws SQLException {
        awaitSender();
        txTable = e.table.stats();
        txTableName = e.table.table();
        InsertShape shape = builder.shape();
        if (sender.call(() -> sender.oversizedRow(e, shape))) {
            submittedBytes += e.length;
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
        txTable = builderTable.stats();
        txTableName = builderTable.table();
        full.finish();
        submittedBytes += full.statement().length();
        pending.add(new Pending(sender.send(full, builderTable, builderSource, builderFirstSeq, builderLastSeq,
                builderNoBackslashEscapes, builderOrderAfter), full));
        builder.start(full.shape());
        maybeCommit();
    }

    /** Waits for the oldest task handed to the sender; rethrows its failure. */
    private void awaitOldest() throws SQLException {
        Pending p = pending.poll();
        if (p == null) {
            return;
        }
        if (p.builder() != null) {
            free.add(p.builder());
        }
        sender.await(p.result());
    }

    /** Waits until every task handed to the sender has run. */
    private void awaitSender() throws SQLException {
        while (!pending.isEmpty()) {
            awaitOldest();
        }
    }

    private void maybeCommit() {
        if (submittedBytes >= options.commitBytes()) {
            commitLater();
        }
    }

    /**
     * Queues a commit behind the statements already handed to the sender, so this thread goes on filling the next
     * statement instead of waiting for the one on the wire and the commit: a writer that waited here held up the ring,
     * and with it every other writer.
     */
    private void commitLater() {
        TableStats table = txTable;
        txTable = null;
        txTableName = null;
        submittedBytes = 0;
        pending.add(new Pending(sender.commitLater(table), null));
    }

    private void flushAndCommit() throws SQLException {
        flush();
        commit(); // waits for the statement in flight
    }

    /** Commits what was sent, and waits for it. */
    private void commit() throws SQLException {
        awaitSender();
        TableStats table = txTable;
        sender.call(() -> {
            sender.commit(table);
            return null;
        });
        submittedBytes = 0;
        txTable = null;
        txTableName = null;
    }

    /**
     * A DDL statement of one table ({@link TableGate}): a writer given rows of that table since its last DDL commits
     * them and lets the gate's runner know; the runner runs the statement once all have; the others go on at once, and
     * the table's later rows wait for the statement wherever they land.
     */
    private void tableStatement(RowEvent e) throws SQLException {
        TableGate g = e.gate;
        boolean building = builderTable != null && builderTable.table().equals(g.table);
        if (building && builder.rows() > 0 || txTable != null && g.table.equals(txTableName)) {
            flushAndCommit();
        } else if (id == g.runner || g.mustRelease(id)) {
            awaitSender(); // a statement of the table may still wait in the queue, its commit already queued behind it
        }
        if (building) {
            builderTable = null; // its next rows get a new shape: the statement may change the table
        }
        StatementClassifier.Effect effect = StatementClassifier.effect(e.data, 0, e.length);
        if (id == g.runner) {
            boolean held = false;
            try {
                if (!g.awaitReleased(state, heldGates)) {
                    return;
                }
                Sender.Ran ran = sender.call(() -> { // nothing is queued: it was waited for above
                    Sender.Ran r = sender.runStatement(e, true);
                    if (r == Sender.Ran.SENT) {
                        sender.forget(effect);
                    }
                    return r;
                });
                held = ran == Sender.Ran.HELD;
                if (held) {
                    heldGates.add(g);
                } else if (!sender.holdsRecords()) {
                    heldGates.clear(); // its commit carried their records, and marked their gates done
                }
            } finally {
                if (!held) {
                    g.markDone();
                }
            }
        } else {
            if (g.mustRelease(id)) {
                g.release();
            }
            // its queued statements go first; the table's later rows wait for the DDL, so none is described before
            pending.add(new Pending(sender.forgetLater(effect), null));
        }
        forgetShapes(effect);
    }

    private void statement(RowEvent e) throws SQLException {
        flushAndCommit();
        builderTable = null;
        StatementClassifier.Effect effect = StatementClassifier.effect(e.data, 0, e.length);
        if (e.scope == StatementScope.EVERY_SESSION) {
            // session state (SET, USE): each writer runs it on its own connection, in its place among its own rows
            // (sent and committed above); no writer waits for another, unless it may read a table (RowEvent#lineUp)
            if (e.lineUp && !barrier.await()) {
                return;
            }
            sender.call(() -> {
                sender.runStatement(e, false);
                sender.forget(effect);
                return null;
            });
            forgetShapes(effect);
            if (e.lineUp) {
                barrier.await();
            }
            return;
        }
        // chained statements (RowPublisher#statement) follow each other with nothing for the writers to do between,
        // so the writers stay lined up from the first one's barrier to the last one's
        if (!e.chainedFromPrevious && !barrier.await()) {
            return;
        }
        sender.call(() -> {
            if (id == 0) {
                sender.runStatement(e, true);
            }
            sender.forget(effect);
            return null;
        });
        forgetShapes(effect);
        if (!e.chainsToNext) {
            barrier.await();
        }
    }

    /** A statement that may have changed tables makes the INSERT shapes built for them stale. */
    private void forgetShapes(StatementClassifier.Effect effect) {
        if (effect != StatementClassifier.Effect.SESSION_ONLY) {
            shapes.clear();
        }
    }

    private InsertShape shapeFor(TableRef t) throws SQLException {
        InsertShape s = shapes.get(t);
        if (s != null) {
            return s;
        }
        OnDuplicate od = options.onDuplicate();
        List<String> update = null;
        if (od == OnDuplicate.UPDATE) {
            awaitSender();
            update = sender.call(() -> sender.updateColumns(t));
        }
        s = InsertShape.of(od.verbFor(t.verb()), t.quotedTarget(), update);
        shapes.put(t, s);
        return s;
    }

    /** Waits for what was handed to the sender, then closes the session on the sender's thread. */
    void close() {
        try {
            awaitSender();
        } catch (SQLException | RuntimeException ignored) {
            // the run already failed or finished: the failure was reported where it happened
        }
        sender.close();
    }
}
