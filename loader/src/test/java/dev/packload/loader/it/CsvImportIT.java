package dev.packload.loader.it;

import dev.packload.loader.LoadConfig;
import dev.packload.loader.LoadJob;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.WriterOptions;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.feed.CsvOptions;
import dev.packload.loader.feed.DumpFilter;
import dev.packload.loader.testing.Server;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import dev.packload.loader.write.OnDuplicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delimited text through the same writers as dumps: the CSV edge cases give the same table as LOAD DATA LOCAL INFILE
 * of the same file, a mysqldump --tab directory round-trips every column type, and bad records are rejected with
 * their reason and original text while the rest loads.
 */
class CsvImportIT {
    @TempDir
    Path dir;

    private LoadJob.Result load(Server s, String db, CsvOptions csv, String format, Path... inputs) throws SQLException {
        return load(s, db, 2, WriterOptions.defaults(), csv, format, inputs);
    }

    private LoadJob.Result load(Server s, String db, int threads, WriterOptions writer, CsvOptions csv, String format,
                                Path... inputs) throws SQLException {
        LoadConfig config = LoadConfig.builder().inputs(inputs).threads(threads).writer(writer)
                .rejectFile(dir.resolve("rejects.sql")).filter(new DumpFilter(List.of(), List.of(), false, false, db))
                .csv(csv).format(format).build();
        return LoadJob.run(config, LoadJob.sessions(Loads.target(s, db)), new LoadStats(), BatchLog.NONE, in -> { });
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static CsvOptions csv() {
        return CsvOptions.defaults();
    }

    /** Loads the file with packload into {@code a} and with LOAD DATA LOCAL INFILE into {@code b}; compares. */
    private void sameAsLoadData(String name, byte[] content, String loadDataClause) throws Exception {
        Server local = TestServers.local();
        Path file = dir.resolve(name);
        Files.write(file, content);
        String ddl = "CREATE TABLE t (id INT, a VARCHAR(100), b VARCHAR(100)) DEFAULT CHARSET=utf8mb4";
        try (TestDatabase a = TestDatabase.create(local); TestDatabase b = TestDatabase.create(local)) {
            a.execute(ddl);
            b.execute(ddl);
            LoadJob.Result r = load(local, a.name(), CsvOptions.builder().table("t")
                    .binaryEncoding(CsvOptions.BinaryEncoding.HEX).build(), null, file);
            assertNull(r.failure(), () -> r.failure().message());
            assertEquals(0, r.rejects().count(), name);
            Loads.Exec ld = Loads.exec(null, Loads.mariadb(local, b.name(), "--local-infile=1", "-e",
                    "LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE t CHARACTER SET utf8mb4 " + loadDataClause));
            assertEquals(0, ld.code(), ld.output());
            assertEquals(b.count("t"), a.count("t"), name + ": row count");
            assertEquals(b.checksum("t"), a.checksum("t"), name + ": same contents as LOAD DATA");
        }
    }

    private static final String CSV_CLAUSE = "FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' IGNORE 1 LINES";

    @Test
    void quotedNewlinesEmbeddedQuotesAndUtf8MatchLoadData() throws Exception {
        sameAsLoadData("edge.csv", ("id,a,b\n1,\"line one\nline two\",\"say \"\"hi\"\"\"\n2,plain,Zoë 漢 😀\n"
                + "3,\"comma, inside\",\"\"\n").getBytes(StandardCharsets.UTF_8), CSV_CLAUSE);
    }

    @Test
    void trailingBlankLinesAreNotRows() throws Exception {
        Server local = TestServers.local();
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "id,a,b\n1,x,y\n\n\n");
        try (TestDatabase db = TestDatabase.create(local)) {
            db.execute("CREATE TABLE t (id INT, a VARCHAR(10), b VARCHAR(10))");
            LoadJob.Result r = load(local, db.name(), csv(), null, file);
            assertNull(r.failure(), () -> r.failure().message());
            assertEquals(0, r.rejects().count());
            assertEquals(1, db.count("t"));
            assertTrue(r.stats().notices().stream().anyMatch(n -> n.contains("2 blank line(s) skipped")),
                    r.stats().notices().toString());
        }
    }

    @Test
    void crlfLinesMatchLoadData() throws Exception {
        sameAsLoadData("crlf.csv", "id,a,b\r\n1,x,y\r\n2,\"q\r\nr\",z\r\n".getBytes(StandardCharsets.UTF_8),
                CSV_CLAUSE.replace("IGNORE", "LINES TERMINATED BY '\\r\\n' IGNORE"));
    }

