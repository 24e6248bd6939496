package dev.packload.loader.it;

import dev.packload.loader.testing.CliRun;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dump's {@code DROP TABLE IF EXISTS} of a table the target lacks, and {@code ALTER TABLE … DISABLE/ENABLE KEYS} of
 * an InnoDB table, are not sent ({@code NoOpStatements}): the load equals the mariadb client's, statement for statement
 * where it matters. (With a binary log the DROP is sent: {@code ReplicaDdlIT}.)
 */
class NoOpStatementsIT {
    private static final Pattern SUMMARY =
            Pattern.compile("other statements run: ([0-9,]+); not sent \\([^)]*\\): ([0-9,]+)");

    @TempDir
    Path dir;

    @Test
    void aMariadbDumpLoadsAsUnderTheClientWithoutItsDropsOfAbsentTablesAndInnoDbKeyToggles() throws Exception {
        try (TestDatabase src = TestDatabase.create(TestServers.local(), "noop_src");
             TestDatabase viaClient = TestDatabase.create(TestServers.local(), "noop_client");
             TestDatabase viaPackload = TestDatabase.create(TestServers.local(), "noop_pl")) {
            List<String> ddl = new ArrayList<>();
            for (int t = 1; t <= 6; t++) {
                // every other table has a secondary index (deferred by packload); t3 and t6 are MyISAM, whose
                // DISABLE KEYS does something
                String engine = t % 3 == 0 ? "MyISAM" : "InnoDB";
                ddl.add("CREATE TABLE t" + t + " (id INT PRIMARY KEY, v VARCHAR(20), n INT"
                        + (t % 2 == 0 ? ", KEY by_n (n)" : "") + ") ENGINE=" + engine);
                ddl.add("INSERT INTO t" + t + " SELECT seq, CONCAT('v', seq), seq % 7 FROM seq_1_to_" + (50 * t));
            }
            src.execute(ddl.toArray(new String[0]));
            Path dump = Loads.dump(src.server(), src.name(), dir.resolve("dump.sql"));
            String text = Files.readString(dump, StandardCharsets.UTF_8);
            int drops = count(text, "(?m)^DROP TABLE IF EXISTS `t\\d`;$");
            int toggles = count(text, "(?m)^/\\*!40000 ALTER TABLE `t\\d` (DIS|EN)ABLE KEYS \\*/;$");
            int innoDbToggles = count(text, "(?m)^/\\*!40000 ALTER TABLE `t[1245]` (DIS|EN)ABLE KEYS \\*/;$");
            int locks = count(text, "(?m)^(UN)?LOCK TABLES");
            assertEquals(6, drops, "mariadb-dump writes a DROP before each table");
            assertEquals(12, toggles);
            assertEquals(8, innoDbToggles);

            Loads.Exec client = Loads.exec(dump, Loads.mariadb(viaClient.server(), viaClient.name()));
            assertEquals(0, client.code(), client.output());
            CliRun run = CliRun.of("load", "--no-defaults", "-h", viaPackload.server().host(), "-P",
                    String.valueOf(viaPackload.server().port()), "-u", "root", "-D", viaPackload.name(),
                    "--no-progress", "--no-journal", "--threads", "2", dump.toString());
            assertEquals(0, run.code(), run.all());

            for (int t = 1; t <= 6; t++) {
                assertEquals(viaClient.checksum("t" + t), viaPackload.checksum("t" + t), "t" + t);
                assertEquals(createTable(viaClient, "t" + t), createTable(viaPackload, "t" + t), "t" + t);
            }
            Matcher m = SUMMARY.matcher(run.out());
            assertTrue(m.find(), run.out());
            // not sent: the table locks, every DROP (no table existed), the InnoDB tables' toggles (those of the
            // deferred t2 and t4 were never sent before either); the MyISAM tables' toggles ran (t6's index is built
            // with its table, under DISABLE KEYS); and the three SETs of character_set_client around each CREATE
            // TABLE, which under the dump's SET NAMES utf8mb4 change nothing (SessionVariablesIT), but for the first
            // table's SET @saved_cs_client, whose user variable was new
            int csClientSets = count(text, "(?m)^/\\*!40101 SET (@saved_cs_client|character_set_client) +=");
            assertEquals(18, csClientSets);
            long notSent = Long.parseLong(m.group(2).replace(",", ""));
            assertEquals(locks + drops + innoDbToggles + csClientSets - 1, notSent, run.out());
        }
    }

