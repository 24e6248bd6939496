package dev.packload.formats.csv;

import dev.packload.formats.FormatException;
import dev.packload.formats.SourcePosition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * Reads delimited text (CSV, TSV, MySQL's {@code LOAD DATA} text) as a stream of records.
 *
 * <p>UTF-8 and ISO-8859-1 input (nearly all input) is cut on bytes by a {@link ByteCsvReader}, about twice as fast,
 * which gives exactly what the path below gives (a property test holds it to that). Other encodings go through
 * commons-csv's {@link CSVParser}:
 *
 * <pre>
 *  bytes ──▶ DecodingReader ──chars──▶ commons-csv CSVParser ──values──▶ CsvReader ──CsvRecord──▶ CsvHandler
 *            (strict decoding,          (records, fields,                 (one record behind: original
 *             window of original text)   quotes)                           text, byte offset, NULLs)
 * </pre>
 *
 * <p>Memory stays constant whatever the input size: one byte buffer, the window of decoded text from the oldest
 * record not yet delivered, and commons-csv's own buffer. Records are delivered one behind the parser (record i when
 * record i+1 has started, or at the end), which is how the original text of each is known exactly.
 *
 * <p>Invalid bytes in the declared encoding never pass silently: each invalid sequence reads as U+FFFD, and the
 * record that holds it carries a message in {@link CsvRecord#invalidEncoding()} so the loader can reject just that
 * record; the records around it are unaffected.
 *
 * <p>Values: commons-csv's fields are used as they are when nothing in the record needs more. In a dialect with an
 * escape character every record is split again from its original text by a {@link FieldDecoder}, which applies
 * MySQL's escape and {@code \N} rules exactly (see {@link CsvDialect}) and reuses commons-csv's strings for fields
 * without escapes; so is a record with a line-end character that is data, or with a field whose quoting decides
 * whether it is NULL.
 *
 * <p>The input stream is not closed. A reader reads once.
 */
public final class CsvReader {
    public static final int DEFAULT_BUFFER_SIZE = 64 * 1024;

    private static final int EXCERPT_CHARS = FormatException.EXCERPT_CHARS;

    private final InputStream in;
    private final String source;
    private final CsvDialect dialect;
    private final Charset encoding;
    private final int byteBufferSize;
    private final int windowSize;
    private final DecodingReader.LineEnds lineEnds;

    /** The one NULL string handed to commons-csv (unquoted only, under its strict quote mode), or null. */
    private final String commonsNull;
    /** More than one NULL string: commons-csv cannot say if a match was quoted, so such records are decoded here. */
    private final boolean manyNulls;
    private final Set<String> nullStrings;
    private final int minNullLength;
    private final int maxNullLength;
    private final boolean emptyNull;

    private final CsvRecord record = new CsvRecord();
    private final FieldDecoder decoder;
    private String[] decoded = new String[16];
    private DecodingReader src;
    private boolean used;
    /** Tests: decode every record from its text, to compare with commons-csv's fields. */
    boolean alwaysDecode;
    /** Tests: read with commons-csv even where the byte-level reader could, to compare the two. */
    boolean commonsOnly;
    private ByteCsvReader fast;
    private boolean stopped;

    /**
     * @param in         the (decompressed) input; not closed
     * @param sourceName the input's name, for messages
     * @param dialect    how the text is laid out
     * @param encoding   the input's character encoding; null means UTF-8
     */
    public CsvReader(InputStream in, String sourceName, CsvDialect dialect, Charset encoding) {
        this(in, sourceName, dialect, encoding, DEFAULT_BUFFER_SIZE, DEFAULT_BUFFER_SIZE);
    }

    /** As the public constructor, with the byte buffer and the initial character window sizes (tests). */
    CsvReader(InputStream in, String sourceName, CsvDialect dialect, Charset encoding, int byteBufferSize,
            int windowSize) {
        this.in = in;
        this.source = sourceName;
        this.dialect = dialect;
        this.encoding = encoding == null ? StandardCharsets.UTF_8 : encoding;
        this.byteBufferSize = byteBufferSize;
        this.windowSize = windowSize;
        this.lineEnds = dialect.recordSeparator() == null ? DecodingReader.LineEnds.ANY
                : dialect.recordSeparator().equals("\n") ? DecodingReader.LineEnds.LF : DecodingReader.LineEnds.CRLF;
        this.emptyNull = dialect.emptyAsNull() || dialect.nullStrings().contains("");
        this.nullStrings = dialect.nullStrings().stream().filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.commonsNull = nullStrings.size() == 1 ? nullStrings.iterator().next() : null;
        this.manyNulls = nullStrings.size() > 1;
        this.minNullLength = nullStrings.stream().mapToInt(String::length).min().orElse(0);
        this.maxNullLength = nullStrings.stream().mapToInt(String::length).max().orElse(-1);
        this.decoder = new FieldDecoder(dialect);
    }

    /**
     * Reads the whole input, reporting the header (if the dialect has one) and then every record to the handler.
     *
     * @throws FormatException for text the dialect cannot parse at all: an unterminated quoted field at the end,
     *                         a character other than a delimiter or line end after a closing quote, an escape
     *                         character as the very last character, or invalid bytes in the header. Records before
     *                         the bad one have been delivered.
     * @throws IOException     when reading the input fails
     */
    public void read(CsvHandler handler) throws IOException {
        if (used) {
            throw new IllegalStateException("a CsvReader reads its input once");
        }
        used = true;
        if (!commonsOnly && ByteCsvReader.supports(dialect, encoding)) {
            fast = new ByteCsvReader(in, source, dialect, encoding, byteBufferSize, record);
            fast.stopped = stopped;
            fast.read(handler);
            return;
        }
        src = new DecodingReader(in, encoding, lineEnds, dialect.escape(), byteBufferSize, windowSize);
        long skipped = src.skipLines(dialect.skipLines());
        long start = src.position();
        CSVParser parser = CSVParser.builder().setReader(src).setFormat(format()).setCharacterOffset(start).get();
        Iterator<CSVRecord> records = parser.iterator();

        boolean header = dialect.header();
        String[] pending = null;
        long pendingStart = start;
        long pendingLine = skipped + 1;
        long pendingByte = src.startByteOffset();
        long linesBefore = 0; // lines commons-csv counted before the pending record
        long linesAfter = 0; // ... and after it
        while (true) {
            CSVRecord r;
            try {
                r = records.hasNext() ? records.next() : null;
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof CSVException)) {
                    throw e.getCause();
                }
                long failStart = pending == null ? pendingStart
                        : endOfRecord(pendingStart, linesAfter - linesBefore);
                long failByte = pendingByte;
                if (pending != null) {
                    deliver(handler, header, pending, pendingStart, failStart, false, pendingLine, pendingByte);
                    failByte += src.byteLength(pendingStart, failStart);
                }
                long failLine = skipped + linesAfter + dataLfBefore(failStart) + 1;
                src.decodeUpTo(failStart + 4L * EXCERPT_CHARS);
                throw formatError((CSVException) e.getCause(), failStart, failLine, failByte);
            }
            long next = r == null ? src.end() : r.getCharacterPosition();
            if (pending != null) {
                deliver(handler, header, pending, pendingStart, next, r == null, pendingLine, pendingByte);
                header = false;
                pendingByte += src.byteLength(pendingStart, next);
                src.release(next);
            }
            if (r == null || stopped) {
                return;
            }
            pending = r.values();
            pendingStart = next;
            pendingLine = skipped + linesAfter + dataLfBefore(next) + 1;
            linesBefore = linesAfter;
            linesAfter = parser.getCurrentLineNumber();
        }
    }

    /** Whether {@link #readChunks} can read such input: the encodings and dialects the byte-level reader takes. */
    public static boolean canChunk(CsvDialect dialect, Charset encoding) {
        return ByteCsvReader.supports(dialect, encoding == null ? StandardCharsets.UTF_8 : encoding);
    }

    /**
     * Cuts the input into runs of whole records of about {@code chunkBytes} each, as it is, where records end (for
     * handing it on in parallel pieces). The dialect's header and skipped lines are not looked at: read them first.
     *
     * @throws FormatException       for text the dialect cannot parse (see {@link #read}); runs before it were handed over
     * @throws IllegalStateException when {@link #canChunk} is false
     */
    public void readChunks(int chunkBytes, CsvChunkHandler handler) throws IOException {
        if (!canChunk(dialect, encoding)) {
            throw new IllegalStateException("runs of records need UTF-8 or ISO-8859-1 input and ASCII syntax characters");
        }
        if (used) {
            throw new IllegalStateException("a CsvReader reads its input once");
        }
        used = true;
        fast = new ByteCsvReader(in, source, dialect, encoding, byteBufferSize, record);
        fast.stopped = stopped;
        fast.chunks(chunkBytes, handler);
    }

    /**
     * Ends the reading after the current callback: {@link #read} and {@link #readChunks} hand over nothing more and
     * return. For a handler that has what it wants, or whose consumer stopped; no exception needs to pass through.
     */
    public void stop() {
        stopped = true;
        if (fast != null) {
            fast.stopped = true;
        }
    }

    /**
     * Parses with commons-csv even where the byte-level reader could (benchmarks and tests compare the two). Call
     * before {@link #read}.
     */
    public CsvReader useCommonsCsv() {
        commonsOnly = true;
        return this;
    }

    /** The size of the decoded-text window now (tests: memory must not grow with the input). */
    int windowCapacity() {
        return fast != null ? fast.capacity() : src == null ? 0 : src.window().length;
    }

    private CSVFormat format() {
        return CSVFormat.Builder.create()
                .setDelimiter(dialect.delimiter())
                .setQuote(dialect.quote())
                .setEscape(dialect.escape())
                .setCommentMarker((Character) null)
                .setRecordSeparator("\n")
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(false)
                .setTrim(false)
                .setAllowMissingColumnNames(true)
                .setTrailingDelimiter(false)
                .setTrailingData(false)
                .setLenientEof(false)
                // strict quote mode: an unquoted empty field (or the one NULL string) comes back as null,
                // a quoted one as a string, which tells them apart without decoding the record again
                .setQuoteMode(QuoteMode.ALL_NON_NULL)
                .setNullString(commonsNull)
                .get();
    }

    /** With CRLF line ends, LFs that were data still count as lines. */
    private long dataLfBefore(long p) {
        return lineEnds == DecodingReader.LineEnds.CRLF ? src.dataLfBefore(p) : 0;
    }

    /**
     * Fills the record from commons-csv's values for [from, to) and hands it over; {@code last}: the record ended
     * at the end of the input rather than at a line end.
     */
    private void deliver(CsvHandler handler, boolean isHeader, String[] values, long from, long to, boolean last,
            long line, long byteOffset) {
        long end = withoutLineEnd(from, to, last);
        if (isHeader) {
            decodeHere(from, end);
            String invalid = src.invalidIn(from, end);
            if (invalid != null) {
                throw new FormatException(new SourcePosition(source, line, byteOffset),
                        "the header is not valid text: " + invalid, excerpt(from, end));
            }
            int n = decoder.size;
            if (dialect.trailingDelimiter() && n >= 2 && !decoder.quoted[n - 1] && decoder.values[n - 1].isEmpty()) {
                n--;
            }
            handler.header(List.of(Arrays.copyOf(decoder.values, n)));
            return;
        }
        CsvRecord rec = record;
        if (src.hasDataLineEnd(from, end)) {
            fromDecoder(rec, from, end, null); // commons-csv saw LINE_DATA where the text has CR or LF
        } else if (alwaysDecode || dialect.escape() != null) {
            // commons-csv's unescaping is not MySQL's: split again (reusing its strings for plain fields)
            fromDecoder(rec, from, end, values);
        } else if (!fromCommons(rec, values)) {
            fromDecoder(rec, from, end, null);
        }
        rec.deliver(handler, line, byteOffset, src.invalidIn(from, end), src, from, end);
    }

    /**
     * Takes commons-csv's values when they are exact: returns false when a field's quoting decides whether it is
     * NULL (or dropped as a trailing empty field) and commons-csv's answer does not say.
     */
    private boolean fromCommons(CsvRecord rec, String[] values) {
        int n = values.length;
        boolean trailing = false;
        for (int i = 0; i < n; i++) {
            String v = values[i];
            if (v == null) {
                if (commonsNull == null) {
                    // an unquoted empty field
                    values[i] = emptyNull ? null : "";
                    trailing = i == n - 1;
                }
                // else: the NULL string, unquoted
            } else if (v.isEmpty()) {
                if (commonsNull != null && (emptyNull || dialect.trailingDelimiter() && i == n - 1)) {
                    return false; // quoted or not?
                }
            } else if (manyNulls && v.length() >= minNullLength && v.length() <= maxNullLength
                    && nullStrings.contains(v)) {
                return false;
            }
        }
        if (dialect.trailingDelimiter() && trailing && n >= 2) {
            n--;
        }
        rec.strings(values, n);
        return true;
    }

    /** Decodes the record from its text; {@code parsed}: commons-csv's values, untouched, for plain fields. */
    private void fromDecoder(CsvRecord rec, long from, long end, String[] parsed) {
        int base = (int) (from - src.windowBase());
        decoder.decode(src.window(), base, base + (int) (end - from), parsed);
        FieldDecoder d = decoder;
        int n = d.size;
        if (decoded.length < n) {
            decoded = new String[Math.max(n, 2 * decoded.length)];
        }
        String[] out = decoded;
        for (int i = 0; i < n; i++) {
            String v = d.values[i];
            if (d.escapedNull[i]) {
                v = null;
            } else if (!d.quoted[i]) {
                if (v.isEmpty()) {
                    v = emptyNull ? null : "";
                } else if (!nullStrings.isEmpty() && nullStrings.contains(v)) {
                    v = null;
                }
            }
            out[i] = v;
        }
        if (dialect.trailingDelimiter() && n >= 2 && !d.quoted[n - 1] && !d.escapedNull[n - 1]
                && d.values[n - 1].isEmpty()) {
            n--;
        }
        rec.strings(out, n);
    }

    private void decodeHere(long from, long end) {
        int base = (int) (from - src.windowBase());
        decoder.decode(src.window(), base, base + (int) (end - from));
    }

    /** The end of the record text [from, to) without the line end that closed it. */
    private long withoutLineEnd(long from, long to, boolean last) {
        char[] w = src.window();
        long base = src.windowBase();
        if (to == from) {
            return to;
        }
        char c = w[(int) (to - 1 - base)];
        switch (lineEnds) {
            case LF:
                return c == '\n' && !(last && escaped(to - 1, from)) ? to - 1 : to;
            case CRLF:
                return to - from >= 2 && c == '\n' && w[(int) (to - 2 - base)] == '\r' && !(last && escaped(to - 2, from))
                        ? to - 2 : to;
            default:
                if (c == '\n' && !(last && escaped(to - 1, from))) {
                    return to - from >= 2 && w[(int) (to - 2 - base)] == '\r' && !escaped(to - 2, from) ? to - 2 : to - 1;
                }
                return c == '\r' && !(last && escaped(to - 1, from)) ? to - 1 : to;
        }
    }

    /** Whether the character at p is escaped: an odd run of escape characters right before it. */
    private boolean escaped(long p, long from) {
        if (dialect.escape() == null) {
            return false;
        }
        char e = dialect.escape();
        char[] w = src.window();
        long base = src.windowBase();
        long k = p - 1;
        while (k >= from && w[(int) (k - base)] == e) {
            k--;
        }
        return ((p - 1 - k) & 1) == 1;
    }

    /**
     * Where the record starting at {@code from} ends, given the line ends commons-csv counted in it; for errors,
     * when commons-csv could not say where the next record starts.
     */
    private long endOfRecord(long from, long lines) {
        long p = from;
        long limit = src.position();
        long n = 0;
        char prev = 0;
        while (p < limit) {
            char c = src.handedOut(p++);
            if (c == '\r' || c == '\n' && prev != '\r') {
                if (++n == lines) {
                    if (c == '\r' && p < limit && src.handedOut(p) == '\n') {
                        p++;
                    }
                    return p;
                }
            }
            prev = c;
        }
        return p;
    }

    private FormatException formatError(CSVException e, long at, long line, long byteOffset) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        String what;
        if (m.contains("EOF reached before encapsulated token finished")) {
            what = "unterminated quoted field: the input ends inside the quotes of the record starting at line " + line;
        } else if (m.contains("Invalid character between encapsulated token and delimiter")) {
            what = "a closing quote must be followed by a delimiter or a line end, in the record starting at line "
                    + line;
        } else if (m.contains("EOF while processing escape sequence")) {
            what = "the input ends with an escape character, in the record starting at line " + line;
        } else {
            what = "cannot parse the record starting at line " + line + ": " + m;
        }
        return new FormatException(new SourcePosition(source, line, byteOffset), what, excerpt(at, src.end()), e);
    }

    /** The start of [from, to) on one line, at most 80 characters, for messages. */
    private String excerpt(long from, long to) {
        long end = Math.min(to, from + 4L * EXCERPT_CHARS);
        end = Math.min(end, src.windowBase() + src.window().length);
        if (from < src.windowBase() || end <= from) {
            return "";
        }
        String s = src.text(from, end);
        return FormatException.excerpt(s);
    }
}
