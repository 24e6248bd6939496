package dev.packload.loader.pipeline;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One table's DDL statement, ordered by table instead of across the whole load: writer 0 runs it once every other
 * writer has committed the rows of that table it held ({@link #release}), and the table's later rows wait for it
 * ({@link #awaitDone}). Writers holding no rows of the table don't wait at all: they go on loading other tables
 * while the DDL runs. Waits give up as soon as the run has stopped, so a dead writer never hangs the others.
 */
final class TableGate {
    /** The table's name (unqualified: a DDL gates every table of that name, which is never less safe). */
    final String table;
    private final CountDownLatch released;
    private final CountDownLatch done = new CountDownLatch(1);

    TableGate(String table, int writers) {
        this.table = table;
        this.released = new CountDownLatch(Math.max(0, writers - 1));
    }

    /** A writer other than writer 0 holds no uncommitted rows of the table any more. */
    void release() {
        released.countDown();
    }

    /** Writer 0: waits until every other writer has released the table; false when the run stopped meanwhile. */
    boolean awaitReleased(RunState state) {
        return await(released, state);
    }

    /** Writer 0 ran the statement (or the run stopped): the table's later rows may go. */
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
