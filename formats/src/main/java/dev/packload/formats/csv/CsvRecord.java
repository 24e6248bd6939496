package dev.packload.formats.csv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One record: its fields as strings (null for SQL NULL), where it starts in the input, and its original text.
 *
 * <p>A {@link CsvReader} fills one instance again and again: during {@link CsvHandler#record} it describes the
 * current record, afterwards it must not be used. Call {@link #copy()} to keep one.
 */
public final class CsvRecord {
    String[] values;
    int size;

    /*
     * Fields kept as UTF-8 bytes and made into strings only when asked for (ByteCsvReader, valid UTF-8 input): field i
     * is (decoded[i] ? decodedBytes : textBytes)[from[i], to[i]), SQL NULL when nul[i]; values[i] caches its string.
     */
    boolean lazy;
    byte[] textBytes;
    byte[] decodedBytes;
    int[] from;
    int[] to;
    boolean[] decoded;
    boolean[] nul;
    long line;
    long byteOffset;
    String invalidEncoding;

    /** Where the original text is while the record is current; null once it is detached or copied. */
    RecordText source;
    long rawFrom;
    long rawTo;
    String raw;
    byte[] rawBytes;

    CsvRecord() {
    }

    /** The number of fields, exactly as in the input (a ragged record is not padded or cut). */
    public int size() {
        return size;
    }

    /** Field {@code i} (0-based), or null when it is SQL NULL. */
    public String get(int i) {
        String v = values[Objects.checkIndex(i, size)];
        if (v == null && lazy && !nul[i]) {
            v = new String(utf8Array(i), from[i], to[i] - from[i], StandardCharsets.UTF_8);
            values[i] = v;
        }
        return v;
    }

    public boolean isNull(int i) {
        Objects.checkIndex(i, size);
        return lazy ? nul[i] : values[i] == null;
    }

    /**
     * Whether the fields can be read as UTF-8 bytes, without making strings of them ({@link #utf8Array}): for valid
     * UTF-8 input read byte by byte, during {@link CsvHandler#record} only.
     */
    public boolean hasUtf8() {
        return lazy;
    }

    /**
     * The array holding field {@code i}'s UTF-8 bytes, its value's exact encoding, at [{@link #utf8From},
     * {@link #utf8To}); only when {@link #hasUtf8()} and the field is not NULL. The array is the reader's: read it
     * during {@link CsvHandler#record}, and never write to it.
     */
    public byte[] utf8Array(int i) {
        if (!lazy || nul[Objects.checkIndex(i, size)]) {
            throw new IllegalStateException(lazy ? "field " + i + " is NULL" : "the record has no UTF-8 view");
        }
        if (textBytes == null) {
            live(); // throws: the reader's buffer has moved on
        }
        return decoded[i] ? decodedBytes : textBytes;
    }

    public int utf8From(int i) {
        return from[i];
    }

    public int utf8To(int i) {
        return to[i];
    }

    /** The fields, nulls included, as an unmodifiable list (a copy). */
    public List<String> toList() {
        return Collections.unmodifiableList(Arrays.asList(strings()));
    }

    /** Every field as a string (made now where it was kept as bytes): a new array of {@link #size()}. */
    private String[] strings() {
        String[] out = new String[size];
        for (int i = 0; i < size; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /** Sets the fields as strings (null for SQL NULL). */
    void strings(String[] values, int size) {
        this.values = values;
        this.size = size;
        this.lazy = false;
    }

    /**
     * Sets the fields as UTF-8 byte ranges (see {@link #hasUtf8}); {@code values} must hold nulls for the first
     * {@code size} fields, to cache strings made on request.
     */
    void utf8(String[] values, int size, byte[] text, byte[] decodedText, int[] from, int[] to, boolean[] decoded,
            boolean[] nul) {
        this.values = values;
        this.size = size;
        this.lazy = true;
        this.textBytes = text;
        this.decodedBytes = decodedText;
        this.from = from;
        this.to = to;
        this.decoded = decoded;
        this.nul = nul;
    }

    /** 1-based line where the record starts (lines end at LF, and with the default line ends also at a lone CR). */
    public long line() {
        return line;
    }

    /**
     * Exact 0-based byte offset of the record's first byte in the (decompressed) input, byte-order mark included.
     * Exact for UTF-8 and single-byte charsets; for other multi-byte charsets it is computed by encoding the decoded
     * text again, which is exact for stateless ones (GBK, Shift_JIS, Big5, EUC-KR) but not after a UTF-16/32 BOM.
     */
    public long byteOffset() {
        return byteOffset;
    }

    /**
     * The record exactly as it was in the input, quotes and escapes and inner line ends included, without its own
     * line end: what a reject file needs so the record can be fixed and loaded again. A byte sequence that was
     * invalid in the input's encoding shows as U+FFFD here; {@link #rawBytes()} has the original bytes.
     */
    public String rawText() {
        if (raw == null) {
            raw = live().text(rawFrom, rawTo);
        }
        return raw;
    }

    /** The record's original bytes, without its line end, invalid sequences included as they were. */
    public byte[] rawBytes() {
        if (rawBytes == null) {
            rawBytes = live().bytes(rawFrom, rawTo);
        }
        return rawBytes.clone();
    }

    /**
     * Null, or why the record's bytes are not valid in the input's encoding, e.g.
     * {@code invalid UTF-8 byte 0xC3 at byte offset 1234}. The fields then hold U+FFFD for the bad bytes: reject
     * the record with this message rather than load it.
     */
    public String invalidEncoding() {
        return invalidEncoding;
    }

    /**
     * Hands this record (its values already set) to the handler, live on {@code text} for [from, to) during the
     * call only.
     */
    void deliver(CsvHandler handler, long line, long byteOffset, String invalid, RecordText text, long from,
            long to) {
        this.line = line;
        this.byteOffset = byteOffset;
        this.invalidEncoding = invalid;
        this.source = text;
        this.rawFrom = from;
        this.rawTo = to;
        this.raw = null;
        this.rawBytes = null;
        try {
            handler.record(this);
        } finally {
            this.source = null;
            this.raw = null;
            this.rawBytes = null;
            this.textBytes = null;
            this.decodedBytes = null;
        }
    }

    /** A detached copy, safe to keep after the handler returns. */
    public CsvRecord copy() {
        CsvRecord c = new CsvRecord();
        c.values = strings();
        c.size = size;
        c.line = line;
        c.byteOffset = byteOffset;
        c.invalidEncoding = invalidEncoding;
        c.raw = rawText();
        rawBytes();
        c.rawBytes = rawBytes;
        return c;
    }

    private RecordText live() {
        if (source == null) {
            throw new IllegalStateException("the record is no longer current: read its text during"
                    + " CsvHandler.record, or keep a copy()");
        }
        return source;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("line ").append(line).append(" (byte ").append(byteOffset).append(") [");
        for (int i = 0; i < size; i++) {
            String v = get(i);
            b.append(i == 0 ? "" : ", ").append(v == null ? "NULL" : '"' + v + '"');
        }
        b.append(']');
        return invalidEncoding == null ? b.toString() : b.append(" ").append(invalidEncoding).toString();
    }
}
