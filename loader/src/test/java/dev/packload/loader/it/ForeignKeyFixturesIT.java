package dev.packload.loader.it;

import dev.packload.loader.cli.ExitCode;
import dev.packload.loader.testing.CliRun;
import dev.packload.loader.testing.Server;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The foreign-keys fixtures ({@code src/test/resources/foreign-keys/README.md}: real mariadb-dump output of a schema
 * with a composite, a self-referencing, a nullable (MATCH SIMPLE) and a cascading foreign key, utf8mb4 text keys and
 * a child table with a trigger, none of it setting FOREIGN_KEY_CHECKS) loaded by packload, with deferred checks (the
 * default) and with {@code --foreign-key-checks immediate}, two writers each, and by the mariadb client; the
 * databases are compared table by table: CHECKSUM TABLE and row count, SHOW CREATE TABLE, triggers and every column,
 * index and foreign key ({@code measure/objects.sql}).
 *
 * <p>Where the client itself fails (a child's rows before its parent's, with the checks on), the test says what the
 * client does and asserts packload's documented difference instead (README, "Deferred foreign key checks": a child row
 * whose parent row comes later in the load is kept). Every database is created fresh and dropped.
 */
class ForeignKeyFixturesIT {
    private static final Server SERVER = TestServers.local();
    private static final Path FIXTURES = Path.of("src/test/resources/foreign-keys").toAbsolutePath();
    private static final List<String> TABLES = List.of("assignment", "department", "employee", "employee_badge",
            "project", "region", "timesheet");
    /**
     * The client's default character set here is not utf8mb4, and mariadb-dump --compact writes no SET NAMES: without
     * this, the client stores '?' for a 4-byte character or refuses the row (1366). packload's default is utf8mb4.
     */
    private static final String UTF8MB4 = "--default-character-set=utf8mb4";

    @TempDir
    Path tmp;

    /** Everything compared between two loads. */
    private record Snapshot(List<String> tables, Map<String, String> createTables, List<String> triggers,
                            List<String> objects) {
    }

