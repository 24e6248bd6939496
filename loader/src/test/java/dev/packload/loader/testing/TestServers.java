package dev.packload.loader.testing;

import dev.packload.embedded.EmbeddedMariaDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The servers integration tests ({@code *IT}) run against. Each is set up at most once per JVM and reused by every
 * test; tests isolate themselves with a {@link TestDatabase}.
 *
 * <ul>
 * <li>{@link #local()}: the MariaDB at 127.0.0.1:3306 (root, empty password) that CI provides; the test is aborted
 * (reported as skipped) when it cannot be reached. Never change its global variables: it is shared.</li>
 * <li>{@link #embedded(String...)}: a MariaDB 11.4 of our own ({@link EmbeddedMariaDb}) with the given mariadbd
 * options, e.g. {@code --max-allowed-packet=1M}; one per distinct option list, with data in a temporary directory
 * deleted at JVM exit. The binaries are unpacked once into {@code ~/.packload/mariadb/bin} and reused by later
 * runs.</li>
 * <li>{@link #mysql84()}: MySQL 8.4 in a Testcontainers container; aborted (skipped) at once when there is no Docker
 * engine.</li>
 * </ul>
 *
 * System properties: {@code packload.it.local.host}, {@code .port}, {@code .user}, {@code .password} move the local
 * server; {@code packload.it.mariadb.home} moves the embedded binaries (default {@link EmbeddedMariaDb#defaultHome()}).
 */
public final class TestServers {
    private static final String MYSQL_IMAGE = "mysql:8.4";
    private static final String MYSQL_PASSWORD = "packload";

    private static Server local;
    private static String localProblem;

    private static final Map<List<String>, Server> EMBEDDED = new LinkedHashMap<>();
    private static final Map<List<String>, String> EMBEDDED_PROBLEMS = new LinkedHashMap<>();
    private static final List<EmbeddedMariaDb> RUNNING = new ArrayList<>();
    private static Path embeddedDataRoot;
    private static boolean hookInstalled;

    private static Server mysql84;
    private static String mysql84Problem;
    private static MySQLContainer<?> mysqlContainer;

    private TestServers() {
    }

    /** The shared local MariaDB (127.0.0.1:3306, root, empty password), or the test is aborted if it is down. */
    public static synchronized Server local() {
        if (local == null && localProblem == null) {
            String host = System.getProperty("packload.it.local.host", "127.0.0.1");
            int port = Integer.getInteger("packload.it.local.port", 3306);
            String user = System.getProperty("packload.it.local.user", "root");
            String password = System.getProperty("packload.it.local.password", "");
            Server s = new Server("local", host, port, user, password);
            try (Connection c = DriverManager.getConnection(s.jdbcUrl(null), s.connectionProperties(3_000));
                    Statement st = c.createStatement()) {
                st.execute("SELECT 1");
                local = s;
            } catch (SQLException e) {
                localProblem = "local MySQL/MariaDB at " + host + ":" + port + " (user " + user + ") is not reachable: "
                        + firstLine(e.getMessage());
            }
        }
        if (local == null) {
            Assumptions.abort(localProblem);
        }
        return local;
    }

    /**
     * An embedded MariaDB 11.4 started with these mariadbd options (once per distinct list per JVM), stopped at JVM
     * exit. Fails the test if it cannot start (the message says why, e.g. a missing system library).
     */
    public static synchronized Server embedded(String... serverArgs) {
        List<String> key = List.of(serverArgs);
        Server s = EMBEDDED.get(key);
        if (s != null) {
            return s;
        }
        String problem = EMBEDDED_PROBLEMS.get(key);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        try {
            installHook();
            if (embeddedDataRoot == null) {
                embeddedDataRoot = Files.createTempDirectory("packload-it-mariadb-");
            }
            Path home = Paths.get(System.getProperty("packload.it.mariadb.home", EmbeddedMariaDb.defaultHome().toString()));
            Path data = embeddedDataRoot.resolve("server" + (EMBEDDED.size() + EMBEDDED_PROBLEMS.size() + 1));
            EmbeddedMariaDb db = EmbeddedMariaDb.start(home, data, 0, key);
            RUNNING.add(db);
            s = new Server("embedded " + key, db.host(), db.port(), db.user(), db.password());
            EMBEDDED.put(key, s);
            return s;
        } catch (IOException | RuntimeException e) {
            problem = "embedded MariaDB " + key + " did not start: " + e.getMessage();
            EMBEDDED_PROBLEMS.put(key, problem);
            throw new IllegalStateException(problem, e);
        }
    }

    /** MySQL 8.4 in a container (started once per JVM), or the test is aborted when there is no Docker engine. */
    public static synchronized Server mysql84() {
        if (mysql84 == null && mysql84Problem == null) {
            boolean docker;
            try {
                docker = DockerClientFactory.instance().isDockerAvailable();
            } catch (Throwable t) { // a broken Docker setup counts as none
                docker = false;
            }
            if (!docker) {
                mysql84Problem = "no Docker engine: MySQL 8.4 tests skipped";
            } else {
                try {
                    installHook();
                    MySQLContainer<?> c = new MySQLContainer<>(DockerImageName.parse(MYSQL_IMAGE))
                            .withUsername("root")
                            .withPassword(MYSQL_PASSWORD);
                    c.start();
                    mysqlContainer = c;
                    mysql84 = new Server(MYSQL_IMAGE, c.getHost(), c.getMappedPort(3306), "root", MYSQL_PASSWORD);
                } catch (RuntimeException e) {
                    mysql84Problem = "MySQL 8.4 container did not start: " + firstLine(e.getMessage());
                    throw new IllegalStateException(mysql84Problem, e);
                }
            }
        }
        if (mysql84 == null) {
            if (mysql84Problem.startsWith("no Docker")) {
                Assumptions.abort(mysql84Problem);
            }
            throw new IllegalStateException(mysql84Problem);
        }
        return mysql84;
    }

    private static void installHook() {
        if (hookInstalled) {
            return;
        }
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(TestServers::shutdown, "packload-test-servers-shutdown"));
    }

    private static void shutdown() {
        List<EmbeddedMariaDb> running;
        MySQLContainer<?> container;
        Path dataRoot;
        synchronized (TestServers.class) {
            running = new ArrayList<>(RUNNING);
            container = mysqlContainer;
            dataRoot = embeddedDataRoot;
        }
        Collections.reverse(running);
        for (EmbeddedMariaDb db : running) {
            try {
                db.close();
            } catch (RuntimeException ignored) {
                // keep stopping the others
            }
        }
        if (container != null) {
            try {
                container.stop();
            } catch (RuntimeException ignored) {
                // Ryuk removes it anyway
            }
        }
        if (dataRoot != null) {
            try (Stream<Path> walk = Files.walk(dataRoot)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | RuntimeException ignored) {
                // best effort
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
