package dev.packload.loader.pipeline;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TableScopeTest {
    private static String of(String sql) {
        byte[] b = sql.getBytes(StandardCharsets.UTF_8);
        return TableScope.of(b, 0, b.length);
    }

    @Test
    void ddlOfOneTableIsOrderedByThatTable() {
        assertEquals("t", of("CREATE TABLE `t` (id INT PRIMARY KEY, v VARCHAR(10))"));
        assertEquals("t", of("DROP TABLE IF EXISTS `t`"));
        assertEquals("t", of("/*!40000 ALTER TABLE `t` DISABLE KEYS */"));
        assertEquals("t", of("ALTER TABLE db.t ADD INDEX (v)"));
        assertEquals("t$1", of("TRUNCATE TABLE t$1"));
    }

    @Test
    void statementsThatMayNeedAnotherTableLineEveryWriterUp() {
        assertNull(of("CREATE TABLE c (id INT, p INT, FOREIGN KEY (p) REFERENCES parent (id))"));
        assertNull(of("ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (p) REFERENCES parent (id)"));
        assertNull(of("CREATE TABLE t2 LIKE t"));
        assertNull(of("CREATE TABLE t2 AS SELECT * FROM t"));
        assertNull(of("ALTER TABLE t RENAME TO u"));
        assertNull(of("RENAME TABLE t TO u"));
        assertNull(of("DROP TABLE a, b"));
        assertNull(of("CREATE VIEW v AS SELECT 1"));
        assertNull(of("CREATE PROCEDURE p() BEGIN END"));
        assertNull(of("CREATE DATABASE d"));
        assertNull(of("SET GLOBAL max_connections = 10"));
    }

    @Test
    void aWordInsideANameIsNotTheKeyword() {
        assertEquals("selection", of("CREATE TABLE selection (liked INT, references_count INT)"));
    }
}
