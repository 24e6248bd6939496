package dev.packload.loader.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback between packload and a server, which cuts a connection in the middle of a packet: once the
 * bytes it has carried from clients to the server (all connections together) reach the next of its cut points, it
 * forwards only the bytes up to that point and resets both sides of that connection. What the client sees is what a
 * network failure mid-statement looks like: a statement half sent, then a dead socket.
 *
 * <pre>
 *   packload ── proxy port ──▶ [ pump → (cut at N bytes) ] ──▶ server
 *            ◀──────────────── [ pump ← ]                 ◀──
 * </pre>
 */
final class CutProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicLong carried = new AtomicLong();
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile long[] cutPoints = new long[0];
    private final Thread acceptor;

    CutProxy(String host, int port) throws IOException {
        this.server = new InetSocketAddress(host, port);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "cut-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** From now on, cut at these client-to-server byte counts (counted from now, ascending). */
    synchronized void cutAt(long... points) {
        carried.set(0);
        cuts.set(0);
        cutPoints = points.clone();
    }

    /** How many connections were cut since {@link #cutAt}. */
    int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket();
                upstream.connect(server, 10_000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                // closed, or the server is down: the client sees its connection refused or closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean toServer) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    int pass = toServer ? passBeforeCut(n) : n;
                    out.write(buf, 0, pass);
                    out.flush();
                    if (pass < n) {
                        cuts.incrementAndGet();
                        reset(from);
                        reset(to);
                        return;
                    }
                }
            } catch (IOException e) {
                // the other side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "cut-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** How many of the next {@code n} bytes may pass before the next cut point (n when none is reached). */
    private synchronized int passBeforeCut(int n) {
        long before = carried.getAndAdd(n);
        for (long point : cutPoints) {
            if (point > before && point <= before + n) {
                return (int) (point - before - 1); // the byte at the cut point never arrives
            }
        }
        return n;
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0); // RST, as a dead network path or a killed peer looks
        } catch (IOException ignored) {
            // already closed
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        open.forEach(CutProxy::closeQuietly);
    }
}
