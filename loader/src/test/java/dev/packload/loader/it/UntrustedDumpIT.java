package dev.packload.loader.it;

import dev.packload.loader.testing.CliRun;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --untrusted} against a real mariadb-dump of accounts, grants, replication settings and two databases
 * (resources/untrusted): every statement beyond the target's data and objects is refused with its file and line, and
 * nothing is sent. A dump of data, tables and a DEFINER view loads, the view defined by the loading account. Without
 * {@code --untrusted}, such statements run and the summary lists them.
 */
class UntrustedDumpIT {
    private static final Path HOSTILE = Path.of("src/test/resources/untrusted/hostile-all.sql");

    @TempDir
    Path dir;

    @Test
    void aHostileDumpIsRefusedBeforeAnythingIsSent() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestServers.local())) {
            CliRun run = CliRun.of("load", "--no-defaults", "-h", db.server().host(), "-P",
                    String.valueOf(db.server().port()), "-u", db.server().user(), "-D", db.name(), "--untrusted",
                    "--no-progress", HOSTILE.toString());
            assertEquals(8, run.code(), run.all());
            String err = run.err();
            String file = "hostile-all.sql";
            assertTrue(err.contains(file + ":19: CHANGE MASTER"), err);
            assertTrue(err.contains("x SELECT ... INTO OUTFILE, first at " + HOSTILE + ":146"), err);
            assertTrue(err.contains("x names the system database mysql, first at " + HOSTILE + ":164"), err);
            assertTrue(err.contains("x names a second database other (the dump's is app, loaded into " + db.name()
                    + "), first at " + HOSTILE + ":177"), err);
            assertTrue(err.contains("x names database other (not " + db.name() + "), first at " + HOSTILE + ":245"),
                    err);
            assertTrue(err.contains("x CREATE USER, first at " + HOSTILE + ":257"), err);
            assertTrue(err.contains("x GRANT, first at " + HOSTILE + ":268"), err);
            assertTrue(err.contains("x EXECUTE IMMEDIATE, first at " + HOSTILE + ":311"), err);
            assertTrue(err.contains("1 x SET GLOBAL, first at " + HOSTILE + ":317"), err);
            assertTrue(err.contains("nothing was sent"), err);
            assertFalse(err.contains("loading into"), "refused before connecting: " + err);
            assertEquals(0, db.scalar("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + db.name() + "'"));
            assertEquals(0, db.scalar("SELECT COUNT(*) FROM mysql.user WHERE User IN ('backdoor', 'app_rw')"));
        }
    }

    @Test
    void dataAndObjectsLoadWithTheirDefinerRemoved() throws Exception {
        Path dump = dir.resolve("app.sql");
        Files.writeString(dump, """
                CREATE DATABASE /*!32312 IF NOT EXISTS*/ `app`;
                USE `app`;
                CREATE TABLE `items` (`id` int NOT NULL, `name` varchar(40), PRIMARY KEY (`id`));
                INSERT INTO `items` VALUES (1,'cup'),(2,'it\\'s');
                /*!50001 CREATE ALGORITHM=UNDEFINED */
                /*!50013 DEFINER=`nobody`@`nowhere` SQL SECURITY DEFINER */
                /*!50001 VIEW `cheap` AS select `items`.`id` AS `id` from `items` */;
                """);
        try (TestDatabase db = TestDatabase.create(TestServers.local())) {
            CliRun run = CliRun.of("load", "--no-defaults", "-h", db.server().host(), "-P",
                    String.valueOf(db.server().port()), "-u", db.server().user(), "-D", db.name(), "--untrusted",
                    "--no-progress", dump.toString());
            assertEquals(0, run.code(), run.all());
            assertEquals(2, db.count("items"));
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT DEFINER, CURRENT_USER() FROM information_schema.VIEWS"
                         + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'cheap'")) {
                assertTrue(rs.next(), "the view was created");
                assertEquals(rs.getString(2), rs.getString(1), "defined by the loading account");
            }
            assertFalse(run.out().contains("reach beyond"), run.out());
        }
    }

    @Test
    void withoutUntrustedSuchStatementsRunAndTheSummaryListsThem() throws Exception {
        Path dump = dir.resolve("peek.sql");
        Files.writeString(dump, """
                CREATE TABLE `t` (`id` int PRIMARY KEY);
                INSERT INTO `t` VALUES (1);
                CREATE VIEW `accounts` AS SELECT COUNT(*) AS n FROM mysql.db;
                CREATE VIEW `accounts2` AS SELECT COUNT(*) AS n FROM mysql.db;
                """);
        try (TestDatabase db = TestDatabase.create(TestServers.local())) {
            CliRun run = CliRun.of("load", "--no-defaults", "-h", db.server().host(), "-P",
                    String.valueOf(db.server().port()), "-u", db.server().user(), "-D", db.name(), "--no-progress",
                    dump.toString());
            assertEquals(0, run.code(), run.all());
            assertTrue(db.tableExists("accounts"));
            assertTrue(run.out().contains("statements run that reach beyond the data"), run.out());
            assertTrue(run.out().contains("2 x names the system database mysql, first at " + dump + ":3"), run.out());

            CliRun refused = CliRun.of("load", "--no-defaults", "-h", db.server().host(), "-P",
                    String.valueOf(db.server().port()), "-u", db.server().user(), "-D", db.name(), "--untrusted",
                    "--no-progress", dump.toString());
            assertEquals(8, refused.code(), refused.all());
            assertTrue(refused.err().contains(dump + ":3: names the system database mysql"), refused.err());
        }
    }
}
