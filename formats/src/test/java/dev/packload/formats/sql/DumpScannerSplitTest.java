package dev.packload.formats.sql;

import dev.packload.formats.ChunkedInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Buffer boundaries must not matter: the same input read whole, one byte at a time, or in random chunks, into
 * a large or a tiny buffer, gives the same events (and the same error). The inputs come from
 * {@link DumpGenerator}, which also knows the exact events to expect.
 */
class DumpScannerSplitTest {

    @Property(tries = 300)
    void generatedDumpsGiveExactlyTheExpectedEvents(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int pieces) {
        DumpGenerator.Dump dump = DumpGenerator.generate(seed, pieces);
        assertEquals(dump.events(), Scans.outcome(new ByteArrayInputStream(dump.input()),
                DumpScanner.DEFAULT_BUFFER_SIZE));
    }

    @Property(tries = 300)
    void randomSplitsAndTinyBuffersGiveTheSameEvents(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 40) int pieces,
            @ForAll @IntRange(min = 1, max = 300) int maxChunk,
            @ForAll @IntRange(min = 1, max = 600) int bufferSize) {
        DumpGenerator.Dump dump = DumpGenerator.generate(seed, pieces);
        assertEquals(dump.events(), Scans.outcome(new ChunkedInputStream(dump.input(), seed, maxChunk), bufferSize));
    }

    @Property(tries = 100)
    void oneByteAtATime(@ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int pieces) {
        DumpGenerator.Dump dump = DumpGenerator.generate(seed, pieces);
        assertEquals(dump.events(), Scans.outcome(ChunkedInputStream.oneByteAtATime(dump.input()), 1));
    }

    /** Cut anywhere, the input may be invalid; whatever the outcome, it must not depend on the chunking. */
    @Property(tries = 300)
    void truncatedInputsGiveTheSameOutcomeHoweverTheyAreRead(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 20) int pieces,
            @ForAll @IntRange(min = 0, max = 1000) int cutPerMille,
            @ForAll @IntRange(min = 1, max = 64) int maxChunk) {
        byte[] full = DumpGenerator.generate(seed, pieces).input();
        byte[] cut = Arrays.copyOf(full, (int) ((long) full.length * cutPerMille / 1000));
        List<String> whole = Scans.outcome(new ByteArrayInputStream(cut), DumpScanner.DEFAULT_BUFFER_SIZE);
        assertEquals(whole, Scans.outcome(new ChunkedInputStream(cut, seed, maxChunk), 1 + (int) (seed & 63)));
        assertEquals(whole, Scans.outcome(ChunkedInputStream.oneByteAtATime(cut), 3));
    }
}
