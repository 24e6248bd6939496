package dev.packload.formats.csv;

import dev.packload.formats.ChunkedInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Buffer boundaries must not matter: the same input read whole, one byte at a time, or in random chunks, through
 * tiny or large buffers, gives the same records (fields, NULLs, line, byte offset, original text, encoding flag)
 * and the same error. Also: commons-csv's fields agree with the reader's own decoding wherever the reader uses
 * them, and well-formed records come back exactly as they were written.
 */
class CsvReaderSplitTest {

    private static List<String> whole(byte[] in, CsvDialect d) {
        return Reads.outcome(new ByteArrayInputStream(in), d, StandardCharsets.UTF_8, CsvReader.DEFAULT_BUFFER_SIZE,
                CsvReader.DEFAULT_BUFFER_SIZE, false);
    }

    @Property(tries = 400)
    void randomSplitsAndTinyBuffersGiveTheSameRecords(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 120) int pieces,
            @ForAll @IntRange(min = 0, max = 8) int dialect,
            @ForAll @IntRange(min = 1, max = 50) int maxChunk,
            @ForAll @IntRange(min = 1, max = 40) int bufferSize) {
        byte[] in = CsvGenerator.randomInput(seed, pieces);
        CsvDialect d = CsvGenerator.DIALECTS.get(dialect);
        assertEquals(whole(in, d), Reads.outcome(new ChunkedInputStream(in, seed, maxChunk), d,
                StandardCharsets.UTF_8, bufferSize, bufferSize, false));
    }

    @Property(tries = 200)
    void oneByteAtATime(@ForAll long seed, @ForAll @IntRange(min = 0, max = 80) int pieces,
            @ForAll @IntRange(min = 0, max = 8) int dialect) {
        byte[] in = CsvGenerator.randomInput(seed, pieces);
        CsvDialect d = CsvGenerator.DIALECTS.get(dialect);
        assertEquals(whole(in, d), Reads.outcome(ChunkedInputStream.oneByteAtATime(in), d, StandardCharsets.UTF_8,
                1, 1, false));
    }

    @Property(tries = 400)
    void commonsCsvFieldsAgreeWithTheReadersOwnDecoding(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 120) int pieces,
            @ForAll @IntRange(min = 0, max = 8) int dialect) {
        byte[] in = CsvGenerator.randomInput(seed, pieces);
        CsvDialect d = CsvGenerator.DIALECTS.get(dialect);
        assertEquals(Reads.outcome(new ByteArrayInputStream(in), d, StandardCharsets.UTF_8,
                CsvReader.DEFAULT_BUFFER_SIZE, CsvReader.DEFAULT_BUFFER_SIZE, false, true),
                Reads.outcome(new ByteArrayInputStream(in), d, StandardCharsets.UTF_8,
                CsvReader.DEFAULT_BUFFER_SIZE, CsvReader.DEFAULT_BUFFER_SIZE, true, true));
    }

    /** Each record's original bytes, read alone, give the same fields; and they are where byteOffset says. */
    @Property(tries = 300)
    void rawBytesReadAloneGiveTheSameFields(@ForAll long seed, @ForAll @IntRange(min = 0, max = 120) int pieces,
            @ForAll @IntRange(min = 0, max = 8) int dialect) {
        byte[] in = CsvGenerator.randomInput(seed, pieces);
        CsvDialect d = CsvGenerator.DIALECTS.get(dialect);
        List<CsvRecord> records = new ArrayList<>();
        try {
            records = Reads.records(in, d, StandardCharsets.UTF_8);
        } catch (dev.packload.formats.FormatException e) {
            return; // errors are covered by the other properties
        }
        String end = "\r\n".equals(d.recordSeparator()) ? "\r\n" : "\n";
        for (CsvRecord r : records) {
            byte[] raw = r.rawBytes();
            assertArrayEquals(Arrays.copyOfRange(in, (int) r.byteOffset(), (int) r.byteOffset() + raw.length), raw);
            ByteArrayOutputStream alone = new ByteArrayOutputStream();
            if (raw.length >= 3 && raw[0] == (byte) 0xEF && raw[1] == (byte) 0xBB && raw[2] == (byte) 0xBF) {
                alone.write(raw, 0, 3); // a U+FEFF that starts the record would be read as a byte-order mark
            }
            alone.writeBytes(raw);
            alone.writeBytes(end.getBytes(StandardCharsets.UTF_8));
            List<CsvRecord> again = Reads.records(alone.toByteArray(), d.withSkipLines(0), StandardCharsets.UTF_8);
            assertEquals(1, again.size(), r.rawText());
            assertEquals(r.toList(), again.get(0).toList());
            assertEquals(r.invalidEncoding() == null, again.get(0).invalidEncoding() == null);
        }
    }

    /** Records written as the dialect's writers write them come back field for field, with exact positions. */
    @Property(tries = 500)
    void writtenRecordsComeBackExactly(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5) int which,
            @ForAll @IntRange(min = 1, max = 30) int maxChunk) {
        CsvDialect d = CsvGenerator.DIALECTS.get(new int[] {0, 1, 2, 4, 5, 6, 7, 8}[which]);
        Random r = new Random(seed);
        List<List<String>> records = CsvGenerator.randomRecords(r, d);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> texts = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        long line = 1;
        for (int i = 0; i < records.size(); i++) {
            String text = CsvGenerator.write(records.get(i), d, r);
            String end = d.recordSeparator() != null ? d.recordSeparator() : r.nextBoolean() ? "\n" : "\r\n";
            if (i == records.size() - 1 && r.nextBoolean() && !text.isEmpty()) {
                end = ""; // the last line may lack its line end
            }
            texts.add(text);
            offsets.add((long) out.size());
            lines.add(line);
            String all = text + end;
            for (int k = 0; k < all.length(); k++) {
                char c = all.charAt(k);
                if (c == '\n' || c == '\r' && d.recordSeparator() == null
                        && (k + 1 == all.length() || all.charAt(k + 1) != '\n')) {
                    line++;
                }
            }
            out.writeBytes(all.getBytes(StandardCharsets.UTF_8));
        }
        byte[] in = out.toByteArray();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            expected.add("record " + lines.get(i) + ":" + offsets.get(i) + " " + Reads.fields(records.get(i))
                    + " raw " + Reads.quoted(texts.get(i)));
        }
        assertEquals(expected, whole(in, d));
        assertEquals(expected, Reads.outcome(new ChunkedInputStream(in, seed, maxChunk), d, StandardCharsets.UTF_8,
                7, 5, false));
    }
}
