package dev.packload.loader.pipeline;

import dev.packload.formats.sql.InsertHeader;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.RejectFile;
import dev.packload.loader.write.OnDuplicate;
import dev.packload.loader.write.RecordingSession;
import dev.packload.loader.write.SqlSession;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole writer path, reader to statements, with recording sessions instead of a server: whatever the row sizes
 * (drawn around the statement budget), no statement ever exceeds the budget, and every row is sent exactly once.
 */
class PacketBudgetPropertyTest {
    private static final Pattern ID = Pattern.compile("\\((\\d+),'");

    @Provide
    Arbitrary<List<Integer>> fillerSizes() {
        // sizes near 0, near a quarter, half and all of a ~5 KB budget: the boundaries where off-by-ones live
        Arbitrary<Integer> around = Arbitraries.oneOf(Arbitraries.integers().between(0, 64),
                Arbitraries.integers().between(1200, 1300), Arbitraries.integers().between(2450, 2600),
                Arbitraries.integers().between(4900, 5100));
        return around.list().ofMinSize(1).ofMaxSize(300);
    }

    @Property(tries = 60)
    void noStatementExceedsTheBudgetAndNoRowIsLost(@ForAll("fillerSizes") List<Integer> sizes,
                                                    @ForAll @IntRange(min = 1, max = 3) int writers,
                                                    @ForAll @IntRange(min = 0, max = 7) int batchRows,
                                                    @ForAll boolean update,
                                                    @ForAll @IntRange(min = 0, max = 2) int statementSize)
            throws Exception {
        long statementBytes = new long[] {0, 700, 2600}[statementSize]; // --statement-bytes: off, or under the budget
        long maxAllowedPacket = 5300;
        List<RecordingSession> sessions = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            sessions.add(new RecordingSession(maxAllowedPacket));
        }
        int budget = sessions.get(0).budget().statementBytes();
        LoadStats stats = new LoadStats();
        Path rejects = Files.createTempFile("rejects", ".sql");
        List<BatchLog.Range> committed = java.util.Collections.synchronizedList(new ArrayList<>());
        LoadPipeline p = new LoadPipeline(new ArrayList<SqlSession>(sessions),
                // the budget is what is under test: rows per statement and statement sizes are the property's
                // parameters (statement bytes 0 fills each statement to the budget), and commits every 8000 bytes
                // make the small inputs commit several times; a ring of 64 slots and a 1 MiB gate make the reader
                // wait on the writers often
                WriterOptions.builder().onDuplicate(update ? OnDuplicate.UPDATE : OnDuplicate.AS_WRITTEN)
                        .batchRows(batchRows).commitBytes(8000).statementBytes(statementBytes).build(), 64,
                1 << 20, stats, new RejectFile(rejects), (writer, ranges) -> committed.addAll(ranges));
        RowPublisher pub = p.publisher();
        pub.beginSource(new SourceRef(0, "generated"));
        TableRef t = pub.table("db", "t", List.of("id", "v"), InsertHeader.Verb.INSERT);
        String head = update ? "INSERT INTO `db`.`t` (`id`,`v`) VALUES " : "INSERT INTO `db`.`t` (`id`,`v`) VALUES ";
        String suffix = update ? " ON DUPLICATE KEY UPDATE `id`=VALUES(`id`),`v`=VALUES(`v`)" : "";
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            String tuple = "(" + i + ",'" + "x".repeat(sizes.get(i)) + "')";
            if (head.length() + tuple.length() + suffix.length() > budget) {
                continue; // needs the append path, which needs a server: covered by the integration tests
            }
            byte[] b = tuple.getBytes(StandardCharsets.US_ASCII);
            pub.row(t, b, 0, b.length, i + 1, 0, false);
            expected.add(i);
        }
        p.finish();
        assertNull(p.state().failure(), () -> String.valueOf(p.state().failure()));

        List<Integer> seen = new ArrayList<>();
        for (RecordingSession s : sessions) {
            for (String sql : s.statementTexts()) {
                assertTrue(sql.length() <= budget, "statement of " + sql.length() + " > budget " + budget);
                assertTrue(sql.startsWith(head), sql);
                assertTrue(sql.endsWith(suffix), sql);
                int rows = 0;
                int lastStart = 0;
                Matcher m = ID.matcher(sql);
                while (m.find()) {
                    seen.add(Integer.parseInt(m.group(1)));
                    rows++;
                    lastStart = m.start();
                }
                if (statementBytes > 0 && rows > 1) {
                    // the statement was cut once its rows reached --statement-bytes: all but its last row are under it
                    long before = lastStart - head.length() - (rows - 1);
                    assertTrue(before < statementBytes, rows + " rows, " + before + " bytes before the last >= "
                            + statementBytes);
                }
                if (batchRows > 0) {
                    assertTrue(rows <= batchRows, "more than --batch-rows in one statement");
                }
            }
        }
        seen.sort(null);
        assertEquals(expected, seen, "every row exactly once");
        assertEquals(expected.size(), stats.rowsLoaded());
        assertEquals(new TreeSet<>(expected).size(), expected.size());
        // the batch log heard every row's commit exactly once (row i is the i-th published: seq i)
        List<Long> logged = new ArrayList<>();
        for (BatchLog.Range r : committed) {
            assertEquals(r.lastSeq() - r.firstSeq() + 1, r.rowsLoaded());
            for (long q = r.firstSeq(); q <= r.lastSeq(); q++) {
                logged.add(q);
            }
        }
        logged.sort(null);
        List<Long> all = new ArrayList<>();
        for (long q = 1; q <= expected.size(); q++) {
            all.add(q);
        }
        assertEquals(all, logged, "every row's commit logged once");
        Files.deleteIfExists(rejects);
    }
}