    private static Snapshot snapshot(TestDatabase db) throws Exception {
        Map<String, String> create = new TreeMap<>();
        List<String> triggers = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String t : baseTables(st)) {
                try (ResultSet rs = st.executeQuery("SHOW CREATE TABLE `" + t + "`")) {
                    rs.next();
                    create.put(t, rs.getString(2));
                }
            }
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS"
                    + " WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY TRIGGER_NAME")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String n : names) {
                try (ResultSet rs = st.executeQuery("SHOW CREATE TRIGGER `" + n + "`")) {
                    rs.next();
                    // name, sql_mode, the statement (DEFINER included), character_set_client, collation_connection,
                    // database collation
                    triggers.add(String.join(" | ", rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
        }
        return new Snapshot(ClientRuns.tables(db), create, triggers, ClientRuns.objects(db));
    }

    private static List<String> baseTables(Statement st) throws Exception {
        List<String> t = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA ="
                + " DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
            while (rs.next()) {
                t.add(rs.getString(1));
            }
        }
        return t;
    }

    private static void assertSame(Snapshot want, Snapshot got, String what) {
        assertEquals(want.tables(), got.tables(), what + ": tables (rows, CHECKSUM TABLE)");
        assertEquals(want.createTables(), got.createTables(), what + ": SHOW CREATE TABLE");
        assertEquals(want.triggers(), got.triggers(), what + ": SHOW CREATE TRIGGER");
        assertEquals(want.objects(), got.objects(), what + ": columns, indexes, foreign keys, triggers");
    }

    /** The source's tables, as make-fixtures.sh measured them (row counts and CHECKSUM TABLE). */
    private static List<String> sourceTables() throws Exception {
        return Files.readAllLines(FIXTURES.resolve("expected/source/tables.tsv"));
    }

    private CliRun packload(TestDatabase db, Path rejects, String... more) {
        List<String> a = new ArrayList<>(List.of("load", "-h", SERVER.host(), "-P", String.valueOf(SERVER.port()),
                "-u", SERVER.user(), "-D", db.name(), "--no-progress", "--no-journal", "--threads", "2",
                "--reject-file", rejects.toString()));
        a.addAll(List.of(more));
        return CliRun.of(a.toArray(new String[0]));
    }

    /**
     * packload with two writers and the foreign key checks {@code deferred} (the default: no option given) or
     * {@code immediate}; the reject file is {@code <mode>-<database>.sql} in the test's folder.
     */
    private CliRun packload(TestDatabase db, String mode, Path input) {
        Path rejects = rejectsOf(db, mode);
        return mode.equals("deferred") ? packload(db, rejects, input.toString())
                : packload(db, rejects, "--foreign-key-checks", mode, input.toString());
    }

    private Path rejectsOf(TestDatabase db, String mode) {
        return tmp.resolve(mode + "-" + db.name() + ".sql");
    }

    private static ClientRuns.Run client(Path dir, TestDatabase db, Path input, String... options) throws Exception {
        return ClientRuns.mariadb(dir, db, input, options);
    }

    /** Loads schema.sql (mariadb-dump --no-data: its header turns the checks off) with the client. */
    private static void schema(TestDatabase... dbs) throws Exception {
        for (TestDatabase db : dbs) {
            ClientRuns.Run r = client(FIXTURES, db, FIXTURES.resolve("schema.sql"), UTF8MB4);
            assertEquals(0, r.code(), r.err());
        }
    }

    private static long tablesIn(TestDatabase db) throws Exception {
        return db.scalar("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db.name() + "'");
    }

    /**
     * mariadb-dump --compact writes tables in name order with no header, so the checks stay on, and assignment's
     * CREATE TABLE names employee and project, which do not exist yet: the client stops there (1005, errno 150).
     * packload runs DDL with the dump's checks, as the client does, and stops at the same statement with nothing
     * created (its exit code for a statement the server refuses is 4).
     */
    @Test
    void aWholeDumpInNameOrderStopsAtTheFirstChildTableAsUnderTheClient() throws Exception {
        Path input = FIXTURES.resolve("whole-compact.sql");
        try (TestDatabase viaClient = TestDatabase.create(SERVER, "fkfx_whole_c");
                TestDatabase deferred = TestDatabase.create(SERVER, "fkfx_whole_d");
                TestDatabase immediate = TestDatabase.create(SERVER, "fkfx_whole_i")) {
            ClientRuns.Run cli = client(FIXTURES, viaClient, input, UTF8MB4);
            assertEquals(1, cli.code(), cli.err());
            assertTrue(cli.err().contains("\nERROR 1005 (HY000) at line 4: Can't create table `" + viaClient.name()
                    + "`.`assignment` (errno: 150 \"Foreign key constraint is incorrectly formed\")"), cli.err());
            assertEquals(0, tablesIn(viaClient));

            for (TestDatabase db : List.of(deferred, immediate)) {
                CliRun r = packload(db, db == deferred ? "deferred" : "immediate", input);
                assertEquals(ExitCode.BAD_INPUT, r.code(), r.all());
                assertTrue(r.err().contains("whole-compact.sql:4 (byte 152): the server refused a statement: ERROR 1005"
                        + " (HY000): Can't create table `" + db.name() + "`.`assignment` (errno: 150"), r.err());
                assertEquals(0, tablesIn(db), "nothing created, as under the client");
                assertSame(snapshot(viaClient), snapshot(db), db.name());
            }
        }
    }

    /** The same dump with its tables named parents first on mariadb-dump's command line: the client loads it whole. */
    @Test
    void aWholeDumpParentsFirstLoadsAsTheClientLoadsIt() throws Exception {
        Path input = FIXTURES.resolve("whole-compact-ordered.sql");
        try (TestDatabase viaClient = TestDatabase.create(SERVER, "fkfx_ord_c");
                TestDatabase deferred = TestDatabase.create(SERVER, "fkfx_ord_d");
                TestDatabase immediate = TestDatabase.create(SERVER, "fkfx_ord_i")) {
            ClientRuns.Run cli = client(FIXTURES, viaClient, input, UTF8MB4);
            assertEquals(0, cli.code(), cli.err());
            Snapshot want = snapshot(viaClient);
            assertEquals(sourceTables(), want.tables());

            CliRun d = packload(deferred, "deferred", input);
            assertEquals(ExitCode.OK, d.code(), d.all());
            assertTrue(d.out().contains("fk checked after"), "the checks were deferred: " + d.out());
            assertSame(want, snapshot(deferred), "deferred");

            CliRun i = packload(immediate, "immediate", input);
            assertEquals(ExitCode.OK, i.code(), i.all());
            assertFalse(i.out().contains("fk checked after"), i.out());
            assertSame(want, snapshot(immediate), "immediate");
        }
    }

    /**
     * Data only, in name order, onto schema.sql: assignment's rows come before employee's and project's, department's
     * before region's. The client, checks on, refuses assignment's INSERT at line 1 and stops (with --force it goes on
     * and every table but region ends empty: each child's parent was refused or not there yet). packload, deferred,
     * keeps every row, because every parent arrives within the load: the database the dump means, which is what the
     * client loads with the checks off, and the source. employee_badge has a trigger, so its rows keep their checks
     * with employee's rows before them in the dump: they must find them there whichever writer sent those.
     */
    @Test
    void dataOnlyInNameOrderKeepsEveryRowDeferredWhereTheClientRefusesThem() throws Exception {
        Path input = FIXTURES.resolve("data-only.sql");
        try (TestDatabase viaClient = TestDatabase.create(SERVER, "fkfx_data_c");
                TestDatabase forced = TestDatabase.create(SERVER, "fkfx_data_f");
                TestDatabase unchecked = TestDatabase.create(SERVER, "fkfx_data_u");
                TestDatabase deferred = TestDatabase.create(SERVER, "fkfx_data_d");
                TestDatabase immediate = TestDatabase.create(SERVER, "fkfx_data_i")) {
            schema(viaClient, forced, unchecked, deferred, immediate);
            ClientRuns.Run cli = client(FIXTURES, viaClient, input, UTF8MB4);
            assertEquals(1, cli.code(), cli.err());
            assertTrue(cli.err().contains("\nERROR 1452 (23000) at line 1: Cannot add or update a child row: a foreign"
                    + " key constraint fails (`" + viaClient.name() + "`.`assignment`, CONSTRAINT"), cli.err());
            for (String t : TABLES) {
                assertEquals(0, viaClient.count(t), t);
            }
            ClientRuns.Run force = client(FIXTURES, forced, input, UTF8MB4, "--force");
            assertEquals(6, force.err().split("ERROR 1452", -1).length - 1, force.err());
            assertEquals(6, forced.count("region"));
            ClientRuns.Run off = client(FIXTURES, unchecked, input, UTF8MB4,
                    "--init-command=SET foreign_key_checks=0");
            assertEquals(0, off.code(), off.err());
            Snapshot meant = snapshot(unchecked);
            assertEquals(sourceTables(), meant.tables());

            CliRun d = packload(deferred, "deferred", input);
            assertEquals(ExitCode.OK, d.code(), d.all() + rejectsText(deferred, "deferred"));
            assertSame(meant, snapshot(deferred), "deferred");

            // immediate: every row checked as it goes in, as under the client with --force, row by row where the
            // client refuses a whole statement: employee_badge's four visitor rows (no employee) are kept, its other
            // rows refused with employee's (none of whose departments had come yet)
            CliRun i = packload(immediate, "immediate", input);
            assertEquals(ExitCode.ROWS_REJECTED, i.code(), i.all());
            Snapshot got = snapshot(immediate);
            Snapshot client = snapshot(forced);
            assertEquals(client.createTables(), got.createTables());
            assertEquals(client.triggers(), got.triggers());
            for (String t : TABLES) {
                assertEquals(t.equals("employee_badge") ? 4 : forced.count(t), immediate.count(t), t);
                if (!t.equals("employee_badge")) {
                    assertEquals(forced.checksum(t), immediate.checksum(t), t);
                }
            }
            assertEquals("7,14,21,28", immediate.scalarString("SELECT GROUP_CONCAT(id ORDER BY id) FROM employee_badge"
                    + " WHERE employee_id IS NULL HAVING COUNT(*) = 4"));
            long rows = sourceTables().stream().skip(1).mapToLong(l -> Long.parseLong(l.split("\t")[3])).sum();
            assertEquals(rows - 10, rejected(rejectsOf(immediate, "immediate")).size(),
                    "every row not loaded is in the reject file");
        }
    }

    /**
     * test_db's layout: load.sql creates the tables and sources each table's data file, parents first, with nothing
     * between the sources: both packload modes load exactly what the client loads, and print what it prints.
     */
    @Test
    void theSourcedLayoutLoadsAsTheClientLoadsIt() throws Exception {
        Path dir = FIXTURES.resolve("sourced");
        Path input = dir.resolve("load.sql");
        try (TestDatabase viaClient = TestDatabase.create(SERVER, "fkfx_src_c");
                TestDatabase deferred = TestDatabase.create(SERVER, "fkfx_src_d");
                TestDatabase immediate = TestDatabase.create(SERVER, "fkfx_src_i")) {
            ClientRuns.Run cli = client(dir, viaClient, input, UTF8MB4);
            assertEquals(0, cli.code(), cli.err());
            assertEquals("INFO\nCREATING DATABASE STRUCTURE\nINFO\nLOADING DATA\nINFO\nDONE\n", cli.out());
            Snapshot want = snapshot(viaClient);
            assertEquals(sourceTables(), want.tables());

            CliRun d = packload(deferred, "deferred", input);
            assertEquals(ExitCode.OK, d.code(), d.all() + rejectsText(deferred, "deferred"));
            assertTrue(d.out().startsWith(cli.out()), d.out());
            assertTrue(d.out().contains("fk checked after"), d.out());
            assertSame(want, snapshot(deferred), "deferred");

            CliRun i = packload(immediate, "immediate", input);
            assertEquals(ExitCode.OK, i.code(), i.all() + rejectsText(immediate, "immediate"));
            assertTrue(i.out().startsWith(cli.out()), i.out());
            assertSame(want, snapshot(immediate), "immediate");
        }
    }

    /**
     * The orphans: orphans.sql is data only, parents first, dumped from a source where employees 14 and 43 were
     * deleted with the checks off. Employee 40 (manager 14), the assignments of 14 and 43, and badge 12 (employee 43)
     * have no parent; the assignments of 40, the timesheet rows of all those assignments and badge 24 (employee 40)
     * hang on rows that are refused. The client, checks on, stops at employee 40's INSERT; with --force it refuses
     * whole statements. packload rejects exactly those rows, with error 1452's text, exits 3, and leaves the
     * database the client loads from the same file with those rows taken out; --foreign-key-checks immediate too.
     */
    @Test
    void orphansAreRejectedExactlyAndTheRestIsWhatTheClientLoadsWithoutThem() throws Exception {
        Path input = FIXTURES.resolve("orphans.sql");
        Set<Integer> gone = Set.of(14, 40, 43); // 14 and 43 deleted in the source, 40 refused as 14's report
        Map<String, BiPredicate<Integer, Integer>> orphan = Map.of(
                "employee", (id, second) -> id == 40,
                "assignment", (employeeId, second) -> gone.contains(employeeId),
                "timesheet", (id, employeeId) -> gone.contains(employeeId),
                "employee_badge", (id, employeeId) -> id == 12 || id == 24);
        Set<String> expectedRejects = new TreeSet<>();
        Path cleaned = tmp.resolve("orphans-removed.sql");
        Files.writeString(cleaned, withoutRows(Files.readString(input, StandardCharsets.UTF_8), orphan,
                expectedRejects), StandardCharsets.UTF_8);
        assertEquals(1 + 7 + 14 + 2, expectedRejects.size(), expectedRejects.toString());

        try (TestDatabase viaClient = TestDatabase.create(SERVER, "fkfx_orph_c");
                TestDatabase cleanClient = TestDatabase.create(SERVER, "fkfx_orph_r");
                TestDatabase deferred = TestDatabase.create(SERVER, "fkfx_orph_d");
                TestDatabase immediate = TestDatabase.create(SERVER, "fkfx_orph_i")) {
            schema(viaClient, cleanClient, deferred, immediate);
            ClientRuns.Run cli = client(FIXTURES, viaClient, input, UTF8MB4);
            assertEquals(1, cli.code(), cli.err());
            assertTrue(cli.err().contains("\nERROR 1452 (23000) at line 22: Cannot add or update a child row: a foreign"
                    + " key constraint fails (`" + viaClient.name() + "`.`employee`, CONSTRAINT `fk_employee_manager`"),
                    cli.err());
            ClientRuns.Run clean = client(FIXTURES, cleanClient, cleaned, UTF8MB4);
            assertEquals(0, clean.code(), "the client loads the file without its orphans: " + clean.err());
            Snapshot want = snapshot(cleanClient);

            for (TestDatabase db : List.of(deferred, immediate)) {
                String mode = db == deferred ? "deferred" : "immediate";
                CliRun r = packload(db, mode, input);
                assertEquals(ExitCode.ROWS_REJECTED, r.code(), r.all());
                assertSame(want, snapshot(db), db.name());
                List<Reject> rows = rejected(rejectsOf(db, mode));
                Set<String> keys = new TreeSet<>();
                for (Reject row : rows) {
                    keys.add(row.key());
                    assertTrue(row.reason().startsWith("ERROR 1452 (23000): Cannot add or update a child row: a foreign"
                            + " key constraint fails (`" + db.name() + "`.`" + row.table() + "`, CONSTRAINT `fk_"),
                            row.toString());
                }
                assertEquals(expectedRejects.size(), rows.size(), "each orphan once: " + rows);
                assertEquals(expectedRejects, keys, db.name());
            }
        }
    }

    /** The reject file's text, for a failure message ("" when there is none: nothing was rejected). */
    private String rejectsText(TestDatabase db, String mode) throws Exception {
        Path p = rejectsOf(db, mode);
        return Files.exists(p) ? "\n" + Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    /** One row of a reject file: its table, its first two values (unquoted), and the reason. */
    private record Reject(String table, String first, String second, String reason) {
        String key() {
            return table + ":" + first + "," + second;
        }
    }

    /** A SQL value as mariadb-dump and the reject file write it: a quoted string (with \\ or '' escapes), or else. */
    private static final String VALUE = "'(?:[^'\\\\]|\\\\.|'')*'|[^,)]*";
    /** A reject file's INSERT: the table, then the first two values (a number, NULL, or a quoted string). */
    private static final Pattern INSERT = Pattern.compile("^INSERT INTO `[^`]+`\\.`([^`]+)`(?: \\([^)]*\\))? VALUES \\("
            + "(" + VALUE + "),(" + VALUE + "),");

    private static List<Reject> rejected(Path rejects) throws Exception {
        List<Reject> rows = new ArrayList<>();
        String reason = null;
        for (String line : Files.readAllLines(rejects, StandardCharsets.UTF_8)) {
            if (line.startsWith("-- reason: ")) {
                reason = line.substring("-- reason: ".length());
            } else if (line.startsWith("INSERT INTO ")) {
                Matcher m = INSERT.matcher(line);
                assertTrue(m.find(), line);
                rows.add(new Reject(m.group(1), unquote(m.group(2)), unquote(m.group(3)), reason));
            }
        }
        return rows;
    }

    private static String unquote(String value) {
        return value.startsWith("'") ? value.substring(1, value.length() - 1).replace("\\'", "'").replace("''", "'")
                : value;
    }

    private static final Pattern ROW = Pattern.compile("^\\((-?\\d+),(" + VALUE + "),");

    /**
     * The dump without the rows {@code orphan} picks (by table, on the row's first two values, the second as a number
     * when it is one): mariadb-dump writes one row per line, {@code (…),} and the statement's last {@code (…);}.
     * Each row taken out is added to {@code taken} as {@link Reject#key}.
     */
    private static String withoutRows(String dump, Map<String, BiPredicate<Integer, Integer>> orphan,
                                      Set<String> taken) {
        List<String> out = new ArrayList<>();
        String table = null;
        for (String line : dump.split("\n", -1)) {
            Matcher insert = Pattern.compile("^INSERT INTO `([^`]+)` VALUES$").matcher(line);
            if (insert.matches()) {
                table = insert.group(1);
                out.add(line);
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (table != null && row.find() && orphan.containsKey(table)) {
                String second = unquote(row.group(2));
                Integer secondNumber = second.matches("-?\\d+") ? Integer.valueOf(second) : null;
                if (orphan.get(table).test(Integer.valueOf(row.group(1)), secondNumber)) {
                    taken.add(table + ":" + row.group(1) + "," + second);
                    if (line.endsWith(");")) { // the statement's last row: the row before it ends the statement now
                        String prev = out.remove(out.size() - 1);
                        assertTrue(prev.endsWith("),"), prev);
                        out.add(prev.substring(0, prev.length() - 1) + ";");
                    }
                    continue;
                }
            }
            out.add(line);
        }
        return String.join("\n", out);
    }
}
