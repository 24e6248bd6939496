package dev.packload.formats.csv;

import dev.packload.formats.ChunkedInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each directory under {@code src/test/resources/csv} holds an {@code input.txt}, its
 * {@code dialect.properties} and the {@code expected.txt} events (format in the README there). The
 * {@code mariadb-*} cases' expected values come from the server, not from this reader. Run with
 * {@code -Dpackload.golden.update=true} to rewrite the {@code handwritten-*} expected files after a deliberate
 * change, then review the diff.
 */
class CsvReaderGoldenTest {
    private static final Path ROOT = Path.of("src/test/resources/csv");
    private static final boolean UPDATE = Boolean.getBoolean("packload.golden.update");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            List<String> names = dirs.filter(d -> Files.exists(d.resolve("input.txt")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
            assertFalse(names.isEmpty(), "no golden cases under " + ROOT.toAbsolutePath());
            return names.stream();
        }
    }

    /** The dialect and encoding a case's {@code dialect.properties} describe. */
    static CsvDialect dialect(Properties p) {
        CsvDialect d = CsvDialect.named(p.getProperty("preset"));
        if (p.containsKey("delimiter")) {
            d = d.withDelimiter(p.getProperty("delimiter").charAt(0));
        }
        if (p.containsKey("quote")) {
            d = d.withQuote(character(p.getProperty("quote")));
        }
        if (p.containsKey("escape")) {
            d = d.withEscape(character(p.getProperty("escape")));
        }
        if (p.containsKey("recordSeparator")) {
            String s = p.getProperty("recordSeparator");
            d = d.withRecordSeparator(s.equals("any") ? null : s);
        }
        if (p.containsKey("header")) {
            d = d.withHeader(Boolean.parseBoolean(p.getProperty("header")));
        }
        if (p.containsKey("skipLines")) {
            d = d.withSkipLines(Integer.parseInt(p.getProperty("skipLines")));
        }
        if (p.containsKey("nullStrings")) {
            Set<String> nulls = Arrays.stream(p.getProperty("nullStrings").split("\\|", -1)).collect(Collectors.toSet());
            d = d.withNullStrings(nulls);
        }
        if (p.containsKey("emptyAsNull")) {
            d = d.withEmptyAsNull(Boolean.parseBoolean(p.getProperty("emptyAsNull")));
        }
        if (p.containsKey("trailingDelimiter")) {
            d = d.withTrailingDelimiter(Boolean.parseBoolean(p.getProperty("trailingDelimiter")));
        }
        return d;
    }

    private static Character character(String s) {
        return s.isEmpty() ? null : s.charAt(0);
    }

    private record Case(byte[] input, CsvDialect dialect, Charset encoding) {
        static Case load(String name) throws IOException {
            Path dir = ROOT.resolve(name);
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(dir.resolve("dialect.properties"), StandardCharsets.UTF_8)) {
                p.load(r);
            }
            Charset cs = p.containsKey("encoding") ? Charset.forName(p.getProperty("encoding")) : StandardCharsets.UTF_8;
            return new Case(Files.readAllBytes(dir.resolve("input.txt")), CsvReaderGoldenTest.dialect(p), cs);
        }

        List<String> read(java.io.InputStream in, int buffer) {
            return Reads.outcome(in, dialect, encoding, buffer, buffer, false);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesExpectedEvents(String name) throws IOException {
        Case c = Case.load(name);
        String text = String.join("\n", c.read(new ByteArrayInputStream(c.input), CsvReader.DEFAULT_BUFFER_SIZE)) + "\n";
        Path expectedFile = ROOT.resolve(name).resolve("expected.txt");
        if (UPDATE && name.startsWith("handwritten-")) {
            Files.writeString(expectedFile, text, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), text, name);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameEventsWhenReadOneByteAtATimeOrInRandomChunks(String name) throws IOException {
        Case c = Case.load(name);
        List<String> whole = c.read(new ByteArrayInputStream(c.input), CsvReader.DEFAULT_BUFFER_SIZE);
        assertEquals(whole, c.read(ChunkedInputStream.oneByteAtATime(c.input), 1), name);
        for (long seed = 0; seed < 20; seed++) {
            assertEquals(whole, c.read(new ChunkedInputStream(c.input, seed, 100), 7), name + " seed " + seed);
        }
    }
}
