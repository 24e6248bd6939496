package dev.packload.loader.it;

import dev.packload.loader.testing.CliRun;

import dev.packload.loader.cli.ExitCode;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command as a user runs it: exit codes, one-line errors, the summary, and a password that never shows. */
class CliIT {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }


    private static String[] args(TestDatabase db, Path rejects, String... more) {
        List<String> a = new ArrayList<>(List.of("load", "-h", db.server().host(), "-P", String.valueOf(db.server().port()),
                "-u", db.server().user(), "-D", db.name(), "--no-progress", "--reject-file", rejects.toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    private Path gzip(String name, String sql) throws Exception {
        Path p = dir.resolve(name);
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(p))) {
            gz.write(sql.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void aCleanLoadExitsZeroAndPrintsTheSummaryWithTheBudget() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestServers.local())) {
            Path dump = gzip("ok.sql.gz", "CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(20));\n"
                    + "INSERT INTO t VALUES (1,'a'),(2,'b');\nINSERT INTO t VALUES (3,'c');\n");
            CliRun r = run(args(db, dir.resolve("rejects.sql"), dump.toString()));
            assertEquals(ExitCode.OK, r.code(), r.all());
            assertTrue(r.out().contains("statement budget"), r.out());
            assertTrue(r.out().contains("statements: sent once their rows reach 4.0 MiB (--statement-bytes"), r.out());
            assertTrue(r.out().matches("(?s).*\\bt\\s+3\\s+3\\s+0\\b.*"), r.out());
            assertEquals(3, db.count("t"));
            assertFalse(Files.exists(dir.resolve("rejects.sql")), "no reject file when nothing was rejected");
        }
    }

    @Test
    void theSummaryShowsEachTablesIndexBuildAndDeferIndexesOffBuildsNoneAfter() throws Exception {
        Path dump = gzip("idx.sql.gz", "CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(20), KEY k_s (s)) ENGINE=InnoDB;\n"
                + "INSERT INTO t VALUES (1,'a'),(2,'b'),(3,'c');\n");
        try (TestDatabase deferred = TestDatabase.create(TestServers.local());
                TestDatabase eager = TestDatabase.create(TestServers.local())) {
            // three rows would keep their index (--defer-indexes-from): 0 defers every table's
            CliRun r = run(args(deferred, dir.resolve("rejects.sql"), "--defer-indexes-from", "0", dump.toString()));
            assertEquals(ExitCode.OK, r.code(), r.all());
            assertTrue(r.out().matches("(?s).*\\bt\\s+3\\s+3\\s+0\\b.*\\s1 in \\d+\\.\\ds\\n.*"), r.out());
            assertEquals(1, deferred.scalar("SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '"
                    + deferred.name() + "' AND INDEX_NAME = 'k_s'"));
            CliRun off = run(args(eager, dir.resolve("rejects.sql"), "--defer-indexes", "off", dump.toString()));
            assertEquals(ExitCode.OK, off.code(), off.all());
            assertFalse(off.out().contains("indexes after"), off.out());
            CliRun bad = run(args(eager, dir.resolve("rejects.sql"), "--defer-indexes", "later", dump.toString()));
            assertEquals(ExitCode.USAGE, bad.code(), bad.all());
            assertTrue(bad.err().contains("--defer-indexes takes off, non-unique or all, not 'later'"), bad.all());
        }
    }

    @Test
    void rejectedRowsExitThreeAndGoToTheRejectFile() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestServers.local())) {
            Path dump = gzip("dup.sql.gz", "CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(3));\n"
                    + "INSERT INTO t VALUES (1,'a'),(1,'dup'),(2,'b');\n");
            Path rejects = dir.resolve("rejects.sql");
            CliRun r = run(args(db, rejects, dump.toString()));
            assertEquals(ExitCode.ROWS_REJECTED, r.code(), r.all());
            assertEquals(2, db.count("t"));
            String rej = Files.readString(rejects);
            assertTrue(rej.contains("ERROR 1062") && rej.contains("(1,'dup')") && rej.contains(":2 (byte"), rej);
        }
    }

    @Test
    void onErrorStopStopsAtTheFirstRejectKeepingCommittedWork() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestServers.local())) {
            Path dump = gzip("stop.sql.gz", "CREATE TABLE t (id INT PRIMARY KEY);\nINSERT INTO t VALUES (1),(2);\n"
                    + "CREATE TABLE u (id INT PRIMARY KEY);\nINSERT INTO u VALUES (1),(1);\n"
                    + "CREATE TABLE w (id INT PRIMARY KEY);\nINSERT INTO w VALUES (1);\n");
            CliRun r = run(args(db, dir.resolve("rejects.sql"), "--on-error", "stop", "--threads", "1", dump.toString()));
            assertEquals(ExitCode.ROWS_REJECTED, r.code(), r.all());
            assertTrue(r.err().contains("row rejected"), r.err());
            assertEquals(2, db.count("t"));
            assertEquals(1, db.count("u"));
            assertFalse(db.tableExists("w"), "nothing after the stop runs");
        }
    }

    @Test
    void badInputExitsFourWithFileLineAndOffset() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestServers.local())) {
            Path dump = dir.resolve("broken.sql");
            Files.writeString(dump, "CREATE TABLE t (id INT, s TEXT);\nINSERT INTO t VALUES (1,'ok');\n"
                    + "INSERT INTO t VALUES (2,'never closed);\n");
            CliRun r = run(args(db, dir.resolve("rejects.sql"), dump.toString()));
            assertEquals(ExitCode.BAD_INPUT, r.code(), r.all());
            assertTrue(r.err().contains("broken.sql:3"), r.err());
            assertFalse(r.err().contains("\tat "), "one line, no stack trace: " + r.err());
        }
    }

    @Test
    void aStatementTheServerRefusesExitsFour() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestServers.local())) {
            Path dump = dir.resolve("refused.sql");
            Files.writeString(dump, "CREATE TABLE t (id INT);\nCREATE TABLEX oops;\n");
            CliRun r = run(args(db, dir.resolve("rejects.sql"), dump.toString()));
            assertEquals(ExitCode.BAD_INPUT, r.code(), r.all());
            assertTrue(r.err().contains("refused.sql:2") && r.err().contains("ERROR 1064"), r.err());
        }
    }

    @Test
    void unreachableServerExitsFiveAndThePasswordNeverShows() throws Exception {
        Path dump = dir.resolve("x.sql");
        Files.writeString(dump, "SELECT 1;\n");
        CliRun r = run("load", "-h", "127.0.0.1", "-P", "1", "-u", "root", "--password=s3cret-Pw", "--no-progress",
                dump.toString());
        assertEquals(ExitCode.SERVER_FAILURE, r.code(), r.all());
        assertFalse(r.all().contains("s3cret-Pw"), r.all());
        CliRun wrong = run("load", "-h", TestServers.local().host(), "-P", String.valueOf(TestServers.local().port()),
                "-u", "root", "--password=s3cret-Pw", "--no-progress", dump.toString());
        assertEquals(ExitCode.SERVER_FAILURE, wrong.code(), wrong.all());
        assertTrue(wrong.err().contains("Access denied"), wrong.err());
        assertFalse(wrong.all().contains("s3cret-Pw"), wrong.all());
    }

    @Test
    void aMissingInputFileIsBadInput() {
        CliRun r = run("load", "-h", "127.0.0.1", "--no-progress", dir.resolve("nope.sql").toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.all());
        assertTrue(r.err().contains("nope.sql"), r.err());
    }

    @Test
    void inspectMeasuresADumpAndJudgesATarget() throws Exception {
        Path examples = Path.of("..", "examples", "big-rows.sql.gz");
        CliRun offline = run("inspect", examples.toString());
        assertEquals(ExitCode.OK, offline.code(), offline.all());
        assertTrue(offline.out().contains("largest value 9,437,248 bytes"), offline.out());
        assertTrue(offline.out().contains("documents") && offline.out().contains("50"), offline.out());

        var small = TestServers.embedded("--max-allowed-packet=1M");
        CliRun judged = run("inspect", "-h", small.host(), "-P", String.valueOf(small.port()), "-u", small.user(),
                examples.toString());
        assertEquals(ExitCode.OK, judged.code(), judged.all());
        assertTrue(judged.out().contains("`mysql < dump` would fail on this server"), judged.out());
        assertTrue(judged.out().contains("NOT ENOUGH") && judged.out().contains("SET GLOBAL max_allowed_packet = 10485760"),
                judged.out());

        var local = TestServers.local();
        CliRun fine = run("inspect", "-h", local.host(), "-P", String.valueOf(local.port()), "-u", local.user(),
                Path.of("..", "examples", "shop.sql.gz").toString());
        assertTrue(fine.out().contains("- enough: every value fits"), fine.out());
        assertFalse(fine.out().contains("would fail"), fine.out());
    }

    @Test
    void inspectShowsTheInferredSchemaOfACsvFile() throws Exception {
        Path csv = dir.resolve("sales.csv");
        Files.writeString(csv, "id,day,total\n1,2024-01-01,10.5\n2,2024-01-02,\n");
        CliRun r = run("inspect", csv.toString());
        assertEquals(ExitCode.OK, r.code(), r.all());
        assertTrue(r.out().contains("2 records, 3 columns"), r.out());
        assertTrue(r.out().contains("CREATE TABLE `sales`") && r.out().contains("`day` DATE NOT NULL"), r.out());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(ExitCode.USAGE, run("load", "--threads", "0", "x.sql").code());
        assertEquals(ExitCode.USAGE, run("load", "--on-duplicate", "merge", "x.sql").code());
        assertEquals(ExitCode.USAGE, run("load", "--commit-bytes", "lots", "x.sql").code());
    }
}
