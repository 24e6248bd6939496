package dev.packload.loader.pipeline;

import dev.packload.formats.sql.InsertHeader;
import com.lmax.disruptor.RingBuffer;
import dev.packload.loader.report.LoadStats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the reader deals rows out to writers: runs of a statement's worth, round robin. */
class RowPublisherRunsTest {
    /** Publishes {@code rows} rows of {@code len} bytes and returns the runs as [writer, rows] pairs. */
    private List<List<Integer>> runs(int writers, long runBytes, int rows, int len) throws Exception {
        RingBuffer<RowEvent> ring = RingBuffer.createSingleProducer(RowEvent::new, 4096);
        RowPublisher pub = new RowPublisher(ring, new ByteGate(1L << 30, new RunState()),
                new LargeRowBuffers(1 << 20), new RunState(),
                new LoadStats(), writers, runBytes);
        pub.beginSource(new SourceRef(0, "generated"));
        TableRef t = pub.table("db", "t", List.of("v"), InsertHeader.Verb.INSERT);
        byte[] row = new byte[len];
        for (int i = 0; i < rows; i++) {
            pub.row(t, row, 0, len, i + 1, 0, false);
        }
        pub.publishClaimed();
        List<List<Integer>> runs = new ArrayList<>();
        for (long s = 0; s < rows; s++) {
            RowEvent e = ring.get(s);
            assertEquals(s + 1, e.seq);
            List<Integer> last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last.get(0) == e.writer) {
                last.set(1, last.get(1) + 1);
            } else {
                runs.add(new ArrayList<>(List.of(e.writer, 1)));
            }
        }
        return runs;
    }

    @Test
    void eachWriterInTurnTakesAStatementsWorthOfRows() throws Exception {
        // rows of 1023 bytes and a comma: a 200 KiB run is 200 rows
        assertEquals(List.of(List.of(0, 200), List.of(1, 200), List.of(2, 200), List.of(0, 200)),
                runs(3, 200 << 10, 800, 1023));
    }

    @Test
    void aRowThatWouldPassTheRunStartsTheNext() throws Exception {
        assertEquals(List.of(List.of(0, 10), List.of(1, 10), List.of(0, 10), List.of(1, 5)),
                runs(2, 10 << 10, 35, 1023));
    }

    /** Each row knows the END_OF_TABLE before it, which the writers commit at (CommitFence). */
    @Test
    void rowsCarryTheRingSequenceOfTheLastEndOfTableBeforeThem() throws Exception {
        RingBuffer<RowEvent> ring = RingBuffer.createSingleProducer(RowEvent::new, 64);
        RowPublisher pub = new RowPublisher(ring, new ByteGate(1L << 30, new RunState()),
                new LargeRowBuffers(1 << 20), new RunState(), new LoadStats(), 2, 1 << 20);
        pub.beginSource(new SourceRef(0, "generated"));
        TableRef parent = pub.table("db", "parent", List.of(), InsertHeader.Verb.INSERT);
        TableRef child = pub.table("db", "child", List.of(), InsertHeader.Verb.INSERT);
        byte[] row = new byte[8];
        pub.row(parent, row, 0, 8, 1, 0, false); // 0
        pub.row(parent, row, 0, 8, 2, 0, false); // 1
        pub.row(child, row, 0, 8, 3, 0, false);  // 2: END_OF_TABLE, 3: the row
        pub.row(child, row, 0, 8, 4, 0, false);  // 4
        pub.row(parent, row, 0, 8, 5, 0, false); // 5: END_OF_TABLE, 6: the row
        pub.publishClaimed();
        assertEquals(List.of(RowEvent.Kind.ROW, RowEvent.Kind.ROW, RowEvent.Kind.END_OF_TABLE, RowEvent.Kind.ROW,
                RowEvent.Kind.ROW, RowEvent.Kind.END_OF_TABLE, RowEvent.Kind.ROW),
                java.util.stream.LongStream.range(0, 7).mapToObj(s -> ring.get(s).kind).toList());
        assertEquals(List.of(-1L, -1L, 2L, 2L, 5L),
                java.util.stream.LongStream.of(0, 1, 3, 4, 6).mapToObj(s -> ring.get(s).orderAfter).toList());
        assertEquals(List.of(0, 0, 1, 1, 0),
                java.util.stream.LongStream.of(0, 1, 3, 4, 6).mapToObj(s -> ring.get(s).writer).toList());
    }

    /**
     * A CREATE TABLE's statement carries the volume of the table's rows after it: DISABLE KEYS continues it, ENABLE
     * KEYS completes it (a dump's rows of the table are over), a new CREATE starts another ({@code --defer-indexes-from}).
     */
    @Test
    void aCreateTableKnowsItsRowsOnceItsEnableKeysIsRead() throws Exception {
        RingBuffer<RowEvent> ring = RingBuffer.createSingleProducer(RowEvent::new, 64);
        RowPublisher pub = new RowPublisher(ring, new ByteGate(1L << 30, new RunState()),
                new LargeRowBuffers(1 << 20), new RunState(), new LoadStats(), 2, 1 << 20);
        pub.beginSource(new SourceRef(0, "generated"));
        TableRef t = pub.table("db", "t", List.of(), InsertHeader.Verb.INSERT);
        java.util.function.Consumer<String> statement = sql -> {
            byte[] b = sql.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            pub.statement(b, 0, b.length, 1, 0);
        };
        statement.accept("CREATE TABLE `t` (id INT, KEY k (id))");
        statement.accept("/*!40000 ALTER TABLE `t` DISABLE KEYS */");
        byte[] row = new byte[100];
        pub.row(t, row, 0, 100, 1, 0, false);
        pub.row(t, row, 0, 100, 2, 0, false);
        pub.publishClaimed();
        TableVolume created = ring.get(0).volume;
        assertEquals(created, ring.get(1).volume, "DISABLE KEYS goes on with the CREATE's volume");
        org.junit.jupiter.api.Assertions.assertFalse(created.knownUnder(1000), "its rows may not all be read yet");
        statement.accept("/*!40000 ALTER TABLE `t` ENABLE KEYS */");
        org.junit.jupiter.api.Assertions.assertTrue(created.knownUnder(1000), "200 bytes, all read");
        org.junit.jupiter.api.Assertions.assertFalse(created.knownUnder(200), "not under 200");
        statement.accept("CREATE TABLE `u` (id INT)");
        pub.endInput();
        org.junit.jupiter.api.Assertions.assertTrue(ring.get(ring.getCursor() - 1).volume.knownUnder(1),
                "a table without rows, at the end of the input");
    }

    @Test
    void oneWriterTakesEveryRow() throws Exception {
        assertEquals(List.of(List.of(0, 1000)), runs(1, 100 << 10, 1000, 1023));
    }
}
