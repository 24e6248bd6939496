package dev.packload.loader.it;

import dev.packload.loader.pipeline.ResumePoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packload.formats.FormatException;
import dev.packload.formats.csv.CsvDialect;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.feed.CsvOptions;
import dev.packload.loader.feed.LoadDataChunks;
import dev.packload.loader.feed.LoadDataSource;
import dev.packload.loader.testing.Server;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import dev.packload.loader.write.LoadDataSession;
import dev.packload.loader.write.OnDuplicate;
import dev.packload.loader.write.TableMeta;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --method load-data} in runs over several connections: the same table as one LOAD DATA of the whole file by
 * the mariadb client's way (one statement), every record in exactly one committed run, and a run the server would
 * change (a duplicate key, which LOCAL turns into a skipped row and a warning) rolled back and reported.
 */
class LoadDataChunksIT {
    private static final String DDL = "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(100), note TEXT)"
            + " DEFAULT CHARSET=utf8mb4";

    private static byte[] csv(int rows, int duplicateAt) {
        StringBuilder b = new StringBuilder("id,name,note\r\n");
        for (int i = 1; i <= rows; i++) {
            int id = i == duplicateAt ? 1 : i;
            b.append(id).append(",name ").append(i).append(",\"line one, \"\"quoted\"\"\r\nline two ")
                    .append(i % 7 == 0 ? "Zoë" : "").append("\"\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Loads {@code data} (RFC 4180 with a header) into {@code db}.t over {@code n} connections; ranges get the log. */
    private static LoadDataChunks.Result loadChunks(Server s, String db, byte[] data, int n, int chunkBytes,
            OnDuplicate mode, List<BatchLog.Range> ranges) throws Exception {
        CsvDialect d = CsvDialect.rfc4180();
        List<LoadDataSession> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                sessions.add(LoadDataSession.open(Loads.target(s, db)));
            }
            TableMeta meta = TableMeta.load(sessions.get(0).connection(), db, "t");
            LoadDataSource.Plan plan = LoadDataSource.plan(new ByteArrayInputStream(data), "t.csv", d,
                    CsvOptions.defaults(), meta, mode);
            return LoadDataChunks.load(plan, d, StandardCharsets.UTF_8, sessions, new SourceRef(0, "t.csv"),
                    (writer, rs) -> ranges.addAll(rs), chunkBytes, mode, ResumePoint.NONE);
        } finally {
            for (LoadDataSession x : sessions) {
                x.close();
            }
        }
    }

    @Test
    void runsOverThreeConnectionsGiveTheSameTableAsOneLoadData() throws Exception {
        Server local = TestServers.local();
        byte[] data = csv(5000, 0);
        try (TestDatabase chunked = TestDatabase.create(local); TestDatabase whole = TestDatabase.create(local)) {
            chunked.execute(DDL);
            whole.execute(DDL);
            List<BatchLog.Range> ranges = Collections.synchronizedList(new ArrayList<>());
            LoadDataChunks.Result r = loadChunks(local, chunked.name(), data, 3, 10_000, OnDuplicate.AS_WRITTEN,
                    ranges);
            assertEquals(5000, r.rows());
            assertTrue(r.statements() > 20, "cut into many runs: " + r.statements());
            // every record in exactly one committed run
            ranges.sort((a, b) -> Long.compare(a.firstSeq(), b.firstSeq()));
            long next = 1;
            for (BatchLog.Range range : ranges) {
                assertEquals(next, range.firstSeq());
                next = range.lastSeq() + 1;
            }
            assertEquals(5001, next);
            try (LoadDataSession one = LoadDataSession.open(Loads.target(local, whole.name()))) {
                one.load("LOAD DATA LOCAL INFILE 'x' INTO TABLE t CHARACTER SET utf8mb4 FIELDS TERMINATED BY ','"
                        + " OPTIONALLY ENCLOSED BY '\"' ESCAPED BY '' LINES TERMINATED BY '\\r\\n' IGNORE 1 LINES",
                        new ByteArrayInputStream(data));
            }
            assertEquals(5000, whole.count("t"));
            assertEquals(whole.checksum("t"), chunked.checksum("t"));
            assertEquals(1, chunked.scalar("SELECT COUNT(*) FROM t WHERE id = 4900 AND note = 'line one, \"quoted\"\\r\\nline two Zoë'"));
        }
    }

    @Test
    void aRunTheServerWouldChangeIsRolledBackAndReported() throws Exception {
        Server local = TestServers.local();
        byte[] data = csv(3000, 2500); // record 2500 repeats id 1: LOCAL would skip it with a warning
        try (TestDatabase db = TestDatabase.create(local)) {
            db.execute(DDL);
            List<BatchLog.Range> ranges = Collections.synchronizedList(new ArrayList<>());
            FormatException e = assertThrows(FormatException.class, () -> loadChunks(local, db.name(), data, 1,
                    20_000, OnDuplicate.AS_WRITTEN, ranges));
            assertTrue(e.getMessage().contains("rolled back") && e.getMessage().contains("1062"), e.getMessage());
            long committed = ranges.stream().mapToLong(BatchLog.Range::rowsLoaded).sum();
            assertEquals(committed, db.count("t"), "exactly the committed runs are in the table");
            assertTrue(committed > 0 && committed < 2500, "runs before the bad one stay: " + committed);
            assertEquals(0, db.scalar("SELECT COUNT(*) FROM t WHERE id >= 2500"), "nothing of the bad run or after");
        }
    }

    /** {@code --on-duplicate ignore|replace} become LOAD DATA's own IGNORE and REPLACE; a skipped duplicate is counted. */
    @Test
    void onDuplicateIgnoreAndReplaceAreLoadDatasOwn() throws Exception {
        Server local = TestServers.local();
        byte[] data = csv(3000, 2500); // record 2500 repeats id 1
        for (OnDuplicate mode : List.of(OnDuplicate.IGNORE, OnDuplicate.REPLACE)) {
            try (TestDatabase db = TestDatabase.create(local)) {
                db.execute(DDL);
                List<BatchLog.Range> ranges = Collections.synchronizedList(new ArrayList<>());
                LoadDataChunks.Result r = loadChunks(local, db.name(), data, 2, 20_000, mode, ranges);
                assertEquals(2999, db.count("t"), mode.name());
                assertEquals(3000, ranges.stream().mapToLong(x -> x.lastSeq() - x.firstSeq() + 1).sum(), mode.name());
                if (mode == OnDuplicate.IGNORE) {
                    assertEquals(2999, r.rows());
                    assertEquals(1, r.duplicatesIgnored());
                    assertEquals(1, db.scalar("SELECT COUNT(*) FROM t WHERE id = 1 AND name = 'name 1'"), "kept");
                } else {
                    assertEquals(3000, r.rows());
                    assertEquals(1, db.scalar("SELECT COUNT(*) FROM t WHERE id = 1 AND name = 'name 2500'"), "replaced");
                }
            }
        }
    }
}
