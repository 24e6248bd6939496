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

    @Test
    void oneWriterTakesEveryRow() throws Exception {
        assertEquals(List.of(List.of(0, 1000)), runs(1, 100 << 10, 1000, 1023));
    }
}
