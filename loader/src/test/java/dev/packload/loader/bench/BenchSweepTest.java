package dev.packload.loader.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchSweepTest {

    @Test
    void threadsSweepReplacesTheThreads() {
        Sweep s = Sweep.parse("threads=1,2,4");
        assertEquals(Sweep.Parameter.THREADS, s.parameter());
        assertEquals(List.of(1L, 2L, 4L), s.values());
        assertEquals(List.of(new Variant("threads=1", 1, 0), new Variant("threads=2", 2, 0),
                new Variant("threads=4", 4, 0)), s.variants(8, 0));
        assertEquals(new Variant("threads=2", 2, 65536), s.variants(8, 65536).get(1), "the statement cap stays");
    }

    @Test
    void statementBytesSweepTakesSizesAndReplacesTheCap() {
        Sweep s = Sweep.parse("statement-bytes=64K,1M,16M");
        assertEquals(Sweep.Parameter.STATEMENT_BYTES, s.parameter());
        assertEquals(List.of(65_536L, 1_048_576L, 16_777_216L), s.values());
        assertEquals(List.of(new Variant("statement-bytes=64K", 3, 65_536), new Variant("statement-bytes=1M", 3, 1_048_576),
                new Variant("statement-bytes=16M", 3, 16_777_216)), s.variants(3, 0));
        assertEquals(List.of(5_000L, 1L << 30, 512L << 10), Sweep.parse(" Statement-Bytes = 5000, 1g ,512KiB").values());
    }

    @Test
    void preparedRowsSweepKeepsThreadsAndCap() {
        Sweep s = Sweep.parse("prepared-rows=0,1024");
        assertEquals(Sweep.Parameter.PREPARED_ROWS, s.parameter());
        assertEquals(List.of(new Variant("prepared-rows=0", 2, 65_536, 0), new Variant("prepared-rows=1024", 2, 65_536, 1024)),
                s.variants(2, 65_536));
        assertEquals(1024, new Variant("threads=2", 2, 0).preparedRows(), "load's default unless swept");
    }

    @Test
    void sizesAreWrittenBackAsTheUserWouldWriteThem() {
        assertEquals("64K", Sweep.size(65_536));
        assertEquals("16M", Sweep.size(16L << 20));
        assertEquals("1G", Sweep.size(1L << 30));
        assertEquals("1536K", Sweep.size(1536L << 10));
        assertEquals("5000", Sweep.size(5_000));
    }

    @Test
    void badSweepsSayWhatIsWrong() {
        assertMessage("NAME=V1,V2", "threads");
        assertMessage("batch-rows=1,2", "can vary threads, statement-bytes or prepared-rows, not 'batch-rows'");
        assertMessage("prepared-rows=-1", "between 0 and 65535");
        assertMessage("prepared-rows=1k", "not a number: '1k'");
        assertMessage("threads=", "empty value");
        assertMessage("threads=1,,2", "empty value");
        assertMessage("threads=1,x", "not a number: 'x'");
        assertMessage("threads=0,1", "between 1 and 256");
        assertMessage("threads=1,2,1", "1 is listed twice");
        assertMessage("statement-bytes=1K", "between 4K and 1G");
        assertMessage("statement-bytes=2G", "between 4K and 1G");
        assertMessage("statement-bytes=12Q", "not a size: '12Q'");
        assertMessage("statement-bytes=64K,65536", "65536 is listed twice");
    }

    private static void assertMessage(String spec, String expected) {
        String m = assertThrows(IllegalArgumentException.class, () -> Sweep.parse(spec), spec).getMessage();
        assertTrue(m.contains(expected), spec + " -> " + m);
    }
}
