package dev.packload.loader.index;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementTablesTest {

    private static StatementTables of(String sql) {
        byte[] b = sql.getBytes(StandardCharsets.UTF_8);
        return StatementTables.of(b, 0, b.length);
    }

    @Test
    void theTableACreateTableCreates() {
        assertEquals(new StatementTables.Name(null, "t"), of("CREATE TABLE `t` (id INT)").createdTable());
        assertEquals(new StatementTables.Name("db", "odd `name`"),
                of("CREATE OR REPLACE TABLE IF NOT EXISTS `db`.`odd ``name``` (id INT)").createdTable());
        assertEquals(new StatementTables.Name(null, "t"), of("/* x */ create table t like u").createdTable());
        assertNull(of("CREATE TEMPORARY TABLE t (id INT)").createdTable(), "another session's table");
        assertNull(of("CREATE VIEW t AS SELECT 1").createdTable());
        assertNull(of("DROP TABLE t").createdTable());
    }

    @Test
    void aCreateTableWithNoIndexButItsPrimaryKeyNeedsNoLookAtTheServer() {
        assertFalse(of("CREATE TABLE t (id INT NOT NULL, `key` INT, PRIMARY KEY (id)) COMMENT 'KEY k (a)'")
                .mayHaveIndexes());
        assertTrue(of("CREATE TABLE t (id INT PRIMARY KEY, a INT, KEY k (a))").mayHaveIndexes());
        assertTrue(of("CREATE TABLE t (id INT PRIMARY KEY, a INT UNIQUE)").mayHaveIndexes());
        assertTrue(of("CREATE TABLE t (id INT PRIMARY KEY, a INT, FOREIGN KEY (a) REFERENCES p (id))").mayHaveIndexes(),
                "a foreign key is remembered, and has an index");
        assertTrue(of("CREATE TABLE t LIKE u").mayHaveIndexes());
        assertTrue(of("CREATE TABLE t AS SELECT * FROM u").mayHaveIndexes());
    }

    @Test
    void enableAndDisableKeysAsMysqldumpWritesThem() {
        assertEquals(new StatementTables.KeysToggle(new StatementTables.Name(null, "t"), true),
                of("/*!40000 ALTER TABLE `t` ENABLE KEYS */").keysToggle());
        assertEquals(new StatementTables.KeysToggle(new StatementTables.Name("d", "t"), false),
                of("ALTER TABLE d.t DISABLE KEYS;").keysToggle());
        assertNull(of("ALTER TABLE t ENABLE KEYS, ADD KEY k (a)").keysToggle(), "more than the keys");
        assertNull(of("ALTER TABLE t ADD KEY k (a)").keysToggle());
    }

    @Test
    void theOneTableOfADropTableIfExistsAsDumpsWriteIt() {
        assertEquals(new StatementTables.Name(null, "t0001"), of("DROP TABLE IF EXISTS `t0001`;").droppedIfExists());
        assertEquals(new StatementTables.Name("d", "t"), of("/*!40101 drop table if exists d.t */").droppedIfExists());
        assertNull(of("DROP TABLE `t`").droppedIfExists(), "without IF EXISTS the server's error is the point");
        assertNull(of("DROP TEMPORARY TABLE IF EXISTS t").droppedIfExists());
        assertNull(of("DROP TABLE IF EXISTS a, b").droppedIfExists(), "several tables");
        assertNull(of("DROP TABLE IF EXISTS t CASCADE").droppedIfExists());
        assertNull(of("DROP TABLE IF EXISTS t WAIT 5").droppedIfExists());
        assertNull(of("DROP VIEW IF EXISTS t").droppedIfExists());
        assertNull(of("DROP TABLE IF EXISTS").droppedIfExists());
    }

    @Test
    void aTemporaryTableIsSeenInItsCreate() {
        assertTrue(of("CREATE TEMPORARY TABLE t (id INT)").createsTemporary());
        assertTrue(of("/*!50001 create or replace temporary table t like u */").createsTemporary());
        assertFalse(of("CREATE TABLE temporary_t (id INT)").createsTemporary());
        assertFalse(of("DROP TEMPORARY TABLE t").createsTemporary());
    }

    @Test
    void namesInStringsAndCommentsAreNotMentions() {
        StatementTables s = of("CREATE TRIGGER tr BEFORE INSERT ON `orders` FOR EACH ROW SET NEW.note = 'customers'"
                + " /* items */ -- lines\n# more\n");
        assertTrue(s.mentions("orders"));
        assertTrue(s.mentions("ORDERS"), "as on a case-insensitive server: at worst a build comes early");
        assertFalse(s.mentions("customers"));
        assertFalse(s.mentions("items"));
        assertFalse(s.mentions("lines"));
        assertFalse(of("ALTER TABLE t COMMENT 'it\\'s about u'").mentions("u"), "a backslash-escaped quote");
        assertFalse(of("ALTER TABLE t COMMENT 'it''s about u'").mentions("u"), "a doubled quote");
        assertTrue(of("/*!50003 CREATE TRIGGER x AFTER DELETE ON u FOR EACH ROW DELETE FROM v */").mentions("v"),
                "a versioned comment is code");
    }

    @Test
    void referencesAreReadWithTheirColumnsAndAreNotMentions() {
        StatementTables s = of("CREATE TABLE `ch` (`id` INT, `pc` INT, `x` INT, CONSTRAINT `fk` FOREIGN KEY (`pc`, `x`)"
                + " REFERENCES `par` (`code`, `x`) ON DELETE CASCADE, FOREIGN KEY (x) REFERENCES other.p2 (id))");
        assertEquals(List.of(new StatementTables.Reference(new StatementTables.Name(null, "par"), List.of("code", "x")),
                new StatementTables.Reference(new StatementTables.Name("other", "p2"), List.of("id"))), s.references());
        assertFalse(s.mentions("par"));
        assertFalse(s.mentions("p2"));
        assertTrue(s.mentions("ch"));
        assertEquals(List.of(), of("ALTER TABLE c ADD FOREIGN KEY (a) REFERENCES p ((a + 1))").references().get(0)
                .columns(), "not a plain column list: no columns, so the caller waits for the table");
    }
}
