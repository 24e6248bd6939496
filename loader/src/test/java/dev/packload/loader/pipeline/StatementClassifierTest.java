package dev.packload.loader.pipeline;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementClassifierTest {

    private static StatementScope scope(String sql) {
        byte[] b = sql.getBytes(StandardCharsets.UTF_8);
        return StatementClassifier.classify(b, 0, b.length);
    }

    @Test
    void sessionStateRunsOnEveryConnection() {
        assertEquals(StatementScope.EVERY_SESSION, scope("/*!40101 SET NAMES utf8mb4 */"));
        assertEquals(StatementScope.EVERY_SESSION, scope("/*!40103 SET TIME_ZONE='+00:00' */"));
        assertEquals(StatementScope.EVERY_SESSION, scope("SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0"));
        assertEquals(StatementScope.EVERY_SESSION, scope("/*M!100616 SET @OLD_NOTE_VERBOSITY=@@NOTE_VERBOSITY, NOTE_VERBOSITY=0 */"));
        assertEquals(StatementScope.EVERY_SESSION, scope("use `shop`"));
        assertEquals(StatementScope.EVERY_SESSION, scope("-- comment\nSET sql_mode = ''"));
    }

    @Test
    void globalSettingsAndDdlRunOnce() {
        assertEquals(StatementScope.ONCE, scope("SET GLOBAL max_connections = 10"));
        assertEquals(StatementScope.ONCE, scope("SET @@global.x = 1"));
        assertEquals(StatementScope.ONCE, scope("CREATE TABLE t (a int)"));
        assertEquals(StatementScope.ONCE, scope("/*!40000 ALTER TABLE `t` DISABLE KEYS */"));
        assertEquals(StatementScope.ONCE, scope("DROP TABLE IF EXISTS `t`"));
        assertEquals(StatementScope.ONCE, scope("BEGIN NOT ATOMIC SELECT 1; END"));
        assertEquals(StatementScope.ONCE, scope("ROLLBACK TO SAVEPOINT x"));
    }

    @Test
    void locksAndTransactionControlAreManagedByPackload() {
        assertEquals(StatementScope.SKIPPED, scope("LOCK TABLES `t` WRITE"));
        assertEquals(StatementScope.SKIPPED, scope("UNLOCK TABLES"));
        assertEquals(StatementScope.SKIPPED, scope("commit"));
        assertEquals(StatementScope.SKIPPED, scope("START TRANSACTION"));
        assertEquals(StatementScope.SKIPPED, scope("BEGIN"));
        assertEquals(StatementScope.SKIPPED, scope("set autocommit=0"));
    }

    private static StatementClassifier.Effect effect(String sql) {
        byte[] b = sql.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return StatementClassifier.effect(b, 0, b.length);
    }

    @Test
    void whatAStatementMayMakeStale() {
        assertEquals(StatementClassifier.Effect.SESSION_ONLY, effect("/*!40101 SET NAMES utf8mb4 */"));
        assertEquals(StatementClassifier.Effect.SESSION_ONLY, effect("SET @saved_cs_client = @@character_set_client"));
        assertEquals(StatementClassifier.Effect.CURRENT_DATABASE, effect("USE `db`"));
        assertEquals(StatementClassifier.Effect.CURRENT_DATABASE, effect("/*!40000 DROP DATABASE IF EXISTS `db`*/"));
        assertEquals(StatementClassifier.Effect.TABLES, effect("CREATE TABLE t (id INT)"));
        assertEquals(StatementClassifier.Effect.TABLES, effect("/*!40000 ALTER TABLE `t` DISABLE KEYS */"));
        assertEquals(StatementClassifier.Effect.TABLES, effect("DROP TABLE IF EXISTS `t`"));
    }

    private static boolean independent(String sql) {
        byte[] b = sql.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return StatementClassifier.independentOfTables(b, 0, b.length);
    }

    @Test
    void onlySetsThatReadNoTableMayRunAheadOfTheDdlBeforeThem() {
        assertTrue(independent("/*!40101 SET @saved_cs_client     = @@character_set_client */"));
        assertTrue(independent("/*!40101 SET character_set_client = utf8mb4 */"));
        assertTrue(independent("SET NAMES utf8mb4"));
        assertFalse(independent("SET @n = (SELECT COUNT(*) FROM t)"), "a subquery may read a table the DDL made");
        assertFalse(independent("SET @v = f(1)"), "a function may read tables");
        assertFalse(independent("USE `db2`"), "the database may be the one the DDL creates");
        assertFalse(independent("CREATE TABLE t (a int)"));
    }
}
