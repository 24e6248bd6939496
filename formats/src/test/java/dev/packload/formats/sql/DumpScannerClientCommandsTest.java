package dev.packload.formats.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packload.formats.ChunkedInputStream;
import dev.packload.formats.SourcePosition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The mysql client's own commands, found where the client finds them. Each expectation below was checked against
 * {@code mariadb} 15.1 (MariaDB 10.11.19) in batch mode ({@code mariadb < file}); see the README's table.
 */
class DumpScannerClientCommandsTest {

    private static List<String> events(String sql) {
        return Scans.events(sql);
    }

    @Nested
    class Source {
        @Test
        void aLineOfItsOwnWithoutDelimiterIsTheWholeLine() {
            assertEquals(List.of("command 1:0 SOURCE source [data/a.dump]", "statement 2:21 SELECT 1"),
                    events("source data/a.dump  \nSELECT 1;"));
        }

        @Test
        void aStatementThatIsTheCommandEndsAtTheDelimiter() {
            // test_db's form: "source load_employees.dump ;"
            assertEquals(List.of("command 1:0 SOURCE source [load_employees.dump]", "statement 1:29 SELECT 2"),
                    events("source load_employees.dump ; SELECT 2;"));
            assertEquals(List.of("command 1:0 SOURCE SOURCE [x.sql]", "command 2:14 SOURCE Source [x.sql]"),
                    events("SOURCE x.sql;\nSource x.sql\n"));
        }

        @Test
        void afterAStatementOnTheSameLineItIsFoundAtTheNextDelimiter() {
            // "select 10 as x; source x.sql\n;select 11;": the client ran x.sql between them
            assertEquals(List.of("statement 1:0 select 10 as x", "command 1:16 SOURCE source [x.sql]",
                    "statement 2:30 select 11"), events("select 10 as x; source x.sql\n;select 11;"));
        }

        @Test
        void theShortFormTakesTheRestOfTheLineDelimiterIncluded() {
            // the client: "\. x.sql;" -> Failed to open file 'x.sql;'
            assertEquals(List.of("command 1:0 SOURCE \\. [x.sql;]", "statement 2:10 SELECT 1"),
                    events("\\. x.sql;\nSELECT 1;"));
            assertEquals(List.of("command 1:0 SOURCE \\. [x.sql]", "statement 2:9 SELECT 2"),
                    events("\\. x.sql\nSELECT 2;"));
        }

        @Test
        void theShortFormInsideAStatementDropsWhatCameBefore() {
            assertEquals(List.of("command 1:9 SOURCE \\. [x.sql; SELECT 3;]", "statement 1:19 SELECT 3"),
                    events("SELECT 1 \\. x.sql; SELECT 3;"));
        }

        @Test
        void wordsInStringsCommentsOrLaterInAStatementAreNoCommands() {
            assertEquals(List.of("statement 1:0 SELECT 'x\\nsource y.sql'", "statement 4:40 SELECT 1 /* source z */",
                    "statement 5:65 SELECT \"\\\\! ls\""),
                    events("SELECT 'x\nsource y.sql';\n# source q.sql\nSELECT 1 /* source z */;\nSELECT \"\\! ls\";"));
            // the rest of a line after a statement is not a line start; "quit" then starts a statement the server gets
            assertEquals(List.of("statement 1:0 select 8", "statement 1:10 quit\\nselect 9"),
                    events("select 8; quit\nselect 9;"));
        }
    }

    @Nested
    class UseCharsetAndDelimiter {
        @Test
        void useWithoutDelimiterIsTheClients() {
            assertEquals(List.of("command 1:0 USE use [employees_like]", "statement 2:19 SELECT 1"),
                    events("use employees_like\nSELECT 1;"));
            assertEquals(List.of("command 1:0 USE \\u [db;]"), events("\\u db;\n"));
            assertEquals(List.of("command 1:0 USE use [my db]"), events("use `my db` extra\n"));
        }

        @Test
        void useWithDelimiterStaysAStatement() {
            assertEquals(List.of("statement 1:0 USE employees_like"), events("USE employees_like;"));
        }

