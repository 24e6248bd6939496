package dev.packload.formats.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What an untrusted dump may not run, and look-alikes it may: keywords in strings and comments are not code. */
class StatementRiskTest {

    private static StatementRisk risk(String sql) {
        byte[] b = sql.getBytes(StandardCharsets.UTF_8);
        return StatementRisk.of(b, 0, b.length, "shop");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GRANT ALL PRIVILEGES ON *.* TO `x`@`%` WITH GRANT OPTION | ACCOUNTS",
            "REVOKE SELECT ON shop.* FROM u | ACCOUNTS",
            "CREATE USER 'backdoor'@'%' IDENTIFIED BY 'x' | ACCOUNTS",
            "CREATE OR REPLACE USER u | ACCOUNTS",
            "DROP USER IF EXISTS u | ACCOUNTS",
            "/*!80001 ALTER USER 'root'@'localhost' DEFAULT ROLE NONE */ | ACCOUNTS",
            "/*M!100005 CREATE ROLE 'app_admin' WITH ADMIN r */ | ACCOUNTS",
            "SET PASSWORD FOR root@localhost = PASSWORD('x') | ACCOUNTS",
            "SET ROLE NONE | ACCOUNTS",
            "SET GLOBAL max_allowed_packet = 1024 | SERVER_STATE",
            "SET @@GLOBAL.gtid_purged = '0-1-2' | SERVER_STATE",
            "SET GLOBAL gtid_slave_pos='0-7-19' | SERVER_STATE",
            "/*!50001 SET PERSIST read_only = 1 */ | SERVER_STATE",
            "SET names utf8mb4, GLOBAL general_log = 1 | SERVER_STATE",
            "SET @@SESSION.SQL_LOG_BIN= 0 | SERVER_STATE",
            "SET sql_log_bin = 0 | SERVER_STATE",
            "INSTALL SONAME 'ha_connect' | PLUGINS",
            "INSTALL PLUGIN x SONAME 'x.so' | PLUGINS",
            "CREATE FUNCTION sys_exec RETURNS INT SONAME 'lib_mysqludf_sys.so' | PLUGINS",
            "CHANGE MASTER TO MASTER_USE_GTID=slave_pos | REPLICATION",
            "START SLAVE | REPLICATION",
            "RESET MASTER | REPLICATION",
            "LOAD DATA INFILE '/etc/passwd' INTO TABLE t | FILES",
            "LOAD DATA LOCAL INFILE '/etc/passwd' INTO TABLE t | FILES",
            "SELECT * FROM t INTO OUTFILE '/tmp/x' | FILES",
            "SELECT 0x3c3f INTO DUMPFILE '/var/www/x.php' | FILES",
            "INSERT INTO t SELECT 1, LOAD_FILE('/etc/shadow') | FILES",
            "CREATE TABLE t (id INT) DATA DIRECTORY = '/tmp' | FILES",
            "CREATE TABLE t (id INT) ENGINE=CONNECT table_type=CSV file_name='/etc/passwd' | ADMINISTRATION",
            "CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (HOST 'evil') | ADMINISTRATION",
            "FLUSH PRIVILEGES | ADMINISTRATION",
            "SHUTDOWN | ADMINISTRATION",
            "/*M!100203 EXECUTE IMMEDIATE CONCAT('SET ROLE ', @current_role) */ | DYNAMIC_SQL",
            "CREATE PROCEDURE p() BEGIN PREPARE s FROM @q; EXECUTE s; END | DYNAMIC_SQL",
            "CREATE DEFINER=`root`@`localhost` PROCEDURE p() BEGIN GRANT ALL ON *.* TO x; END | ACCOUNTS",
            "CREATE TRIGGER tr AFTER INSERT ON t FOR EACH ROW SET GLOBAL general_log = 1 | SERVER_STATE",
            "CREATE PROCEDURE p() INSERT INTO t SELECT user FROM mysql.user | OTHER_DATABASE",
            "CREATE VIEW v AS SELECT `other`.`secrets`.`v` AS `v` FROM `other`.`secrets` | OTHER_DATABASE",
            "INSERT INTO other.t SELECT * FROM t | OTHER_DATABASE",
            "UPDATE performance_schema.setup_instruments SET ENABLED = 'NO' | OTHER_DATABASE",
            // a string that ends at an escaped quote under one reading hides nothing under the other
            "SELECT 'a\\'' INTO OUTFILE '/x' | FILES",
            "SELECT 'a\\' INTO OUTFILE ' FROM t | FILES"})
    void flags(String sql, StatementRisk.Kind kind) {
        StatementRisk r = risk(sql);
        assertNotNull(r, sql);
        assertEquals(kind, r.kind(), sql + ": " + r);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE TABLE `items` (`id` int NOT NULL, `user` varchar(20), `start` int, PRIMARY KEY (`id`))",
            "CREATE TABLE user_grants (id INT)",
            "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */",
            "/*!40101 SET NAMES utf8mb4 */",
            "SET @saved_log_bin = @@SESSION.SQL_LOG_BIN",
            "/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */",
            "INSERT INTO t SELECT 'GRANT ALL ON *.* TO x', 'INTO OUTFILE', 'mysql.user'",
            "SELECT 1 /* INTO OUTFILE '/tmp/x' */",
            "CREATE VIEW v AS SELECT t.id, t.name FROM t JOIN u ON t.id = u.id",
            "CREATE VIEW v AS SELECT `shop`.`t`.`id` AS `id` FROM `shop`.`t`",
            "START TRANSACTION",
            "LOCK TABLES `t` WRITE",
            "CREATE DEFINER=`root`@`localhost` TRIGGER tr AFTER INSERT ON items FOR EACH ROW INSERT INTO audit (item)"
                    + " VALUES (NEW.id)"})
    void letsThrough(String sql) {
        assertNull(risk(sql), sql);
    }
}
