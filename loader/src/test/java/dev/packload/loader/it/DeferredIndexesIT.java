package dev.packload.loader.it;

import dev.packload.loader.LoadConfig;
import dev.packload.loader.LoadJob;
import dev.packload.loader.index.DeferIndexes;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.LoadPipeline;
import dev.packload.loader.pipeline.RunState;
import dev.packload.loader.pipeline.WriterOptions;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.TableStats;
import dev.packload.loader.testing.Server;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import dev.packload.loader.write.OnDuplicate;
import dev.packload.loader.write.SqlSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --defer-indexes} on a real {@code mariadb-dump}: a database whose tables have plain, unique, prefix, DESC,
 * commented, IGNORED, fulltext and spatial indexes, indexes that foreign keys need on either side (one created
 * implicitly, so it comes last), a table whose AUTO_INCREMENT column's index follows a deferrable one, a foreign key
 * created after the table it references was loaded, and a trigger created after the rows. Each load is compared with
 * the mariadb client's load of the same dump, and with the source: SHOW CREATE TABLE of every table (so every index,
 * with its options and in its place) and CHECKSUM TABLE.
 */
class DeferredIndexesIT {
    @TempDir
    static Path dir;

    private static Server server;
    private static TestDatabase source;
    private static Path dump;
    private static DumpRoundTripIT.Snapshot expected;

    @BeforeAll
    static void createSourceAndDumpIt() throws Exception {
        server = TestServers.local();
        source = TestDatabase.create(server, "defer_src");
        source.execute("SET SESSION foreign_key_checks = 0", // a_child references a table created after it
                "CREATE TABLE a_child (id INT PRIMARY KEY, code VARCHAR(20), KEY k_note (id, code),"
                        + " CONSTRAINT fk_z FOREIGN KEY (code) REFERENCES z_parent (code))",
                "CREATE TABLE z_parent (id INT PRIMARY KEY, code VARCHAR(20), label VARCHAR(40), KEY k_label (label),"
                        + " KEY k_code (code))",
                "CREATE TABLE cust (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, code VARCHAR(20) NOT NULL,"
                        + " email VARCHAR(100), name VARCHAR(50), created DATETIME, body TEXT, pt POINT NOT NULL,"
                        + " UNIQUE KEY u_code (code), KEY k_email (email(10) DESC) COMMENT 'by mail; it''s `odd`',"
                        + " KEY k_name_created (name, created) USING BTREE, FULLTEXT KEY ft_body (body),"
                        + " SPATIAL KEY sp (pt), KEY k_ignored (email) IGNORED) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
                "CREATE TABLE orders (id INT PRIMARY KEY, cust_id INT NOT NULL, created DATETIME, amount DECIMAL(10,2),"
                        + " note VARCHAR(100), KEY k_created (created), KEY k_amount_note (amount, note),"
                        + " CONSTRAINT fk_cust FOREIGN KEY (cust_id) REFERENCES cust (id)) ENGINE=InnoDB",
                "CREATE TABLE p_first (id INT PRIMARY KEY, x INT, KEY k_x (x))",
                "CREATE TABLE q_child (id INT PRIMARY KEY, x INT,"
                        + " CONSTRAINT fk_x FOREIGN KEY (x) REFERENCES p_first (x))",
                "CREATE TABLE seqs (n INT NOT NULL AUTO_INCREMENT, b INT, KEY kb (b), KEY kn (n)) ENGINE=InnoDB",
                "INSERT INTO z_parent SELECT seq, CONCAT('c', seq), CONCAT('label ', seq % 97) FROM seq_1_to_2000",
                "INSERT INTO a_child SELECT seq, CONCAT('c', 1 + seq % 2000) FROM seq_1_to_3000",
                "INSERT INTO cust (code, email, name, created, body, pt) SELECT CONCAT('k', seq),"
                        + " CONCAT('user', seq, '@example.com'), CONCAT('name é ', seq % 300),"
                        + " '2024-01-01' + INTERVAL seq MINUTE, CONCAT('hello world ', seq), POINT(seq, -seq)"
                        + " FROM seq_1_to_5000",
                "INSERT INTO orders SELECT seq, 1 + seq % 5000, '2024-02-01' + INTERVAL seq SECOND, seq / 7,"
                        + " CONCAT('note ', seq % 13) FROM seq_1_to_20000",
                "INSERT INTO p_first SELECT seq, seq * 3 FROM seq_1_to_1000",
                "INSERT INTO q_child SELECT seq, 3 * (1 + seq % 1000) FROM seq_1_to_1000",
                "INSERT INTO seqs (b) SELECT seq % 17 FROM seq_1_to_1000",
                "CREATE TRIGGER cust_bi BEFORE INSERT ON cust FOR EACH ROW SET NEW.name = COALESCE(NEW.name, 'x')");
        dump = Loads.dump(server, source.name(), dir.resolve("source.sql"));
        expected = DumpRoundTripIT.Snapshot.of(server, source.name(), false);
        String sql = Files.readString(dump, StandardCharsets.ISO_8859_1); // POINTs are binary
        assertTrue(sql.indexOf("CREATE TABLE `a_child`") < sql.indexOf("CREATE TABLE `z_parent`"),
                "the child is created before the table it references");
        assertTrue(sql.indexOf("INSERT INTO `cust`") < sql.indexOf("cust_bi"), "the trigger follows the rows");
    }