        @Test
        void charsetTakesItsFirstWord() {
            assertEquals(List.of("command 1:0 CHARSET charset [latin1]", "command 2:15 CHARSET \\C [utf8mb4]",
                    "command 3:28 CHARSET charset [cp1250]"),
                    events("charset latin1\n\\C utf8mb4 x\ncharset cp1250;"));
        }

        @Test
        void theShortDelimiterFormSetsTheDelimiter() {
            assertEquals(List.of("statement 2:6 SELECT 1; SELECT 2", "statement 4:39 SELECT 3"),
                    events("\\d //\nSELECT 1; SELECT 2//\nDELIMITER ;\nSELECT 3;"));
        }

        @Test
        void theDelimiterCanBeSetAndReadForSourcedFiles() throws IOException {
            RecordingHandler h = new RecordingHandler();
            DumpScanner s = new DumpScanner(new ByteArrayInputStream("SELECT 1 $$ DELIMITER //\n".getBytes(
                    StandardCharsets.UTF_8)), "b.sql");
            s.useDelimiter("$$".getBytes(StandardCharsets.UTF_8));
            s.scan(h);
            assertEquals(List.of("statement 1:0 SELECT 1"), h.events);
            assertEquals("//", new String(s.delimiter(), StandardCharsets.UTF_8));
        }
    }

    @Nested
    class Terminators {
        @Test
        void backslashGEndsAStatementAnywhereInCode() {
            assertEquals(List.of("statement 1:0 SELECT 2 AS b", "statement 1:16 SELECT 3 AS c"),
                    events("SELECT 2 AS b\\g SELECT 3 AS c;"));
        }

        @Test
        void backslashCapitalGEndsItVertically() throws IOException {
            List<Boolean> vertical = new ArrayList<>();
            DumpScanner s = new DumpScanner(new ByteArrayInputStream("SELECT 1\\G SELECT 2;".getBytes(
                    StandardCharsets.UTF_8)), "t.sql");
            s.scan(new DumpHandler() {
                @Override
                public void statement(byte[] buf, int off, int len, SourcePosition at) {
                    vertical.add(s.vertical());
                }

                @Override
                public void insertStart(InsertHeader header, SourcePosition at) {
                }

                @Override
                public void tuple(byte[] buf, int off, int len, long line, long byteOffset) {
                }

                @Override
                public void insertEnd() {
                }
            });
            assertEquals(List.of(true, false), vertical);
        }

        @Test
        void goIsACommandOnlyAtAStatementStart() {
            // "SELECT 4\ngo\n;": the client sent "SELECT 4\ngo" (the server took go for an alias)
            assertEquals(List.of("statement 1:0 SELECT 4\\ngo"), events("SELECT 4\ngo\n;"));
            assertEquals(List.of("statement 2:3 SELECT 4"), events("go\nSELECT 4\n;"));
        }

        @Test
        void anInsertEndsAtBackslashG() {
            assertEquals(List.of("insert 1:0 INSERT `t`", "tuple 1:21 (1)", "tuple 1:25 (2)", "end",
                    "statement 1:31 SELECT 1"), events("INSERT INTO t VALUES (1),(2)\\g SELECT 1;"));
        }

        @Test
        void clearDropsTheStatement() {
            assertEquals(List.of("statement 1:12 select 6"), events("select 5 \\c select 6;"));
        }

        @Test
        void backslashNStaysNull() {
            assertEquals(List.of("insert 1:0 INSERT `t`", "tuple 1:21 (\\\\N)", "end"),
                    events("INSERT INTO t VALUES (\\N);"));
        }
    }

    @Nested
    class QuitAndDisplay {
        @Test
        void quitEndsTheInput() {
            assertEquals(List.of("statement 1:0 SELECT 1", "command 2:10 QUIT quit []"),
                    events("SELECT 1;\nquit\nSELECT 2;"));
            assertEquals(List.of("command 1:0 QUIT exit []"), events("exit;\nSELECT 2;"));
            assertEquals(List.of("command 1:0 QUIT \\q []"), events("\\q SELECT 2;"));
        }

        @Test
        void quitWithAnArgumentIsSql() {
            assertEquals(List.of("statement 1:0 quit now"), events("quit now;"));
        }

