package dev.packload.formats.csv;

import dev.packload.formats.FormatException;
import dev.packload.formats.SourcePosition;
import dev.packload.formats.sql.MysqlEscapes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fast path of {@link CsvReader} for UTF-8 and ISO-8859-1 input: one pass over the bytes, with no character
 * decoding of the record and no commons-csv. In both encodings the delimiter, quote, escape, CR and LF are single
 * ASCII bytes that never occur inside a multi-byte character, so records and fields can be cut on bytes; only the
 * finished field values become strings.
 *
 * <p>It gives exactly what the commons-csv path gives, events, values, lines, byte offsets, original text, encoding
 * messages and errors alike, and a property test holds the two to that ({@code ByteCsvReaderEquivalenceTest}). The
 * rules it reproduces, which are commons-csv's with MySQL's escapes (see {@link FieldDecoder}):
 * <ul>
 *   <li>a quote opens a quoted field only as the field's first character; inside it, a doubled quote is a quote and
 *       line ends are data; after the closing quote only whitespace may come before the delimiter or line end;</li>
 *   <li>the escape character takes the next character as data whatever it is (a delimiter, quote or line end), and
 *       stands for what MySQL's {@code LOAD DATA} makes of it ({@link dev.packload.formats.sql.MysqlEscapes});</li>
 *   <li>records end at the dialect's line ends: CRLF, LF or a lone CR by default, only LF with {@code "\n"} (a CR is
 *       data), only CRLF with {@code "\r\n"} (a lone CR or LF is data);</li>
 *   <li>an empty line is a record of one empty field; a line end at the very end of the input adds no record.</li>
 * </ul>
 *
 * <p>Memory: one buffer that holds the current record and what was read after it; it grows only for a record larger
 * than itself.
 *
 * <p>A lexer, and one piece though long: cutting records, cutting fields, decoding and delivering all work on that
 * one buffer and its offsets, which a split would have to hand around for every byte.
 */
final class ByteCsvReader implements RecordText {
    private static final int EXCERPT_BYTES = 16 * FormatException.EXCERPT_CHARS;
    private static final int NEED_MORE = -1;
    private static final int NO_RECORD = -2;
    private static final int NONE = 1 << 16;

    private final InputStream in;
    private final String source;
    private final CsvDialect dialect;
    private final Charset charset;
    private final boolean utf8;
    private final int delim;
    private final int quote;
    private final int escape;
    private final DecodingReader.LineEnds lineEnds;
    private final Set<String> nullStrings;
    private final boolean emptyNull;
    private final CsvRecord record;

    private byte[] buf;
    private int lim;
    /** Stream offset of {@code buf[0]}. */
    private long base;
    private boolean eof;

    // the record being cut: field bounds in buf, and what each needs
    private int[] fieldFrom = new int[16];
    private int[] fieldTo = new int[16];
    private boolean[] fieldQuoted = new boolean[16];
    /** The field has escapes or doubled quotes, so its bytes are not its value. */
    private boolean[] fieldDecode = new boolean[16];
    private int fields;
    /** End of the record's text in buf, without its line end. */
    private int textEnd;
    /** Decoded field bytes: one field's for {@link #value}, or all of a record's for {@link #deliverUtf8}. */
    private byte[] scratch = new byte[256];
    private String[] values = new String[16];
    // a valid UTF-8 record's fields as byte ranges (CsvRecord#hasUtf8): in buf, or, where fieldDecode says, in scratch
    private int[] utf8From = new int[16];
    private int[] utf8To = new int[16];
    private boolean[] utf8Null = new boolean[16];
    /** The non-empty NULL strings as UTF-8, for unquoted fields compared as bytes. */
    private final byte[][] nullBytes;
    private String[] headerValues = new String[16];
    /** Splits records with invalid bytes from their decoded text, as the commons-csv path does. */
    private final FieldDecoder slowDecoder;

