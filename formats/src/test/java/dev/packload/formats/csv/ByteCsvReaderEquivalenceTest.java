package dev.packload.formats.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.packload.formats.ChunkedInputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The byte-level reader ({@link ByteCsvReader}) must give exactly what the commons-csv path gives: the same header,
 * records, values, NULLs, lines, byte offsets, original text and encoding messages, and the same error at the same
 * place, on arbitrary and often malformed input, in every dialect of {@link CsvGenerator#DIALECTS} and with headers.
 */
class ByteCsvReaderEquivalenceTest {

    private static List<String> commons(byte[] in, CsvDialect d, Charset cs) {
        return Reads.outcome(new ByteArrayInputStream(in), d, cs, CsvReader.DEFAULT_BUFFER_SIZE,
                CsvReader.DEFAULT_BUFFER_SIZE, false, true);
    }

    private static CsvDialect dialect(int which, Random r) {
        CsvDialect d = CsvGenerator.DIALECTS.get(which);
        if (r.nextInt(3) == 0) {
            d = d.withHeader(true);
        }
        if (r.nextInt(4) == 0) {
            d = d.withSkipLines(r.nextInt(3));
        }
        return d;
    }

    @Property(tries = 1500)
    void sameOutcomeAsCommonsCsvOnArbitraryInput(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 120) int pieces,
            @ForAll @IntRange(min = 0, max = 8) int which,
            @ForAll @IntRange(min = 1, max = 64) int bufferSize,
            @ForAll boolean latin1) {
        byte[] in = CsvGenerator.randomInput(seed, pieces);
        CsvDialect d = dialect(which, new Random(seed));
        Charset cs = latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        assertEquals(commons(in, d, cs), Reads.outcome(new ChunkedInputStream(in, seed, 1 + bufferSize / 3), d, cs,
                bufferSize, bufferSize, false, false));
    }

    @Property(tries = 500)
    void sameOutcomeOnWellFormedRecords(@ForAll long seed, @ForAll @IntRange(min = 0, max = 7) int which) {
        Random r = new Random(seed);
        // every dialect but plain TSV, which has no way to write a tab or line end in a field
        CsvDialect d = dialect(new int[] {0, 1, 2, 4, 5, 6, 7, 8}[which], r);
        StringBuilder text = new StringBuilder();
        for (List<String> rec : CsvGenerator.randomRecords(r, d)) {
            text.append(CsvGenerator.write(rec, d, r)).append(d.recordSeparator() == null ? "\r\n"
                    : d.recordSeparator());
        }
        byte[] in = text.toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(commons(in, d, StandardCharsets.UTF_8), Reads.outcome(new ByteArrayInputStream(in), d,
                StandardCharsets.UTF_8, 4096, 4096, false, false));
    }
}
