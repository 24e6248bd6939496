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
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Ordered statements among rows, across writers, with recording sessions that log one global order: DDL runs once, on
 * writer 0, in input order, with every row before it sent before it and every row after it sent after it, however
 * DDL statements are chained (RowPublisher#statement); session SETs run on every writer in input order; a SET that
 * may read a table never runs before the DDL before it. (An IT only because a writer reads its current database from
 * a real connection after DDL; the statements themselves are recorded, not run.)
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
                assertTrue(e.startsWith("w0:"), "DDL runs on writer 0: " + e);
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
            } else if (x.startsWith("Q") && ddlSeen > 0) {
                // a SET that may read a table: on every writer, after the DDL before it has run
                for (int w = 0; w < writers; w++) {
                    int at = global.indexOf("w" + w + ":SET @q" + x.substring(1) + " = (SELECT COUNT(*) FROM t)");
                    assertTrue(at > ddlAt.get(ddlSeen - 1), x + " ran on w" + w + " before the DDL before it");
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
}