    ByteCsvReader(InputStream in, String source, CsvDialect dialect, Charset charset, int bufferSize,
            CsvRecord record) {
        this.in = in;
        this.source = source;
        this.dialect = dialect;
        this.charset = charset;
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        this.delim = dialect.delimiter();
        // bytes are compared signed, so "none" must be a value no byte has (-1 is 0xFF)
        this.quote = dialect.quote() == null ? NONE : dialect.quote();
        this.escape = dialect.escape() == null ? NONE : dialect.escape();
        this.lineEnds = dialect.recordSeparator() == null ? DecodingReader.LineEnds.ANY
                : dialect.recordSeparator().equals("\n") ? DecodingReader.LineEnds.LF : DecodingReader.LineEnds.CRLF;
        this.emptyNull = dialect.emptyAsNull() || dialect.nullStrings().contains("");
        this.nullStrings = dialect.nullStrings().stream().filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        // UTF-8 is one-to-one on valid text, so bytes are equal exactly when the strings are; a NULL string that is
        // not valid text itself (a lone surrogate) can equal no field of valid UTF-8 input
        this.nullBytes = nullStrings.stream()
                .filter(s -> new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s))
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        this.record = record;
        this.slowDecoder = new FieldDecoder(dialect);
        this.buf = new byte[Math.max(bufferSize, 64)];
    }

    /** Whether this reader can take the input: an ASCII-compatible encoding and ASCII syntax characters. */
    static boolean supports(CsvDialect d, Charset cs) {
        return (cs.equals(StandardCharsets.UTF_8) || cs.equals(StandardCharsets.ISO_8859_1)) && d.delimiter() < 0x80
                && (d.quote() == null || d.quote() < 0x80) && (d.escape() == null || d.escape() < 0x80);
    }

    /** The buffer's size now (tests: memory must not grow with the input). */
    int capacity() {
        return buf.length;
    }

    /** Set by {@link CsvReader#stop}: nothing more is handed over. */
    boolean stopped;

    void read(CsvHandler handler) throws IOException {
        int p = 0;
        fill(0);
        if (utf8 && lim >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
            p = 3;
        }
        long line = 1;
        for (int n = 0; n < dialect.skipLines(); n++) {
            int end = skipLine(p);
            while (end == NEED_MORE) {
                p = refill(p);
                end = skipLine(p);
            }
            if (end == NO_RECORD) {
                break;
            }
            line++;
            p = end;
        }
        boolean header = dialect.header();
        while (!stopped) {
            int next;
            try {
                next = cut(p);
                while (next == NEED_MORE) {
                    p = refill(p);
                    next = cut(p);
                }
            } catch (Fail f) {
                throw failure(f.failure, p, line);
            }
            if (next == NO_RECORD) {
                return;
            }
            long breaks = lineBreaks(p, next); // also tells whether the record has any non-ASCII byte
            if (header) {
                header(handler, p, line);
                header = false;
            } else {
                deliver(handler, p, line);
            }
            line += breaks;
            p = next;
        }
    }

    /**
     * Cuts the input into runs of whole records of at least {@code chunkBytes} (the last may be shorter), with no
     * header, skipped lines or values: for handing the text on as it is, split where records end.
     */
    void chunks(int chunkBytes, CsvChunkHandler handler) throws IOException {
        fill(0);
        int start = 0;
        int p = 0;
        int records = 0;
        long line = 1;
        long startLine = 1;
        while (true) {
            int next;
            try {
                next = cut(p);
                while (next == NEED_MORE) {
                    int shift = start;
                    refill(start);
                    p -= shift;
                    start = 0;
                    next = cut(p);
                }
            } catch (Fail f) {
                throw failure(f.failure, p, line);
            }
            if (next == NO_RECORD) {
                break;
            }
            records++;
            line += lineBreaks(p, next);
            p = next;
            if (p - start >= chunkBytes) {
                handler.chunk(buf, start, p - start, startLine, base + start, records);
                start = p;
                startLine = line;
                records = 0;
                if (stopped) {
                    return;
                }
            }
        }
        if (records > 0) {
            handler.chunk(buf, start, p - start, startLine, base + start, records);
        }
    }

    // ---- cutting records

    /**
     * Cuts the record starting at p into fields. Returns where the next record starts, {@link #NEED_MORE} when the
     * buffer ends first, or {@link #NO_RECORD} at the end of the input.
     */
    private int cut(int p) {
        final byte[] b = buf;
        final int end = lim;
        fields = 0;
        int odd = 0; // every field byte less 0x20, or-ed: negative once one is a control byte or not ASCII
        if (p == end) {
            return eof ? NO_RECORD : NEED_MORE;
        }
        while (true) {
            if (p == end) {
                if (!eof) {
                    return NEED_MORE;
                }
                field(p, p, false, false); // after a delimiter at the very end: an empty last field
                textEnd = p;
                oddBytes = odd;
                return p;
            }
            if (b[p] == quote) {
                int from = ++p;
                boolean decode = false;
                while (true) {
                    if (p == end) {
                        return eof ? fail(Failure.UNTERMINATED) : NEED_MORE;
                    }
                    int c = b[p];
                    if (c == escape) {
                        if (p + 1 == end) {
                            return eof ? fail(Failure.ESCAPE_AT_END) : NEED_MORE;
                        }
                        odd |= b[p + 1] - 0x20;
                        decode = true;
                        p += 2;
                    } else if (c == quote) {
                        if (p + 1 == end && !eof) {
                            return NEED_MORE;
                        }
                        if (p + 1 < end && b[p + 1] == quote) {
                            decode = true;
                            p += 2;
                        } else {
                            break;
                        }
                    } else {
                        odd |= c - 0x20;
                        p++;
                    }
                }
                field(from, p, true, decode);
                p++; // the closing quote
                while (true) {
                    if (p == end) {
                        if (!eof) {
                            return NEED_MORE;
                        }
                        textEnd = p;
                        oddBytes = odd;
                        return p;
                    }
                    int c = b[p];
                    if (c == delim) {
                        p++;
                        break;
                    }
                    int eol = lineEnd(p);
                    if (eol == NEED_MORE) {
                        return NEED_MORE;
                    }
                    if (eol > 0) {
                        textEnd = p;
                        oddBytes = odd;
                        return p + eol;
                    }
                    int w = whitespace(p);
                    if (w == NEED_MORE) {
                        return NEED_MORE;
                    }
                    if (w == 0) {
                        return fail(Failure.AFTER_QUOTE);
                    }
                    odd |= b[p] - 0x20;
                    p += w;
                }
            } else {
                int from = p;
                boolean decode = false;
                while (true) {
                    if (p == end) {
                        if (!eof) {
                            return NEED_MORE;
                        }
                        field(from, p, false, decode);
                        textEnd = p;
                        oddBytes = odd;
                        return p;
                    }
                    int c = b[p];
                    if (c == delim) {
                        field(from, p, false, decode);
                        p++;
                        break;
                    }
                    if (c == escape) {
                        if (p + 1 == end) {
                            return eof ? fail(Failure.ESCAPE_AT_END) : NEED_MORE;
                        }
                        odd |= b[p + 1] - 0x20;
                        decode = true;
                        p += 2;
                        continue;
                    }
                    if (c == '\n' || c == '\r') {
                        int eol = lineEnd(p);
                        if (eol == NEED_MORE) {
                            return NEED_MORE;
                        }
                        if (eol > 0) {
                            field(from, p, false, decode);
                            textEnd = p;
                            oddBytes = odd;
                            return p + eol;
                        }
                    }
                    odd |= c - 0x20;
                    p++;
                }
            }
        }
    }

    /** The length of the line end at p (0 when the byte there is not one), or NEED_MORE. */
    private int lineEnd(int p) {
        int c = buf[p];
        switch (lineEnds) {
            case LF:
                return c == '\n' ? 1 : 0;
            case CRLF:
                if (c != '\r') {
                    return 0;
                }
                if (p + 1 == lim) {
                    return eof ? 0 : NEED_MORE;
                }
                return buf[p + 1] == '\n' ? 2 : 0;
            default:
                if (c == '\n') {
                    return 1;
                }
                if (c != '\r') {
                    return 0;
                }
                if (p + 1 == lim) {
                    return eof ? 1 : NEED_MORE;
                }
                return buf[p + 1] == '\n' ? 2 : 1;
        }
    }

    /**
     * The length of the whitespace character at p that may follow a closing quote (0 when it is not one), or
     * NEED_MORE. A CR or LF that is not a line end is data, never whitespace here.
     */
    private int whitespace(int p) {
        int c = buf[p] & 0xff;
        if (c < 0x80) {
            return c != '\r' && c != '\n' && c != delim && Character.isWhitespace(c) ? 1 : 0;
        }
        if (!utf8) {
            return 0;
        }
        int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (p + n > lim && !eof) {
            return NEED_MORE;
        }
        int valid = Utf8.validPrefix(buf, p, lim);
        if (valid <= 0) {
            return 0;
        }
        String ch = new String(buf, p, valid, StandardCharsets.UTF_8);
        return Character.isWhitespace(ch.codePointAt(0)) ? valid : 0;
    }

    private void field(int from, int to, boolean quoted, boolean decode) {
        if (fields == fieldFrom.length) {
            int n = 2 * fields;
            fieldFrom = Arrays.copyOf(fieldFrom, n);
            fieldTo = Arrays.copyOf(fieldTo, n);
            fieldQuoted = Arrays.copyOf(fieldQuoted, n);
            fieldDecode = Arrays.copyOf(fieldDecode, n);
        }
        fieldFrom[fields] = from;
        fieldTo[fields] = to;
        fieldQuoted[fields] = quoted;
        fieldDecode[fields] = decode;
        fields++;
    }

    /** Skips one line of text (quotes don't count) from p: where the next starts, NEED_MORE or NO_RECORD. */
    private int skipLine(int p) {
        if (p == lim) {
            return eof ? NO_RECORD : NEED_MORE;
        }
        for (int i = p; i < lim; i++) {
            int c = buf[i];
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r' && lineEnds == DecodingReader.LineEnds.ANY) {
                if (i + 1 == lim && !eof) {
                    return NEED_MORE;
                }
                return i + 1 < lim && buf[i + 1] == '\n' ? i + 2 : i + 1;
            }
        }
        return eof ? lim : NEED_MORE;
    }

    /** Whether the last range {@link #lineBreaks} counted has a byte at or above 0x80. */
    private boolean nonAscii;

    /**
     * Set by {@link #cut} for the record it cut: negative when some byte of its fields (not of its line end) is below
     * 0x20 or above 0x7F, so that {@link #lineBreaks} must look at the record's bytes.
     */
    private int oddBytes;

    /**
     * Line breaks in [from, to), counted as the line numbers count them; sets {@link #nonAscii} on the way, so a
     * plain-ASCII record needs no UTF-8 check.
     */
    private long lineBreaks(int from, int to) {
        if (oddBytes >= 0) {
            // what cut saw: no field byte is a control byte (so none is a line break) or non-ASCII; only the
            // record's own line end, if it has one, is a break
            nonAscii = false;
            return textEnd < to ? 1 : 0;
        }
        long n = 0;
        int all = 0;
        byte[] b = buf;
        if (lineEnds == DecodingReader.LineEnds.ANY) {
            for (int i = from; i < to; i++) {
                int c = b[i];
                all |= c;
                if (c == '\r' || c == '\n' && (i == from || b[i - 1] != '\r')) {
                    n++;
                }
            }
        } else {
            for (int i = from; i < to; i++) {
                int c = b[i];
                all |= c;
                if (c == '\n') {
                    n++;
                }
            }
        }
        nonAscii = all < 0;
        return n;
    }

    // ---- values

    private void header(CsvHandler handler, int from, long line) {
        String invalid = invalidIn(from, textEnd);
        if (invalid != null) {
            throw new FormatException(new SourcePosition(source, line, base + from), "the header is not valid text: "
                    + invalid, excerpt(from, textEnd));
        }
        int n = fields;
        if (headerValues.length < n) {
            headerValues = new String[n];
        }
        for (int i = 0; i < n; i++) {
            headerValues[i] = value(i);
        }
        if (dialect.trailingDelimiter() && n >= 2 && !fieldQuoted[n - 1] && headerValues[n - 1].isEmpty()) {
            n--;
        }
        handler.header(List.of(Arrays.copyOf(headerValues, n)));
    }

    private void deliver(CsvHandler handler, int from, long line) {
        String invalid = invalidIn(from, textEnd);
        invalidRecord = invalid != null;
        if (utf8 && !invalidRecord) {
            deliverUtf8(handler, from, line);
            return;
        }
        if (invalidRecord) {
            // as the commons-csv path does: decode the text first (U+FFFD for each bad sequence), then split it
            char[] text = Utf8.decode(buf, from, textEnd).toCharArray();
            slowDecoder.decode(text, 0, text.length); // same fields, same quoting: only the values differ
        }
        int n = fields;
        if (values.length < n) {
            values = new String[Math.max(n, 2 * values.length)];
        }
        String[] out = values;
        for (int i = 0; i < n; i++) {
            String v;
            if (invalidRecord) {
                v = slowDecoder.values[i];
                if (slowDecoder.escapedNull[i]) {
                    out[i] = null;
                    continue;
                }
            } else if (!fieldDecode[i]) {
                int len = fieldTo[i] - fieldFrom[i];
                v = len == 0 ? "" : string(buf, fieldFrom[i], len);
            } else {
                v = value(i);
                if (escapedNull) {
                    out[i] = null;
                    continue;
                }
            }
            if (!fieldQuoted[i]) {
                if (v.isEmpty()) {
                    v = emptyNull ? null : "";
                } else if (!nullStrings.isEmpty() && nullStrings.contains(v)) {
                    v = null;
                }
            }
            out[i] = v;
        }
        if (dialect.trailingDelimiter() && n >= 2 && !fieldQuoted[n - 1] && (invalidRecord
                ? !slowDecoder.escapedNull[n - 1] && slowDecoder.values[n - 1].isEmpty()
                : !fieldDecode[n - 1] && fieldTo[n - 1] == fieldFrom[n - 1])) {
            n--;
        }
        record.strings(out, n);
        record.deliver(handler, line, base + from, invalid, this, base + from, base + textEnd);
    }

    /** The record being delivered has invalid UTF-8: its strings are made by {@link Utf8#decode}. */
    private boolean invalidRecord;

    private String string(byte[] b, int from, int len) {
        return invalidRecord ? Utf8.decode(b, from, from + len) : new String(b, from, len, charset);
    }

    /** Set by {@link #value}: the field was exactly MySQL's {@code \N}. */
    private boolean escapedNull;

    /** Field i's value with its escapes and doubled quotes decoded. */
    private String value(int i) {
        int from = fieldFrom[i];
        int to = fieldTo[i];
        escapedNull = false;
        if (!fieldDecode[i]) {
            return from == to ? "" : string(buf, from, to - from);
        }
        if (scratch.length < to - from) {
            scratch = new byte[Math.max(to - from, 2 * scratch.length)];
        }
        return string(scratch, 0, unescape(i, scratch, 0));
    }

    /**
     * Writes field i's bytes with its escapes and doubled quotes decoded to out at {@code at}, which has room for the
     * field's length; returns how many it wrote, and sets {@link #escapedNull}.
     */
    private int unescape(int i, byte[] out, int at) {
        byte[] b = buf;
        int to = fieldTo[i];
        int n = at;
        boolean sawN = false;
        for (int p = fieldFrom[i]; p < to; p++) {
            int c = b[p];
            if (c == escape && p + 1 < to) {
                int e = b[++p];
                sawN |= e == 'N';
                out[n++] = MysqlEscapes.unescape((byte) e);
            } else if (c == quote && fieldQuoted[i]) {
                out[n++] = (byte) c; // one of a doubled pair
                p++;
            } else {
                out[n++] = (byte) c;
            }
        }
        escapedNull = sawN && n - at == 1;
        return n - at;
    }

    /**
     * Delivers a valid UTF-8 record with its fields as byte ranges (CsvRecord#hasUtf8), strings made only on request:
     * the same fields, values and NULLs as {@link #deliver} makes as strings.
     */
    private void deliverUtf8(CsvHandler handler, int from, long line) {
        int n = fields;
        if (values.length < n) {
            values = new String[Math.max(n, 2 * values.length)];
        }
        if (utf8From.length < n) {
            int c = Math.max(n, 2 * utf8From.length);
            utf8From = new int[c];
            utf8To = new int[c];
            utf8Null = new boolean[c];
        }
        if (scratch.length < textEnd - from) { // decoding never lengthens a field
            scratch = new byte[Math.max(textEnd - from, 2 * scratch.length)];
        }
        byte[] dec = scratch;
        int d = 0;
        for (int i = 0; i < n; i++) {
            values[i] = null;
            int f;
            int t;
            boolean nul = false;
            boolean decode = fieldDecode[i];
            if (decode) {
                f = d;
                t = d + unescape(i, dec, d);
                d = t;
                nul = escapedNull;
            } else {
                f = fieldFrom[i];
                t = fieldTo[i];
            }
            if (!nul && !fieldQuoted[i]) {
                nul = t == f ? emptyNull : isNullString(decode ? dec : buf, f, t);
            }
            utf8From[i] = f;
            utf8To[i] = t;
            utf8Null[i] = nul;
        }
        if (dialect.trailingDelimiter() && n >= 2 && !fieldQuoted[n - 1] && !fieldDecode[n - 1]
                && fieldTo[n - 1] == fieldFrom[n - 1]) {
            n--;
        }
        record.utf8(values, n, buf, dec, utf8From, utf8To, fieldDecode, utf8Null);
        record.deliver(handler, line, base + from, null, this, base + from, base + textEnd);
    }

    private boolean isNullString(byte[] b, int from, int to) {
        for (byte[] s : nullBytes) {
            if (Arrays.equals(b, from, to, s, 0, s.length)) {
                return true;
            }
        }
        return false;
    }

    /** A message for the invalid UTF-8 in [from, to) of buf, or null; as {@link DecodingReader#invalidIn}. */
    private String invalidIn(int from, int to) {
        if (!utf8 || !nonAscii) {
            return null;
        }
        byte[] b = buf;
        int p = from;
        while (p < to && b[p] >= 0) {
            p++;
        }
        if (p == to) {
            return null;
        }
        int first = -1;
        int firstLen = 0;
        int count = 0;
        while (p < to) {
            if (b[p] >= 0) {
                p++;
                continue;
            }
            int valid = Utf8.validPrefix(b, p, to);
            if (valid > 0) {
                p += valid;
                continue;
            }
            int bad = -valid;
            if (first < 0) {
                first = p;
                firstLen = bad;
            }
            count++;
            p += bad;
        }
        if (first < 0) {
            return null;
        }
        StringBuilder m = new StringBuilder("invalid UTF-8").append(firstLen == 1 ? " byte" : " bytes");
        for (int k = first; k < first + firstLen; k++) {
            m.append(String.format(" 0x%02X", b[k] & 0xff));
        }
        m.append(" at byte offset ").append(base + first);
        if (count > 1) {
            m.append(" (and ").append(count - 1).append(" more invalid sequence").append(count > 2 ? "s" : "")
                    .append(" in this record)");
        }
        return m.toString();
    }

    // ---- RecordText: the current record's original text

    @Override
    public String text(long from, long to) {
        int p = (int) (from - base);
        return utf8 ? Utf8.decode(buf, p, p + (int) (to - from)) : new String(buf, p, (int) (to - from), charset);
    }

    @Override
    public byte[] bytes(long from, long to) {
        return Arrays.copyOfRange(buf, (int) (from - base), (int) (to - base));
    }

    // ---- input

    /** Keeps buf[keep, lim) at the start of the buffer (growing it when full) and reads more; returns keep's new index. */
    private int refill(int keep) throws IOException {
        if (keep > 0) {
            System.arraycopy(buf, keep, buf, 0, lim - keep);
            lim -= keep;
            base += keep;
        } else if (lim == buf.length) {
            buf = Arrays.copyOf(buf, 2 * buf.length);
        }
        fill(lim);
        return 0;
    }

    /** Reads until the buffer is full or the input ends. */
    private void fill(int from) throws IOException {
        lim = from;
        while (lim < buf.length) {
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                eof = true;
                return;
            }
            lim += n;
        }
    }

    // ---- errors

    private enum Failure { UNTERMINATED, AFTER_QUOTE, ESCAPE_AT_END }

    /** The record being cut (starting at the caller's p) cannot be parsed. */
    private int fail(Failure f) {
        throw new Fail(f);
    }

    /** Carries a parse failure out of {@link #cut}; turned into a {@link FormatException} by {@link #read}. */
    private static final class Fail extends RuntimeException {
        final Failure failure;

        Fail(Failure failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    /** The FormatException for a record starting at p that cannot be parsed. */
    private FormatException failure(Failure f, int p, long line) throws IOException {
        String what = switch (f) {
            case UNTERMINATED -> "unterminated quoted field: the input ends inside the quotes of the record starting"
                    + " at line " + line;
            case AFTER_QUOTE -> "a closing quote must be followed by a delimiter or a line end, in the record"
                    + " starting at line " + line;
            case ESCAPE_AT_END -> "the input ends with an escape character, in the record starting at line " + line;
        };
        while (!eof && lim - p < EXCERPT_BYTES) {
            p = refill(p);
        }
        return new FormatException(new SourcePosition(source, line, base + p), what, excerpt(p, lim));
    }

    /** The start of buf[from, limit) on one line, for messages. */
    private String excerpt(int from, int limit) {
        int to = Math.min(limit, from + EXCERPT_BYTES);
        String s = utf8 ? Utf8.decode(buf, from, to) : new String(buf, from, to - from, charset);
        return FormatException.excerpt(s.length() > 4 * FormatException.EXCERPT_CHARS
                ? s.substring(0, 4 * FormatException.EXCERPT_CHARS) : s);
    }
}
