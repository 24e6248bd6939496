package dev.packload.loader.it;

import dev.packload.loader.testing.CliRun;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dump's {@code SET} that sets what the session already holds is left out ({@code SessionVariables}), but never
 * after code the session ran may have set the variable: a trigger fired by the rows, a procedure. Each dump here
 * restores {@code character_set_client} from {@code @saved_cs_client} after such code set that user variable to
 * latin1, then creates a table with a non-ASCII comment and default. Under the mysql client the restore runs, and the
 * table's text is read as latin1; had packload left the restore out as changing nothing, the table would differ.
 */
class SessionVariablesIT {
    private static final String HEAD = """
            /*!40101 SET NAMES utf8mb4 */;
            CREATE TABLE `a` (id INT PRIMARY KEY) ENGINE=InnoDB;
            /*!40101 SET @saved_cs_client     = @@character_set_client */;
            /*!40101 SET character_set_client = utf8mb4 */;
            /*!40101 SET character_set_client = @saved_cs_client */;
            /*!40101 SET @saved_cs_client     = @@character_set_client */;
            """;
    private static final String TAIL = """
            /*!40101 SET character_set_client = @saved_cs_client */;
            CREATE TABLE `b` (id INT PRIMARY KEY, city VARCHAR(20) DEFAULT 'Łódź') ENGINE=InnoDB COMMENT='Łódź';
            INSERT INTO `b` (id) VALUES (1);
            """;

    @TempDir
    Path dir;

    @Test
    void aRestoreAfterRowsWhoseTriggerSetTheVariableIsSent() throws Exception {
        loadsAsTheClientDoes("trigger", HEAD + """
                DELIMITER ;;
                CREATE TRIGGER `a_bi` BEFORE INSERT ON `a` FOR EACH ROW SET @saved_cs_client = 'latin1' ;;
                DELIMITER ;
                INSERT INTO `a` VALUES (1),(2),(3);
                """ + TAIL);
    }

    /** The same with a table the load did not create: whether it has triggers is asked of the server. */
    @Test
    void aRestoreAfterRowsIntoATableThatWasThereWithATriggerIsSent() throws Exception {
        loadsAsTheClientDoes("existing", """
                /*!40101 SET NAMES utf8mb4 */;
                /*!40101 SET @saved_cs_client     = @@character_set_client */;
                /*!40101 SET character_set_client = utf8mb4 */;
                /*!40101 SET character_set_client = @saved_cs_client */;
                /*!40101 SET @saved_cs_client     = @@character_set_client */;
                INSERT INTO `a` VALUES (1),(2),(3);
                """ + TAIL, new String[0], "CREATE TABLE `a` (id INT PRIMARY KEY) ENGINE=InnoDB",
                "CREATE TRIGGER `a_bi` BEFORE INSERT ON `a` FOR EACH ROW SET @saved_cs_client = 'latin1'");
    }

    @Test
    void aRestoreAfterAProcedureThatSetTheVariableIsSent() throws Exception {
        loadsAsTheClientDoes("procedure", HEAD + """
                DELIMITER ;;
                CREATE PROCEDURE `p`() SET @saved_cs_client = 'latin1' ;;
                DELIMITER ;
                CALL `p`();
                """ + TAIL);
    }

    /** The dump's own SETs around each table: left out on every writer, the tables as the client makes them. */
    @Test
    void theCharacterSetIdiomAroundEachTableIsLeftOut() throws Exception {
        StringBuilder dump = new StringBuilder("/*!40101 SET NAMES utf8mb4 */;\n");
        int tables = 8;
        for (int t = 1; t <= tables; t++) {
            dump.append("/*!40101 SET @saved_cs_client     = @@character_set_client */;\n")
                    .append("/*!40101 SET character_set_client = utf8mb4 */;\n")
                    .append("CREATE TABLE `t").append(t).append("` (id INT PRIMARY KEY, city VARCHAR(20) DEFAULT"
                            + " 'Łódź') ENGINE=InnoDB COMMENT='Kraków';\n")
                    .append("/*!40101 SET character_set_client = @saved_cs_client */;\n")
                    .append("INSERT INTO `t").append(t).append("` (id) VALUES (1),(2);\n");
        }
        CliRun run = loadsAsTheClientDoes("idiom", dump.toString(), "t1", "t" + tables);
        // counted on writer 0, which runs every SET: all but the first table's @saved_cs_client assignment
        assertTrue(run.out().contains("not sent (LOCK TABLES, transaction control, what would change nothing here): "
                + (3 * tables - 1)), run.out());
    }

    private CliRun loadsAsTheClientDoes(String name, String text, String... tables) throws Exception {
        return loadsAsTheClientDoes(name, text, tables, new String[0]);
    }

    /** Loads {@code text} with the client and with packload, each into a new database where {@code before} ran. */
    private CliRun loadsAsTheClientDoes(String name, String text, String[] tables, String... before) throws Exception {
        Path dump = dir.resolve(name + ".sql");
        Files.writeString(dump, text, StandardCharsets.UTF_8);
        try (TestDatabase viaClient = TestDatabase.create(TestServers.local(), "setvars_client");
             TestDatabase viaPackload = TestDatabase.create(TestServers.local(), "setvars_pl")) {
            if (before.length > 0) {
                viaClient.execute(before);
                viaPackload.execute(before);
            }
            Loads.Exec client = Loads.exec(dump, Loads.mariadb(viaClient.server(), viaClient.name()));
            assertEquals(0, client.code(), client.output());
            // one writer: a trigger's or a procedure's variables are those of the session that ran it
            String threads = tables.length == 0 ? "1" : "2";
            CliRun run = CliRun.of("load", "--no-defaults", "-h", viaPackload.server().host(), "-P",
                    String.valueOf(viaPackload.server().port()), "-u", "root", "-D", viaPackload.name(),
                    "--no-progress", "--no-journal", "--threads", threads, dump.toString());
            assertEquals(0, run.code(), run.all());
            for (String t : tables.length == 0 ? new String[] {"a", "b"} : tables) {
                assertEquals(showCreate(viaClient, t), showCreate(viaPackload, t), t);
                assertEquals(viaClient.checksum(t), viaPackload.checksum(t), t);
            }
            if (tables.length == 0) {
                // the client read the comment as latin1: what the test is about happened
                assertTrue(showCreate(viaClient, "b").contains("Å"), showCreate(viaClient, "b"));
            }
            return run;
        }
    }

    private static String showCreate(TestDatabase db, String table) throws Exception {
        return db.scalarString("SELECT CONCAT_WS('|', TABLE_COMMENT, (SELECT GROUP_CONCAT(CONCAT_WS(' ', COLUMN_NAME,"
                + " COLUMN_DEFAULT) ORDER BY ORDINAL_POSITION) FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA"
                + " = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME)) FROM information_schema.TABLES t WHERE"
                + " TABLE_SCHEMA = '" + db.name() + "' AND TABLE_NAME = '" + table + "'");
    }
}
