package dev.packload.formats.sql;

import static dev.packload.formats.sql.Scans.error;
import static dev.packload.formats.sql.Scans.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packload.formats.FormatException;
import dev.packload.formats.SourcePosition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DumpScannerTest {

    private static List<String> texts(String sql) {
        List<String> out = new ArrayList<>();
        for (String e : events(sql)) {
            out.add(e.startsWith("statement ") || e.startsWith("tuple ") || e.startsWith("insert ")
                    ? e.substring(0, e.indexOf(' ') + 1) + e.substring(e.indexOf(' ', e.indexOf(' ') + 1) + 1)
                    : e);
        }
        return out;
    }

    private static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        for (String e : texts(sql)) {
            assertTrue(e.startsWith("statement "), e);
            out.add(e.substring("statement ".length()));
        }
        return out;
    }

    @Nested
    class Splitting {
        @Test
        void splitsOnSemicolonAndTrimsWhitespace() {
            assertEquals(List.of("SELECT 1", "SELECT 2", "SELECT\\n  3"),
                    statements("  SELECT 1;SELECT 2  ;\n\n SELECT\n  3\n;\n"));
        }

        @Test
        void reportsLineAndByteOffsetOfEachStatement() {
            assertEquals(List.of("statement 1:0 SELECT 1", "statement 3:13 SELECT 2"),
                    events("SELECT 1;\n\n  SELECT 2;"));
        }

        @Test
        void emitsAFinalStatementWithoutDelimiterLikeTheClient() {
            assertEquals(List.of("CREATE TABLE t (a int)", "DROP TABLE t"),
                    statements("CREATE TABLE t (a int);\nDROP TABLE t\n\n"));
        }

        @Test
        void skipsEmptyStatementsAndCommentOnlyInput() {
            assertEquals(List.of("SELECT 1"), statements(";;\n ; SELECT 1;;;"));
            assertEquals(List.of(), statements("-- just a comment\n/* and another */\n# and a hash\n;\n"));
            assertEquals(List.of(), statements(""));
        }

        @Test
        void semicolonsInsideQuotesDoNotSplit() {
            assertEquals(List.of("SELECT ';', \";\", `a;b` FROM t"),
                    statements("SELECT ';', \";\", `a;b` FROM t;"));
        }

        @Test
        void backslashAndDoubledQuoteEscapes() {
            assertEquals(List.of("SELECT 'it\\\\'s;', 'it''s;', \"a\\\\\";\"", "SELECT '\\\\\\\\'", "SELECT 2"),
                    statements("SELECT 'it\\'s;', 'it''s;', \"a\\\";\";SELECT '\\\\';SELECT 2"));
        }

        @Test
        void backslashDoesNotEscapeInBacktickIdentifiers() {
            assertEquals(List.of("SELECT `a\\\\`", "SELECT 1"), statements("SELECT `a\\`;SELECT 1"));
            assertEquals(List.of("SELECT `a``;b`", "SELECT 1"), statements("SELECT `a``;b`;SELECT 1"));
        }

        @Test
        void backslashOutsideStringsTakesTheNextByte() {
            // the client reads \' outside a string as an (unknown) command: the quote opens nothing
            assertEquals(List.of("SELECT \\\\'", "SELECT 1"), statements("SELECT \\';SELECT 1"));
        }

        @Test
        void newlinesInsideStringsAreCounted() {
            assertEquals(List.of("statement 1:0 SELECT 'a\\nb\\\\\\nc'", "statement 3:16 SELECT 2"),
                    events("SELECT 'a\nb\\\nc';SELECT 2"));
        }

        @Test
        void crLfLineEnds() {
            assertEquals(List.of("statement 1:0 SELECT 1", "statement 3:17 SELECT 2"),
                    events("SELECT 1;\r\n-- x\r\nSELECT 2;\r\n"));
        }

        @Test
        void skipsAUtf8ByteOrderMark() {
            byte[] in = "\uFEFFSELECT 1;".getBytes(StandardCharsets.UTF_8);
            assertEquals(List.of("statement 1:3 SELECT 1"), events(in));
        }

        @Test
        void rawHighBytesPassThrough() {
            byte[] in = {'S', 'E', 'L', 'E', 'C', 'T', ' ', '\'', (byte) 0xff, (byte) 0xc3, 0, '\'', ';'};
            assertEquals(List.of("statement 1:0 SELECT '\\xFF\\xC3\\x00'"), events(in));
        }
    }

    @Nested
    class Comments {
        @Test
        void dropsCommentsBeforeStatements() {
            assertEquals(List.of("statement 5:44 SELECT 1"),
                    events("-- Host: x\n--\n# hash\n/* block\n */ /* one */ SELECT 1;"));
        }

        @Test
        void keepsCommentsInsideStatements() {
            // trailing whitespace is trimmed, also the newline ending a trailing comment: that is still valid SQL
            assertEquals(List.of("SELECT 1 /* ; */ + 2 -- ;\\n+ 3 # ;", "SELECT 4"),
                    statements("SELECT 1 /* ; */ + 2 -- ;\n+ 3 # ;\n;SELECT 4;"));
        }

        @Test
        void dashDashNeedsWhitespaceOrControlOrEndAfterIt() {
            assertEquals(List.of("SELECT 1--1", "SELECT 2 --\\t;", "SELECT 3 --"),
                    statements("SELECT 1--1;SELECT 2 --\t;\n;SELECT 3 --"));
        }

        @Test
        void dashDashWithoutSpaceIsACommentAtStatementStartLikeInTheClient() {
            assertEquals(List.of("SELECT 1"), statements("--comment;\nSELECT 1;"));
        }

        @Test
        void versionedCommentsAreCodeAndKeptIntact() {
            assertEquals(List.of("/*!40101 SET NAMES utf8mb4 */", "/*M!100616 SET @OLD_NOTE_VERBOSITY=@@NOTE_VERBOSITY */",
                    "SELECT /*+ MAX_EXECUTION_TIME(1) */ 1",
                    "CREATE DATABASE /*!32312 IF NOT EXISTS*/ `d` /*!40100 DEFAULT CHARACTER SET utf8mb4 */"),
                    statements("/*!40101 SET NAMES utf8mb4 */;\n/*M!100616 SET @OLD_NOTE_VERBOSITY=@@NOTE_VERBOSITY */;\n"
                            + "SELECT /*+ MAX_EXECUTION_TIME(1) */ 1;\n"
                            + "CREATE DATABASE /*!32312 IF NOT EXISTS*/ `d` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;"));
        }

        @Test
        void quotesInsideVersionedCommentsAreTracked() {
            assertEquals(List.of("/*!50003 SET @x = ';*/' */", "SELECT 1"),
                    statements("/*!50003 SET @x = ';*/' */;SELECT 1;"));
        }

        @Test
        void quotesInsidePlainCommentsAreNot() {
            assertEquals(List.of("SELECT 1 /* it's */", "SELECT 2"), statements("SELECT 1 /* it's */;SELECT 2;"));
        }

        @Test
        void skipsMariaDbSandboxLine() {
            assertEquals(List.of("statement 2:41 SELECT 1"),
                    events("/*M!999999\\- enable the sandbox mode */ \nSELECT 1;"));
        }
    }

    @Nested
    class Delimiter {
        @Test
        void triggerBodyKeepsItsSemicolons() {
            String sql = "DELIMITER ;;\n"
                    + "/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER t_ai AFTER INSERT ON t"
                    + " FOR EACH ROW BEGIN\n  INSERT INTO log VALUES (1);\n  SET @x = ';;';\nEND */;;\n"
                    + "DELIMITER ;\n"
                    + "SELECT 1;";
            assertEquals(List.of("statement 2:13 /*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 "
                    + "TRIGGER t_ai AFTER INSERT ON t FOR EACH ROW BEGIN\\n  INSERT INTO log VALUES (1);\\n  "
                    + "SET @x = ';;';\\nEND */", "statement 7:196 SELECT 1"), events(sql));
        }

        @Test
        void isCaseInsensitivePersistsAndMayBeAnyString() {
            assertEquals(List.of("SELECT 1; SELECT 2", "SELECT 3", "SELECT 4", "SELECT 5"),
                    statements("delimiter $$\nSELECT 1; SELECT 2$$SELECT 3$$\nDeLiMiTeR //\nSELECT 4 ////\n"
                            + "DELIMITER ;\nSELECT 5;"));
        }

        @Test
        void quotedArgumentAndRestOfLineIgnored() {
            assertEquals(List.of("SELECT 1", "SELECT 2"),
                    statements("DELIMITER '$$' ignored words\nSELECT 1$$\nDELIMITER ; also ignored\nSELECT 2;"));
        }

        @Test
        void procedureWithSlashSlashDelimiterAndComments() {
            String sql = "DELIMITER //\nCREATE PROCEDURE p()\nBEGIN\n  /* c */ SELECT 1; -- x\n  SELECT 2 / 2;\nEND //\n"
                    + "DELIMITER ;\n";
            assertEquals(List.of("CREATE PROCEDURE p()\\nBEGIN\\n  /* c */ SELECT 1; -- x\\n  SELECT 2 / 2;\\nEND"),
                    statements(sql));
        }

        @Test
        void missingArgumentIsAnError() {
            FormatException e = error("DELIMITER \nSELECT 1;");
            assertTrue(e.getMessage().contains("DELIMITER must be followed"), e.getMessage());
        }

        @Test
        void insertsUnderAnotherDelimiter() {
            assertEquals(List.of("insert INSERT `t`", "tuple (1)", "tuple (';;')", "end", "statement SELECT 1"),
                    texts("DELIMITER ;;\nINSERT INTO t VALUES (1),(';;');;\nSELECT 1;;"));
        }
    }

    @Nested
    class SqlMode {
        @Test
        void noBackslashEscapesCanBeSetUpFront() throws IOException {
            RecordingHandler h = new RecordingHandler();
            DumpScanner s = new DumpScanner(new ByteArrayInputStream("SELECT 'a\\';SELECT 2;".getBytes()), "x");
            s.setNoBackslashEscapes(true);
            s.scan(h);
            assertEquals(List.of("statement 1:0 SELECT 'a\\\\'", "statement 1:12 SELECT 2"), h.events);
        }

        @Test
        void followsSetSqlModeStatements() {
            String sql = "SET sql_mode = 'ANSI,NO_BACKSLASH_ESCAPES';\n"
                    + "SELECT 'a\\';\n"
                    + "/*!40101 SET SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;\n"
                    + "SELECT 'b\\';';\n";
            assertEquals(List.of("SET sql_mode = 'ANSI,NO_BACKSLASH_ESCAPES'", "SELECT 'a\\\\'",
                    "/*!40101 SET SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */", "SELECT 'b\\\\';'"), statements(sql));
        }

        @Test
        void restoresTheModeSavedInAVariable() {
            String sql = "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;\n"
                    + "/*!50003 SET @saved_sql_mode = @@sql_mode */ ;\n"
                    + "/*!50003 SET sql_mode = 'NO_BACKSLASH_ESCAPES,STRICT_TRANS_TABLES' */ ;\n"
                    + "INSERT INTO t VALUES ('a\\'),('b');\n"
                    + "/*!50003 SET sql_mode = @saved_sql_mode */ ;\n"
                    + "INSERT INTO t VALUES ('c\\'d');\n"
                    + "SET SESSION sql_mode := 'NO_BACKSLASH_ESCAPES';\n"
                    + "SELECT '\\';\n"
                    + "SET @@session.sql_mode = DEFAULT;\n"
                    + "SELECT '\\';';\n";
            List<String> t = texts(sql);
            assertEquals(List.of("tuple ('a\\\\')", "tuple ('b')"), t.subList(4, 6));
            assertEquals("tuple ('c\\\\'d')", t.get(9));
            assertEquals("statement SELECT '\\\\'", t.get(12));
            assertEquals("statement SELECT '\\\\';'", t.get(14));
        }

        @Test
        void ignoresGlobalAssignments() {
            assertEquals(List.of("SET GLOBAL sql_mode = 'NO_BACKSLASH_ESCAPES'", "SELECT '\\\\';'"),
                    statements("SET GLOBAL sql_mode = 'NO_BACKSLASH_ESCAPES';SELECT '\\';';"));
        }
    }

    @Nested
    class Inserts {
        @Test
        void streamsTuplesWithPositions() {
            assertEquals(List.of("insert 1:0 INSERT `t`", "tuple 1:21 (1,'a')", "tuple 2:30 (2,'b')", "end",
                    "statement 3:39 SELECT 1"), events("INSERT INTO t VALUES (1,'a'),\n(2,'b');\nSELECT 1;"));
        }

        @Test
        void headerForms() {
            assertEquals("insert INSERT `db`.`t`", texts("INSERT INTO `db`.`t` VALUES (1);").get(0));
            assertEquals("insert INSERT `db`.`t`", texts("insert into db . t values(1);").get(0));
            assertEquals("insert INSERT `we``ird tbl`", texts("INSERT INTO `we``ird tbl` VALUES (1);").get(0));
            assertEquals("insert INSERT_IGNORE `t` (`a`,`b c`)",
                    texts("INSERT  IGNORE INTO `t` (`a`, `b c`) VALUES (1,2);").get(0));
            assertEquals("insert INSERT_IGNORE `t`", texts("INSERT DELAYED IGNORE INTO t VALUES (1);").get(0));
            assertEquals("insert INSERT `t`", texts("INSERT LOW_PRIORITY t VALUE (1);").get(0));
            assertEquals("insert INSERT `t`", texts("INSERT HIGH_PRIORITY INTO t VALUES (1);").get(0));
            assertEquals("insert REPLACE `t` (`a`)", texts("REPLACE INTO t(a) VALUES(1);").get(0));
            assertEquals("insert REPLACE `t`", texts("Replace Low_Priority Into t Values (1);").get(0));
            assertEquals("insert INSERT `t`", texts("INSERT INTO t () VALUES ();").get(0));
            assertEquals("insert INSERT `t\u00e9`", texts("INSERT INTO t\u00e9 VALUES (1);").get(0));
            assertEquals("insert INSERT `t` (`a`,`b`)", texts(
                    "INSERT /* c */ INTO -- c\n t # c\n (a /* c */, b)\n VALUES\n /* c */ (1,2);").get(0));
        }

        @Test
        void headerLinesAreCounted() {
            assertEquals(List.of("insert 2:2 INSERT `t`", "tuple 5:31 (1)", "end", "statement 6:36 SELECT 1"),
                    events("\n INSERT INTO t\n/* a\n*/ VALUES\n(1);\nSELECT 1"));
        }

        @Test
        void completeInsertColumnLists() {
            List<String> t = texts("INSERT INTO `t` (`id`, `name`) VALUES (1,'x');\n"
                    + "INSERT INTO `t` (`id`, `name`) VALUES (2,'y');\n");
            assertEquals(List.of("insert INSERT `t` (`id`,`name`)", "tuple (1,'x')", "end",
                    "insert INSERT `t` (`id`,`name`)", "tuple (2,'y')", "end"), t);
        }

        @Test
        void singleRowInsertsOneAfterAnotherEachReportTheirOwnPosition() {
            assertEquals(List.of("insert 1:0 INSERT `t`", "tuple 1:21 (1)", "end",
                    "insert 2:26 INSERT `t`", "tuple 2:47 (2)", "end"),
                    events("INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2);"));
        }

        @Test
        void tupleBytesAreRawWithNestingQuotesAndComments() {
            String tuple = "(1,(2+3)*4,')',\"(\",`x)`,/*!50705 0xABCD,*/ 'x', /* ) */ -- )\n 5, # )\n CONCAT('a',"
                    + "'\\')'))";
            assertEquals(List.of("insert INSERT `t`", "tuple " + tuple.replace("\\", "\\\\").replace("\n", "\\n"),
                    "end"), texts("INSERT INTO t VALUES " + tuple + ";"));
        }

        @Test
        void binaryDataWithEscapesAndHighBytes() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write("INSERT INTO `b` VALUES (1,'\\0\\'\\\\\\n\\r\\Z".getBytes(StandardCharsets.US_ASCII));
            b.write(new byte[] {(byte) 0x80, (byte) 0xff, (byte) 0xfe, 0x1a, 0x00, '(', ')', ';', ','});
            b.write("'),(2,'');".getBytes(StandardCharsets.US_ASCII));
            assertEquals(List.of("insert 1:0 INSERT `b`",
                    "tuple 1:23 (1,'\\\\0\\\\'\\\\\\\\\\\\n\\\\r\\\\Z\\x80\\xFF\\xFE\\x1A\\x00();,')",
                    "tuple 1:51 (2,'')", "end"), events(b.toByteArray()));
        }

        @Test
        void finalInsertWithoutDelimiter() {
            assertEquals(List.of("insert INSERT `t`", "tuple (1)", "tuple (2)", "end"),
                    texts("INSERT INTO t VALUES (1),(2)\n-- trailing comment\n"));
        }

        @Test
        void commentsBetweenTuples() {
            assertEquals(List.of("insert INSERT `t`", "tuple (1)", "tuple (2)", "tuple (3)", "end"),
                    texts("INSERT INTO t VALUES (1) /* a */ , -- b\n(2)#c\n,(3) /* d */ ;"));
        }

        @Test
        void otherInsertFormsAreStatementsWhenTheShapeIsClearUpFront() {
            for (String sql : List.of(
                    "INSERT INTO t SELECT * FROM u",
                    "INSERT INTO t (a) SELECT a FROM u",
                    "INSERT INTO t SET a = 1",
                    "INSERT INTO t PARTITION (p0) VALUES (1)",
                    "INSERT INTO t VALUES ROW(1), ROW(2)",
                    "INSERT INTO t (SELECT 1)",
                    "INSERT /*!40000 IGNORE */ INTO t VALUES (1)",
                    "INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = VALUES(a)",
                    "INSERT INTO t VALUES (1) AS new ON DUPLICATE KEY UPDATE a = new.a",
                    "INSERT INTO t (a, b) VALUES (1, 2)ON DUPLICATE KEY UPDATE b = 3",
                    "INSERTX INTO t VALUES (1)",
                    "REPLACE IGNORE INTO t VALUES (1)",
                    "INSERT INTO t VALUES")) {
                assertEquals(List.of(sql.replace("\n", "\\n"), "SELECT 1"), statements(sql + ";\nSELECT 1;"), sql);
            }
        }

        @Test
        void suffixAfterSeveralTuplesCannotBeRebatched() {
            FormatException e = error("INSERT INTO t VALUES (1),(2) ON DUPLICATE KEY UPDATE a = 1;");
            assertTrue(e.getMessage().contains("can't be re-batched"), e.getMessage());
            assertTrue(e.getMessage().contains("ON DUPLICATE KEY UPDATE"), e.getMessage());
            assertEquals(new SourcePosition("test.sql", 1, 29), e.position());
            assertEquals("INSERT INTO t VALUES (1)", e.excerpt());
        }

        @Test
        void garbageBetweenTuplesIsAnError() {
            FormatException e = error("INSERT INTO t VALUES (1),x(2);");
            assertTrue(e.getMessage().contains("expected '(' of the next VALUES tuple"), e.getMessage());
            assertEquals(25, e.position().byteOffset());
            e = error("INSERT INTO t VALUES (1),(2)x;");
            assertTrue(e.getMessage().contains("can't be re-batched: unexpected 'x;'"), e.getMessage());
        }

        @Test
        void truncatedLastTupleIsAnError() {
            FormatException e = error("INSERT INTO t VALUES (1),\n(2, (3)");
            assertTrue(e.getMessage().contains("truncated INSERT: the VALUES tuple starting at line 2"),
                    e.getMessage());
            assertEquals(new SourcePosition("test.sql", 2, 26), e.position());
            e = error("INSERT INTO t VALUES (1),\n(2, 'abc");
            assertTrue(e.getMessage().contains("unterminated '...' string starting at line 2"), e.getMessage());
            e = error("INSERT INTO t VALUES (1),\n");
            assertTrue(e.getMessage().contains("truncated INSERT"), e.getMessage());
            e = error("INSERT INTO t VALUES (1");
            assertTrue(e.getMessage().contains("truncated INSERT"), e.getMessage());
        }

        @Test
        void delimiterInsideATupleIsAnError() {
            FormatException e = error("INSERT INTO t VALUES (1),(2;\nSELECT 1;");
            assertTrue(e.getMessage().contains("ends inside the VALUES tuple"), e.getMessage());
        }

        @Test
        void insertsNeverStartInsideOtherStatements() {
            assertEquals(List.of("CREATE TRIGGER x AFTER INSERT ON t FOR EACH ROW INSERT INTO u VALUES (1)"),
                    statements("CREATE TRIGGER x AFTER INSERT ON t FOR EACH ROW INSERT INTO u VALUES (1);"));
        }
    }

    @Nested
    class Errors {
        @Test
        void unterminatedStringNamesItsLine() {
            FormatException e = error("SELECT 1;\nSELECT 'abc;\nSELECT 2;\n");
            assertEquals("test.sql:2 (byte 17): unterminated '...' string starting at line 2 near: SELECT 'abc; SELECT 2;",
                    e.getMessage());
            assertEquals(new SourcePosition("test.sql", 2, 17), e.position());
        }

        @Test
        void unterminatedIdentifierAndDoubleQuotedString() {
            assertTrue(error("SELECT `a;").getMessage().contains("unterminated `...` identifier starting at line 1"));
            assertTrue(error("SELECT \"a;").getMessage().contains("unterminated \"...\" string starting at line 1"));
        }

        @Test
        void unterminatedComment() {
            assertTrue(error("SELECT 1 /* x;").getMessage().contains("unterminated /* comment starting at line 1"));
            assertTrue(error("SELECT 1;\n/* x").getMessage().contains("unterminated /* comment starting at line 2"));
        }

        @Test
        void excerptIsShortened() {
            StringBuilder sql = new StringBuilder("SELECT '");
            sql.append("x".repeat(500));
            FormatException e = error(sql.toString());
            assertTrue(e.excerpt().length() <= 80, e.excerpt());
            assertTrue(e.excerpt().startsWith("SELECT 'xxx"), e.excerpt());
            assertTrue(e.excerpt().endsWith("..."), e.excerpt());
        }

        @Test
        void unitLargerThanTheCapIsAnError() {
            DumpScanner s = new DumpScanner(new ByteArrayInputStream(("SELECT '" + "x".repeat(100) + "';").getBytes()),
                    "x", 16);
            s.setMaxUnitBytes(64);
            FormatException e = assertThrows(FormatException.class, () -> s.scan(new RecordingHandler()));
            assertTrue(e.getMessage().contains("longer than 64 bytes"), e.getMessage());
        }

        @Test
        void scansOnlyOnce() throws IOException {
            DumpScanner s = new DumpScanner(new ByteArrayInputStream(new byte[0]), "x");
            s.scan(new RecordingHandler());
            assertThrows(IllegalStateException.class, () -> s.scan(new RecordingHandler()));
        }
    }

    @Test
    void mysql8StyleDumpSnippet() {
        String sql = "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n"
                + "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n"
                + "/*!50503 SET NAMES utf8mb4 */;\n"
                + "SET @MYSQLDUMP_TEMP_LOG_BIN = @@SESSION.SQL_LOG_BIN;\n"
                + "SET @@SESSION.SQL_LOG_BIN= 0;\n"
                + "SET @@GLOBAL.GTID_PURGED=/*!80000 '+'*/ '3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5';\n"
                + "CREATE TABLE `t` (\n  `id` int NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB "
                + "/*!80016 DEFAULT ENCRYPTION='N' */;\n"
                + "LOCK TABLES `t` WRITE;\n"
                + "/*!40000 ALTER TABLE `t` DISABLE KEYS */;\n"
                + "INSERT INTO `t` VALUES (1),(2),(3);\n"
                + "/*!40000 ALTER TABLE `t` ENABLE KEYS */;\n"
                + "UNLOCK TABLES;\n"
                + "SET @@SESSION.SQL_LOG_BIN = @MYSQLDUMP_TEMP_LOG_BIN;\n";
        List<String> t = texts(sql);
        assertEquals(List.of("statement /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */",
                "statement /*!50503 SET NAMES utf8mb4 */",
                "statement SET @MYSQLDUMP_TEMP_LOG_BIN = @@SESSION.SQL_LOG_BIN",
                "statement SET @@SESSION.SQL_LOG_BIN= 0",
                "statement SET @@GLOBAL.GTID_PURGED=/*!80000 '+'*/ '3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5'",
                "statement CREATE TABLE `t` (\\n  `id` int NOT NULL,\\n  PRIMARY KEY (`id`)\\n) ENGINE=InnoDB "
                        + "/*!80016 DEFAULT ENCRYPTION='N' */",
                "statement LOCK TABLES `t` WRITE",
                "statement /*!40000 ALTER TABLE `t` DISABLE KEYS */",
                "insert INSERT `t`", "tuple (1)", "tuple (2)", "tuple (3)", "end",
                "statement /*!40000 ALTER TABLE `t` ENABLE KEYS */",
                "statement UNLOCK TABLES",
                "statement SET @@SESSION.SQL_LOG_BIN = @MYSQLDUMP_TEMP_LOG_BIN"), t);
    }
}
