package dev.packload.loader.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packload.loader.testing.CliRun;
import dev.packload.loader.testing.ReplicaPair;
import dev.packload.loader.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The issue's measurement, on a real primary and replica of our own (MariaDB 11.4, GTID replication, row-based binary
 * log with full row images): the primary takes 4 MiB packets, the replica 2 MiB ({@code max_allowed_packet} and
 * {@code slave_max_allowed_packet}). With {@code --replica}, a dump with 1 MiB and 3 MiB values loads the rows the
 * replica can take and rejects the others before anything of them is sent, naming the replica's limit; replication
 * keeps running and the replica's checksums equal the primary's. Rows that need chunked appends load when the replica
 * takes their binlog events. Without {@code --replica}, the same load warns, and (what the issue saw) breaks the
 * replica's IO thread.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaSafeLoadIT {
    private static final int MIB = 1 << 20;

    private ReplicaPair pair;
    private Path dir;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("packload-replica-it-");
        pair = ReplicaPair.start(List.of("--binlog-format=ROW", "--binlog-row-image=FULL", "--max-allowed-packet=4M"),
                List.of("--max-allowed-packet=2M", "--slave-max-allowed-packet=2M"));
    }

    @AfterAll
    void stop() throws IOException {
        if (pair != null) {
            pair.close();
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void rowsTheReplicaCannotTakeAreRejectedBeforeAnythingIsSentAndReplicationKeepsRunning() throws Exception {
        try (TestDatabase db = TestDatabase.create(pair.primary())) {
            Path dump = dump("a.sql", new int[] {1, 2, 3, 10, 20, 21}, new int[] {0, 0, 0, 0, 0, 0},
                    new int[] {100, 200, 300, MIB, 3 * MIB, 3 * MIB});
            Path rejects = dir.resolve("a-rejects.sql");
            CliRun run = load(db, dump, rejects, true);
            assertEquals(3, run.code(), run.all());
            assertTrue(pair.awaitCaughtUp(), "the replica applied everything: " + pair.status());
            ReplicaPair.Status status = pair.status();
            assertTrue(status.healthy(), status.toString());
            assertEquals(4, db.count("docs"));
            assertEquals(0, db.scalar("SELECT COUNT(*) FROM docs WHERE id IN (20, 21)"));
            assertEquals(db.checksum("docs"), replicaChecksum(db.name()));
            String rejected = Files.readString(rejects, StandardCharsets.ISO_8859_1);
            assertTrue(rejected.contains("slave_max_allowed_packet=2097152"), rejected.substring(0, 2000));
            assertTrue(rejected.contains("127.0.0.1:" + pair.replica().port()), rejected.substring(0, 2000));
            assertTrue(rejected.contains("SET GLOBAL slave_max_allowed_packet = "), rejected.substring(0, 2000));
            assertTrue(run.out().contains("replica 127.0.0.1:" + pair.replica().port()), run.out());
        }
    }

    @Test
    @Order(2)
    void checkSaysWhichLimitFailsAndWhatToSet() throws Exception {
        Path big = dump("check-big.sql", new int[] {1, 2}, new int[] {0, 0}, new int[] {100, 3 * MIB});
        Path small = dump("check-small.sql", new int[] {1, 2}, new int[] {0, 0}, new int[] {100, MIB});
        String replica = "127.0.0.1:" + pair.replica().port();

        CliRun fails = check(replica, big);
        System.out.println(fails.out()); // what the README shows
        assertEquals(7, fails.code(), fails.all());
        assertTrue(fails.out().matches("(?s).*fail +replica " + replica.replace(".", "\\.")
                + " max_allowed_packet / slave_max_allowed_packet +2097152 / 2097152 .*"), fails.out());
        assertTrue(fails.out().contains("SET GLOBAL slave_max_allowed_packet = "), fails.out());
        assertTrue(fails.out().contains("[mysqld] slave_max_allowed_packet = "), fails.out());
        assertTrue(fails.out().matches("(?s).*ok +binlog_format +ROW .*"), fails.out());
        assertTrue(fails.out().contains("budget: statement budget "), fails.out());

        CliRun fits = check(replica, small);
        assertEquals(0, fits.code(), fits.all());
        assertTrue(fits.out().matches("(?s).*ok +replica " + replica.replace(".", "\\.") + " .*"), fits.out());
        assertTrue(fits.out().matches("(?s).*ok +replicas known to the server +server_id 2 " + replica.replace(".",
                "\\.") + " .*"), fits.out());

        CliRun unnamed = CliRun.of("check", "--no-defaults", "-h", "127.0.0.1", "-P",
                String.valueOf(pair.primary().port()), "-u", "root", small.toString());
        assertEquals(0, unnamed.code(), unnamed.all());
        assertTrue(unnamed.out().matches("(?s).*warn +replicas known to the server .*"), unnamed.out());

        // the replica itself, made read-only (our own server): a load there would fail
        try (Connection c = pair.replica().connect(null); Statement st = c.createStatement()) {
            st.execute("SET GLOBAL read_only = ON");
        }
        try {
            CliRun ro = CliRun.of("check", "--no-defaults", "-h", "127.0.0.1", "-P",
                    String.valueOf(pair.replica().port()), "-u", "root", small.toString());
            assertEquals(7, ro.code(), ro.all());
            assertTrue(ro.out().matches("(?s).*fail +read_only +ON .*"), ro.out());
            assertTrue(ro.out().matches("(?s).*ok +log_bin +OFF .*"), ro.out());
        } finally {
            try (Connection c = pair.replica().connect(null); Statement st = c.createStatement()) {
                st.execute("SET GLOBAL read_only = OFF");
            }
        }
    }

    @Test
    @Order(3)
    void rowsLoadedInChunksReplicateWhenTheReplicaTakesTheirEvents() throws Exception {
        setReplicaLimit(32 * MIB);
        try (TestDatabase db = TestDatabase.create(pair.primary())) {
            // 2 MiB + 3 MiB: over the primary's 4 MiB, so the 3 MiB value is appended; each append logs the whole row
            // twice (about 10 MiB), which the replica now takes
            Path dump = dump("b.sql", new int[] {1, 2, 3}, new int[] {2 * MIB, 2 * MIB, 10},
                    new int[] {3 * MIB, 3 * MIB, 10});
            Path report = dir.resolve("b.json");
            CliRun run = CliRun.of("load", "--no-defaults", "-h", "127.0.0.1", "-P",
                    String.valueOf(pair.primary().port()), "-u", "root", "-D", db.name(), "--replica",
                    "127.0.0.1:" + pair.replica().port(), "--no-progress", "--no-journal", "--report",
                    report.toString(), "--reject-file", dir.resolve("b-rejects.sql").toString(), dump.toString());
            assertEquals(0, run.code(), run.all());
            JsonNode json = new ObjectMapper().readTree(report.toFile());
            assertEquals(2, json.path("tables").get(0).path("rowsAppended").asLong(), json.toString());
            assertTrue(json.path("budget").path("replica").asText().startsWith("replica 127.0.0.1:"), json.toString());
            assertTrue(run.out().contains("binlog: 2 rows were loaded in chunks under binlog_format=ROW"), run.out());
            assertTrue(pair.awaitCaughtUp(), "the replica applied everything: " + pair.status());
            assertTrue(pair.status().healthy(), pair.status().toString());
            assertEquals(3, db.count("docs"));
            assertEquals(db.checksum("docs"), replicaChecksum(db.name()));
        }
    }

    @Test
    @Order(4)
    void withoutReplicaTheLoadWarnsAndTheIssueIsReproduced() throws Exception {
        setReplicaLimit(2 * MIB);
        try (TestDatabase db = TestDatabase.create(pair.primary())) {
            Path dump = dump("c.sql", new int[] {1}, new int[] {2 * MIB}, new int[] {3 * MIB});
            CliRun run = load(db, dump, dir.resolve("c-rejects.sql"), false);
            // what the issue measured: the load succeeds on the primary...
            assertEquals(0, run.code(), run.all());
            assertTrue(run.err().contains("no --replica was given"), run.err());
            // ...and the replica's IO thread stops on the row's event
            ReplicaPair.Status status = awaitIoThreadError();
            System.out.println("without --replica: " + status); // the issue's symptom, for the record
            assertFalse(status.healthy(), status.toString());
            assertTrue(status.ioError().contains("max_allowed_packet"), status.toString());
        }
    }

    /**
     * Waits until the IO thread reports its error (or 20 s). An event that the IO thread still takes can be one too big
     * for the SQL thread's limit, which then stops first (1594, "could not parse relay log event entry") while the IO
     * thread has not yet met the event it refuses: the replica is broken either way, but the issue's symptom, and what
     * this test looks at, is the IO thread's.
     */
    private ReplicaPair.Status awaitIoThreadError() throws SQLException, InterruptedException {
        ReplicaPair.Status s = pair.status();
        for (int i = 0; i < 100 && s.ioErrno() == 0; i++) {
            Thread.sleep(200);
            s = pair.status();
        }
        return s;
    }

    private void setReplicaLimit(int bytes) throws SQLException {
        try (Connection c = pair.replica().connect(null); Statement st = c.createStatement()) {
            st.execute("STOP SLAVE");
            st.execute("SET GLOBAL slave_max_allowed_packet = " + bytes);
            st.execute("SET GLOBAL max_allowed_packet = " + bytes);
            st.execute("START SLAVE");
        }
        assertTrue(pair.awaitCaughtUp());
    }

    private CliRun load(TestDatabase db, Path dump, Path rejects, boolean withReplica) {
        List<String> args = new ArrayList<>(List.of("load", "--no-defaults", "-h", "127.0.0.1", "-P",
                String.valueOf(pair.primary().port()), "-u", "root", "-D", db.name(), "--no-progress",
                "--no-journal", "--reject-file", rejects.toString()));
        if (withReplica) {
            args.add("--replica");
            args.add("127.0.0.1:" + pair.replica().port());
        }
        args.add(dump.toString());
        return CliRun.of(args.toArray(new String[0]));
    }

    private CliRun check(String replica, Path dump) {
        return CliRun.of("check", "--no-defaults", "-h", "127.0.0.1", "-P", String.valueOf(pair.primary().port()),
                "-u", "root", "--replica", replica, dump.toString());
    }

    private String replicaChecksum(String database) throws SQLException {
        try (Connection c = pair.replica().connect(null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("CHECKSUM TABLE `" + database + "`.`docs`")) {
            assertTrue(rs.next());
            String sum = rs.getString(2);
            assertNotNull(sum, "the table is on the replica");
            return sum;
        }
    }

    /** A mysqldump-like file: docs(id, note, body), one INSERT per row, values of letters (no escapes). */
    private Path dump(String name, int[] ids, int[] noteBytes, int[] bodyBytes) throws IOException {
        Path p = dir.resolve(name);
        try (var out = Files.newOutputStream(p)) {
            out.write(("CREATE TABLE docs (id INT PRIMARY KEY, note LONGBLOB, body LONGBLOB) ENGINE=InnoDB;\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < ids.length; i++) {
                out.write(("INSERT INTO `docs` VALUES (" + ids[i] + ",'").getBytes(StandardCharsets.US_ASCII));
                out.write(letters(noteBytes[i], ids[i]));
                out.write("','".getBytes(StandardCharsets.US_ASCII));
                out.write(letters(bodyBytes[i], ids[i] + 7));
                out.write("');\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        return p;
    }

    private static byte[] letters(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + (i * 31 + seed * 7 + i / 1000) % 26);
        }
        return b;
    }
}
