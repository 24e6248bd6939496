package dev.packload.formats.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CsvReader#stop}: a handler ends the reading without throwing through the reader, on every path. */
class CsvReaderStopTest {
    private static final String TEXT = "id,a\n1,x\n2,y\n3,z\n";

    private static List<String> readUntil(int limit, Charset cs, boolean commons) throws IOException {
        List<String> seen = new ArrayList<>();
        CsvReader reader = new CsvReader(new ByteArrayInputStream(TEXT.getBytes(cs)), "t", CsvDialect.rfc4180(), cs);
        if (commons) {
            reader.useCommonsCsv();
        }
        reader.read(new CsvHandler() {
            @Override
            public void header(List<String> names) {
            }

            @Override
            public void record(CsvRecord r) {
                seen.add(r.get(0));
                if (seen.size() == limit) {
                    reader.stop();
                }
            }
        });
        return seen;
    }

    @Test
    void theByteReaderHandsOverNothingAfterAStop() throws IOException {
        assertEquals(List.of("1", "2"), readUntil(2, StandardCharsets.UTF_8, false));
    }

    @Test
    void theDecodingReaderHandsOverNothingAfterAStop() throws IOException {
        assertEquals(List.of("1", "2"), readUntil(2, StandardCharsets.UTF_16BE, false));
        assertEquals(List.of("1"), readUntil(1, StandardCharsets.UTF_8, true));
    }

    @Test
    void runsOfRecordsEndAtAStop() throws IOException {
        List<Integer> runs = new ArrayList<>();
        CsvReader reader = new CsvReader(new ByteArrayInputStream(TEXT.getBytes(StandardCharsets.UTF_8)), "t",
                CsvDialect.rfc4180().withHeader(false), StandardCharsets.UTF_8);
        reader.readChunks(1, (b, off, len, firstLine, byteOffset, records) -> {
            runs.add(records);
            reader.stop();
        });
        assertEquals(List.of(1), runs);
    }
}