    @Test
    void aDropOfATableThatExistsStillRuns() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "noop_exists")) {
            db.execute("CREATE TABLE t (old TEXT) ENGINE=InnoDB", "INSERT INTO t VALUES ('left from before')");
            Path dump = dir.resolve("exists.sql");
            Files.writeString(dump, """
                    DROP TABLE IF EXISTS `t`;
                    CREATE TABLE `t` (id INT PRIMARY KEY) ENGINE=InnoDB;
                    /*!40000 ALTER TABLE `t` DISABLE KEYS */;
                    INSERT INTO `t` VALUES (1),(2),(3);
                    /*!40000 ALTER TABLE `t` ENABLE KEYS */;
                    """);
            CliRun run = load(db, dump, "2");
            assertEquals(0, run.code(), run.all());
            assertEquals(3, db.count("t"));
            assertEquals("id", db.scalarString("SELECT GROUP_CONCAT(COLUMN_NAME) FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = '" + db.name() + "' AND TABLE_NAME = 't'"));
        }
    }

    /**
     * The session's own TEMPORARY table hides from information_schema: a DROP TABLE IF EXISTS after it is sent, as it
     * drops that table. Left out, the INSERT would go into the temporary table, and the permanent one stay empty.
     */
    @Test
    void aDropAfterTheSessionsOwnTemporaryTableIsSent() throws Exception {
        try (TestDatabase viaClient = TestDatabase.create(TestServers.local(), "noop_tmp_client");
             TestDatabase viaPackload = TestDatabase.create(TestServers.local(), "noop_tmp_pl")) {
            Path dump = dir.resolve("temporary.sql");
            Files.writeString(dump, """
                    CREATE TEMPORARY TABLE `t` (id INT);
                    DROP TABLE IF EXISTS `t`;
                    CREATE TABLE `t` (id INT PRIMARY KEY) ENGINE=InnoDB;
                    INSERT INTO `t` VALUES (1),(2);
                    """);
            Loads.Exec client = Loads.exec(dump, Loads.mariadb(viaClient.server(), viaClient.name()));
            assertEquals(0, client.code(), client.output());
            CliRun run = load(viaPackload, dump, "1");
            assertEquals(0, run.code(), run.all());
            assertEquals(2, viaClient.count("t"));
            assertEquals(viaClient.checksum("t"), viaPackload.checksum("t"));
        }
    }

    private static CliRun load(TestDatabase db, Path dump, String threads) {
        return CliRun.of("load", "--no-defaults", "-h", db.server().host(), "-P", String.valueOf(db.server().port()),
                "-u", "root", "-D", db.name(), "--no-progress", "--no-journal", "--threads", threads, dump.toString());
    }

    private static String createTable(TestDatabase db, String table) throws Exception {
        return db.scalarString("SELECT CONCAT_WS('|', ENGINE, TABLE_COLLATION, CREATE_OPTIONS, (SELECT GROUP_CONCAT("
                + "CONCAT_WS(' ', INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE) ORDER BY INDEX_NAME, SEQ_IN_INDEX)"
                + " FROM information_schema.STATISTICS s WHERE s.TABLE_SCHEMA = t.TABLE_SCHEMA AND s.TABLE_NAME ="
                + " t.TABLE_NAME)) FROM information_schema.TABLES t WHERE TABLE_SCHEMA = '" + db.name()
                + "' AND TABLE_NAME = '" + table + "'");
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
