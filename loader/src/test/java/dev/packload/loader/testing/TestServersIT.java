package dev.packload.loader.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Proves the three kinds of test server: local, embedded with options, MySQL 8.4 (skipped without Docker). */
class TestServersIT {

    @Test
    void localServerIsReachableAndTestDatabaseIsCreatedAndDropped() throws Exception {
        Server local = TestServers.local();
        assertFalse(local.version().isEmpty());

        String name;
        try (TestDatabase db = TestDatabase.create(local)) {
            name = db.name();
            assertTrue(name.matches("pl_testserversit_[0-9a-f]{8}"), name);
            assertTrue(schemaExists(local, name));

            db.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))",
                    "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            assertEquals(3, db.count("t"));
            String before = db.checksum("t");
            assertNotNull(before);
            db.execute("UPDATE t SET v = 'z' WHERE id = 2");
            assertFalse(before.equals(db.checksum("t")));
        }
        assertFalse(schemaExists(local, name));
    }

    @Test
    void embeddedServerStartsWithTheGivenOptions() throws Exception {
        Server s = TestServers.embedded("--max-allowed-packet=1M");
        assertTrue(s.version().startsWith("11.4."), s.version());
        assertTrue(s.isMariaDb());
        try (Connection c = s.connect(null); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT @@max_allowed_packet")) {
            rs.next();
            assertEquals(1048576L, rs.getLong(1));
        }
        assertSame(s, TestServers.embedded("--max-allowed-packet=1M"), "started once per distinct options");

        try (TestDatabase db = TestDatabase.create(s)) {
            db.execute("CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1), (2)");
            assertEquals(2, db.count("t"));
            assertNotNull(db.checksum("t"));
        }
    }

    @Test
    void mysql84RunsOnlyWithDocker() throws Exception {
        Server s = TestServers.mysql84(); // aborts (skipped) when there is no Docker engine
        assertTrue(s.version().startsWith("8.4"), s.version());
        try (TestDatabase db = TestDatabase.create(s)) {
            db.execute("CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
            assertEquals(1, db.count("t"));
        }
    }

    private static boolean schemaExists(Server s, String name) throws SQLException {
        try (Connection c = s.connect(null);
                PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }
}
