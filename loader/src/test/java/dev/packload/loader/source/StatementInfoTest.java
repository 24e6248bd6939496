package dev.packload.loader.source;

import dev.packload.loader.feed.DumpFilter;
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

    @Test
    void filterPatterns() {
        DumpFilter f = new DumpFilter(java.util.List.of("cust*", "shop.orders"), java.util.List.of("customer_totals"),
                false, false, null);
        assertTrue(f.includes(null, "customers"));
        assertTrue(f.includes("shop", "orders"));
        assertFalse(f.includes("other", "orders"));
        assertFalse(f.includes("shop", "customer_totals"));
        assertFalse(f.includes("shop", "products"));
        assertTrue(DumpFilter.ALL.includes("x", "y"));
    }
}
