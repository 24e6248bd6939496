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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --foreign-key-checks deferred} (the default) against the mariadb client's load of the same dump: rows of
 * plain INSERTs into child tables go with the checks off, and the check after the load takes out exactly the rows
 * the server would have refused, into the reject file with the constraint named (exit code 3); a dump that turns the
 * checks off itself is not checked; REPLACE, INSERT IGNORE and ON DUPLICATE KEY UPDATE rows keep their checks; DDL
 * sees the dump's own setting.
 */
class DeferredForeignKeysIT {
    @TempDir
    Path dir;

    private static final Server SERVER = TestServers.local();

    /** An employees-like schema in the layout of test_db's employees.sql: no SET FOREIGN_KEY_CHECKS anywhere. */
    private static final String SCHEMA = """
            CREATE TABLE employees (emp_no INT NOT NULL, birth_date DATE NOT NULL, first_name VARCHAR(14) NOT NULL,
                last_name VARCHAR(16) NOT NULL, gender ENUM ('M','F') NOT NULL, hire_date DATE NOT NULL,
                PRIMARY KEY (emp_no));
            CREATE TABLE departments (dept_no CHAR(4) NOT NULL, dept_name VARCHAR(40) NOT NULL,
                PRIMARY KEY (dept_no), UNIQUE KEY (dept_name));
            CREATE TABLE dept_emp (emp_no INT NOT NULL, dept_no CHAR(4) NOT NULL, from_date DATE NOT NULL,
                to_date DATE NOT NULL,
                FOREIGN KEY (emp_no) REFERENCES employees (emp_no) ON DELETE CASCADE,
                FOREIGN KEY (dept_no) REFERENCES departments (dept_no) ON DELETE CASCADE,
                PRIMARY KEY (emp_no, dept_no));
            CREATE TABLE salaries (emp_no INT NOT NULL, salary INT NOT NULL, from_date DATE NOT NULL,
                to_date DATE NOT NULL, FOREIGN KEY (emp_no) REFERENCES employees (emp_no) ON DELETE CASCADE,
                PRIMARY KEY (emp_no, from_date));
            """;

    private static String employeesLike(int employees) {
        StringBuilder sb = new StringBuilder(SCHEMA);
        sb.append("INSERT INTO departments VALUES ('d001','Marketing'),('d002','Finance'),('d003','Sales');\n");
        for (int from = 1; from <= employees; from += 500) {
            StringBuilder e = new StringBuilder("INSERT INTO employees VALUES ");
            StringBuilder d = new StringBuilder("INSERT INTO dept_emp VALUES ");
            StringBuilder s = new StringBuilder("INSERT INTO salaries VALUES ");
            for (int i = from; i < Math.min(from + 500, employees + 1); i++) {
                String sep = i == from ? "" : ",";
                e.append(sep).append("(").append(10000 + i).append(",'1960-01-01','Name").append(i)
                        .append("','Last','").append(i % 2 == 0 ? "M" : "F").append("','1990-01-01')");
                d.append(sep).append("(").append(10000 + i).append(",'d00").append(1 + i % 3)
                        .append("','1990-01-01','9999-01-01')");
                for (int y = 0; y < 3; y++) {
                    s.append(i == from && y == 0 ? "" : ",").append("(").append(10000 + i).append(",")
                            .append(40000 + i + y).append(",'").append(1990 + y).append("-01-01','")
                            .append(1991 + y).append("-01-01')");
                }
            }
            sb.append(e).append(";\n");
            sb.append(d).append(";\n");
            sb.append(s).append(";\n");
        }
        return sb.toString();
    }

