package dev.packload.loader.pipeline;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One table's DDL statement, ordered by that table instead of across the whole load. It runs on one writer, its
 * {@link #runner} (the writer that gets the table's rows, so the DDL of several tables runs at once on several
 * connections, as myloader creates tables in parallel), once
 * <ul>
 *   <li>the table's previous DDL statement has run (wherever it ran), and</li>
 *   <li>every other writer that got rows of the table since that statement has committed them ({@link #release}).</li>
 * </ul>
 * The table's later rows wait for it ({@link #awaitDone}) wherever they land. Writers that got none of its rows don't
 * wait at all: they go on loading other tables, or running other tables' DDL, meanwhile. Waits give up as soon as the
 * run has stopped, so a dead writer never hangs the others.
 *
 * <p>No cycle of waits can form: a gate waits only for events before it in the ring (the previous DDL of the table,
 * and other writers reaching this very event), and every writer takes the ring's events in order.
 */
final class TableGate {
    /** The table's name (unqualified: a DDL gates every table of that name, which is never less safe). */
    final String table;
    /** The writer that runs the statement. */
    final int runner;
    /** The table's previous DDL statement, when it had not run yet as this one was published; else null. */
    private final TableGate previous;
    /** Per writer: whether it holds rows of the table from before the statement, and so must release it. */
    private final boolean[] holders;
    private final CountDownLatch released;
    private final CountDownLatch done = new CountDownLatch(1);

    /**
     * @param holders  per writer, whether it was given rows of the table since {@code previous} (the runner's own
     *                 entry is ignored: it commits them itself before it runs the statement)
     * @param previous the table's previous gate, or null
     */
    TableGate(String table, int runner, boolean[] holders, TableGate previous) {
        this.table = table;
        this.runner = runner;
        this.previous = previous == null || previous.isDone() ? null : previous;
        this.holders = holders.clone();
        int count = 0;
        for (int w = 0; w < holders.length; w++) {
            if (w != runner && holders[w]) {
                count++;
            }
        }
        this.released = new CountDownLatch(count);
    }

    /** Whether {@code writer} (not the runner) must commit its rows of the table and {@link #release} the gate. */
    boolean mustRelease(int writer) {
        return writer != runner && holders[writer];
    }

    /** Whether the runner still waits for another writer to {@link #release} the table. */
    boolean awaitsOthers() {
        return released.getCount() > 0;
    }

    /** A writer that {@link #mustRelease} holds no uncommitted rows of the table any more. */
    void release() {
        released.countDown();
    }

    /**
     * The runner: waits until the table's previous DDL statement has run and every holder has released the table;
     * false when the run stopped meanwhile. {@code heldHere}: gates the runner holds not done yet (their statements ran
     * on it, before this one, and only their records wait for its next commit); the previous statement need not be
     * waited for if it is one.
     */
    boolean awaitReleased(RunState state, List<TableGate> heldHere) {
        return (previous == null || heldHere.contains(previous) || previous.awaitDone(state))
                && await(released, state);
    }

    /** The runner ran the statement (or the run stopped): the table's later rows may go. */
    void markDone() {
        done.countDown();
    }

    boolean isDone() {
        return done.getCount() == 0;
    }

    /** Waits until the statement ran; false when the run stopped meanwhile. */
    boolean awaitDone(RunState state) {
        return await(done, state);
    }

    private static boolean await(CountDownLatch latch, RunState state) {
        try {
            while (!latch.await(50, TimeUnit.MILLISECONDS)) {
                if (!state.running()) {
                    return false;
                }
            }
            return state.running();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
