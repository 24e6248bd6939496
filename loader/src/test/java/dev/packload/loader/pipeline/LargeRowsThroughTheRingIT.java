package dev.packload.loader.pipeline;

import dev.packload.formats.sql.InsertHeader;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.RejectFile;
import dev.packload.loader.write.RecordingSession;
import dev.packload.loader.write.SqlSession;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Rows of 64 KiB and more travel in arrays that writers give back for the reader's next rows: with a byte gate of a
 * few rows, every array is reused many times over, and every row must still reach its statement byte for byte. (An IT
 * only because a writer asks a real connection about large INSERTs' character sets; the statements are recorded.)
 */
class LargeRowsThroughTheRingIT {
    private static final Pattern TUPLE = Pattern.compile("\\((\\d+),'([a-z]*)'\\)");

    private static TestDatabase DB;

    @TempDir
    Path dir;

    @BeforeAll
    static void database() {
        DB = TestDatabase.create(TestServers.local(), "largerows");
    }

    @AfterAll
    static void drop() {
        DB.close();
    }

    private static String value(int i, int len) {
        Random r = new Random(i);
        char[] c = new char[len];
        for (int k = 0; k < len; k++) {
            c[k] = (char) ('a' + r.nextInt(26));
        }
        return new String(c);
    }

    @Test
    void everyLargeRowArrivesIntactThoughItsArrayIsReused() throws Exception {
        int writers = 3;
        List<RecordingSession> sessions = new ArrayList<>();
        List<java.sql.Connection> connections = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            connections.add(DB.connect());
            sessions.add(new RecordingSession(4L << 20).withConnection(connections.get(i)));
        }
        // a ring of 64 slots and a gate of 1 MiB (not 1024 and 32 MiB): the large rows fill both, and wait on them
        LoadPipeline p = new LoadPipeline(new ArrayList<SqlSession>(sessions),
                WriterOptions.defaults(), 64, 1 << 20, new LoadStats(),
                new RejectFile(dir.resolve("rejects.sql")), BatchLog.NONE);
        RowPublisher pub = p.publisher();
        pub.beginSource(new SourceRef(0, "generated"));
        TableRef t = pub.table("db", "t", List.of("id", "v"), InsertHeader.Verb.INSERT);
        Random sizes = new Random(42);
        Map<Integer, String> expected = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            // mostly a few size classes that repeat, some small rows between, a few over the kept-array limit
            int len = switch (i % 10) {
                case 0 -> 100;
                case 9 -> LargeRowBuffers.MAX_KEPT_ROW + sizes.nextInt(200_000);
                default -> 66_000 + sizes.nextInt(3) * 100_000 + sizes.nextInt(1000);
            };
            String v = value(i, len);
            expected.put(i, v);
            byte[] b = ("(" + i + ",'" + v + "')").getBytes(StandardCharsets.US_ASCII);
            pub.row(t, b, 0, b.length, i + 1, 0, false);
        }
        p.finish();
        for (java.sql.Connection c : connections) {
            c.close();
        }
        assertNull(p.state().failure(), () -> String.valueOf(p.state().failure()));

        Map<Integer, String> seen = new HashMap<>();
        for (RecordingSession s : sessions) {
            for (String sql : s.statementTexts()) {
                Matcher m = TUPLE.matcher(sql);
                while (m.find()) {
                    String before = seen.put(Integer.parseInt(m.group(1)), m.group(2));
                    assertNull(before, "row " + m.group(1) + " sent twice");
                }
            }
        }
        assertEquals(expected.keySet(), seen.keySet());
        for (Map.Entry<Integer, String> e : expected.entrySet()) {
            String got = seen.get(e.getKey());
            if (!e.getValue().equals(got)) {
                int at = Arrays.mismatch(e.getValue().toCharArray(), got.toCharArray());
                throw new AssertionError("row " + e.getKey() + " (" + e.getValue().length() + " bytes) differs at "
                        + at + ", got " + got.length() + " bytes");
            }
        }
    }
}
