package dev.packload.formats.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DEFINER clauses as mysqldump, mariadb-dump and people write them, removed as myloader's --skip-definer does. */
class DefinersTest {

    private static String strip(String sql) {
        byte[] b = ("xx" + sql + "yy").getBytes(StandardCharsets.UTF_8);
        byte[] out = Definers.strip(b, 2, b.length - 4, false);
        return out == null ? null : new String(out, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "CREATE DEFINER=`root`@`localhost` PROCEDURE `p`() SELECT 1 | CREATE  PROCEDURE `p`() SELECT 1",
            "CREATE DEFINER='app'@'%' FUNCTION f() RETURNS INT RETURN 1 | CREATE  FUNCTION f() RETURNS INT RETURN 1",
            "CREATE DEFINER = root@localhost EVENT e ON SCHEDULE EVERY 1 DAY DO SELECT 1"
                    + " | CREATE  EVENT e ON SCHEDULE EVERY 1 DAY DO SELECT 1",
            "CREATE DEFINER=CURRENT_USER() VIEW v AS SELECT 1 | CREATE  VIEW v AS SELECT 1",
            "/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER t AFTER INSERT ON x FOR EACH ROW"
                    + " SET @a = 1 */ | /*!50003 CREATE*/ /*!50017 */ /*!50003 TRIGGER t AFTER INSERT ON x FOR EACH"
                    + " ROW SET @a = 1 */",
            "/*!50001 CREATE ALGORITHM=UNDEFINED */ /*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */"
                    + " /*!50001 VIEW `v` AS select 1 */ | /*!50001 CREATE ALGORITHM=UNDEFINED */ /*!50013  SQL"
                    + " SECURITY DEFINER */ /*!50001 VIEW `v` AS select 1 */",
            "CREATE TABLE t (definer VARCHAR(20)) | NONE",
            "CREATE VIEW v AS SELECT 'DEFINER=`x`@`y`' | NONE",
            "INSERT INTO t VALUES ('DEFINER=`root`@`localhost`') | NONE"})
    void removesTheClauseOnly(String in, String expected) {
        assertEquals(expected, strip(in));
    }
}
