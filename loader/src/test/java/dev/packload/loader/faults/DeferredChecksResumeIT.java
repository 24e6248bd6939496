package dev.packload.loader.faults;

import dev.packload.loader.cli.ExitCode;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A load killed after its child rows went in with the checks deferred, and before the check after the load: the
 * same command again skips those rows (they were committed) and still checks them, because the journal holds the
 * table ({@code packload_fk_checks}); the orphan ends in the reject file and out of the table.
 */
class DeferredChecksResumeIT {
    @TempDir
    Path dir;

    @Test
    void aKilledLoadResumedStillChecksTheRowsItSkips() throws Exception {
        StringBuilder sql = new StringBuilder("CREATE TABLE parent (id INT PRIMARY KEY) ENGINE=InnoDB;\n"
                + "CREATE TABLE child (id INT PRIMARY KEY, pid INT, CONSTRAINT fk_parent FOREIGN KEY (pid)"
                + " REFERENCES parent (id)) ENGINE=InnoDB;\nINSERT INTO parent VALUES (1),(2),(3);\n"
                + "INSERT INTO child VALUES (1,1),(2,2),(3,3),(4,404),(5,NULL);\n"
                // time to kill the load in, with the child's rows committed and not yet checked
                + "SELECT SLEEP(4) AS waited;\n"
                + "CREATE TABLE later (id INT PRIMARY KEY) ENGINE=InnoDB;\nINSERT INTO later VALUES (1);\n");
        Path input = dir.resolve("resume.sql");
        Files.writeString(input, sql, StandardCharsets.UTF_8);
        Path rejects = dir.resolve("rejects.sql");
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "fk_resume");
                JournalSchema journal = JournalSchema.fresh(TestServers.local())) {
            List<String> args = Trial.loadArgs(db, journal.schema(), rejects, input, List.of());
            Trial.Running first = Trial.launch(args);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!(recorded(db, journal.schema()) && childRows(db) == 5) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(first.alive(), "the load is still in its SLEEP when it is killed");
            first.process().destroyForcibly(); // SIGKILL: no check after the load
            first.process().waitFor();
            assertEquals(5, childRows(db), "killed before the check: the orphan is still there");

            Trial.Finished again = Trial.run(args);
            assertEquals(ExitCode.ROWS_REJECTED, again.code(), again.output());
            assertTrue(again.output().contains("resuming job"), again.output());
            assertEquals(4, childRows(db), "the resumed run checked the rows it skipped");
            String rejected = Files.readString(rejects, StandardCharsets.UTF_8);
            assertTrue(rejected.contains("CONSTRAINT `fk_parent` FOREIGN KEY (`pid`)")
                    && rejected.contains("VALUES ('4','404');"), rejected);
            assertEquals(1, db.count("later"));
        }
    }

    private static long childRows(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                        + db.name() + "' AND TABLE_NAME = 'child'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return -1;
            }
        }
        return db.count("child");
    }

    private static boolean recorded(TestDatabase db, String schema) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                        + schema + "' AND TABLE_NAME = 'packload_fk_checks'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return false;
            }
        }
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM `" + schema + "`.packload_fk_checks WHERE "
                        + "table_name = 'child' AND verified = 0")) {
            rs.next();
            return rs.getLong(1) == 1;
        }
    }
}
