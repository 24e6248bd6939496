package dev.packload.loader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packload.loader.cli.ExitCode;
import dev.packload.loader.testing.CliRun;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL inputs that use the mysql client's own commands, loaded by packload and compared with what the {@code mariadb}
 * client does with them (the fixtures under {@code sourcing/}, and small files written here).
 */
class ClientCommandsIT {
    private static final Path EMPLOYEES = ClientRuns.SOURCING.resolve("employees-like");
    private static final Path HOSTILE = ClientRuns.SOURCING.resolve("hostile");

    @TempDir
    Path tmp;

    private static CliRun load(TestDatabase db, String... inputs) {
        String[] args = new String[10 + inputs.length];
        System.arraycopy(new String[] {"load", "-h", db.server().host(), "-P", String.valueOf(db.server().port()),
                "-u", db.server().user(), "-D", db.name(), "--no-progress"}, 0, args, 0, 10);
        System.arraycopy(inputs, 0, args, 10, inputs.length);
        return CliRun.of(args);
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static long tablesIn(TestDatabase db) throws Exception {
        return db.scalar("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db.name() + "'");
    }

    /** What packload printed before its summary (whose first line is the table header "table  rows read ..."). */
    private static String shown(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^table +rows read").matcher(out);
        return m.find() ? out.substring(0, m.start()) : out;
    }

    @Test
    void employeesLikeLoadsAsTheClientLoadsItAndShowsWhatTheClientShows() throws Exception {
        try (TestDatabase byClient = TestDatabase.create(TestServers.local(), "emp_client");
             TestDatabase byPackload = TestDatabase.create(TestServers.local(), "emp_packload")) {
            // the client makes and uses the database the files name: its copy names a fresh one; packload's copy is
            // the fixture as it is, loaded with -D, which redirects CREATE DATABASE and USE, as for any dump
            Path clientCopy = ClientRuns.copy(EMPLOYEES, tmp.resolve("client"), "employees_like", byClient.name());
            Path packloadCopy = ClientRuns.copy(EMPLOYEES, tmp.resolve("packload"), null, null);
            ClientRuns.Run client = ClientRuns.mariadb(clientCopy, byClient, clientCopy.resolve("employees.sql"));
            ClientRuns.Run packload = ClientRuns.packload(packloadCopy, byPackload, null, "employees.sql");
            assertEquals(0, client.code(), client.err());
            assertEquals(0, packload.code(), packload.out() + packload.err());

            String expected = Files.readString(EMPLOYEES.resolve("expected/output-batch.txt"), StandardCharsets.UTF_8);
            assertEquals(expected, client.out(), "the client no longer prints what the fixture recorded");
            assertEquals(expected, shown(packload.out()));

            List<String> tables = Files.readAllLines(EMPLOYEES.resolve("expected/tables.tsv"));
            assertEquals(tables, ClientRuns.tables(byClient));
            assertEquals(tables, ClientRuns.tables(byPackload));
            List<String> objects = Files.readAllLines(EMPLOYEES.resolve("expected/objects.tsv"));
            assertEquals(objects, ClientRuns.objects(byClient));
            assertEquals(objects, ClientRuns.objects(byPackload));
        }
    }

    @Test
    void aHostileDumpIsRefusedByNameAndLineWithNothingSent() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "hostile")) {
            CliRun run = load(db, HOSTILE.resolve("hostile.sql").toString());
            assertEquals(ExitCode.BAD_INPUT, run.code(), run.all());
            for (String line : List.of("hostile.sql:5 (byte", "hostile.sql:7: client command system",
                    "hostile.sql:9: client command connect", "hostile.sql:11: client command \\!")) {
                assertTrue(run.err().contains(line), line + " in: " + run.err());
            }
            assertTrue(run.err().contains("client command \\! (runs a shell command) is not allowed"), run.err());
            assertEquals(0, tablesIn(db), "hostile_t was created: something was sent");
            assertFalse(Files.exists(Path.of("/tmp/pwned-packload-hostile-1")));
            assertFalse(Files.exists(Path.of("/tmp/pwned-packload-hostile-2")));
        }
    }

    @Test
    void aHostileDumpOnStandardInputIsRefusedToo() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "hostile_stdin")) {
            ClientRuns.Run run = ClientRuns.packload(tmp, db, HOSTILE.resolve("hostile.sql"), "-");
            assertEquals(ExitCode.BAD_INPUT, run.code(), run.out() + run.err());
            assertTrue(run.err().contains("stdin:5"), run.err());
            assertEquals(0, tablesIn(db));
        }
    }

    @Test
    void lookAlikesInStringsAndCommentsLoad() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "lookalike")) {
            CliRun run = load(db, HOSTILE.resolve("benign-lookalikes.sql").toString());
            assertEquals(0, run.code(), run.all());
            assertEquals(4, db.count("lookalike_t"));
            assertEquals("rows_loaded\n4\n", shown(run.out()));
            assertEquals("\\! touch /tmp/pwned-packload-lookalike-1",
                    db.scalarString("SELECT note FROM lookalike_t WHERE id = 1"));
        }
    }

    @Test
    void sourcesNestAreFoundBesideTheNamingFileMayBeCompressedAndShareTheDelimiter() throws Exception {
        Path top = write("top.sql", "CREATE TABLE t (id INT PRIMARY KEY);\nsource sub/a.sql\n"
                + "SELECT COUNT(*) AS n FROM t //\nDELIMITER ;\nSELECT 'done' AS state;\n");
        write("sub/a.sql", "INSERT INTO t VALUES (1);\n\\. deeper/b.sql.gz\nDELIMITER //\n");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(
                Files.createDirectories(tmp.resolve("sub/deeper")).resolve("b.sql.gz")))) {
            gz.write("INSERT INTO t VALUES (2),(3);\nsource ../c.sql ;\n".getBytes(StandardCharsets.UTF_8));
        }
        write("sub/c.sql", "INSERT INTO t VALUES (4);\n");
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "nested")) {
            CliRun run = load(db, top.toString());
            assertEquals(0, run.code(), run.all());
            assertEquals(4, db.count("t"));
            assertEquals("n\n4\nstate\ndone\n", shown(run.out()));
        }
    }

    @Test
    void aCycleOfSourcesIsAnErrorNamingTheChainAndNothingIsSent() throws Exception {
        Path a = write("a.sql", "CREATE TABLE t (id INT);\nsource b.sql\n");
        write("b.sql", "INSERT INTO t VALUES (1);\nsource a.sql\n");
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "cycle")) {
            CliRun run = load(db, a.toString());
            assertEquals(ExitCode.BAD_INPUT, run.code(), run.all());
            assertTrue(run.err().contains("source cycle: " + a.toRealPath() + " -> " + tmp.resolve("b.sql")
                    .toRealPath() + " -> " + a.toRealPath()), run.err());
            assertTrue(run.err().contains("b.sql:2"), run.err());
            assertEquals(0, tablesIn(db));
        }
    }

    @Test
    void aMissingSourcedFileStopsTheInputBeforeItStarts() throws Exception {
        Path a = write("a.sql", "CREATE TABLE t (id INT);\nsource nowhere.sql ;\n");
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "missing")) {
            CliRun run = load(db, a.toString());
            assertEquals(ExitCode.BAD_INPUT, run.code(), run.all());
            assertTrue(run.err().contains("a.sql:2") && run.err().contains("cannot open 'nowhere.sql'"), run.err());
            assertEquals(0, tablesIn(db));
        }
    }

    @Test
    void aMalformedSourcedFileStopsTheInputThereKeepingWhatCameBefore() throws Exception {
        Path top = write("top.sql", "CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1);\nsource bad.sql\n"
                + "INSERT INTO t VALUES (9);\n");
        write("bad.sql", "INSERT INTO t VALUES (2),(3");
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "bad_source")) {
            CliRun run = load(db, top.toString());
            assertEquals(ExitCode.BAD_INPUT, run.code(), run.all());
            assertTrue(run.err().contains("bad.sql:1"), run.err());
            // as for any input cut off: the complete rows before the cut are loaded, nothing after it is read
            assertEquals("1,2", db.scalarString("SELECT GROUP_CONCAT(id ORDER BY id) FROM t"));
        }
    }

    @Test
    void quitEndsOnlyItsInput() throws Exception {
        Path first = write("first.sql", "CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1);\nsource q.sql\n"
                + "INSERT INTO t VALUES (3);\nquit\nINSERT INTO t VALUES (99);\n");
        write("q.sql", "INSERT INTO t VALUES (2);\n\\q\nINSERT INTO t VALUES (98);\n");
        Path second = write("second.sql", "INSERT INTO t VALUES (4);\nexit;\nINSERT INTO t VALUES (97);\n");
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "quit")) {
            CliRun run = load(db, first.toString(), second.toString());
            assertEquals(0, run.code(), run.all());
            assertEquals("1,2,3,4", db.scalarString("SELECT GROUP_CONCAT(id ORDER BY id) FROM t"));
        }
    }

    @Test
    void displayCommandsAreSkippedWithANoteUnderVerbose() throws Exception {
        Path in = write("display.sql", "warnings\n\\W\ntee " + tmp.resolve("tee.txt") + "\nnotee\npager less\n"
                + "nopager\nprompt x>\nrehash\nstatus\nprint\nnowarning\nCREATE TABLE t (id INT);\n"
                + "INSERT INTO t VALUES (1);\n");
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "display")) {
            CliRun run = load(db, in.toString(), "--verbose");
            assertEquals(0, run.code(), run.all());
            assertEquals(1, db.count("t"));
            assertTrue(run.err().contains("display.sql:1: client command warnings: skipped"), run.err());
            assertTrue(run.err().contains("display.sql:3: client command tee " + tmp.resolve("tee.txt")), run.err());
            assertFalse(Files.exists(tmp.resolve("tee.txt")));
            assertEquals(11, run.err().lines().filter(l -> l.contains("skipped (it changes only")).count(), run.err());
        }
    }

    @Test
    void goAndBackslashGTerminateAndShowAsTheClientShows() throws Exception {
        Path in = write("go.sql", "CREATE TABLE t (id INT, note VARCHAR(20))\\g\n"
                + "INSERT INTO t VALUES (1, 'a\\tb'),(2, NULL)\\g\ngo\n"
                + "SELECT id, note AS longer_name FROM t ORDER BY id\\G\n"
                + "SELECT id, note, 'x\\\\y' AS s FROM t ORDER BY id\\g SELECT 1 AS one FROM t WHERE 0;\n");
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "go")) {
            CliRun run = load(db, in.toString());
            assertEquals(0, run.code(), run.all());
            assertEquals(2, db.count("t"));
            ClientRuns.Run client;
            try (TestDatabase other = TestDatabase.create(TestServers.local(), "go_client")) {
                client = ClientRuns.mariadb(tmp, other, in);
            }
            assertEquals(0, client.code(), client.err());
            assertEquals(client.out(), shown(run.out()));
            assertTrue(client.out().contains("*************************** 1. row ***************************\n"
                    + "         id: 1\nlonger_name: a\tb\n"), client.out());
        }
    }

    @Test
    void charsetSwitchesTheConnectionAsTheClientDoes() throws Exception {
        Path in = write("charset.sql", "charset latin1\nSELECT @@character_set_client AS cs;\n\\C utf8mb4\n"
                + "SELECT @@character_set_client AS cs;\n");
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "charset")) {
            CliRun run = load(db, in.toString());
            assertEquals(0, run.code(), run.all());
            assertEquals("cs\nlatin1\ncs\nutf8mb4\n", shown(run.out()));
        }
    }
}
