package dev.packload.formats.csv;

import dev.packload.formats.FormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a {@link CsvReader} over test input and writes down what the handler saw, one line per event, in the format
 * of the golden files (see {@code src/test/resources/csv/README.md}):
 *
 * <pre>
 * header ["id", "name"]
 * record 2:9 ["1", NULL, "a\tb"] raw "1,,\"a\tb\""
 * record 3:20 ["x", "(U+FFFD as a brace escape)"] raw "x,..." invalid "invalid UTF-8 byte 0xC3 at byte offset 22"
 * error t.csv:4 (byte 31): unterminated quoted field ...
 * </pre>
 */
final class Reads {
    static final String SOURCE = "t.csv";

    private Reads() {
    }

    static List<String> events(String input, CsvDialect d) {
        return events(input.getBytes(StandardCharsets.UTF_8), d);
    }

    static List<String> events(byte[] input, CsvDialect d) {
        return outcome(new ByteArrayInputStream(input), d, StandardCharsets.UTF_8, CsvReader.DEFAULT_BUFFER_SIZE,
                CsvReader.DEFAULT_BUFFER_SIZE, false);
    }

    /** The events, or the error's message as the last event, so runs that fail can be compared too. */
    static List<String> outcome(InputStream in, CsvDialect d, Charset cs, int byteBuffer, int window,
            boolean alwaysDecode) {
        return outcome(in, d, cs, byteBuffer, window, alwaysDecode, false);
    }

    /** As above; {@code commonsOnly}: read with commons-csv even where the byte-level reader would. */
    static List<String> outcome(InputStream in, CsvDialect d, Charset cs, int byteBuffer, int window,
            boolean alwaysDecode, boolean commonsOnly) {
        Recorder h = new Recorder();
        CsvReader reader = new CsvReader(in, SOURCE, d, cs, byteBuffer, window);
        reader.alwaysDecode = alwaysDecode;
        reader.commonsOnly = commonsOnly;
        try {
            reader.read(h);
        } catch (FormatException e) {
            h.events.add("error " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return h.events;
    }

    /** The records as detached copies (no header). */
    static List<CsvRecord> records(byte[] input, CsvDialect d, Charset cs) {
        List<CsvRecord> out = new ArrayList<>();
        try {
            new CsvReader(new ByteArrayInputStream(input), SOURCE, d, cs).read(new CsvHandler() {
                @Override
                public void header(List<String> names) {
                }

                @Override
                public void record(CsvRecord r) {
                    out.add(r.copy());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static class Recorder implements CsvHandler {
        final List<String> events = new ArrayList<>();

        @Override
        public void header(List<String> names) {
            events.add("header " + fields(names));
        }

        @Override
        public void record(CsvRecord r) {
            checkUtf8View(r);
            String e = "record " + r.line() + ":" + r.byteOffset() + " " + fields(r.toList()) + " raw " + quoted(r.rawText());
            events.add(r.invalidEncoding() == null ? e : e + " invalid " + quoted(r.invalidEncoding()));
        }
    }

    /**
     * A record's UTF-8 view (CsvRecord#hasUtf8), read before any string is made, must be exactly its values' UTF-8
     * encoding, with the same NULLs.
     */
    static void checkUtf8View(CsvRecord r) {
        if (!r.hasUtf8()) {
            return;
        }
        byte[][] view = new byte[r.size()][];
        for (int i = 0; i < r.size(); i++) {
            view[i] = r.isNull(i) ? null
                    : Arrays.copyOfRange(r.utf8Array(i), r.utf8From(i), r.utf8To(i));
        }
        for (int i = 0; i < r.size(); i++) {
            String v = r.get(i);
            byte[] expected = v == null ? null : v.getBytes(StandardCharsets.UTF_8);
            if (!Arrays.equals(view[i], expected)) {
                throw new AssertionError("line " + r.line() + " field " + i + ": UTF-8 view "
                        + (view[i] == null ? "NULL" : new String(view[i], StandardCharsets.UTF_8))
                        + " but value " + v);
            }
        }
    }

    static String fields(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(values.get(i) == null ? "NULL" : quoted(values.get(i)));
        }
        return b.append(']').toString();
    }

    /** A string in double quotes, with backslash escapes for what would not show plainly on one line. */
    static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02X", c));
                    } else if (c >= 0x80 && (c == 0xFFFD || Character.isISOControl(c) || !Character.isDefined(c)
                            || Character.getType(c) == Character.FORMAT || c >= 0xD800 && c <= 0xDFFF
                            || Character.isSpaceChar(c))) {
                        b.append(String.format("\\u{%04X}", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
