package dev.packload.loader.pipeline;

import dev.packload.formats.sql.StatementInfo;
import dev.packload.loader.index.StatementTables;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionVariablesTest {
    private final SessionVariables vars = new SessionVariables();

    /** Sends the statement unless it changes nothing; returns whether it was left out. */
    private boolean run(String sql) {
        byte[] b = sql.getBytes(StandardCharsets.UTF_8);
        if (vars.changesNothing(b, b.length)) {
            return true;
        }
        vars.ran(b, b.length);
        return false;
    }

    /** Another statement ran; returns whether it may have changed variables. */
    private boolean after(String sql) {
        return vars.afterStatement(kind(sql), names(sql));
    }

    private static StatementInfo.Kind kind(String sql) {
        return StatementInfo.of(bytes(sql), 0, bytes(sql).length).kind();
    }

    /** The statement's names, read for table DDL only, as the sender reads them. */
    private static StatementTables names(String sql) {
        return kind(sql) == StatementInfo.Kind.TABLE_DDL ? StatementTables.of(bytes(sql), 0, bytes(sql).length) : null;
    }

    private static byte[] bytes(String sql) {
        return sql.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMariadbDumpsCharacterSetIdiomAroundEachTableChangesNothingUnderItsSetNames() {
        assertFalse(run("/*!40101 SET NAMES utf8mb4 */"));
        assertFalse(run("/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */"));
        // the first table: the user variable is new
        assertFalse(run("/*!40101 SET @saved_cs_client     = @@character_set_client */"));
        assertTrue(run("/*!40101 SET character_set_client = utf8mb4 */"));
        assertTrue(run("/*!40101 SET character_set_client = @saved_cs_client */"));
        // every later table: all three
        for (int t = 0; t < 3; t++) {
            assertTrue(run("/*!40101 SET @saved_cs_client     = @@character_set_client */;"));
            assertTrue(run("/*!40101 SET character_set_client = utf8mb4 */;"));
            assertTrue(run("/*!40101 SET character_set_client = @saved_cs_client */;"));
        }
    }

    @Test
    void nothingIsKnownBeforeTheDumpSetsIt() {
        for (int t = 0; t < 2; t++) {
            assertFalse(run("SET @saved_cs_client = @@character_set_client"));
            assertFalse(run("SET character_set_client = utf8mb4"));
            // what the session held before is unknown, so restoring it is sent, and leaves it unknown again
            assertFalse(run("SET character_set_client = @saved_cs_client"));
        }
    }

    @Test
    void valuesAreComparedAsWritten() {
        assertFalse(run("SET NAMES utf8mb4"));
        assertFalse(run("SET character_set_client = 'utf8mb4'"), "a string is another value than the word");
        assertFalse(run("SET character_set_client = utf8mb3"));
        assertFalse(run("SET @n = 1"));
        assertFalse(run("SET @n = '1'"), "a user variable keeps the type: 1 and '1' differ");
        assertTrue(run("SET @n = '1'"));
        assertFalse(run("SET @n := 2"));
        assertTrue(run("SET @n := 2"));
        assertFalse(run("SET sql_mode = 'NO_AUTO_VALUE_ON_ZERO'"));
        assertTrue(run("SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'"));
        assertTrue(run("SET @@SESSION.sql_mode = 'NO_AUTO_VALUE_ON_ZERO'"));
        assertTrue(run("SET @@sql_mode = 'NO_AUTO_VALUE_ON_ZERO'"));
        assertFalse(run("SET sql_mode = ''"));
    }

    @Test
    void aUserVariableReadFromASessionVariableIsNotTheSameAsALiteral() {
        assertFalse(run("SET time_zone = '+00:00'"));
        assertFalse(run("SET @tz = @@time_zone"));
        assertFalse(run("SET @tz = '+00:00'"), "the server may hold the value in another form");
        assertTrue(run("SET time_zone = @tz"));
    }

    @Test
    void variablesWhoseAssignmentDoesMoreAreNeverLeftOut() {
        assertFalse(run("SET NAMES utf8mb4"));
        // character_set_connection also resets collation_connection; insert_id is used up by the next INSERT
        assertFalse(run("SET character_set_connection = utf8mb4"));
        assertFalse(run("SET character_set_connection = utf8mb4"));
        assertFalse(run("SET insert_id = 5"));
        assertFalse(run("SET insert_id = 5"));
        assertFalse(run("SET @c = @@collation_connection"));
        assertFalse(run("SET @c = @@collation_connection"), "read from a variable never known");
        // and they leave what is known as it is
        assertTrue(run("SET character_set_client = utf8mb4"));
    }

    @Test
    void whatItCanNotReadIsSentAndMakesEverythingUnknown() {
        String[] unread = {
            "SET @a = CONCAT('x', 'y')",
            "SET @@GLOBAL.sql_mode = ''",
            "SET character_set_client = DEFAULT",
            "SET NAMES utf8mb4 COLLATE utf8mb4_bin",
            "SET CHARACTER SET utf8mb4",
            "SET @a = 'it\\'s'",
            "SET @a = \"x\"",
            "SET @a = 1, @b = @a",
            "SET @a = 1, @a = 2",
            "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
            "/*!80000 SET character_set_client = utf8mb4 */",
            "/*M!100100 SET character_set_client = utf8mb4 */",
            "SET @a = -1",
            "SET @a = name",
        };
        for (String sql : unread) {
            assertNull(SessionVariables.parse(bytes(sql), bytes(sql).length), sql);
            assertFalse(run("SET NAMES utf8mb4"));
            assertTrue(run("SET character_set_client = utf8mb4"));
            assertFalse(run(sql), sql);
            assertFalse(run("SET character_set_client = utf8mb4"), "forgotten after " + sql);
        }
    }

    @Test
    void codeTheSessionRunsMakesEverythingUnknown() {
        assertFalse(run("SET NAMES utf8mb4"));
        assertFalse(after("CREATE TABLE t (id INT PRIMARY KEY, c VARCHAR(3) DEFAULT 'x')"));
        assertFalse(after("ALTER TABLE t ADD KEY (c)"));
        assertFalse(after("CREATE DATABASE d"));
        assertFalse(after("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET @x = 1"));
        vars.beforeRows(false);
        assertTrue(run("SET character_set_client = utf8mb4"), "table DDL and rows without triggers run no code");

        String[] code = {"CALL p()", "CREATE TABLE t2 SELECT f() AS x", "INSERT INTO t SELECT * FROM u",
            "DO f()", "USE d"};
        for (String sql : code) {
            assertFalse(SessionVariables.runsNoCode(kind(sql), names(sql)), sql);
            assertTrue(after(sql), sql);
            assertFalse(run("SET character_set_client = utf8mb4"), "forgotten after " + sql);
            assertTrue(run("SET character_set_client = utf8mb4"));
        }
        vars.beforeRows(true);
        assertFalse(run("SET character_set_client = utf8mb4"), "a table's trigger may set variables");
    }
}
