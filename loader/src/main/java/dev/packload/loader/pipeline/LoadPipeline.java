package dev.packload.loader.pipeline;

import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.packload.loader.fk.DeferredChecks;
import dev.packload.loader.fk.SessionChecks;
import dev.packload.loader.index.DeferredIndexException;
import dev.packload.loader.index.IndexDeferral;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.RejectFile;
import dev.packload.loader.write.SqlErrors;
import dev.packload.loader.report.ResultPrinter;
import dev.packload.loader.write.SqlSession;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import com.lmax.disruptor.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The load pipeline: one reader publishing into an LMAX Disruptor ring of reused {@link RowEvent}s, and one
 writer per session consuming it: a {@link Batcher} on the ring's thread that fills INSERTs, and a {@link Sender}
 * on a thread of its own that owns the session and sends them.
 *
 * <pre>
 *   reader thread ──▶ RowPublisher ──▶ [ ring of RowEvent ] ──▶ batcher 0 ──▶ sender 0 ── connection 0
 *   (dump / CSV)       (byte gate,                        ├──▶ batcher 1 ──▶ sender 1 ── connection 1
 *                       run assignment)                   └──▶ batcher N ──▶ sender N ── connection N
 * </pre>
 *
 * Every writer sees every event: rows are taken by their owner only; ordered statements line all writers up.
 */
public final class LoadPipeline {
    /** Ring slots: with rows above 64 KiB gated, slots hold at most ring size × 64 KiB of small rows. */
    public static final int DEFAULT_RING_SIZE = 1024;
    /** Bytes of large rows that may wait in the ring at once. */
    public static final long DEFAULT_GATE_BYTES = 32L << 20;

    private final Disruptor<RowEvent> disruptor;
    private final List<Batcher> writers = new ArrayList<>();
    private final RunState state = new RunState();
    private final RowPublisher publisher;
    /** Counted down by each writer once it has handled the end of the input. */
    private final CountDownLatch finished;
    /** Secondary indexes built after the rows, or null. */
    private final IndexDeferral deferral;
    private final LoadStats stats;

    public LoadPipeline(List<SqlSession> sessions, WriterOptions options, int ringSize, long gateBytes, LoadStats stats,
                        RejectFile rejects, BatchLog batchLog) {
        this(sessions, options, ringSize, gateBytes, stats, rejects, batchLog, null);
    }

    /**
     * @param deferral builds secondary indexes after the rows (consulted around each DDL statement by the writer that
     *                 runs it), or null; {@link #finish} ends it
     */
    public LoadPipeline(List<SqlSession> sessions, WriterOptions options, int ringSize, long gateBytes, LoadStats stats,
                        RejectFile rejects, BatchLog batchLog, IndexDeferral deferral) {
        this(sessions, options, ringSize, gateBytes, stats, rejects, batchLog, deferral,
                new ResultPrinter(System.out));
    }

    /** @param results where the rows that ordered statements return are shown, as the mysql client shows them */
    public LoadPipeline(List<SqlSession> sessions, WriterOptions options, int ringSize, long gateBytes, LoadStats stats,
                        RejectFile rejects, BatchLog batchLog, IndexDeferral deferral, ResultPrinter results) {
        this(sessions, options, ringSize, gateBytes, stats, rejects, batchLog, deferral, results, null);
    }

