package dev.packload.formats.sql;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.packload.formats.FormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs a scanner over test input and returns what the handler saw. */
final class Scans {
    private Scans() {
    }

    static List<String> events(String sql) {
        return events(sql.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> events(byte[] input) {
        return events(new ByteArrayInputStream(input), DumpScanner.DEFAULT_BUFFER_SIZE, false);
    }

    static List<String> events(InputStream in, int bufferSize, boolean noBackslashEscapes) {
        RecordingHandler h = new RecordingHandler();
        DumpScanner scanner = new DumpScanner(in, "test.sql", bufferSize);
        scanner.setNoBackslashEscapes(noBackslashEscapes);
        try {
            scanner.scan(h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return h.events;
    }

    /** The events, or the error's message as the last event, so runs that fail can be compared too. */
    static List<String> outcome(InputStream in, int bufferSize) {
        RecordingHandler h = new RecordingHandler();
        try {
            new DumpScanner(in, "test.sql", bufferSize).scan(h);
        } catch (FormatException e) {
            h.events.add("error " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return h.events;
    }

    static FormatException error(String sql) {
        return assertThrows(FormatException.class, () -> events(sql));
    }
}
