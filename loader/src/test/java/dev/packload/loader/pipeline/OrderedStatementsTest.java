package dev.packload.loader.pipeline;

import dev.packload.formats.sql.InsertHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.RejectFile;
import dev.packload.loader.write.RecordingSession;
import dev.packload.loader.write.SqlSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Example;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Ordered statements among rows, across writers, with recording sessions that log one global order: DDL runs once, in
 * input order, with every row before it sent before it and every row after it sent after it, however DDL statements
 * are chained (RowPublisher#statement); session SETs run on every writer in input order; a SET that may read a table
 * never runs before the DDL before it, nor after the DDL after it. DDL of one table is ordered by that table only: it
 * runs on any writer, rows and DDL of other tables flow past it, and DDL that is not one table's runs on writer 0 with
 * every writer lined up. The statements are recorded, not run: no server is needed.
 */
class OrderedStatementsTest {
    private static final Pattern ID = Pattern.compile("\\((\\d+),'");

    /** 0: a row; 1: DDL; 2: a SET that reads no table; 3: a SET with a subquery. */
    @Provide
    Arbitrary<List<Integer>> events() {
        return Arbitraries.frequency(
                net.jqwik.api.Tuple.of(6, 0), net.jqwik.api.Tuple.of(3, 1), net.jqwik.api.Tuple.of(2, 2),
                net.jqwik.api.Tuple.of(1, 3)).list().ofMinSize(1).ofMaxSize(120);
    }

    @Property(tries = 80)
    void ddlRunsOnceInPlaceAmongRowsAndSessionStatements(@ForAll("events") List<Integer> events,
                                                        @ForAll @IntRange(min = 1, max = 3) int writers)
            throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<RecordingSession> sessions = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            // DDL takes a while on writer 0, so a writer that ran ahead of it would show in the log; the sessions own
            // their current database, so no server is needed
            sessions.add(new RecordingSession(1 << 20).logTo(log, "w" + i).withDatabase("db")
                    .slowOn("COMMENT 'D", 2));
        }
        Path rejects = Files.createTempFile("rejects", ".sql");
        // statements of three rows and commits every 8000 bytes: many statements and commits between the DDL, so
        // that a writer running ahead of the others would show; a ring of 64 slots and a 1 MiB gate make the
        // reader wait on the writers often
        LoadPipeline p = new LoadPipeline(new ArrayList<SqlSession>(sessions),
                WriterOptions.builder().batchRows(3).commitBytes(8000).build(), 64, 1 << 20, new LoadStats(),
                new RejectFile(rejects), (writer, ranges) -> { });
        RowPublisher pub = p.publisher();
        pub.beginSource(new SourceRef(0, "generated"));
        TableRef t = pub.table("db", "t", List.of("id", "v"), InsertHeader.Verb.INSERT);
        // what was fed, in order: "R<id>", "D<n>", "S<n>", "Q<n>"
        List<String> input = new ArrayList<>();
        int rows = 0;
        for (int i = 0; i < events.size(); i++) {
            String sql;
            switch (events.get(i)) {
                case 0 -> {
                    byte[] b = ("(" + rows + ",'v')").getBytes(StandardCharsets.US_ASCII);
                    pub.row(t, b, 0, b.length, i + 1, 0, false);
                    input.add("R" + rows++);
                    continue;
                }
                case 1 -> {
                    sql = "ALTER TABLE `t` COMMENT 'D" + i + "'";
                    input.add("D" + i);
                }
                case 2 -> {
                    sql = "/*!40101 SET @s" + i + " = @@character_set_client */";
                    input.add("S" + i);
                }
                default -> {
                    sql = "SET @q" + i + " = (SELECT COUNT(*) FROM t)";
                    input.add("Q" + i);
                }
            }
            byte[] b = sql.getBytes(StandardCharsets.US_ASCII);
            pub.statement(b, 0, b.length, i + 1, 0);
        }
        p.finish();
        assertNull(p.state().failure(), () -> String.valueOf(p.state().failure()));
        Files.deleteIfExists(rejects);

        // where each thing happened in the global log: DDL by name, a row by the INSERT that carried it
        List<String> global = List.copyOf(log);
        int[] rowAt = new int[rows];
        List<String> ddlRun = new ArrayList<>();
        List<Integer> ddlAt = new ArrayList<>();
        for (int g = 0; g < global.size(); g++) {
            String e = global.get(g);
            if (e.contains("COMMENT 'D")) {
                ddlRun.add(e.substring(e.indexOf("'D") + 1, e.lastIndexOf('\'')));
                ddlAt.add(g);
            }
            Matcher m = ID.matcher(e);
            while (m.find()) {
                rowAt[Integer.parseInt(m.group(1))] = g;
            }
        }
        List<String> ddlIn = input.stream().filter(x -> x.startsWith("D")).toList();
        assertEquals(ddlIn, ddlRun, "each DDL statement once, in input order");
        // rows stay on their side of every DDL statement
        int ddlSeen = 0;
        for (String x : input) {
            if (x.startsWith("D")) {
                ddlSeen++;
            } else if (x.startsWith("R")) {
                int id = Integer.parseInt(x.substring(1));
                if (ddlSeen > 0) {
                    assertTrue(rowAt[id] > ddlAt.get(ddlSeen - 1), "row " + id + " sent before the DDL before it");
                }
                if (ddlSeen < ddlAt.size()) {
                    assertTrue(rowAt[id] < ddlAt.get(ddlSeen), "row " + id + " sent after the DDL after it");
                }
            } else if (x.startsWith("Q")) {
                // a SET that may read a table: on every writer, after the DDL before it, before the DDL after it
                for (int w = 0; w < writers; w++) {
                    int at = global.indexOf("w" + w + ":SET @q" + x.substring(1) + " = (SELECT COUNT(*) FROM t)");
                    assertTrue(ddlSeen == 0 || at > ddlAt.get(ddlSeen - 1),
                            x + " ran on w" + w + " before the DDL before it");
                    assertTrue(ddlSeen == ddlAt.size() || at < ddlAt.get(ddlSeen),
                            x + " ran on w" + w + " after the DDL after it");
                }
            }
        }
        // session statements: on every writer, in input order
        List<String> sessionIn = input.stream().filter(x -> x.startsWith("S") || x.startsWith("Q")).toList();
        for (int w = 0; w < writers; w++) {
            String prefix = "w" + w + ":";
            List<String> ran = global.stream().filter(e -> e.startsWith(prefix) && e.contains("SET @"))
                    .map(e -> (e.contains("SET @s") ? "S" : "Q") + e.replaceAll(".*SET @[sq](\\d+).*", "$1"))
                    .toList();
            assertEquals(sessionIn, ran, "writer " + w + "'s session statements");
        }
    }

    /** 0, 1: a row of t, of u; 2, 3: DDL of t, of u (one table each); 4: DDL that lines every writer up (a view). */
    @Provide
    Arbitrary<List<Integer>> twoTables() {
        return Arbitraries.frequency(net.jqwik.api.Tuple.of(5, 0), net.jqwik.api.Tuple.of(5, 1),
                net.jqwik.api.Tuple.of(2, 2), net.jqwik.api.Tuple.of(2, 3), net.jqwik.api.Tuple.of(1, 4))
                .list().ofMinSize(1).ofMaxSize(120);
    }

    @Property(tries = 60)
    void ddlOfOneTableOrdersThatTableOnly(@ForAll("twoTables") List<Integer> events,
                                          @ForAll @IntRange(min = 1, max = 3) int writers) throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<SqlSession> sessions = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            sessions.add(new RecordingSession(1 << 20).logTo(log, "w" + i).withDatabase("db").slowOn("COMMENT", 2));
        }
        Path rejects = Files.createTempFile("rejects", ".sql");
        // three rows a statement and small commits, as above: a writer that ran ahead would show
        LoadPipeline p = new LoadPipeline(sessions, WriterOptions.builder().batchRows(3).commitBytes(8000).build(), 64,
                1 << 20, new LoadStats(), new RejectFile(rejects), BatchLog.NONE);
        RowPublisher pub = p.publisher();
        pub.beginSource(new SourceRef(0, "generated"));
        TableRef t = pub.table("db", "t", List.of("id", "v"), InsertHeader.Verb.INSERT);
        TableRef u = pub.table("db", "u", List.of("id", "v"), InsertHeader.Verb.INSERT);
        List<String> input = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            int ev = events.get(i);
            if (ev <= 1) {
                byte[] b = ("(" + i + ",'v')").getBytes(StandardCharsets.US_ASCII);
                pub.row(ev == 0 ? t : u, b, 0, b.length, i + 1, 0, false);
                input.add((ev == 0 ? "t" : "u") + i);
                continue;
            }
            String sql = switch (ev) {
                case 2 -> "ALTER TABLE `t` COMMENT 'D" + i + "'";
                case 3 -> "ALTER TABLE `u` COMMENT 'D" + i + "'";
                default -> "CREATE OR REPLACE VIEW `v` AS SELECT 'D" + i + "' AS x";
            };
            input.add((ev == 2 ? "Dt" : ev == 3 ? "Du" : "Dall") + i);
            byte[] b = sql.getBytes(StandardCharsets.US_ASCII);
            pub.statement(b, 0, b.length, i + 1, 0);
        }
        p.finish();
        assertNull(p.state().failure(), () -> String.valueOf(p.state().failure()));
        Files.deleteIfExists(rejects);

        List<String> global = List.copyOf(log);
        java.util.Map<Integer, Integer> at = new java.util.HashMap<>(); // event index -> place in the global log
        List<Integer> ddlOrder = new ArrayList<>();
        Pattern ddl = Pattern.compile("'D(\\d+)'");
        for (int g = 0; g < global.size(); g++) {
            String e = global.get(g);
            Matcher d = ddl.matcher(e);
            if (d.find()) {
                assertTrue(!e.contains("VIEW") || e.startsWith("w0:"), "DDL of no one table runs on writer 0: " + e);
                at.put(Integer.parseInt(d.group(1)), g);
                ddlOrder.add(Integer.parseInt(d.group(1)));
                continue;
            }
            Matcher m = ID.matcher(e);
            while (m.find()) {
                at.put(Integer.parseInt(m.group(1)), g);
            }
        }
        // every DDL statement once; those of a table in input order among themselves and the ones of no one table
        for (String table : List.of("t", "u")) {
            List<Integer> ddlIn = new ArrayList<>();
            for (int i = 0; i < input.size(); i++) {
                if (input.get(i).startsWith("D" + table) || input.get(i).startsWith("Dall")) {
                    ddlIn.add(i);
                }
            }
            List<Integer> ran = ddlOrder.stream().filter(ddlIn::contains).toList();
            assertEquals(ddlIn, ran, "DDL of " + table + " and of no one table, in input order");
        }
        assertEquals(input.stream().filter(x -> x.startsWith("D")).count(), ddlOrder.size(), "every DDL statement once");
        // a row stays after the last DDL of its table (or of all) before it, and before the next one after it
        for (int i = 0; i < input.size(); i++) {
            String x = input.get(i);
            if (x.startsWith("D")) {
                continue;
            }
            String table = x.substring(0, 1);
            for (int j = 0; j < input.size(); j++) {
                String y = input.get(j);
                if (!(y.startsWith("D" + table) || y.startsWith("Dall"))) {
                    continue;
                }
                int ddlIndex = Integer.parseInt(y.replaceAll("\\D", ""));
                if (j < i) {
                    assertTrue(at.get(i) > at.get(ddlIndex), x + " sent before " + y + ", which came before it");
                } else {
                    assertTrue(at.get(i) < at.get(ddlIndex), x + " sent after " + y + ", which came after it");
                }
            }
        }
    }

    /** Rows of one table go on while writer 0 runs a slow DDL statement of another: no writer waits for it. */
    @Example
    void rowsOfOtherTablesFlowPastATableDdl() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<SqlSession> sessions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sessions.add(new RecordingSession(1 << 20).logTo(log, "w" + i).withDatabase("db")
                    .slowOn("COMMENT 'slow'", 1500));
        }
        // 64 KiB statements: runs of rows alternate between the writers every 64 KiB, and no statement is big enough
        // for the writers to ask the (absent) server about binary names
        LoadPipeline p = new LoadPipeline(sessions, WriterOptions.builder().statementBytes(64 << 10).build(), 1024,
                32 << 20, new LoadStats(), new RejectFile(Files.createTempFile("rejects", ".sql")), BatchLog.NONE);
        RowPublisher pub = p.publisher();
        pub.beginSource(new SourceRef(0, "generated"));
        TableRef t = pub.table("db", "t", List.of("id", "v"), InsertHeader.Verb.INSERT);
        byte[] slow = "ALTER TABLE `u` COMMENT 'slow'".getBytes(StandardCharsets.US_ASCII);
        pub.statement(slow, 0, slow.length, 1, 0);
        String pad = "x".repeat(2_000);
        for (int i = 0; i < 400; i++) {
            byte[] b = ("(" + i + ",'" + pad + "')").getBytes(StandardCharsets.US_ASCII);
            pub.row(t, b, 0, b.length, i + 2, 0, false);
        }
        p.finish();
        assertNull(p.state().failure(), () -> String.valueOf(p.state().failure()));
        List<String> global = List.copyOf(log);
        int ddlAt = global.indexOf("w0:ALTER TABLE `u` COMMENT 'slow'");
        assertTrue(ddlAt >= 0, "the DDL ran on writer 0");
        assertTrue(global.subList(0, ddlAt).stream().anyMatch(e -> e.startsWith("w1:") && e.contains("INSERT INTO `db`.`t`")),
                "writer 1 sent rows of t while writer 0 ran u's DDL");
    }

    /**
     * A dump of many small tables: each table's DDL runs on the writer that gets its rows, consecutive tables on
     * different writers, so the DDL of several tables runs at once (as myloader creates tables in parallel), while each
     * table's own statements and rows keep their order.
     */
    @Example
    void ddlOfSeveralTablesRunsOnSeveralWritersAtOnce() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<SqlSession> sessions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String name = "w" + i;
            // a statement's start is logged too (the refusal check runs first), so overlapping DDL shows
            sessions.add(new RecordingSession(1 << 20, 0, sql -> {
                if (sql.contains("COMMENT 'slow'")) {
                    log.add(name + ":start:" + sql);
                }
                return false;
            }).logTo(log, name).withDatabase("db").slowOn("COMMENT 'slow'", 200));
        }
        LoadPipeline p = new LoadPipeline(sessions, WriterOptions.builder().build(), 1024, 32 << 20, new LoadStats(),
                new RejectFile(Files.createTempFile("rejects", ".sql")), BatchLog.NONE);
        RowPublisher pub = p.publisher();
        pub.beginSource(new SourceRef(0, "generated"));
        int tables = 6;
        for (int k = 0; k < tables; k++) {
            String name = "t" + k;
            for (String sql : List.of("DROP TABLE IF EXISTS `" + name + "`",
                    "CREATE TABLE `" + name + "` (id INT, v TEXT) COMMENT 'slow'")) {
                byte[] b = sql.getBytes(StandardCharsets.US_ASCII);
                pub.statement(b, 0, b.length, 1, 0);
            }
            TableRef t = pub.table("db", name, List.of("id", "v"), InsertHeader.Verb.INSERT);
            for (int r = 0; r < 3; r++) {
                byte[] b = ("(" + (k * 100 + r) + ",'v')").getBytes(StandardCharsets.US_ASCII);
                pub.row(t, b, 0, b.length, 2, 0, false);
            }
            byte[] b = ("ALTER TABLE `" + name + "` ENABLE KEYS").getBytes(StandardCharsets.US_ASCII);
            pub.statement(b, 0, b.length, 3, 0);
        }
        p.finish();
        assertNull(p.state().failure(), () -> String.valueOf(p.state().failure()));
        List<String> global = List.copyOf(log);
        for (int k = 0; k < tables; k++) {
            String name = "`t" + k + "`";
            int drop = indexOf(global, "DROP TABLE IF EXISTS " + name);
            int create = indexOf(global, ":CREATE TABLE " + name);
            int insert = indexOf(global, "INSERT INTO `db`." + name);
            int enable = indexOf(global, "ALTER TABLE " + name + " ENABLE KEYS");
            assertTrue(drop >= 0 && drop < create && create < insert && insert < enable,
                    "t" + k + "'s statements and rows in order: " + global);
            String writer = global.get(create).substring(0, 2);
            assertTrue(global.get(drop).startsWith(writer) && global.get(insert).startsWith(writer)
                    && global.get(enable).startsWith(writer), "t" + k + " on one writer: " + global);
        }
        assertTrue(global.stream().anyMatch(e -> e.startsWith("w0:CREATE"))
                && global.stream().anyMatch(e -> e.startsWith("w1:CREATE")), "DDL ran on both writers: " + global);
        // some CREATE TABLE started on one writer while the other's was running
        boolean overlap = false;
        String running = null;
        for (String e : global) {
            if (e.contains(":start:")) {
                overlap |= running != null && !running.equals(e.substring(0, 2));
                running = e.substring(0, 2);
            } else if (e.contains("COMMENT 'slow'") && running != null && running.equals(e.substring(0, 2))) {
                running = null;
            }
        }
        assertTrue(overlap, "two tables' DDL ran at once: " + global);
    }

    /**
     * A dump's DROP TABLE IF EXISTS of a table that isn't there is left out, its record held for the writer's next
     * commit (the CREATE TABLE's): the table's CREATE, rows and later DDL keep their order, every DROP is recorded, and
     * no writer waits for a held record, also when rows of the table come between its DROP and its CREATE (they would
     * fail on a server, but must not hang the load).
     */
    @Example
    void dropsOfAbsentTablesAreLeftOutAndRecordedWithTheNextCommit() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<SqlSession> sessions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sessions.add(new RecordingSession(1 << 20).logTo(log, "w" + i).withDatabase("db").leavingOutDrops());
        }
        List<Long> recorded = Collections.synchronizedList(new ArrayList<>());
        BatchLog records = new BatchLog() {
            @Override
            public void committed(int writer, List<Range> ranges) {
            }

            @Override
            public void statementsRun(java.util.function.Supplier<java.sql.Connection> c, List<StatementRecord> run) {
                run.forEach(s -> recorded.add(s.statementNo()));
            }
        };
        LoadStats stats = new LoadStats();
        List<Long> drops = new ArrayList<>();
        int tables = 8;
        // one thread publishes and finishes (the ring has one producer); a hang fails the test
        LoadPipeline p = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> publishTables(sessions, stats, records, tables, drops));
        assertNull(p.state().failure(), () -> String.valueOf(p.state().failure()));
        List<String> global = List.copyOf(log);
        assertEquals(-1, indexOf(global, "DROP TABLE"), "no DROP sent: " + global);
        assertTrue(recorded.containsAll(drops), "every DROP recorded as run: " + recorded + " " + drops);
        assertEquals(tables, stats.statementsSkipped(), "the DROPs counted as not sent");
        for (int k = 0; k < tables; k++) {
            String name = "`t" + k + "`";
            int create = indexOf(global, ":CREATE TABLE " + name);
            int insert = indexOf(global, "INSERT INTO `db`." + name + " (`id`,`v`) VALUES (" + (k * 100) + ",");
            int after = indexOf(global, "ALTER TABLE " + name + " COMMENT 'after'");
            assertTrue(create >= 0 && create < insert && insert < after, "t" + k + " in order: " + global);
        }
    }

    private static LoadPipeline publishTables(List<SqlSession> sessions, LoadStats stats, BatchLog records,
                                              int tables, List<Long> drops) throws Exception {
        LoadPipeline p = new LoadPipeline(sessions, WriterOptions.builder().build(), 1024, 32 << 20, stats,
                new RejectFile(Files.createTempFile("rejects", ".sql")), records);
        RowPublisher pub = p.publisher();
        pub.beginSource(new SourceRef(0, "generated"));
        long no = 0;
        for (int k = 0; k < tables; k++) {
            String name = "t" + k;
            TableRef t = pub.table("db", name, List.of("id", "v"), InsertHeader.Verb.INSERT);
            // a session statement between the DROP and its CREATE, as a dump has; one whose variable is never
            // known (SessionVariables), so it is always sent and only the DROPs count as not sent
            List<String> ddl = List.of("DROP TABLE IF EXISTS `" + name + "`", "SET sql_quote_show_create = 1",
                    "CREATE TABLE `" + name + "` (id INT, v TEXT)");
            for (String sql : ddl) {
                byte[] b = sql.getBytes(StandardCharsets.US_ASCII);
                pub.statement(b, 0, b.length, 1, 0);
                no++;
                if (sql.startsWith("DROP")) {
                    drops.add(no);
                    if (k % 3 == 2) { // rows between the DROP and the CREATE
                        byte[] r = ("(" + (k * 100 + 99) + ",'early')").getBytes(StandardCharsets.US_ASCII);
                        pub.row(t, r, 0, r.length, 2, 0, false);
                        pub.endTable();
                    }
                }
            }
            for (int r = 0; r < 3; r++) {
                byte[] b = ("(" + (k * 100 + r) + ",'v')").getBytes(StandardCharsets.US_ASCII);
                pub.row(t, b, 0, b.length, 2, 0, false);
            }
            byte[] b = ("ALTER TABLE `" + name + "` COMMENT 'after'").getBytes(StandardCharsets.US_ASCII);
            pub.statement(b, 0, b.length, 3, 0);
            no++;
        }
        p.finish();
        return p;
    }

    private static int indexOf(List<String> log, String part) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }
}
