package dev.packload.formats.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packload.formats.ChunkedInputStream;
import dev.packload.formats.FormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link CsvReader#readChunks}: runs of whole records that put together are the input, cut where records end. */
class CsvChunksTest {

    @Property(tries = 400)
    void runsAreTheInputCutWhereRecordsStart(@ForAll long seed, @ForAll @IntRange(min = 0, max = 7) int which,
            @ForAll @IntRange(min = 1, max = 200) int chunkBytes) throws IOException {
        Random r = new Random(seed);
        // every dialect but plain TSV (it cannot write a tab or line end in a field), with its line ends fixed
        CsvDialect d = CsvGenerator.DIALECTS.get(new int[] {0, 1, 2, 4, 5, 6, 7, 8}[which]);
        String end = d.recordSeparator() == null ? "\r\n" : d.recordSeparator();
        d = d.withRecordSeparator(end);
        StringBuilder text = new StringBuilder();
        List<List<String>> records = CsvGenerator.randomRecords(r, d);
        for (List<String> rec : records) {
            text.append(CsvGenerator.write(rec, d, r)).append(end);
        }
        byte[] in = text.toString().getBytes(StandardCharsets.UTF_8);
        // where the record-by-record reader says each record starts
        List<Long> starts = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        new CsvReader(new ByteArrayInputStream(in), "t", d, StandardCharsets.UTF_8).read(new CsvHandler() {
            @Override
            public void header(List<String> names) {
            }

            @Override
            public void record(CsvRecord rec) {
                starts.add(rec.byteOffset());
                lines.add(rec.line());
            }
        });
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int[] seen = {0};
        CsvReader reader = new CsvReader(new ChunkedInputStream(in, seed, 1 + chunkBytes / 2), "t", d,
                StandardCharsets.UTF_8, 16, 16);
        reader.readChunks(chunkBytes, (b, off, len, firstLine, byteOffset, n) -> {
            assertEquals(joined.size(), byteOffset);
            assertEquals(starts.get(seen[0]), byteOffset, "a run starts where a record starts");
            assertEquals(lines.get(seen[0]), firstLine);
            assertTrue(n > 0);
            joined.write(b, off, len);
            seen[0] += n;
        });
        assertEquals(starts.size(), seen[0], "every record in exactly one run");
        assertArrayEquals(in, joined.toByteArray());
    }

    @Test
    void anUnterminatedQuoteIsAnErrorAfterTheRunsBeforeIt() {
        byte[] in = "1,a\n2,b\n3,\"open\n4,d\n".getBytes(StandardCharsets.UTF_8);
        List<Integer> runs = new ArrayList<>();
        CsvReader reader = new CsvReader(new ByteArrayInputStream(in), "t.csv",
                CsvDialect.rfc4180().withHeader(false).withRecordSeparator("\n"), StandardCharsets.UTF_8);
        FormatException e = assertThrows(FormatException.class, () -> reader.readChunks(1, (b, off, len, line, at, n) ->
                runs.add(n)));
        assertEquals(List.of(1, 1), runs);
        assertTrue(e.getMessage().contains("t.csv:3") && e.getMessage().contains("unterminated quoted field"),
                e.getMessage());
    }
}