    private Path write(String name, String sql) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, sql, StandardCharsets.UTF_8);
        return p;
    }

    private static CliRun packload(TestDatabase db, Path rejects, String... more) {
        List<String> a = new ArrayList<>(List.of("load", "-h", SERVER.host(), "-P", String.valueOf(SERVER.port()),
                "-u", SERVER.user(), "-D", db.name(), "--no-progress", "--no-journal", "--reject-file",
                rejects.toString()));
        a.addAll(List.of(more));
        return CliRun.of(a.toArray(new String[0]));
    }

    private static Loads.Exec client(TestDatabase db, Path input, String... extra) throws Exception {
        return Loads.exec(input, Loads.mariadb(SERVER, db.name(), extra));
    }

    private static void assertSameTables(TestDatabase want, TestDatabase got, String... tables) throws Exception {
        for (String t : tables) {
            assertEquals(want.checksum(t), got.checksum(t), t);
            assertEquals(want.count(t), got.count(t), t);
        }
    }

    @Test
    void anEmployeesLikeDumpLoadsWithDeferredChecksAsTheClientLoadsIt() throws Exception {
        Path dump = write("employees.sql", employeesLike(2000));
        try (TestDatabase viaClient = TestDatabase.create(SERVER, "fk_cli");
                TestDatabase viaPackload = TestDatabase.create(SERVER, "fk_pl")) {
            Loads.Exec cli = client(viaClient, dump);
            assertEquals(0, cli.code(), cli.output());
            CliRun r = packload(viaPackload, dir.resolve("rejects.sql"), dump.toString());
            assertEquals(ExitCode.OK, r.code(), r.all());
            assertSameTables(viaClient, viaPackload, "employees", "departments", "dept_emp", "salaries");
            assertTrue(r.out().contains("fk checked after"), r.out());
            assertTrue(r.out().matches("(?s).*\\bdept_emp\\s+2,000\\s+2,000\\s+0\\b[^\\n]*\\b2 in \\d+\\.\\ds\\n.*"), r.out());
            assertTrue(r.out().matches("(?s).*\\bsalaries\\s+6,000\\s+6,000\\s+0\\b[^\\n]*\\b1 in \\d+\\.\\ds\\n.*"), r.out());
        }
    }

    /**
     * The sound sign that the rows went with the checks off: a child row that comes before its parent's row. The
     * server refuses it row by row (so does the client, and {@code immediate}); deferred, the check after the load
     * finds the parent and keeps it, as mysqldump means its dumps to load. This is also the one way deferred differs
     * from the client, as the README says.
     */
    @Test
    void aChildRowBeforeItsParentLoadsDeferredAndIsRefusedImmediately() throws Exception {
        Path dump = write("late-parent.sql", SCHEMA
                + "INSERT INTO departments VALUES ('d001','Marketing');\n"
                + "INSERT INTO employees VALUES (1,'1960-01-01','A','B','M','1990-01-01');\n"
                + "INSERT INTO dept_emp VALUES (1,'d001','1990-01-01','9999-01-01');\n"
                + "INSERT INTO dept_emp VALUES (2,'d001','1990-01-01','9999-01-01');\n"
                + "INSERT INTO employees VALUES (2,'1960-01-01','C','D','F','1990-01-01');\n");
        try (TestDatabase deferred = TestDatabase.create(SERVER, "fk_late_d");
                TestDatabase immediate = TestDatabase.create(SERVER, "fk_late_i");
                TestDatabase viaClient = TestDatabase.create(SERVER, "fk_late_c")) {
            // one writer: the rows reach the server in the dump's order, emp 2's dept_emp row before emp 2
            CliRun d = packload(deferred, dir.resolve("d.sql"), "--threads", "1", dump.toString());
            assertEquals(ExitCode.OK, d.code(), d.all());
            assertEquals(2, deferred.count("dept_emp"), "both rows: emp 2 is there when the check runs");
            assertFalse(Files.exists(dir.resolve("d.sql")));

            // one writer: with two, the rows of employees and dept_emp may reach the server in either order
            CliRun i = packload(immediate, dir.resolve("i.sql"), "--foreign-key-checks", "immediate", "--threads",
                    "1", dump.toString());
            assertEquals(ExitCode.ROWS_REJECTED, i.code(), i.all());
            assertEquals(1, immediate.count("dept_emp"), "the server refused emp 2's row as it was inserted");
            String rejected = Files.readString(dir.resolve("i.sql"));
            assertTrue(rejected.contains("-- source: " + dump + ":") && rejected.contains("ERROR 1452"), rejected);

            Loads.Exec cli = client(viaClient, dump, "--force");
            assertTrue(cli.output().contains("ERROR 1452"), cli.output());
            assertSameTables(viaClient, immediate, "dept_emp");
        }
    }

    /**
     * Rows without a parent: rejected with the constraint, child and parent named, exit code 3, and deleted; the
     * tables end as the client's load with --force (each orphan an INSERT of its own, which the client refuses
     * whole). A row with a NULL in a key's column is not checked (MATCH SIMPLE); a self-reference to a refused row is
     * refused too, as it is by the client.
     */
    @Test
    void orphansGoToTheRejectFileAndTheTablesEndAsTheClientsForcedLoad() throws Exception {
        Path dump = write("orphans.sql", SCHEMA
                + "CREATE TABLE pair (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a, b));\n"
                + "CREATE TABLE pair_ref (id INT PRIMARY KEY, a INT, b INT, note VARBINARY(8), bits BIT(4),"
                + " FOREIGN KEY fk_pair (a, b) REFERENCES pair (a, b));\n"
                + "CREATE TABLE boss (id INT PRIMARY KEY, boss_id INT, CONSTRAINT fk_boss FOREIGN KEY (boss_id)"
                + " REFERENCES boss (id));\n"
                + "INSERT INTO departments VALUES ('d001','Marketing');\n"
                + "INSERT INTO employees VALUES (1,'1960-01-01','A','B','M','1990-01-01');\n"
                + "INSERT INTO dept_emp VALUES (1,'d001','1990-01-01','9999-01-01');\n"
                + "INSERT INTO dept_emp VALUES (7,'d001','1990-01-01','9999-01-01');\n"
                + "INSERT INTO dept_emp VALUES (1,'d009','1991-01-01','9999-01-01');\n"
                + "INSERT INTO salaries VALUES (1,100,'1990-01-01','1991-01-01'),(1,110,'1991-01-01','1992-01-01');\n"
                + "INSERT INTO salaries VALUES (8,100,'1990-01-01','1991-01-01');\n"
                + "INSERT INTO pair VALUES (1,1),(2,2);\n"
                + "INSERT INTO pair_ref VALUES (1,1,1,'ok',b'1010'),(2,2,2,NULL,NULL),(3,9,NULL,'null b',NULL);\n"
                + "INSERT INTO pair_ref VALUES (4,1,2,0x00ff27,b'0101');\n"
                + "INSERT INTO boss VALUES (1,NULL),(2,1);\n"
                + "INSERT INTO boss VALUES (3,99);\n"
                + "INSERT INTO boss VALUES (4,3);\n"
                + "INSERT INTO boss VALUES (5,4);\n");
        try (TestDatabase viaClient = TestDatabase.create(SERVER, "fk_orph_c");
                TestDatabase viaPackload = TestDatabase.create(SERVER, "fk_orph_p")) {
            Loads.Exec cli = client(viaClient, dump, "--force");
            assertTrue(cli.output().contains("ERROR 1452"), cli.output());
            Path rejects = dir.resolve("rejects.sql");
            CliRun r = packload(viaPackload, rejects, dump.toString());
            assertEquals(ExitCode.ROWS_REJECTED, r.code(), r.all());
            assertSameTables(viaClient, viaPackload, "dept_emp", "salaries", "pair_ref", "boss");
            assertEquals(1, viaPackload.count("dept_emp"));
            assertEquals(2, viaPackload.count("boss"), "3 has no boss 99; 4 and 5 hang on it");
            String rejected = Files.readString(rejects);
            String q = "`" + viaPackload.name() + "`";
            assertTrue(rejected.contains("a foreign key constraint fails (" + q + ".`pair_ref`, CONSTRAINT `fk_pair`"
                    + " FOREIGN KEY (`a`, `b`) REFERENCES " + q + ".`pair` (`a`, `b`))"), rejected);
            assertTrue(rejected.contains("INSERT INTO " + q + ".`pair_ref` (`id`,`a`,`b`,`note`,`bits`) VALUES"
                    + " ('4','1','2',X'00FF27',b'101');"), rejected);
            assertTrue(rejected.contains("CONSTRAINT `fk_boss` FOREIGN KEY (`boss_id`) REFERENCES " + q
                    + ".`boss` (`id`)"), rejected);
            assertEquals(7, rejected.split("-- reason: ERROR 1452", -1).length - 1, rejected);
            assertTrue(r.out().matches("(?s).*\\bboss\\s+5\\s+2\\s+3\\b.*"), r.out());

            // the reject file loads back, with the client, once the parents are there
            viaPackload.execute("INSERT INTO employees VALUES (7,'1960-01-01','E','F','M','1990-01-01'),"
                    + "(8,'1960-01-01','G','H','F','1990-01-01')", "INSERT INTO departments VALUES ('d009','R&D')",
                    "INSERT INTO pair VALUES (1,2)", "INSERT INTO boss VALUES (99,NULL)");
            Loads.Exec back = client(viaPackload, rejects);
            assertEquals(0, back.code(), back.output());
            assertEquals(List.of("3", "3", "4", "6"), List.of(String.valueOf(viaPackload.count("dept_emp")),
                    String.valueOf(viaPackload.count("salaries")), String.valueOf(viaPackload.count("pair_ref")),
                    String.valueOf(viaPackload.count("boss"))));
            assertEquals(List.of("0x00FF27 5"), column(viaPackload,
                    "SELECT CONCAT('0x', HEX(note), ' ', bits + 0) FROM pair_ref WHERE id = 4"));
        }
    }

    /** A dump that turns the checks off itself (as mysqldump's do) is loaded as it says: orphans stay, unchecked. */
    @Test
    void aDumpThatTurnsTheChecksOffIsNotChecked() throws Exception {
        Path dump = write("off.sql", "SET FOREIGN_KEY_CHECKS=0;\n" + SCHEMA
                + "INSERT INTO dept_emp VALUES (7,'d001','1990-01-01','9999-01-01');\n"
                + "INSERT INTO salaries VALUES (8,100,'1990-01-01','1991-01-01');\n"
                + "SET FOREIGN_KEY_CHECKS=1;\n");
        try (TestDatabase viaClient = TestDatabase.create(SERVER, "fk_off_c");
                TestDatabase viaPackload = TestDatabase.create(SERVER, "fk_off_p")) {
            assertEquals(0, client(viaClient, dump).code());
            CliRun r = packload(viaPackload, dir.resolve("rejects.sql"), dump.toString());
            assertEquals(ExitCode.OK, r.code(), r.all());
            assertSameTables(viaClient, viaPackload, "dept_emp", "salaries");
            assertEquals(1, viaPackload.count("dept_emp"));
            assertFalse(r.out().contains("fk checked after"), r.out());
        }
    }

    /** REPLACE, INSERT IGNORE and --on-duplicate update keep the checks: each orphan is refused as it is sent. */
    @Test
    void replaceIgnoreAndOnDuplicateUpdateKeepTheirChecks() throws Exception {
        Path dump = write("verbs.sql", SCHEMA
                + "INSERT INTO employees VALUES (1,'1960-01-01','A','B','M','1990-01-01');\n"
                + "REPLACE INTO salaries VALUES (1,100,'1990-01-01','1991-01-01'),(8,100,'1990-01-01','1991-01-01');\n"
                + "INSERT IGNORE INTO salaries VALUES (1,110,'1991-01-01','1992-01-01'),(9,1,'1990-01-01','1991-01-01');\n");
        Path plain = write("plain.sql", SCHEMA
                + "INSERT INTO employees VALUES (1,'1960-01-01','A','B','M','1990-01-01');\n"
                + "INSERT INTO salaries VALUES (1,100,'1990-01-01','1991-01-01'),(8,100,'1990-01-01','1991-01-01');\n");
        try (TestDatabase viaClient = TestDatabase.create(SERVER, "fk_verbs_c");
                TestDatabase viaPackload = TestDatabase.create(SERVER, "fk_verbs_p");
                TestDatabase update = TestDatabase.create(SERVER, "fk_verbs_u")) {
            Path rejects = dir.resolve("rejects.sql");
            // one writer, so that employees' row is in before the salaries' rows are checked (the client's order)
            CliRun r = packload(viaPackload, rejects, "--threads", "1", dump.toString());
            assertEquals(ExitCode.ROWS_REJECTED, r.code(), r.all());
            assertEquals(2, viaPackload.count("salaries"), "emp 8's REPLACE refused, emp 9's INSERT IGNORE skipped");
            String rejected = Files.readString(rejects);
            assertTrue(rejected.contains("-- source: " + dump + ":") && rejected.contains("ERROR 1452")
                    && !rejected.contains("after the load"), rejected);
            assertEquals(1, rejected.split("-- reason:", -1).length - 1, rejected);
            assertFalse(r.out().contains("fk checked after"), r.out());
            // the client refuses the REPLACE whole (both its rows), and skips the IGNORE's orphan
            client(viaClient, dump, "--force");
            assertEquals(List.of("1"), column(viaClient, "SELECT emp_no FROM salaries"));
            assertEquals(List.of("1", "1"), column(viaPackload, "SELECT emp_no FROM salaries ORDER BY from_date"));

            Path rejects2 = dir.resolve("rejects2.sql");
            CliRun u = packload(update, rejects2, "--threads", "1", "--on-duplicate", "update", plain.toString());
            assertEquals(ExitCode.ROWS_REJECTED, u.code(), u.all());
            assertEquals(1, update.count("salaries"));
            assertTrue(Files.readString(rejects2).contains("-- source: " + plain + ":"), Files.readString(rejects2));
        }
    }

    /**
     * A parent table that takes a while to insert, yet fits one writer's run (2.4 MB: the rows of a table go to the
     * next writer only after about one statement's worth), then its child's rows, which reference the parent's last
     * rows and so go on the other writer; no SET FOREIGN_KEY_CHECKS anywhere, and nothing between the two tables'
     * rows (a data-only dump in dependency order).
     */
    private Path parentThenChild(String name, boolean trigger) throws Exception {
        StringBuilder sb = new StringBuilder("CREATE TABLE parent (id INT PRIMARY KEY, pad VARCHAR(200) NOT NULL);\n"
                + "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT NOT NULL, note VARCHAR(20),"
                + " FOREIGN KEY (parent_id) REFERENCES parent (id));\n");
        if (trigger) {
            sb.append("CREATE TRIGGER child_note BEFORE INSERT ON child FOR EACH ROW SET NEW.note = UPPER(NEW.note);\n");
        }
        String pad = "p".repeat(200);
        for (int from = 1; from <= 12_000; from += 2000) {
            sb.append("INSERT INTO parent VALUES ");
            for (int i = from; i < from + 2000; i++) {
                sb.append(i == from ? "" : ",").append('(').append(i).append(",'").append(pad).append("')");
            }
            sb.append(";\n");
        }
        sb.append("INSERT INTO child VALUES ");
        for (int i = 1; i <= 10; i++) {
            sb.append(i == 1 ? "" : ",").append('(').append(i).append(',').append(12_000 - 10 + i).append(",'n')");
        }
        return write(name, sb.append(";\n").toString());
    }

    /**
     * With the checks on and two writers, the child's rows go on the writer after the parent's: the server checks them
     * as they go in, so they must not reach it before the parent's rows, which come first in the dump (the client,
     * one connection in order, loads every row). They wait until the parent's rows are committed.
     */
    @Test
    void checkedRowsOfAChildWaitForTheirParentsRowsOnTheOtherWriter() throws Exception {
        Path dump = parentThenChild("parent-then-child.sql", false);
        try (TestDatabase db = TestDatabase.create(SERVER, "fk_order_i")) {
            CliRun r = packload(db, dir.resolve("rejects.sql"), "--foreign-key-checks", "immediate", "--threads", "2",
                    dump.toString());
            assertEquals(ExitCode.OK, r.code(), r.all());
            assertEquals(12_000, db.count("parent"));
            assertEquals(10, db.count("child"));
            assertFalse(Files.exists(dir.resolve("rejects.sql")));
        }
    }

    /** The same for a child table with a trigger under deferred checks: its rows keep their checks, and wait. */
    @Test
    void rowsOfAChildWithATriggerWaitForTheirParentsRowsOnTheOtherWriter() throws Exception {
        Path dump = parentThenChild("parent-then-child-trigger.sql", true);
        try (TestDatabase db = TestDatabase.create(SERVER, "fk_order_t")) {
            CliRun r = packload(db, dir.resolve("rejects.sql"), "--threads", "2", dump.toString());
            assertEquals(ExitCode.OK, r.code(), r.all());
            assertEquals(10, db.count("child"));
            assertEquals(List.of("N"), column(db, "SELECT DISTINCT note FROM child"));
            assertFalse(r.out().contains("fk checked after"), "the trigger kept the child's checks: " + r.out());
        }
    }

    /** DDL after the rows runs with the dump's checks: dropping a referenced parent fails, as under the client. */
    @Test
    void ddlAfterTheRowsSeesTheDumpsChecks() throws Exception {
        Path dump = write("drop.sql", SCHEMA
                + "INSERT INTO employees VALUES (1,'1960-01-01','A','B','M','1990-01-01');\n"
                + "INSERT INTO salaries VALUES (1,100,'1990-01-01','1991-01-01');\n"
                + "DROP TABLE employees;\n");
        try (TestDatabase viaClient = TestDatabase.create(SERVER, "fk_drop_c");
                TestDatabase viaPackload = TestDatabase.create(SERVER, "fk_drop_p")) {
            Loads.Exec cli = client(viaClient, dump);
            assertTrue(cli.output().contains("ERROR 1451"), cli.output());
            // one writer: the session that sent the rows with its checks off runs the DROP
            CliRun r = packload(viaPackload, dir.resolve("rejects.sql"), "--threads", "1", dump.toString());
            assertEquals(ExitCode.BAD_INPUT, r.code(), r.all());
            assertTrue(r.err().contains("1451"), r.err());
            assertEquals(1, viaPackload.count("employees"), "the parent is still there");
            assertSameTables(viaClient, viaPackload, "employees", "salaries");
        }
    }

    private static List<String> column(TestDatabase db, String sql) throws Exception {
        List<String> v = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                v.add(rs.getString(1));
            }
        }
        return v;
    }
}
