package dev.packload.formats.sql;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementInfoTest {

    private static StatementInfo info(String sql) {
        byte[] b = sql.getBytes(StandardCharsets.UTF_8);
        return StatementInfo.of(b, 0, b.length);
    }

    @Test
    void databases() {
        assertEquals(new StatementInfo(StatementInfo.Kind.USE, "shop", null, null), info("USE `shop`"));
        StatementInfo c = info("CREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 */");
        assertEquals(StatementInfo.Kind.CREATE_DATABASE, c.kind());
        assertEquals("shop", c.schema());
        assertEquals(StatementInfo.Kind.DROP_DATABASE, info("DROP DATABASE IF EXISTS shop").kind());
    }

    @Test
    void tablesAsMariadbDumpWritesThem() {
        assertEquals("t", info("DROP TABLE IF EXISTS `t`").table());
        assertEquals("we`ird", info("CREATE TABLE `we``ird` (a int)").table());
        StatementInfo q = info("CREATE TABLE IF NOT EXISTS db.t2 (a int)");
        assertEquals("db", q.schema());
        assertEquals("t2", q.table());
        assertEquals("orders", info("/*!40000 ALTER TABLE `orders` DISABLE KEYS */").table());
        assertEquals("orders", info("LOCK TABLES `orders` WRITE").table());
        assertEquals("t", info("CREATE UNIQUE INDEX i ON t (a)").table());
        assertTrue(info("CREATE TABLE t (a int)").isSchema());
    }

    @Test
    void viewsTriggersRoutines() {
        StatementInfo v = info("/*!50001 CREATE ALGORITHM=UNDEFINED */ /*!50013 DEFINER=`root`@`localhost` SQL SECURITY "
                + "DEFINER */ /*!50001 VIEW `customer_totals` AS select 1 AS `a` */");
        assertEquals(StatementInfo.Kind.VIEW_DDL, v.kind());
        assertEquals("customer_totals", v.name());
        StatementInfo tr = info("/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER orders_audit "
                + "AFTER INSERT ON `orders` FOR EACH ROW INSERT INTO order_audit (order_id) VALUES (NEW.id) */");
        assertEquals(StatementInfo.Kind.TRIGGER_DDL, tr.kind());
        assertEquals("orders_audit", tr.name());
        assertEquals("orders", tr.table());
        assertEquals(StatementInfo.Kind.ROUTINE_DDL,
                info("CREATE DEFINER=`root`@`%` PROCEDURE `p`() BEGIN SELECT 1; END").kind());
        assertEquals(StatementInfo.Kind.EVENT_DDL, info("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO SELECT 1").kind());
    }

    @Test
    void dataAndSessionState() {
        assertEquals(StatementInfo.Kind.DATA, info("INSERT INTO t SELECT * FROM u").kind());
        assertEquals(StatementInfo.Kind.SET, info("/*!40101 SET NAMES utf8mb4 */").kind());
        assertFalse(info("SET NAMES utf8mb4").isSchema());
        assertEquals(StatementInfo.Kind.OTHER, info("SELECT 1").kind());
    }

    /** Regression: {@code $} and non-ASCII bytes are identifier bytes, so no keyword ends inside {@code on$1}. */
    @Test
    void dollarAndNonAsciiNamesAreOneWord() {
        StatementInfo i = info("CREATE INDEX on$1 ON t$1 (a)");
        assertEquals(StatementInfo.Kind.TABLE_DDL, i.kind());
        assertEquals("t$1", i.table());
        assertEquals("tåble", info("CREATE INDEX påon ON tåble (a)").table());
        assertEquals("tåble", info("CREATE INDEX onå ON `tåble` (a)").table());
        assertEquals("t$1", info("LOCK TABLES t$1 WRITE").table());
        assertEquals(StatementInfo.Kind.SET, info("SET autocommit$x = 1").kind(), "not autocommit");
    }

    @Test
    void sessionStateTransactionsAndLocks() {
        assertEquals(StatementInfo.Kind.SET_GLOBAL, info("SET GLOBAL max_connections = 10").kind());
        assertEquals(StatementInfo.Kind.SET_GLOBAL, info("SET @@global.x = 1").kind());
        assertEquals(StatementInfo.Kind.SET_GLOBAL, info("SET PERSIST_ONLY x = 1").kind());
        assertEquals(StatementInfo.Kind.SET_AUTOCOMMIT, info("set autocommit=0").kind());
        assertEquals(StatementInfo.Kind.SET_AUTOCOMMIT, info("SET @@session.autocommit = 1").kind());
        assertEquals(StatementInfo.Kind.SET, info("SET SESSION sql_mode = ''").kind());
        assertTrue(info("SET GLOBAL x = 1").kind().isSet());
        assertEquals(StatementInfo.Kind.LOCK_TABLES, info("LOCK TABLES `t` WRITE").kind());
        assertTrue(info("LOCK TABLES `t` WRITE").isSchema(), "a lock goes with the table it names");
        assertEquals(StatementInfo.Kind.UNLOCK_TABLES, info("UNLOCK TABLES").kind());
        assertFalse(info("UNLOCK TABLES").isSchema());
        for (String tx : new String[] {"COMMIT", "rollback", "START TRANSACTION", "BEGIN", "BEGIN WORK"}) {
            assertEquals(StatementInfo.Kind.TRANSACTION, info(tx).kind(), tx);
        }
        for (String other : new String[] {"ROLLBACK TO SAVEPOINT x", "BEGIN NOT ATOMIC SELECT 1; END", "START SLAVE"}) {
            assertEquals(StatementInfo.Kind.OTHER, info(other).kind(), other);
        }
    }
}
