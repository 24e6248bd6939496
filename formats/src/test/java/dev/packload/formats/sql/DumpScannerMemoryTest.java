package dev.packload.formats.sql;

import dev.packload.formats.ChunkedInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packload.formats.SourcePosition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Memory stays bounded: tuples are streamed, and the buffer grows only for units that don't fit. */
class DumpScannerMemoryTest {

    /** Generates {@code INSERT INTO t VALUES (0,'row 0'),(1,'row 1'),...;} on the fly, never in memory. */
    static final class HugeInsert extends InputStream {
        private final long rows;
        private long next;
        private byte[] chunk = "INSERT INTO `t` VALUES ".getBytes(StandardCharsets.US_ASCII);
        private int pos;
        private boolean done;

        HugeInsert(long rows) {
            this.rows = rows;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == chunk.length) {
                if (done) {
                    return -1;
                }
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < 1000 && next < rows; i++, next++) {
                    s.append(next == 0 ? "" : ",").append('(').append(next).append(",'row ").append(next)
                            .append(" it\\'s; (x)')");
                }
                if (next == rows) {
                    s.append(";\n");
                    done = true;
                }
                chunk = s.toString().getBytes(StandardCharsets.US_ASCII);
                pos = 0;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    @Test
    void aMillionTupleInsertIsStreamedInASmallBuffer() throws IOException {
        long rows = 1_000_000;
        InputStream in = new SequenceInputStream(new HugeInsert(rows),
                new ByteArrayInputStream("SELECT 1;".getBytes(StandardCharsets.US_ASCII)));
        DumpScanner scanner = new DumpScanner(in, "huge.sql", 4096);
        long[] count = new long[1];
        List<String> other = new ArrayList<>();
        scanner.scan(new DumpHandler() {
            @Override
            public void statement(byte[] buf, int off, int len, SourcePosition at) {
                other.add(new String(buf, off, len, StandardCharsets.US_ASCII));
            }

            @Override
            public void insertStart(InsertHeader header, SourcePosition at) {
                other.add("insert " + header.table());
            }

            @Override
            public void tuple(byte[] buf, int off, int len, long line, long byteOffset) {
                if (count[0] == rows - 1) {
                    assertEquals("(999999,'row 999999 it\\'s; (x)')", new String(buf, off, len,
                            StandardCharsets.US_ASCII));
                }
                count[0]++;
            }

            @Override
            public void insertEnd() {
                other.add("end");
            }
        });
        assertEquals(rows, count[0]);
        assertEquals(List.of("insert t", "end", "SELECT 1"), other);
        assertEquals(4096, scanner.bufferCapacity(), "the buffer must not grow for small tuples");
    }

    @Test
    void growsOnlyForATupleLargerThanTheBuffer() throws IOException {
        String big = "x".repeat(10_000);
        byte[] in = ("INSERT INTO t VALUES (1,'" + big + "'),(2,'small');").getBytes(StandardCharsets.US_ASCII);
        DumpScanner scanner = new DumpScanner(new ChunkedInputStream(in, 1, 500), "big.sql", 1024);
        RecordingHandler h = new RecordingHandler();
        scanner.scan(h);
        assertEquals("tuple 1:21 (1,'" + big + "')", h.events.get(1));
        assertEquals(4, h.events.size());
        assertTrue(scanner.bufferCapacity() >= 10_000 && scanner.bufferCapacity() <= 32_768,
                "capacity " + scanner.bufferCapacity());
    }

    @Test
    void aOneByteBufferGrowsOnlyToTheLargestUnitAndGivesTheSameEvents() throws IOException {
        String sql = "-- header\nCREATE TABLE t (a int);\n"
                + "INSERT INTO t VALUES (1,'" + "y".repeat(300) + "'),(2,'z');\n"
                + "SELECT 'done';\n";
        byte[] in = sql.getBytes(StandardCharsets.US_ASCII);
        List<String> expected = Scans.events(in);
        DumpScanner scanner = new DumpScanner(ChunkedInputStream.oneByteAtATime(in), "test.sql", 1);
        RecordingHandler h = new RecordingHandler();
        scanner.scan(h);
        assertEquals(expected, h.events);
        // the largest unit is the insert head plus its first tuple (about 330 bytes), kept until the scanner knows
        // the insert can be streamed; doubling from 1 byte gives 512
        assertEquals(512, scanner.bufferCapacity());
    }
}