    /**
     * @param fkChecks each writer session's foreign key checks, or null where nothing is known of them: with a
     *                 {@link DeferredChecks}, rows go with the session's checks off where they may, and the load
     *                 verifies them after {@link #finish}; with either, the rows the server checks wait for the rows
     *                 of the tables before them on the other writers ({@link CommitFence})
     */
    public LoadPipeline(List<SqlSession> sessions, WriterOptions options, int ringSize, long gateBytes, LoadStats stats,
                        RejectFile rejects, BatchLog batchLog, IndexDeferral deferral, ResultPrinter results,
                        Function<SqlSession, SessionChecks> fkChecks) {
        this.deferral = deferral;
        this.stats = stats;
        AtomicInteger n = new AtomicInteger();
        disruptor = new Disruptor<>(RowEvent::new, ringSize, r -> {
            Thread t = new Thread(r, "packload-writer-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        }, ProducerType.SINGLE, new LiteBlockingWaitStrategy());
        finished = new CountDownLatch(sessions.size());
        ByteGate gate = new ByteGate(gateBytes, state);
        // as many bytes of large rows as the gate lets into the ring again wait here for the next ones
        LargeRowBuffers buffers = new LargeRowBuffers(gateBytes);
        StatementBarrier barrier = new StatementBarrier(sessions.size(), state);
        CommitFence fence = new CommitFence(sessions.size());
        TriggerFreeTables triggerFree = new TriggerFreeTables();
        for (int i = 0; i < sessions.size(); i++) {
            SessionChecks checks = fkChecks == null ? null : fkChecks.apply(sessions.get(i));
            Sender sender = new Sender(i, sessions.get(i), options, state, rejects, stats, batchLog,
                    deferral, results, checks, fence, triggerFree);
            writers.add(new Batcher(i, sender, options, barrier, state, gate, buffers, finished, fence));
        }
        disruptor.setDefaultExceptionHandler(new ExceptionHandler<>() {
            @Override
            public void handleEventException(Throwable ex, long sequence, RowEvent event) {
                state.fail(RunState.Outcome.INTERNAL_ERROR, "writer failed: " + ex, ex);
            }

            @Override
            public void handleOnStartException(Throwable ex) {
                state.fail(RunState.Outcome.INTERNAL_ERROR, "writer failed to start: " + ex, ex);
            }

            @Override
            public void handleOnShutdownException(Throwable ex) {
                // nothing to do: the run is over
            }
        });
        disruptor.handleEventsWith(writers.toArray(new Batcher[0]));
        disruptor.start();
        // one run of rows per writer is about one full statement: 1/16 is left for the INSERT's own text, so a run
        // does not spill a small tail into a second statement
        long budget = sessions.get(0).budget().statementBytes();
        if (options.statementBytes() > 0) {
            budget = Math.min(budget, options.statementBytes());
        }
        long runBytes = Math.max(4096, budget - budget / 16);
        publisher = new RowPublisher(disruptor.getRingBuffer(), gate, buffers, state, stats, sessions.size(), runBytes);
    }

    /**
     * Waits until the writers have handled every event published so far (so a table created by an earlier
     * statement exists), or the run has failed.
     */
    public void awaitIdle() {
        publisher.publishClaimed();
        var ring = disruptor.getRingBuffer();
        long target = ring.getCursor();
        while (state.running() && ring.getMinimumGatingSequence() < target) {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
    }

    public RowPublisher publisher() {
        return publisher;
    }

    public RunState state() {
        return state;
    }

    /**
     * Ends the input, waits until every writer has sent and committed what it holds, closes the sessions, and makes
     * a stop of the reading the run's failure ({@link RunState#settle}). Always call it, also after the reading
     * stopped early ({@link RunState#stopReading}).
     */
    public void finish() {
        publisher.endInput();
        try {
            // Disruptor.shutdown() alone may return before a writer thread has even started; wait for each writer
            // to have handled the end of the input instead
            finished.await();
            disruptor.shutdown(1, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            state.fail(RunState.Outcome.INTERNAL_ERROR, "writers did not finish", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state.fail(RunState.Outcome.INTERNAL_ERROR, "interrupted while waiting for the writers", e);
        } finally {
            writers.forEach(Batcher::close);
            state.settle();
            finishIndexes();
        }
    }

    /** Builds the indexes still deferred (also after a failure: the rows loaded get their indexes) and waits. */
    private void finishIndexes() {
        if (deferral == null) {
            return;
        }
        try {
            deferral.finish();
        } catch (DeferredIndexException e) {
            if (!state.running()) {
                stats.notice(e.getMessage()); // the run failed before: say this too
            }
            state.fail(RunState.Outcome.of(SqlErrors.classify(e)), e.getMessage(), e);
        } finally {
            deferral.close();
        }
    }
}
