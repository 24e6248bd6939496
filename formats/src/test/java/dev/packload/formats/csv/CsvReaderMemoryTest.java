package dev.packload.formats.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** Memory stays bounded: the window of decoded text holds a couple of records, however long the input. */
class CsvReaderMemoryTest {

    /** Generates records on the fly, never in memory. */
    static final class Generated extends InputStream {
        private final long records;
        private final LongFunction<String> record;
        private long next;
        private byte[] chunk = new byte[0];
        private int pos;
        long bytes;

        Generated(long records, LongFunction<String> record) {
            this.records = records;
            this.record = record;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == chunk.length) {
                if (next == records) {
                    return -1;
                }
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < 1000 && next < records; i++, next++) {
                    s.append(record.apply(next));
                }
                chunk = s.toString().getBytes(StandardCharsets.UTF_8);
                pos = 0;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            bytes += n;
            return n;
        }
    }

    private static final class Last implements CsvHandler {
        long count;
        long line;
        long byteOffset;
        String raw;
        List<String> fields;

        @Override
        public void header(List<String> names) {
        }

        @Override
        public void record(CsvRecord r) {
            count++;
            line = r.line();
            byteOffset = r.byteOffset();
            if (r.invalidEncoding() != null) {
                throw new AssertionError(r.invalidEncoding());
            }
            if (count % 100_000 == 0 || r.size() != 3) {
                raw = r.rawText();
                fields = r.toList();
            }
        }
    }

    @Test
    void manyCsvRecordsWithQuotedNewlinesInASmallWindow() throws IOException {
        long n = 100_000;
        // every record is two lines and 33 or 32 bytes ("é" is two); the last one ends in "e"
        Generated in = new Generated(n, i -> String.format("%08d,\"two\r\nlines, \"\"q\"\"\",%s\r\n", i, i % 2 == 0 ? "é" : "e"));
        CsvReader reader = new CsvReader(in, "big.csv", CsvDialect.rfc4180().withHeader(false), null, 4096, 4096);
        Last last = new Last();
        reader.read(last);
        assertEquals(n, last.count);
        assertEquals(2 * n - 1, last.line);
        assertEquals(in.bytes - 32, last.byteOffset);
        assertEquals(List.of("00099999", "two\r\nlines, \"q\"", "e"), last.fields);
        assertTrue(reader.windowCapacity() <= 4 * 4096, "window grew to " + reader.windowCapacity());
    }

    @Test
    void manyMysqlRecordsInASmallWindow() throws IOException {
        long n = 100_000;
        Generated in = new Generated(n, i -> i + "\t\\N\tback\\\\slash\\ttab\r\n");
        CsvReader reader = new CsvReader(in, "big.txt", CsvDialect.mysql(), null, 4096, 4096);
        Last last = new Last();
        reader.read(last);
        assertEquals(n, last.count);
        assertEquals(n, last.line);
        assertEquals(java.util.Arrays.asList("99999", null, "back\\slash\ttab\r"), last.fields);
        assertTrue(reader.windowCapacity() <= 4 * 4096, "window grew to " + reader.windowCapacity());
    }

    @Test
    void aHugeFieldGrowsTheWindowOnlyForItself() throws IOException {
        String big = "x".repeat(3_000_000);
        Generated in = new Generated(3, i -> i == 1 ? "1,\"" + big + "\"\n" : i + ",small\n");
        CsvReader reader = new CsvReader(in, "big.csv", CsvDialect.rfc4180().withHeader(false), null, 4096, 4096);
        long[] sizes = new long[3];
        int[] k = {0};
        reader.read(new CsvHandler() {
            @Override
            public void header(List<String> names) {
            }

            @Override
            public void record(CsvRecord r) {
                sizes[k[0]++] = r.get(1).length();
            }
        });
        assertEquals(3_000_000, sizes[1]);
        assertEquals(5, sizes[2]);
        assertTrue(reader.windowCapacity() <= 8 * 3_000_000, "window grew to " + reader.windowCapacity());
    }
}