    @AfterAll
    static void dropSource() {
        if (source != null) {
            source.close();
        }
    }

    @Test
    void aDeferredLoadEndsWithTheSourcesIndexesAndDataAsTheClientsLoadDoes() throws Exception {
        try (TestDatabase viaClient = TestDatabase.create(server, "defer_cli");
                TestDatabase viaPackload = TestDatabase.create(server, "defer_pl")) {
            Loads.Exec cli = Loads.exec(dump, Loads.mariadb(server, viaClient.name()));
            assertEquals(0, cli.code(), cli.output());
            Counted factory = new Counted(viaPackload.name());
            LoadJob.Result r = load(factory, options(DeferIndexes.NON_UNIQUE), dump);
            assertClean(r);
            assertSame(DumpRoundTripIT.Snapshot.of(server, viaClient.name(), false), viaPackload, "the mariadb client");
            assertSame(expected, viaPackload, "the source");
            Map<String, Long> built = r.stats().tables().stream().filter(t -> t.indexesBuilt() > 0)
                    .collect(Collectors.toMap(TableStats::name, TableStats::indexesBuilt));
            // cust: k_email, k_name_created, sp, k_ignored, ft_body; orders: k_created, k_amount_note (fk_cust moves);
            // a_child: k_note (fk_z moves); z_parent: k_label (k_code serves a_child's key, created before it);
            // p_first: k_x (built before q_child's CREATE TABLE, whose key needs it); seqs: kb (kn moves)
            assertEquals(Map.of("cust", 5L, "orders", 2L, "a_child", 1L, "z_parent", 1L, "p_first", 1L, "seqs", 1L),
                    built);
            assertTrue(factory.opened.get() > 2, "the indexes were built on connections of their own");
        }
    }

    /** Without ALTER TABLE … ENABLE KEYS after each table's rows, a table's build starts at the next table's DDL. */
    @Test
    void aDumpWithoutDisableKeysEndsTheSame() throws Exception {
        Path plain = Loads.dump(server, source.name(), dir.resolve("skip-disable-keys.sql"), "--skip-disable-keys");
        assertTrue(!Files.readString(plain, StandardCharsets.ISO_8859_1).contains("ENABLE KEYS"));
        try (TestDatabase db = TestDatabase.create(server, "defer_nokeys")) {
            LoadJob.Result r = load(new Counted(db.name()), options(DeferIndexes.NON_UNIQUE), plain);
            assertClean(r);
            assertSame(expected, db, "the source");
            assertEquals(11, r.stats().tables().stream().mapToLong(TableStats::indexesBuilt).sum());
        }
    }

    @Test
    void allDefersTheUniqueKeyTooAndEndsTheSame() throws Exception {
        try (TestDatabase db = TestDatabase.create(server, "defer_allsrc")) {
            LoadJob.Result r = load(new Counted(db.name()), options(DeferIndexes.ALL), dump);
            assertClean(r);
            assertSame(expected, db, "the source");
            assertEquals(6, r.stats().tables().stream().filter(t -> t.name().equals("cust")).findFirst().orElseThrow()
                    .indexesBuilt(), "u_code waited with the five others");
        }
    }

    @Test
    void offSendsNoIndexStatementOfItsOwn() throws Exception {
        try (TestDatabase db = TestDatabase.create(server, "defer_off")) {
            Counted factory = new Counted(db.name());
            LoadJob.Result r = load(factory, options(DeferIndexes.OFF), dump);
            assertClean(r);
            assertEquals(2, factory.opened.get(), "the two writers' connections only: no planner, no builder");
            assertEquals(0, r.stats().tables().stream().mapToLong(TableStats::indexesBuilt).sum());
            assertSame(expected, db, "the source");
        }
    }

    @Test
    void aDumpThatDropsAndRecreatesItsTablesEndsWithEveryIndex() throws Exception {
        try (TestDatabase db = TestDatabase.create(server, "defer_twice")) {
            LoadJob.Result r = load(new Counted(db.name()), options(DeferIndexes.NON_UNIQUE), dump, dump);
            assertClean(r);
            assertSame(expected, db, "the source");
        }
    }

