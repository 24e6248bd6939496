package dev.packload.loader.replication;

import dev.packload.loader.testing.CliRun;
import dev.packload.loader.testing.ReplicaPair;
import dev.packload.loader.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On a primary and replica of our own (MariaDB, GTID, row-based binary log). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicaDdlIT {
    private ReplicaPair pair;
    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        pair = ReplicaPair.start(List.of("--binlog-format=ROW"), List.of("--slave-ddl-exec-mode=STRICT"));
    }

    @AfterAll
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    /**
     * packload leaves out a dump's {@code DROP TABLE IF EXISTS} of a table the target lacks, but not where the binary
     * log takes it: a replica that has a table its primary lacks (left from an earlier load, or made there by hand)
     * drops it as under the mysql client, so the dump's CREATE TABLE that follows replicates instead of stopping the
     * replica's SQL thread with 1050. (MariaDB's replicas take CREATE TABLE as CREATE OR REPLACE by default,
     * {@code slave_ddl_exec_mode=IDEMPOTENT}; MySQL's, and MariaDB's in STRICT mode as here, stop.)
     */
    @Test
    void aDropOfATableOnlyTheReplicaHasStillReplicates() throws Exception {
        try (TestDatabase db = TestDatabase.create(pair.primary())) {
            assertTrue(pair.awaitCaughtUp(), "the database is on the replica: " + pair.status());
            try (Connection c = pair.replica().connect(null); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE `" + db.name() + "`.`stale` (old INT) ENGINE=InnoDB");
            }
            Path dump = dir.resolve("stale.sql");
            Files.writeString(dump, """
                    DROP TABLE IF EXISTS `stale`;
                    CREATE TABLE `stale` (id INT PRIMARY KEY, v VARCHAR(10)) ENGINE=InnoDB;
                    /*!40000 ALTER TABLE `stale` DISABLE KEYS */;
                    INSERT INTO `stale` VALUES (1,'a'),(2,'b');
                    /*!40000 ALTER TABLE `stale` ENABLE KEYS */;
                    """);
            CliRun run = CliRun.of("load", "--no-defaults", "-h", "127.0.0.1", "-P",
                    String.valueOf(pair.primary().port()), "-u", "root", "-D", db.name(), "--no-progress",
                    "--no-journal", dump.toString());
            assertEquals(0, run.code(), run.all());
            assertTrue(pair.awaitCaughtUp(), "the replica applied everything: " + pair.status());
            ReplicaPair.Status status = pair.status();
            assertTrue(status.healthy(), status.toString());
            try (Connection c = pair.replica().connect(null); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("CHECKSUM TABLE `" + db.name() + "`.`stale`")) {
                assertTrue(rs.next());
                assertEquals(db.checksum("stale"), rs.getString(2));
            }
        }
    }
}
