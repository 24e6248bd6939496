package dev.packload.loader.bench;

import dev.packload.loader.write.ByteSink;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchRowGeneratorTest {

    /** Everything one generator writes for a data set: digest, totals, and what each row looked like. */
    private record Pass(byte[] digest, long bytes, long blobRows, long minRow, long maxRow, long[] rowsPerTable) {
    }

    private static Pass generate(BenchData data) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        RowGenerator g = new RowGenerator(data);
        ByteSink sink = new ByteSink(16);
        long bytes = 0;
        long blobRows = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        long[] perTable = new long[data.tables()];
        int lastTable = 0;
        while (g.hasNext()) {
            long i = g.nextRow();
            int k = g.next(sink);
            assertTrue(k >= lastTable, "tables come one after the other");
            lastTable = k;
            perTable[k]++;
            md.update(sink.array(), 0, sink.length());
            bytes += sink.length();
            String tuple = new String(sink.array(), 0, sink.length(), StandardCharsets.ISO_8859_1);
            assertTrue(tuple.startsWith("(" + (i + 1) + ","), tuple);
            assertTrue(tuple.endsWith(")"), tuple);
            long apartFromBlob = sink.length();
            if (g.lastHadBlob()) {
                blobRows++;
                int hex = 2 * (int) data.blobBytes();
                assertEquals(",0x", tuple.substring(tuple.length() - hex - 4, tuple.length() - hex - 1), "a BLOB in hex");
                assertTrue(tuple.substring(tuple.length() - hex - 1, tuple.length() - 1).matches("[0-9A-F]+"));
                apartFromBlob = sink.length() - (2 + 2 * data.blobBytes()) + 4;
            } else {
                assertTrue(tuple.endsWith(",NULL)"), tuple);
            }
            min = Math.min(min, apartFromBlob);
            max = Math.max(max, apartFromBlob);
        }
        return new Pass(md.digest(), bytes, blobRows, min, max, perTable);
    }

    @Test
    void theSameDataSetGivesTheSameBytesEveryTime() throws Exception {
        BenchData data = new BenchData(5_001, 300, 1000, 0.1, 3);
        Pass a = generate(data);
        Pass b = generate(data);
        assertArrayEquals(a.digest(), b.digest(), "fixed seed: identical rows");
        // and not by accident identical to another data set's
        assertFalse(HexFormat.of().formatHex(a.digest()).equals(
                HexFormat.of().formatHex(generate(new BenchData(5_001, 301, 1000, 0.1, 3)).digest())));
    }

    @Test
    void rowsAverageExactlyTheAskedSizeWithinHalfToOneAndAHalfTimes() throws Exception {
        for (long rows : new long[] {1, 2, 999, 10_000}) {
            BenchData data = new BenchData(rows, 200, 0, 0, 1);
            Pass p = generate(data);
            assertEquals(rows * 200, p.bytes(), "average exactly 200 B over " + rows + " rows");
            assertEquals(data.sqlBytes(), p.bytes());
            assertTrue(p.minRow() >= 100 && p.maxRow() <= 300, p.minRow() + ".." + p.maxRow());
        }
        Pass spread = generate(new BenchData(10_000, 200, 0, 0, 1));
        assertTrue(spread.minRow() < 120 && spread.maxRow() > 280, "rows do vary: " + spread.minRow() + ".."
                + spread.maxRow());
    }

    @Test
    void theSmallestRowsAreExactToo() throws Exception {
        BenchData data = new BenchData(1_000, BenchData.MIN_ROW_BYTES, 0, 0, 1);
        Pass p = generate(data);
        assertEquals(1_000L * BenchData.MIN_ROW_BYTES, p.bytes());
        assertEquals(BenchData.MIN_ROW_BYTES, p.minRow());
        assertEquals(BenchData.MIN_ROW_BYTES, p.maxRow());
    }

    @Test
    void theAskedShareOfRowsCarriesABlobOfTheAskedSize() throws Exception {
        BenchData data = new BenchData(10_000, 250, 4096, 0.05, 1);
        Pass p = generate(data);
        assertEquals(500, p.blobRows());
        assertEquals(500, data.blobRows());
        assertEquals(10_000L * 250 + 500L * (2 + 2 * 4096 - 4), p.bytes());
        assertEquals(data.sqlBytes(), p.bytes());
        assertTrue(p.minRow() >= 125 && p.maxRow() <= 375, "BLOB rows are sized like the others apart from the BLOB");
    }

    @Test
    void blobRowsAreSpreadEvenly() {
        BenchData data = new BenchData(1_000, 200, 10, 0.25, 1);
        for (long i = 0; i < 1_000; i += 4) {
            long inBlock = 0;
            for (long j = i; j < i + 4; j++) {
                inBlock += data.hasBlob(j) ? 1 : 0;
            }
            assertEquals(1, inBlock, "one row in four from row " + i);
        }
    }

    @Test
    void rowsAreSplitOverTheTablesInOrder() throws Exception {
        BenchData data = new BenchData(10, 100, 0, 0, 3);
        Pass p = generate(data);
        assertArrayEquals(new long[] {3, 3, 4}, p.rowsPerTable());
        assertEquals("bench_1", BenchData.tableName(0));
        assertTrue(BenchData.createTable("db", 0).startsWith("CREATE TABLE `db`.`bench_1` ("));
    }

    @Test
    void badSizesAreRefusedWithTheOptionNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BenchData(0, 200, 0, 0, 1))
                .getMessage().contains("--rows"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BenchData(10, 79, 0, 0, 1))
                .getMessage().contains("--row-bytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BenchData(10, 200, 100, 0, 1))
                .getMessage().contains("--blob-share"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BenchData(10, 200, 0, 0.5, 1))
                .getMessage().contains("--blob-bytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BenchData(10, 200, 100, 1.5, 1))
                .getMessage().contains("--blob-share"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BenchData(10, 200, 0, 0, 11))
                .getMessage().contains("--tables"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BenchData(10, 200, 0, Double.NaN, 1))
                .getMessage().contains("--blob-share"));
    }
}