    @Test
    void allDefersUniqueKeysAndADuplicateFailsTheBuildNamingTableAndIndex() throws Exception {
        Path dup = dir.resolve("dup.sql");
        Files.writeString(dup, "CREATE TABLE u (id INT PRIMARY KEY, code VARCHAR(9), KEY k (code),"
                + " UNIQUE KEY u_code (code)) ENGINE=InnoDB;\nINSERT INTO u VALUES (1,'a'),(2,'b'),(3,'a'),(4,'c');\n");
        try (TestDatabase all = TestDatabase.create(server, "defer_all");
                TestDatabase nonUnique = TestDatabase.create(server, "defer_nu")) {
            LoadJob.Result r = load(new Counted(all.name()), options(DeferIndexes.ALL), dup);
            RunState.Failure f = r.failure();
            assertNotNull(f, "a duplicate under --defer-indexes all fails the load");
            assertEquals(RunState.Outcome.BAD_INPUT, f.outcome());
            assertTrue(f.message().contains("`" + all.name() + "`.`u`") && f.message().contains("(index `u_code`)")
                    && f.message().contains("Duplicate entry 'a'") && f.message().contains("--defer-indexes non-unique")
                    && f.message().contains("ALTER TABLE `" + all.name() + "`.`u` ADD UNIQUE KEY `u_code`"),
                    f.message());
            assertEquals(4, all.count("u"), "the rows are loaded");

            LoadJob.Result r2 = load(new Counted(nonUnique.name()), options(DeferIndexes.NON_UNIQUE), dup);
            assertNull(r2.failure(), () -> r2.failure().message());
            assertEquals(1, r2.rejects().count(), "the unique key stayed: the duplicate row alone is rejected");
            assertEquals(3, nonUnique.count("u"));
            assertEquals(1, r2.stats().tables().get(0).indexesBuilt(), "k waited for the rows");
        }
    }

    @Test
    void aTableWhoseDatabaseIsDroppedIsBuiltBeforeAndNotAfter() throws Exception {
        try (TestDatabase db = TestDatabase.create(server, "defer_dropdb")) {
            String q = "`" + db.name() + "`";
            Path sql = dir.resolve("dropdb.sql");
            Files.writeString(sql, "USE " + q + ";\n"
                    + "CREATE TABLE t (id INT PRIMARY KEY, a INT, KEY k (a)) ENGINE=InnoDB;\n"
                    + "INSERT INTO t VALUES (1,1),(2,2);\nDROP DATABASE " + q + ";\nCREATE DATABASE " + q + ";\n"
                    + "USE " + q + ";\nCREATE TABLE u (id INT PRIMARY KEY, b INT, KEY k (b)) ENGINE=InnoDB;\n"
                    + "INSERT INTO u VALUES (1,1);\n");
            LoadJob.Result r = load(new Counted(db.name()), options(DeferIndexes.NON_UNIQUE), sql);
            assertClean(r);
            assertTrue(!db.tableExists("t") && db.tableExists("u"));
            assertEquals(1, db.scalar("SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '"
                    + db.name() + "' AND TABLE_NAME = 'u' AND INDEX_NAME = 'k'"));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Every table's indexes wait, however few its rows: these tables are small, and the deferral is what is tested. */
    private static WriterOptions options(DeferIndexes mode) {
        return WriterOptions.builder().deferIndexes(mode).deferIndexesFrom(0).build();
    }

    private static LoadJob.Result load(Counted factory, WriterOptions options, Path... inputs) throws SQLException {
        LoadConfig config = LoadConfig.builder().inputs(List.of(inputs)).threads(2).writer(options)
                .rejectFile(dir.resolve("rejects-" + factory.db + ".sql")).build();
        return LoadJob.run(config, factory, new LoadStats(), BatchLog.NONE, in -> { });
    }

    /** Opens sessions as packload does, counting them. */
    private static final class Counted implements LoadJob.SessionFactory {
        final String db;
        final AtomicInteger opened = new AtomicInteger();
        private final LoadJob.SessionFactory real;

        Counted(String db) {
            this.db = db;
            this.real = LoadJob.sessions(Loads.target(server, db));
        }

        @Override
        public SqlSession open(long maxStatementBytes) throws SQLException {
            opened.incrementAndGet();
            return real.open(maxStatementBytes);
        }
    }

    private static void assertClean(LoadJob.Result r) {
        assertNull(r.failure(), () -> r.failure().message());
        assertEquals(0, r.rejects().count());
        assertEquals(r.stats().rowsRead(), r.stats().rowsLoaded());
    }

    private static void assertSame(DumpRoundTripIT.Snapshot want, TestDatabase db, String what) throws SQLException {
        DumpRoundTripIT.Snapshot got = DumpRoundTripIT.Snapshot.of(server, db.name(), false);
        assertEquals(want.definitions, got.definitions, "SHOW CREATE of every object, against " + what);
        assertEquals(want.checksums, got.checksums, "CHECKSUM TABLE of every table, against " + what);
        assertEquals(want.rows, got.rows, "rows of every table, against " + what);
    }
}
