package dev.packload.loader.pipeline;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Keeps a child table's checked rows behind their parents' rows on other connections. With the foreign key checks
 * on, the server looks up each row's parent as the row goes in: the mysql client, one connection taking the dump in
 * order, always has the parent rows of earlier tables in by then. packload's writers load consecutive tables on
 * different connections at once, so a child table's first statement could reach the server before the rows of the
 * parent table just before it in the dump (on another writer) were sent, and be refused with error 1452 although
 * the client loads it.
 *
 * <pre>
 *   ring:    … rows of P (writer 0) │ END_OF_TABLE (sequence m) │ rows of C (writer 1), orderAfter = m …
 *   writer 0: sends P's rows, commits at the END_OF_TABLE, then {@link #passed}(0, m)
 *   writer 1: before C's rows go with the checks on: {@link #await}(1, m) until every other writer has passed m
 * </pre>
 *
 * Every writer commits what it holds at each END_OF_TABLE ({@link Batcher}), so once all have passed the marker,
 * every row before it is committed. Rows that go with the checks off (deferred, or a dump that turned them off) never
 * wait. No cycle of waits can form: a writer waits only for markers before the rows it sends, which every other
 * writer reaches by taking the ring's events in order, and passing a marker needs nothing of a writer further on.
 * Rows of one table that reference rows of the same table (a self-reference) on another writer's earlier run are not
 * ordered by this: only the rows of earlier tables are.
 */
final class CommitFence {
    private final AtomicLongArray passed;
    private final Object lock = new Object();

    CommitFence(int writers) {
        passed = new AtomicLongArray(writers);
        for (int i = 0; i < writers; i++) {
            passed.set(i, -1);
        }
    }

    /** {@code writer} has committed every row of its before ring sequence {@code sequence} (an END_OF_TABLE). */
    void passed(int writer, long sequence) {
        if (sequence <= passed.get(writer)) {
            return;
        }
        passed.set(writer, sequence);
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /**
     * Waits until every writer but {@code writer} has passed ring sequence {@code sequence} (nothing to wait for when
     * it is negative: no table ended before); false when the run stopped meanwhile.
     */
    boolean await(int writer, long sequence, RunState state) {
        if (sequence < 0) {
            return true;
        }
        synchronized (lock) {
            while (!allPassed(writer, sequence)) {
                if (!state.running()) {
                    return false;
                }
                try {
                    lock.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return state.running();
    }

    private boolean allPassed(int writer, long sequence) {
        for (int w = 0; w < passed.length(); w++) {
            if (w != writer && passed.get(w) < sequence) {
                return false;
            }
        }
        return true;
    }
}
