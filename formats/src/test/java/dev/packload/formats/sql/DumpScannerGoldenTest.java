package dev.packload.formats.sql;

import dev.packload.formats.ChunkedInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each directory under {@code src/test/resources/sql} holds an {@code input.sql} and the
 * {@code expected.txt} events (format in the README there). Run with {@code -Dpackload.golden.update=true} to
 * rewrite the expected files after a deliberate change, then review the diff.
 */
class DumpScannerGoldenTest {
    private static final Path ROOT = Path.of("src/test/resources/sql");
    private static final boolean UPDATE = Boolean.getBoolean("packload.golden.update");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            List<String> names = dirs.filter(d -> Files.exists(d.resolve("input.sql")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
            assertFalse(names.isEmpty(), "no golden cases under " + ROOT.toAbsolutePath());
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesExpectedEvents(String name) throws IOException {
        Path dir = ROOT.resolve(name);
        byte[] input = Files.readAllBytes(dir.resolve("input.sql"));
        RecordingHandler h = new RecordingHandler();
        h.events.addAll(Scans.outcome(new ByteArrayInputStream(input), DumpScanner.DEFAULT_BUFFER_SIZE));
        Path expectedFile = dir.resolve("expected.txt");
        if (UPDATE) {
            Files.writeString(expectedFile, h.text(), StandardCharsets.US_ASCII);
        }
        assertEquals(Files.readString(expectedFile, StandardCharsets.US_ASCII), h.text(), name);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameEventsWhenReadOneByteAtATimeIntoATinyBuffer(String name) throws IOException {
        byte[] input = Files.readAllBytes(ROOT.resolve(name).resolve("input.sql"));
        List<String> whole = Scans.outcome(new ByteArrayInputStream(input), DumpScanner.DEFAULT_BUFFER_SIZE);
        assertEquals(whole, Scans.outcome(ChunkedInputStream.oneByteAtATime(input), 1), name);
        for (long seed = 0; seed < 20; seed++) {
            assertEquals(whole, Scans.outcome(new ChunkedInputStream(input, seed, 100), 7), name + " seed " + seed);
        }
    }
}