    @Test
    void emptyFileAndHeaderOnlyLoadNothing() throws Exception {
        sameAsLoadData("empty.csv", new byte[0], CSV_CLAUSE);
        sameAsLoadData("header.csv", "id,a,b\n".getBytes(StandardCharsets.UTF_8), CSV_CLAUSE);
    }

    @Test
    void aBomIsStripped() throws Exception {
        Server local = TestServers.local();
        Path file = dir.resolve("t.csv");
        Files.write(file, ("\uFEFFid,a,b\n1,x,y\n").getBytes(StandardCharsets.UTF_8));
        try (TestDatabase db = TestDatabase.create(local)) {
            db.execute("CREATE TABLE t (id INT, a VARCHAR(10), b VARCHAR(10))");
            LoadJob.Result r = load(local, db.name(), csv(), null, file);
            assertNull(r.failure(), () -> r.failure().message());
            assertEquals(1, db.scalar("SELECT COUNT(*) FROM t WHERE id = 1 AND a = 'x'"), "the header's first name is id");
        }
    }

    @Test
    void aMysqldumpTabDirectoryRoundTripsEveryColumnType() throws Exception {
        // the shared server has secure_file_priv disabled (NULL), so SELECT ... INTO OUTFILE runs on an embedded one
        Path tab = Files.createTempDirectory("packload-tab");
        Server local = TestServers.embedded("--secure-file-priv=" + tab.getParent());
        try (TestDatabase src = TestDatabase.create(local); TestDatabase dst = TestDatabase.create(local)) {
            src.execute("CREATE TABLE every (id INT PRIMARY KEY, ti TINYINT, bi BIGINT UNSIGNED, de DECIMAL(20,6), "
                    + "fl DOUBLE, bt BIT(10), d DATE, dt DATETIME(6), ts TIMESTAMP NULL, tm TIME, y YEAR, "
                    + "c CHAR(5), vc VARCHAR(200), tx TEXT, vb VARBINARY(300), bl BLOB, en ENUM('a','b'), se SET('x','y'), "
                    + "js JSON) DEFAULT CHARSET=utf8mb4");
            src.execute("INSERT INTO every VALUES (1, -128, 18446744073709551615, -12345678901234.123456, 1.5e-300, b'1010101010', "
                    + "'1000-01-01', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07', '-838:59:59', 2155, 'abc', "
                    + "'tab\\there\\nnewline\\\\back', 'Zoë 漢 😀 \"q\" ''s''', UNHEX('00FF0A0D095C4E'), UNHEX(REPEAT('00FF', 50)), 'b', "
                    + "'x,y', '{\"k\": [1, 2]}')");
            src.execute("INSERT INTO every (id) VALUES (2)");
            src.execute("INSERT INTO every (id, vc, vb, tx) VALUES (3, '', '', '\\\\N')");
            Loads.Exec dump = Loads.exec(null, "mariadb-dump", "-h" + local.host(), "-P" + local.port(), "-u" + local.user(),
                    "--tab=" + tab, src.name());
            assertEquals(0, dump.code(), dump.output());
            assertTrue(Files.exists(tab.resolve("every.txt")) && Files.exists(tab.resolve("every.sql")));

            LoadJob.Result r = load(local, dst.name(), CsvOptions.builder()
                    .binaryEncoding(CsvOptions.BinaryEncoding.RAW).build(), null, tab);
            assertNull(r.failure(), () -> r.failure().message());
            assertEquals(0, r.rejects().count(), () -> read(dir.resolve("rejects.sql")));
            assertEquals(3, dst.count("every"));
            assertEquals(src.checksum("every"), dst.checksum("every"));
        }
    }

    @Test
    void badRecordsAreRejectedWithReasonAndTextAndTheSummaryReconciles() throws Exception {
        Server local = TestServers.local();
        Path file = dir.resolve("orders.csv");
        byte[] good = "id,qty,note\n1,5,ok\n2,x,bad number\n3,7\n4,1,\"unterminated\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, good);
        try (TestDatabase db = TestDatabase.create(local)) {
            db.execute("CREATE TABLE orders (id INT PRIMARY KEY, qty TINYINT, note VARCHAR(20))");
            LoadJob.Result r = load(local, db.name(), csv(), null, file);
            assertEquals(1, db.count("orders"));
            String rejects = Files.readString(dir.resolve("rejects.sql"));
            assertTrue(rejects.contains("orders.csv:3") && rejects.contains("not a number") && rejects.contains("-- record: 2,x,bad number"),
                    rejects);
            assertTrue(rejects.contains("orders.csv:4") && rejects.contains("2 fields"), rejects);
            assertTrue(r.failure() != null && r.failure().message().contains("orders.csv:5"),
                    "an unterminated quote at the end is bad input, with its line: " + r.failure());
            assertEquals(r.stats().rowsRead(), r.stats().rowsLoaded() + r.stats().rowsRejected(), "read = loaded + rejected");
        }
    }

