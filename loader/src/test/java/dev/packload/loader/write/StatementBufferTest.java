package dev.packload.loader.write;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatementBufferTest {

    /** The capacities (SQL bytes, header left out; a step multiplies the whole array, header too) the buffer passes through while n bytes go in one at a time. */
    private static List<Integer> steps(StatementBuffer sb, int n) {
        List<Integer> caps = new ArrayList<>();
        caps.add(sb.array().length - sb.headerBytes());
        byte[] one = {'x'};
        for (int i = 0; i < n; i++) {
            sb.append(one);
            int cap = sb.array().length - sb.headerBytes();
            if (cap != caps.get(caps.size() - 1)) {
                caps.add(cap);
            }
        }
        return caps;
    }

    @Test
    void growsByFoursUpToTheUsualSizeAndStopsThereForARowPastIt() {
        // usual 5000: 1000 -> 4012 (the 4-byte header is in the array that grows) -> 5000, and the statement that ends 100 bytes past it takes only what it needs
        // by doubling the array, not a step of four to 16000
        StatementBuffer sb = new StatementBuffer(4, 1 << 20, 1000, 5000);
        assertEquals(List.of(1000, 4012, 5000, 10004), steps(sb, 5100));
    }

    @Test
    void pastTheUsualSizeItDoublesSoABigValueIsNotCopiedOncePerPiece() {
        StatementBuffer sb = new StatementBuffer(4, 1 << 20, 1000, 2000);
        List<Integer> caps = steps(sb, 100_000);
        assertEquals(List.of(1000, 2000, 4004, 8012, 16028, 32060, 64124, 128252), caps);
    }

    @Test
    void neverGrowsPastTheLimitAndRefusesTheByteOverIt() {
        StatementBuffer sb = new StatementBuffer(4, 3000, 1000, 1000);
        List<Integer> caps = steps(sb, 3000);
        assertEquals(3000, caps.get(caps.size() - 1));
        assertThrows(IllegalStateException.class, () -> sb.append((byte) 'y'));
        assertEquals(3000, sb.length());
    }

    @Test
    void oneAppendLargerThanAStepGetsExactlyWhatItNeeds() {
        StatementBuffer sb = new StatementBuffer(4, 1 << 20, 64, 1 << 20);
        byte[] big = new byte[100_000];
        big[99_999] = 7;
        sb.append(big);
        assertEquals(100_000, sb.array().length - sb.headerBytes());
        assertArrayEquals(big, java.util.Arrays.copyOfRange(sb.array(), 4, 4 + 100_000));
    }

    @Test
    void theThreeArgumentFormTakesTheLimitAsItsUsualSize() {
        StatementBuffer sb = new StatementBuffer(4, 1 << 20, 1024, Integer.MAX_VALUE);
        StatementBuffer same = new StatementBuffer(4, 1 << 20, 1024);
        assertEquals(steps(same, 300_000), steps(sb, 300_000));
        assertEquals(List.of(1024, 4108, 16444, 65788, 263164, 1048576), steps(new StatementBuffer(4, 1 << 20, 1024),
                300_000 + 1));
    }
}
