package dev.packload.loader.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LargeRowBuffersTest {

    @Test
    void sizesRoundUpToAQuarterOfTheirPowerOfTwo() {
        assertEquals(327_680, LargeRowBuffers.sizeFor(300_000)); // 5 × 64 KiB
        assertEquals(262_144, LargeRowBuffers.sizeFor(262_144)); // a power of two is its own size
        assertEquals(327_680, LargeRowBuffers.sizeFor(262_145));
        assertEquals(65_536, LargeRowBuffers.sizeFor(65_536));
        assertEquals(81_920, LargeRowBuffers.sizeFor(65_537));
        for (int len = 1; len < 3_000_000; len += 997) {
            int size = LargeRowBuffers.sizeFor(len);
            assertTrue(size >= len, len + " -> " + size);
            assertTrue(size <= len + len / 4 + 1, len + " -> " + size + " wastes more than a quarter");
            assertEquals(size, LargeRowBuffers.sizeFor(size), "a size is its own size");
        }
    }

    @Test
    void anArrayGivenBackServesTheNextRowOfItsSize() {
        LargeRowBuffers b = new LargeRowBuffers(1 << 20);
        byte[] a = b.take(300_000);
        assertEquals(327_680, a.length);
        b.give(a);
        assertEquals(327_680, b.keptBytes());
        assertSame(a, b.take(310_000), "same size class");
        assertEquals(0, b.keptBytes());
        b.give(a);
        assertNotSame(a, b.take(200_000), "another size class gets a new array");
        assertEquals(327_680, b.keptBytes());
    }

    @Test
    void keepsNoMoreThanItsBoundAndMakesRoomFromOtherSizes() {
        LargeRowBuffers b = new LargeRowBuffers(700_000);
        byte[] x = b.take(300_000); // 327,680
        byte[] y = b.take(300_000);
        byte[] z = b.take(300_000);
        b.give(x);
        b.give(y);
        b.give(z); // a third would pass 700,000: left to the collector
        assertEquals(655_360, b.keptBytes());
        byte[] small = b.take(100_000); // 114,688
        b.give(small); // the rows got smaller: the bigger arrays make room
        assertEquals(114_688, b.keptBytes());
        assertSame(small, b.take(100_000));
    }

    @Test
    void rowsOverAMebibyteGetArraysOfTheirOwnThatAreNotKept() {
        LargeRowBuffers b = new LargeRowBuffers(64 << 20);
        byte[] a = b.take(LargeRowBuffers.MAX_KEPT_ROW + 1);
        assertEquals(LargeRowBuffers.MAX_KEPT_ROW + 1, a.length, "exactly the row");
        b.give(a);
        assertEquals(0, b.keptBytes());
        byte[] foreign = new byte[300_000]; // not a size this hands out
        b.give(foreign);
        assertEquals(0, b.keptBytes());
    }
}