    @Test
    void invalidUtf8RejectsTheRowAndServerRefusalsAreRejectedToo() throws Exception {
        Server local = TestServers.local();
        Path file = dir.resolve("items.csv");
        byte[] head = "id,name\n1,fine\n2,bad".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\n3,toolongvalue\n4,ok\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = (byte) 0xC3; // a lone lead byte: invalid UTF-8
        System.arraycopy(tail, 0, all, head.length + 1, tail.length);
        Files.write(file, all);
        try (TestDatabase db = TestDatabase.create(local)) {
            db.execute("SET SESSION sql_mode = 'STRICT_ALL_TABLES'");
            db.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(5))");
            LoadJob.Result r = load(local, db.name(), csv(), null, file);
            assertNull(r.failure(), () -> r.failure().message());
            assertEquals(2, db.count("items"));
            assertEquals(2, r.stats().rowsRejected());
            String rejects = Files.readString(dir.resolve("rejects.sql"), StandardCharsets.ISO_8859_1);
            assertTrue(rejects.contains("invalid") && rejects.contains("items.csv:3"), rejects);
            assertTrue(rejects.contains("ERROR 1406"), "data too long, from the server in strict mode: " + rejects);
            assertEquals(r.stats().rowsRead(), r.stats().rowsLoaded() + r.stats().rowsRejected());
        }
    }

    @Test
    void loadDataMethodGivesTheSameTableAsInserts() throws Exception {
        Server local = TestServers.local();
        Path file = dir.resolve("m.csv");
        Files.write(file, ("\uFEFFb,id,a\r\n\"x, \"\"q\"\"\",1,Zoë\r\n\"multi\r\nline\",2,\r\n").getBytes(StandardCharsets.UTF_8));
        String ddl = "CREATE TABLE t (id INT, a VARCHAR(100), b VARCHAR(100)) DEFAULT CHARSET=utf8mb4";
        try (TestDatabase viaInsert = TestDatabase.create(local); TestDatabase viaLoadData = TestDatabase.create(local)) {
            viaInsert.execute(ddl);
            viaLoadData.execute(ddl);
            LoadJob.Result a = load(local, viaInsert.name(), CsvOptions.builder().table("t").build(), null, file);
            LoadJob.Result b = load(local, viaLoadData.name(), CsvOptions.builder().table("t").method("load-data").build(),
                    null, file);
            assertNull(a.failure(), () -> a.failure().message());
            assertNull(b.failure(), () -> b.failure().message());
            assertTrue(b.stats().notices().isEmpty(), "no fallback: " + b.stats().notices());
            assertEquals(2, b.stats().rowsLoaded());
            assertEquals(viaInsert.checksum("t"), viaLoadData.checksum("t"));
        }
    }

    /**
     * A file in an encoding packload does not cut (windows-1252) goes as one LOAD DATA stream in one transaction:
     * loaded when the server took it as it was, rolled back whole when it clipped a value (LOCAL makes that a warning).
     */
    @Test
    void oneStreamLoadDataIsRolledBackWhenTheServerWouldChangeARow() throws Exception {
        Server local = TestServers.local();
        java.nio.charset.Charset cp1252 = java.nio.charset.Charset.forName("windows-1252");
        CsvOptions opts = CsvOptions.builder().encoding(cp1252).table("w").method("load-data").build();
        Path clean = dir.resolve("clean.csv");
        Files.write(clean, "id,a\n1,caf\u00e9\n2,ok\n".getBytes(cp1252));
        Path clipped = dir.resolve("clipped.csv");
        Files.write(clipped, "id,a\n1,ok\n2,much too long\n".getBytes(cp1252));
        try (TestDatabase db = TestDatabase.create(local)) {
            db.execute("CREATE TABLE w (id INT PRIMARY KEY, a VARCHAR(5)) DEFAULT CHARSET=utf8mb4");
            LoadJob.Result ok = load(local, db.name(), opts, null, clean);
            assertNull(ok.failure(), () -> ok.failure().message());
            assertTrue(ok.stats().notices().isEmpty(), "no fallback: " + ok.stats().notices());
            assertEquals(1, db.scalar("SELECT COUNT(*) FROM w WHERE id = 1 AND a = 'caf\u00e9'"));
            db.execute("DELETE FROM w");
            LoadJob.Result bad = load(local, db.name(), opts, null, clipped);
            assertTrue(bad.failure() != null && bad.failure().message().contains("rolled back"),
                    String.valueOf(bad.failure()));
            assertEquals(0, db.count("w"), "nothing of the file is loaded, not even the good row");
        }
    }

    @Test
    void loadDataWithOnDuplicateUpdateFallsBackToInserts() throws Exception {
        Server local = TestServers.local();
        Path file = dir.resolve("u.csv");
        Files.writeString(file, "id,a\n1,old\n1,new\n");
        try (TestDatabase db = TestDatabase.create(local)) {
            db.execute("CREATE TABLE u (id INT PRIMARY KEY, a VARCHAR(10))");
            LoadJob.Result r = load(local, db.name(), 2, WriterOptions.builder().onDuplicate(OnDuplicate.UPDATE).build(),
                    CsvOptions.builder().method("load-data").build(), null, file);
            assertNull(r.failure(), () -> r.failure().message());
            assertTrue(r.stats().notices().stream().anyMatch(n -> n.contains("--on-duplicate update")
                    && n.contains("loading it with INSERTs instead")), String.valueOf(r.stats().notices()));
            assertEquals(1, db.scalar("SELECT COUNT(*) FROM u WHERE id = 1 AND a = 'new'"));
        }
    }

    @Test
    void loadDataFallsBackToInsertsWhenTheDialectCannotBeExpressed() throws Exception {
        Server local = TestServers.local();
        Path file = dir.resolve("n.csv");
        Files.writeString(file, "id,a,b\n1,,NULL\n");
        try (TestDatabase db = TestDatabase.create(local)) {
            db.execute("CREATE TABLE n (id INT, a VARCHAR(10), b VARCHAR(10))");
            CsvOptions opts = CsvOptions.builder().nullStrings(Set.of("NULL")).emptyAsNull(true).method("load-data")
                    .build();
            LoadJob.Result r = load(local, db.name(), opts, null, file);
            assertNull(r.failure(), () -> r.failure().message());
            assertTrue(r.stats().notices().stream().anyMatch(n -> n.contains("loading it with INSERTs instead")),
                    String.valueOf(r.stats().notices()));
            assertEquals(1, db.scalar("SELECT COUNT(*) FROM n WHERE a IS NULL AND b IS NULL"));
        }
    }

    @Test
    void aLoadDataConnectionNeverSendsAFileTheServerNames() throws Exception {
        Server local = TestServers.local();
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "password\nletmein\n");
        try (TestDatabase db = TestDatabase.create(local);
             var lds = dev.packload.loader.write.LoadDataSession.open(Loads.target(local, db.name()))) {
            db.execute("CREATE TABLE leak (line VARCHAR(100))");
            // a statement (standing in for a hostile server's request) that names a real local file: nothing is sent
            try (java.sql.Statement st = lds.connection().createStatement()) {
                st.execute("LOAD DATA LOCAL INFILE '" + secret + "' INTO TABLE leak");
            }
            assertEquals(0, db.count("leak"), "the file's lines never reached the server");
            assertTrue(lds.refusedRequests() > 0, "the request was seen and refused");
            // packload's own LOAD DATA naming that file sends the stream it hands over, never the file
            var r = lds.load("LOAD DATA LOCAL INFILE '" + secret + "' INTO TABLE leak",
                    new java.io.ByteArrayInputStream("from the stream\n".getBytes(StandardCharsets.UTF_8)));
            assertEquals(1, r.rows());
            assertEquals(0, db.scalar("SELECT COUNT(*) FROM leak WHERE line IN ('password', 'letmein')"));
            assertEquals(1, db.scalar("SELECT COUNT(*) FROM leak WHERE line = 'from the stream'"));
            // and afterwards the hook is back to refusing
            int before = lds.refusedRequests();
            try (java.sql.Statement st = lds.connection().createStatement()) {
                st.execute("LOAD DATA LOCAL INFILE '" + secret + "' INTO TABLE leak");
            }
            assertTrue(lds.refusedRequests() > before);
            assertEquals(1, db.count("leak"));
        }
    }

    @Test
    void createTableInfersTheSchemaFromTheFile() throws Exception {
        Server local = TestServers.local();
        Path file = dir.resolve("events.csv");
        Files.writeString(file, "id,at,amount,label\n1,2024-05-01 10:00:00,12.50,start\n2,2024-05-02 11:30:00,7.25,\n");
        try (TestDatabase db = TestDatabase.create(local)) {
            LoadJob.Result r = load(local, db.name(), CsvOptions.builder().createTable(true).build(), null, file);
            assertNull(r.failure(), () -> r.failure().message());
            assertTrue(r.stats().notices().stream().anyMatch(n -> n.contains("created table events")), r.stats().notices().toString());
            assertEquals(2, db.count("events"));
            assertEquals(1, db.scalar("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db.name()
                    + "' AND TABLE_NAME = 'events' AND COLUMN_NAME = 'amount' AND COLUMN_TYPE = 'decimal(4,2)'"));
            assertEquals(1, db.scalar("SELECT COUNT(*) FROM events WHERE at = '2024-05-02 11:30:00' AND amount = 7.25 AND label = ''"));
        }
    }

    @Test
    void maxErrorsStopsTheRunAfterThatManyRejects() throws Exception {
        Server local = TestServers.local();
        Path file = dir.resolve("q.csv");
        StringBuilder sb = new StringBuilder("id,qty\n");
        for (int i = 1; i <= 50; i++) {
            sb.append(i).append(',').append(i % 5 == 0 ? "bad" : String.valueOf(i)).append('\n');
        }
        Files.writeString(file, sb.toString());
        try (TestDatabase db = TestDatabase.create(local)) {
            db.execute("CREATE TABLE q (id INT PRIMARY KEY, qty INT)");
            // one writer: the simplest path for a stop inside a file (with two, the same 12 rows are loaded)
            LoadJob.Result r = load(local, db.name(), 1, WriterOptions.builder().maxErrors(3).build(), csv(), null, file);
            assertTrue(r.failure() != null && r.failure().message().contains("--max-errors reached"), String.valueOf(r.failure()));
            assertEquals(3, r.rejects().count());
            assertEquals(12, db.count("q"), "the rows before the third reject are loaded");
        }
    }

    @Test
    void aCsvCellTooBigForOneStatementGoesInByAppendsAndOneTooBigForTheServerIsRejected() throws Exception {
        Server small = TestServers.embedded("--max-allowed-packet=1M");
        Path file = dir.resolve("docs.csv");
        String big = "é\"".repeat(300_000); // 900 KB of UTF-8, over 1 MiB once quoted and escaped
        String huge = "x".repeat(3 << 20);
        Files.writeString(file, "id,body\n1,\"" + big.replace("\"", "\"\"") + "\"\n2,small\n3," + huge + "\n");
        try (TestDatabase db = TestDatabase.create(small)) {
            db.execute("CREATE TABLE docs (id INT PRIMARY KEY, body LONGTEXT) DEFAULT CHARSET=utf8mb4");
            LoadJob.Result r = load(small, db.name(), csv(), null, file);
            assertNull(r.failure(), () -> r.failure().message());
            assertEquals(2, db.count("docs"));
            assertEquals(1, r.stats().tables().get(0).appendedRows());
            assertEquals(1, db.scalar("SELECT COUNT(*) FROM docs WHERE id = 1 AND body = REPEAT('é\"', 300000)"));
            assertTrue(read(dir.resolve("rejects.sql")).contains("SET GLOBAL max_allowed_packet = 4194304"));
        }
    }

    @Test
    void unknownColumnsAreAnErrorBeforeAnyRowUnlessIgnored() throws Exception {
        Server local = TestServers.local();
        Path file = dir.resolve("p.csv");
        Files.writeString(file, "id,nickname\n1,x\n");
        try (TestDatabase db = TestDatabase.create(local)) {
            db.execute("CREATE TABLE p (id INT, name VARCHAR(10))");
            LoadJob.Result r = load(local, db.name(), csv(), null, file);
            assertTrue(r.failure() != null && r.failure().message().contains("nickname"), String.valueOf(r.failure()));
            assertEquals(0, db.count("p"));
            LoadJob.Result ok = load(local, db.name(), CsvOptions.builder().ignoreUnknownColumns(true)
                    .binaryEncoding(CsvOptions.BinaryEncoding.HEX).build(), null, file);
            assertNull(ok.failure(), () -> ok.failure().message());
            assertEquals(1, db.scalar("SELECT COUNT(*) FROM p WHERE id = 1 AND name IS NULL"));
        }
    }
}
