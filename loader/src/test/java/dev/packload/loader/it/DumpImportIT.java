package dev.packload.loader.it;

import dev.packload.loader.LoadConfig;
import dev.packload.loader.LoadJob;
import dev.packload.loader.pipeline.WriterOptions;
import dev.packload.loader.pipeline.RunState;
import dev.packload.loader.feed.DumpFilter;
import dev.packload.loader.testing.Server;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dump import as users meet it: the dumps mariadb rejects for size, mydumper output, filters, and bad input. */
class DumpImportIT {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path dir;

    @Test
    void aDumpWhoseStatementsExceedTheLimitFailsInTheMariadbClientAndLoadsWithPackload() throws Exception {
        Server local = TestServers.local();
        Path dump = EXAMPLES.resolve("big-rows.sql.gz");
        Path plain = dir.resolve("big-rows.sql");
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(dump))) {
            Files.copy(in, plain);
        }
        try (TestDatabase viaClient = TestDatabase.create(local); TestDatabase viaPackload = TestDatabase.create(local)) {
            Loads.Exec client = Loads.exec(plain, Loads.mariadb(local, viaClient.name()));
            assertNotEquals(0, client.code());
            assertTrue(client.output().contains("ERROR 1153") || client.output().contains("ERROR 2006"), client.output());

            LoadJob.Result r = Loads.load(local, viaPackload.name(), dir.resolve("rejects.sql"), DumpFilter.ALL, dump);
            assertNull(r.failure(), () -> r.failure().message());
            assertEquals(50, viaPackload.count("documents"));
            assertEquals(3, r.stats().tables().get(0).appendedRows(), "the three 9 MiB rows went in by appends");
            // the values are what the source held: recompute them on the server
            assertEquals(0, viaPackload.scalar("SELECT COUNT(*) FROM documents d WHERE d.id <= 3 AND d.body <> CONCAT("
                    + "REPEAT(UNHEX(SHA2(d.id, 256)), 9 * 1024 * 1024 DIV 32), UNHEX(SHA2(d.id * 31, 512)))"));
            assertEquals(0, viaPackload.scalar("SELECT COUNT(*) FROM documents d WHERE d.id > 3 AND d.body <> UNHEX(SHA2(d.id, 256))"));
        }
    }

    @Test
    void mydumperOutputLoadsIntoAnotherDatabaseLikeMyloader() throws Exception {
        Assumptions.assumeTrue(Loads.exec(null, "sh", "-c", "command -v mydumper").code() == 0,
                "mydumper is not installed (apt-get install mydumper)");
        Server local = TestServers.local();
        try (TestDatabase src = TestDatabase.create(local); TestDatabase dst = TestDatabase.create(local)) {
            src.execute("CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(40), b BLOB) DEFAULT CHARSET=utf8mb4");
            src.execute("INSERT INTO t SELECT seq, CONCAT('row ', seq, ' \\\\ '' \"', '漢'), UNHEX(SHA2(seq, 256)) FROM seq_1_to_30000");
            src.execute("CREATE TABLE u (a INT)");
            src.execute("INSERT INTO u VALUES (1),(2),(NULL)");
            src.execute("CREATE VIEW v AS SELECT id FROM t WHERE id < 10");
            Path out = dir.resolve("mydumper");
            Loads.Exec dump = Loads.exec(null, "mydumper", "-h", local.host(), "-P", String.valueOf(local.port()),
                    "-u", local.user(), "-B", src.name(), "-o", out.toString(), "-r", "7000", "-c",
                    "--trx-consistency-only");
            assertEquals(0, dump.code(), dump.output());
            assertTrue(Files.list(out).filter(f -> f.getFileName().toString().matches(".*\\.t\\.\\d+\\.sql\\.gz")).count() > 1,
                    "several compressed data chunks");

            LoadJob.Result r = Loads.load(local, null, dir.resolve("rejects.sql"),
                    new DumpFilter(List.of(), List.of(), false, false, dst.name()), out);
            assertNull(r.failure(), () -> r.failure().message());
            assertEquals(src.checksum("t"), dst.checksum("t"));
            assertEquals(src.checksum("u"), dst.checksum("u"));
            assertEquals(9, dst.count("v"));
        }
    }

    @Test
    void tableFiltersAndSchemaOrDataOnly() throws Exception {
        Server local = TestServers.local();
        String sql = "CREATE TABLE a (id INT PRIMARY KEY);\nINSERT INTO a VALUES (1),(2);\n"
                + "CREATE TABLE b (id INT PRIMARY KEY);\nINSERT INTO b VALUES (1);\n"
                + "CREATE TABLE c_log (id INT);\nINSERT INTO c_log VALUES (1);\n"
                + "CREATE TRIGGER b_t BEFORE INSERT ON b FOR EACH ROW SET NEW.id = NEW.id;\n";
        Path dump = dir.resolve("d.sql");
        Files.writeString(dump, sql);
        try (TestDatabase db = TestDatabase.create(local)) {
            LoadJob.Result r = Loads.load(local, db.name(), dir.resolve("r.sql"),
                    new DumpFilter(List.of("a", "b"), List.of("b"), false, false, null), dump);
            assertNull(r.failure());
            assertTrue(db.tableExists("a"));
            assertFalse(db.tableExists("b"), "excluded");
            assertFalse(db.tableExists("c_log"), "not listed");
            assertEquals(0, db.scalar("SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + db.name() + "'"),
                    "the trigger of an excluded table is left out too");
        }
        try (TestDatabase db = TestDatabase.create(local)) {
            LoadJob.Result r = Loads.load(local, db.name(), dir.resolve("r.sql"),
                    new DumpFilter(List.of(), List.of(), true, false, null), dump);
            assertNull(r.failure());
            assertEquals(0, db.count("a"));
            assertEquals(0, db.count("b"));
            assertEquals(0, r.stats().rowsRead());
            LoadJob.Result data = Loads.load(local, db.name(), dir.resolve("r.sql"),
                    new DumpFilter(List.of(), List.of(), false, true, null), dump);
            assertNull(data.failure(), () -> data.failure().message());
            assertEquals(2, db.count("a"), "data-only fills the existing tables, without re-creating them");
            assertEquals(1, db.count("c_log"));
        }
    }

    @Test
    void theDumpsUseAndCreateDatabaseAreRedirected() throws Exception {
        Server local = TestServers.local();
        Path dump = dir.resolve("dbs.sql");
        Files.writeString(dump, "CREATE DATABASE /*!32312 IF NOT EXISTS*/ `pl_never_created` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;\n"
                + "USE `pl_never_created`;\nCREATE TABLE t (id INT);\nINSERT INTO `pl_never_created`.`t` VALUES (1),(2);\n");
        try (TestDatabase db = TestDatabase.create(local)) {
            LoadJob.Result r = Loads.load(local, null, dir.resolve("r.sql"),
                    new DumpFilter(List.of(), List.of(), false, false, db.name()), dump);
            assertNull(r.failure(), () -> r.failure().message());
            assertEquals(2, db.count("t"));
            assertEquals(0, db.scalar("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'pl_never_created'"));
        }
    }

    /**
     * Regression: the header every mariadb-dump writes ({@code SET UNIQUE_CHECKS=0, FOREIGN_KEY_CHECKS=0}) turned the
     * first INSERT into an empty table into a table-locking bulk insert on MariaDB 10.6+, and two writers on one table
     * waited for each other until ERROR 1205 (lock wait timeout, 50 s).
     */
    @Test
    void twoWritersFillOneEmptyTableUnderTheDumpHeadersUniqueChecksOff() throws Exception {
        Server local = TestServers.local();
        StringBuilder sb = new StringBuilder("/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;\n"
                + "/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;\n"
                + "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(100), UNIQUE KEY (v));\n");
        for (int i = 0; i < 30; i++) {
            sb.append("INSERT INTO `t` VALUES ");
            for (int j = 0; j < 1000; j++) {
                int id = i * 1000 + j;
                sb.append(j == 0 ? "" : ",").append('(').append(id).append(",'value number ").append(id)
                        .append(" with some padding text to make the rows wider'").append(')');
            }
            sb.append(";\n");
        }
        Path dump = dir.resolve("headers.sql");
        Files.writeString(dump, sb.toString());
        try (TestDatabase db = TestDatabase.create(local)) {
            // small statements and commits, so that the two writers commit often into the same table: any lock
            // wait between them would show in the time
            LoadConfig config = LoadConfig.builder().inputs(dump).threads(2)
                    .writer(WriterOptions.builder().commitBytes(1 << 20).build()).maxStatementBytes(64 * 1024)
                    .rejectFile(dir.resolve("r.sql")).build();
            long t0 = System.nanoTime();
            LoadJob.Result r = LoadJob.run(config, LoadJob.sessions(Loads.target(local, db.name())),
                    new dev.packload.loader.report.LoadStats(), dev.packload.loader.pipeline.BatchLog.NONE, in -> { });
            assertNull(r.failure(), () -> r.failure().message());
            assertEquals(30_000, db.count("t"));
            assertTrue((System.nanoTime() - t0) / 1e9 < 40, "no lock wait between the writers");
        }
    }

    @Test
    void defaultCharacterSetDecidesHowADumpWithoutSetNamesIsRead() throws Exception {
        Server local = TestServers.local();
        Path dump = dir.resolve("latin1.sql");
        byte[] head = "CREATE TABLE t (s VARCHAR(10) CHARACTER SET utf8mb4);\nINSERT INTO t VALUES ('caf".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "');\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = (byte) 0xE9; // é in latin1
        System.arraycopy(tail, 0, all, head.length + 1, tail.length);
        Files.write(dump, all);
        try (TestDatabase db = TestDatabase.create(local)) {
            LoadConfig config = LoadConfig.builder().inputs(dump).threads(1).defaultCharacterSet("latin1")
                    .rejectFile(dir.resolve("r.sql")).build();
            LoadJob.Result r = LoadJob.run(config, LoadJob.sessions(Loads.target(local, db.name())),
                    new dev.packload.loader.report.LoadStats(), dev.packload.loader.pipeline.BatchLog.NONE, in -> { });
            assertNull(r.failure(), () -> r.failure().message());
            assertEquals(1, db.scalar("SELECT COUNT(*) FROM t WHERE HEX(s) = '636166C3A9'"), "latin1 é stored as UTF-8 é");
        }
    }

    /** Loads a bad input; returns the failure, and checks the good rows before it were committed. */
    private RunState.Failure loadBad(byte[] content, String name, int goodRows) throws Exception {
        Path dump = dir.resolve(name);
        Files.write(dump, content);
        try (TestDatabase db = TestDatabase.create(TestServers.local())) {
            LoadJob.Result r = Loads.load(TestServers.local(), db.name(), dir.resolve("r.sql"), DumpFilter.ALL, dump);
            assertNotNull(r.failure(), "bad input must fail the run");
            assertEquals(RunState.Outcome.BAD_INPUT, r.failure().outcome(), r.failure().message());
            assertTrue(r.failure().message().contains(name), r.failure().message());
            if (goodRows >= 0) {
                assertEquals(goodRows, db.count("t"), "every complete row before the bad spot is committed");
                assertEquals(goodRows, r.stats().rowsLoaded(), "and counted in the summary");
            }
            return r.failure();
        }
    }

    private static final String GOOD = "CREATE TABLE t (id INT, s TEXT);\nINSERT INTO t VALUES (1,'a'),(2,'b');\n";

    @Test
    void truncatedFileAndUnterminatedStringOrComment() throws Exception {
        // (3,'c') is a complete row read before the cut: it is loaded, not silently dropped with the broken statement
        RunState.Failure f = loadBad((GOOD + "INSERT INTO t VALUES (3,'c'),(4,'d").getBytes(StandardCharsets.UTF_8),
                "truncated.sql", 3);
        assertTrue(f.message().contains(":3"), f.message());
        f = loadBad((GOOD + "/* a comment that never ends\n").getBytes(StandardCharsets.UTF_8), "comment.sql", 2);
        assertTrue(f.message().contains("comment"), f.message());
    }

    @Test
    void garbageBytesAndCorruptGzip() throws Exception {
        byte[] garbage = (GOOD + "INSERT INTO t VALUES (3,'c') \u0001\u0002 garbage (4,'d');\n").getBytes(StandardCharsets.UTF_8);
        // the scanner checks what follows an INSERT's first tuple before it emits any: nothing of this statement loads
        RunState.Failure f = loadBad(garbage, "garbage.sql", 2);
        assertTrue(f.message().contains("byte"), "names the byte offset: " + f.message());

        Path gz = dir.resolve("ok.sql.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            for (int i = 0; i < 2000; i++) {
                o.write(("INSERT INTO t VALUES (" + i + ",'" + "x".repeat(i % 50) + "');\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = Files.readAllBytes(gz);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 40; i++) {
            bytes[i] ^= 0x5a;
        }
        byte[] withTable = new byte[bytes.length];
        System.arraycopy(bytes, 0, withTable, 0, bytes.length);
        f = loadBad(withTable, "corrupt.sql.gz", -1);
        assertTrue(f.message().contains("corrupt gzip"), f.message());
    }

    /**
     * Large INSERTs go under SET NAMES binary only where the stored bytes can't differ: a table whose text columns are
     * in the dump's utf8mb4 does, one with a latin1 column (which the server converts into) does not. Both tables end
     * up as the mariadb client loads them.
     */
    @Test
    void binaryNamesOnlyWhereTheyStoreTheSameBytes() throws Exception {
        Server local = TestServers.local();
        java.io.ByteArrayOutputStream d = new java.io.ByteArrayOutputStream();
        java.util.function.Consumer<String> w = t -> d.writeBytes(t.getBytes(StandardCharsets.UTF_8));
        w.accept("/*!40101 SET NAMES utf8mb4 */;\n");
        w.accept("CREATE TABLE same_cs (id INT PRIMARY KEY, t VARCHAR(50) CHARACTER SET utf8mb4, b LONGBLOB);\n");
        w.accept("CREATE TABLE latin (id INT PRIMARY KEY, t VARCHAR(50) CHARACTER SET latin1, b LONGBLOB);\n");
        byte[] blob = new byte[300_000];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) (i * 7 + i / 256);
        }
        for (String table : List.of("same_cs", "latin")) {
            w.accept("INSERT INTO " + table + " VALUES ");
            for (int id = 1; id <= 3; id++) {
                w.accept((id > 1 ? "," : "") + "(" + id + ",'Zoë à Noël',_binary '");
                for (byte x : blob) {
                    switch (x) {
                        case 0 -> w.accept("\\0");
                        case '\'' -> w.accept("\\'");
                        case '\\' -> w.accept("\\\\");
                        case '\n' -> w.accept("\\n");
                        case '\r' -> w.accept("\\r");
                        case 26 -> w.accept("\\Z");
                        default -> d.write(x);
                    }
                }
                w.accept("')");
            }
            w.accept(";\n");
        }
        Path dump = dir.resolve("names.sql");
        Files.write(dump, d.toByteArray());
        try (TestDatabase viaClient = TestDatabase.create(local); TestDatabase viaPackload = TestDatabase.create(local)) {
            Loads.Exec client = Loads.exec(dump, Loads.mariadb(local, viaClient.name()));
            assertEquals(0, client.code(), client.output());
            LoadJob.Result r = Loads.load(local, viaPackload.name(), dir.resolve("rejects.sql"), DumpFilter.ALL, dump);
            assertNull(r.failure(), () -> r.failure().message());
            assertEquals(viaClient.checksum("same_cs"), viaPackload.checksum("same_cs"));
            assertEquals(viaClient.checksum("latin"), viaPackload.checksum("latin"));
            assertEquals(3, viaPackload.scalar("SELECT COUNT(*) FROM latin WHERE t = 'Zoë à Noël' AND LENGTH(t) = 10"),
                    "latin1 text converted, not stored as UTF-8 bytes");
            assertTrue(r.stats().binaryNamesStatements() > 0, "the utf8mb4 table's INSERT went under binary names");
        }
    }
}