        @Test
        void displayCommandsAreReportedInPlace() {
            assertEquals(List.of("command 1:0 DISPLAY warnings []", "command 2:9 DISPLAY \\W []",
                    "command 3:12 DISPLAY tee [/tmp/out.txt]", "command 4:29 DISPLAY notee []",
                    "command 5:35 DISPLAY pager [less]", "command 6:46 DISPLAY \\n []",
                    "command 7:49 DISPLAY prompt [x>]", "command 8:60 DISPLAY rehash []",
                    "command 9:67 DISPLAY status []", "statement 10:74 SELECT 1"),
                    events("warnings\n\\W\ntee /tmp/out.txt\nnotee\npager less\n\\n\nprompt x> \nrehash\nstatus\n"
                            + "SELECT 1;"));
        }

        @Test
        void aShortFormInsideAStatementRunsInPlaceAndIsCutOut() {
            assertEquals(List.of("command 1:9 DISPLAY \\W []", "statement 1:0 SELECT 1  + 2"),
                    events("SELECT 1 \\W + 2;"));
        }
    }

    @Nested
    class Refused {
        @Test
        void shellAndConnectAreReportedWhereverTheClientWouldRunThem() {
            assertEquals(List.of("command 1:0 SHELL \\! [touch /tmp/x]", "command 2:16 SHELL system [ls]",
                    "command 3:26 CONNECT connect [otherdb 127.0.0.2]", "command 4:55 SHELL \\! [echo x]",
                    "command 5:72 SHELL \\! [ls]", "statement 5:65 SELECT \\n 1", "command 7:82 SHELL SYSTEM [id]",
                    "command 8:93 EDITOR \\e []"),
                    events("\\! touch /tmp/x\nsystem ls\nconnect otherdb 127.0.0.2\n   \\! echo x\nSELECT \\! ls\n 1;\n"
                            + "SYSTEM id;\n\\e\n"));
        }

        @Test
        void insideAValuesTupleItIsAnError() {
            String m = Scans.error("INSERT INTO t VALUES (1, \\! ls\n);").getMessage();
            assertTrue(m.contains("client command \\!"), m);
        }
    }

    /** Inputs with every command family; their events must not depend on how the bytes arrive. */
    private static final String[] INPUTS = {
        "source data/a.dump  \nSELECT 1;\nsource b.dump ; SELECT 2;\n\\. c.sql\nSELECT 3 \\. d.sql; SELECT 4;\n",
        "use db\n\\u db2\nUSE db3;\ncharset latin1\n\\C utf8\nDELIMITER //\nSELECT 1; SELECT 2//\n\\d ;\nSELECT 5;",
        "warnings\nSELECT 2 AS b\\g SELECT 3 AS c\\G\ngo\nSELECT 4\ngo\n;\nINSERT INTO t VALUES (1),(2)\\g select 5 \\c select 6;",
        "warnings\n\\W\ntee /tmp/out.txt\nnotee\nSELECT 1 \\W + 2;\nSELECT 'x\nsource y';\n/* \\! ls */ SELECT 2;\nquit\nX;",
        "CREATE TABLE t (a INT);\n\\! touch /tmp/x\nsystem ls\nINSERT INTO t VALUES (1);\nconnect otherdb 127.0.0.2\n"
                + "   \\! touch y\nSELECT COUNT(*) FROM t;\n",
    };

    @Property(tries = 200)
    void byteAtATimeAndRandomSplitsGiveTheSameEvents(@ForAll @IntRange(min = 0, max = 4) int which,
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int maxChunk,
            @ForAll @IntRange(min = 1, max = 200) int bufferSize) {
        byte[] input = INPUTS[which].getBytes(StandardCharsets.UTF_8);
        List<String> whole = Scans.outcome(new ByteArrayInputStream(input), DumpScanner.DEFAULT_BUFFER_SIZE);
        assertEquals(whole, Scans.outcome(ChunkedInputStream.oneByteAtATime(input), 1));
        assertEquals(whole, Scans.outcome(new ChunkedInputStream(input, seed, maxChunk), bufferSize));
    }

    @Test
    void theSplitInputsHoldCommands() {
        for (String in : INPUTS) {
            assertTrue(events(in).stream().anyMatch(e -> e.startsWith("command")), in);
        }
    }
}
