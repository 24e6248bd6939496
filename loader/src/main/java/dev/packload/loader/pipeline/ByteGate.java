package dev.packload.loader.pipeline;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds the bytes of large rows waiting in the ring. The reader takes permits before it publishes a large row; the
 * writer that owns the row gives them back once it has copied or sent it. A row larger than the whole gate takes all
 * of it, so it travels alone. Small rows don't pass here: the ring's size already bounds them.
 */
final class ByteGate {
    private final long capacity;
    private final RunState state;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private long held;

    ByteGate(long capacity, RunState state) {
        this.capacity = capacity;
        this.state = state;
    }

    /** Blocks until {@code bytes} (capped at the capacity) are free; returns the permits taken. */
    int acquire(int bytes) throws InterruptedException {
        int take = (int) Math.min(bytes, capacity);
        lock.lock();
        try {
            while (held > 0 && held + take > capacity && state.running()) {
                freed.awaitNanos(50_000_000L);
            }
            held += take;
            return take;
        } finally {
            lock.unlock();
        }
    }

    void release(int permits) {
        if (permits == 0) {
            return;
        }
        lock.lock();
        try {
            held -= permits;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
