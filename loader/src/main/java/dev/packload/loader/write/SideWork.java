package dev.packload.loader.write;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Work a load does beside its writers (the deferred index builds, the foreign key checks after the rows): a few
 * daemon threads, and the connections of their own that the work opens. Closing it ends the threads and closes every
 * connection opened through it, so a failed or stopped load leaves none behind.
 */
public final class SideWork implements AutoCloseable {
    /** Opens a connection to the target, as the writers' sessions are opened. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private final ExecutorService threads;
    private final Connections connections;
    private final List<Connection> opened = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param threadName the threads' name, numbered from 0 ("packload-indexes" gives packload-indexes-0, ...)
     * @param threads    how many tasks run at once (at least 1)
     */
    public SideWork(String threadName, int threads, Connections connections) {
        this.connections = connections;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, threadName + "-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
    }

    public <T> Future<T> submit(Callable<T> task) {
        return threads.submit(task);
    }

    /** A new connection of the side work's own, closed with it. */
    public Connection open() throws SQLException {
        Connection c = connections.open();
        opened.add(c);
        return c;
    }

    /** Ends the threads and closes every connection opened here; call once no task runs. */
    @Override
    public void close() {
        threads.shutdownNow();
        synchronized (opened) {
            for (Connection c : opened) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // the side work's own connections: nothing was left open on them
                }
            }
            opened.clear();
        }
    }
}
