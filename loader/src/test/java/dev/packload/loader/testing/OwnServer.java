package dev.packload.loader.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code mariadbd} (the machine's own, the same binary as the shared server's) that one test owns: its own data
 * directory and a free loopback port, so the test may kill it with SIGKILL and start it again on the same data and
 * port ({@link #kill}, {@link #start}), or give it settings of its own. Never the shared server. The test is aborted
 * (skipped) where there is no {@code mariadbd}; {@link #close} stops it and deletes its data.
 */
public final class OwnServer implements AutoCloseable {
    private static final Path MARIADBD = Path.of(System.getProperty("packload.it.mariadbd", "/usr/sbin/mariadbd"));

    private final Path dir;
    private final int port;
    private final List<String> options;
    private final Server server;
    private Process process;

    private OwnServer(Path dir, int port, List<String> options) {
        this.dir = dir;
        this.port = port;
        this.options = List.copyOf(options);
        this.server = new Server("own mariadbd :" + port, "127.0.0.1", port, "root", "");
    }

    /** Installs a data directory under a new temporary directory and starts a server on it with these options. */
    public static OwnServer start(String... options) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(MARIADBD), "no " + MARIADBD + ": tests on a server of their own "
                + "skipped (set packload.it.mariadbd)");
        Path dir = Files.createTempDirectory("packload-own-mariadbd-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        OwnServer own = new OwnServer(dir, port, List.of(options));
        // a test JVM that ends without close (killed, timed out) leaves no server behind
        Runtime.getRuntime().addShutdownHook(new Thread(own::stopAtExit, "packload-own-mariadbd-stop"));
        run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--auth-root-authentication-method=normal", "--skip-test-db", "--user=" + user()), dir);
        own.start();
        return own;
    }

    public Server server() {
        return server;
    }

    /** Starts the server on its data directory and port, and waits until it takes connections (at most 2 minutes). */
    public synchronized void start() throws Exception {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(MARIADBD.toString(), "--no-defaults", "--datadir="
                + dir.resolve("data"), "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("sock"),
                "--pid-file=" + dir.resolve("pid"), "--user=" + user(), "--skip-log-bin",
                "--innodb-buffer-pool-size=128M", "--log-error=" + dir.resolve("error.log"),
                // a temporary directory of its own: in the shared /tmp, a server's temporary tables were seen to
                // vanish while other servers started and stopped beside it
                "--tmpdir=" + dir.resolve("tmp")));
        cmd.addAll(options);
        java.nio.file.Files.createDirectories(dir.resolve("tmp"));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            try (Connection c = server.connect(null)) {
                return;
            } catch (SQLException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("mariadbd on port " + port + " did not start: "
                            + Files.readString(dir.resolve("error.log")), e);
                }
                Thread.sleep(100);
            }
        }
    }

    /** SIGKILL: no shutdown, no flush; the next {@link #start} recovers InnoDB from its redo log. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public synchronized void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: a clean shutdown
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private synchronized void stopAtExit() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private static String user() {
        return System.getProperty("user.name");
    }

    private static void run(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Path log = dir.resolve(Path.of(cmd.get(0)).getFileName() + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + Files.readString(log));
        }
    }

    @Override
    public String toString() {
        return server.label();
    }
}
