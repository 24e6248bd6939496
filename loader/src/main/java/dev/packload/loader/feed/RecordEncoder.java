package dev.packload.loader.feed;

import dev.packload.formats.csv.CsvRecord;
import dev.packload.loader.write.ByteSink;
import dev.packload.loader.write.SqlLiteral;
import dev.packload.loader.write.TableMeta;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Encodes a delimited-text record as a VALUES tuple for its table: each field as the literal its column's type wants
 * (numbers checked, binary decoded, temporals validated, text escaped), or the reason it can't be. How each column is
 * encoded is decided once, when the encoder is made, not per field.
 */
public final class RecordEncoder {

    /** How a column's fields are encoded. */
    enum Kind {
        BINARY, NUMBER, BIT, DATE(SqlLiteral.Temporal.DATE), DATETIME(SqlLiteral.Temporal.DATETIME),
        TIMESTAMP(SqlLiteral.Temporal.TIMESTAMP), TIME(SqlLiteral.Temporal.TIME), YEAR(SqlLiteral.Temporal.YEAR), JSON,
        TEXT;

        /** The temporal type a temporal kind is checked as; null for the others. */
        final SqlLiteral.Temporal temporal;

        Kind() {
            this(null);
        }

        Kind(SqlLiteral.Temporal temporal) {
            this.temporal = temporal;
        }
    }

    private final TableMeta.Column[] columns;
    private final Kind[] kinds;
    private final int fields;
    private final boolean byteTransparent;
    private final CsvOptions.BinaryEncoding binaryEncoding;
    private final Charset encoding;
    private final CharsetDecoder strict;
    private final String fieldCountSource;
    private final ByteSink sink = new ByteSink(1 << 12);
    /** Text fields are stored as the bytes read, unchecked ({@link CsvOptions#rawText()}). */
    private final boolean rawText;
    /** The next record is the file's first: in byte-transparent mode a UTF-8 BOM may still lead its first field. */
    private boolean first;

    /**
     * @param columns         for each file field, the table column it goes to, or null when it is left out
     * @param byteTransparent the file is read byte for byte (ISO-8859-1), and text fields are checked against
     *                        {@code encoding} one by one
     * @param binaryEncoding  how binary columns are written in the file
     * @param fromHeader      whether the field count came from a header (for messages)
     * @param firstRecord     the next record is the first of the file (no header was read before it)
     */
    public RecordEncoder(TableMeta.Column[] columns, boolean byteTransparent, CsvOptions.BinaryEncoding binaryEncoding,
                         Charset encoding, boolean fromHeader, boolean firstRecord) {
        this(columns, byteTransparent, binaryEncoding, encoding, fromHeader, firstRecord, false);
    }

    /** @param rawText text fields are stored as the bytes read (needs {@code byteTransparent}) */
    public RecordEncoder(TableMeta.Column[] columns, boolean byteTransparent, CsvOptions.BinaryEncoding binaryEncoding,
                         Charset encoding, boolean fromHeader, boolean firstRecord, boolean rawText) {
        this.rawText = rawText && byteTransparent;
        this.columns = columns.clone();
        this.fields = columns.length;
        this.byteTransparent = byteTransparent;
        this.binaryEncoding = binaryEncoding;
        this.encoding = encoding;
        this.strict = encoding.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.fieldCountSource = fromHeader ? "header has " : "columns are ";
        this.first = firstRecord;
        this.kinds = new Kind[fields];
        for (int i = 0; i < fields; i++) {
            kinds[i] = columns[i] == null ? null : kind(columns[i], byteTransparent);
        }
    }

    static Kind kind(TableMeta.Column c, boolean byteTransparent) {
        if (c.isBinary() || (byteTransparent && c.dataType().equals("bit"))) {
            return Kind.BINARY;
        }
        return switch (c.dataType()) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric", "float",
                    "double", "real" -> Kind.NUMBER;
            case "bit" -> Kind.BIT;
            case "date" -> Kind.DATE;
            case "datetime" -> Kind.DATETIME;
            case "timestamp" -> Kind.TIMESTAMP;
            case "time" -> Kind.TIME;
            case "year" -> Kind.YEAR;
            case "json" -> Kind.JSON;
            default -> Kind.TEXT;
        };
    }

    /** The tuple {@link #encode} made, valid until the next call. */
    public ByteSink tuple() {
        return sink;
    }

    /** Encodes the record as a VALUES tuple into {@link #tuple()}; returns why it can't be, or null. */
    public String encode(CsvRecord r) {
        boolean wasFirst = first;
        first = false;
        if (r.invalidEncoding() != null) {
            return r.invalidEncoding();
        }
        if (r.size() != fields) {
            return "the record has " + r.size() + " fields, the " + fieldCountSource + fields;
        }
        sink.setLength(0);
        sink.append((byte) '(');
        // valid UTF-8 read byte by byte: values go from the reader's bytes to the tuple, without strings in between
        boolean bytes = r.hasUtf8() && !byteTransparent;
        boolean firstValue = true;
        for (int i = 0; i < fields; i++) {
            TableMeta.Column c = columns[i];
            if (c == null) {
                continue;
            }
            if (!firstValue) {
                sink.append((byte) ',');
            }
            firstValue = false;
            try {
                if (!bytes || !appendValue(kinds[i], r, i)) {
                    String v = r.isNull(i) ? null : r.get(i);
                    if (i == 0 && wasFirst) {
                        v = stripBom(v);
                    }
                    appendValue(kinds[i], v);
                }
            } catch (IllegalArgumentException e) {
                return "column " + c.name() + " (" + c.dataType() + "): " + e.getMessage();
            }
        }
        sink.append((byte) ')');
        return null;
    }

    /** In byte-transparent mode the reader does not see a UTF-8 BOM as one: it is dropped from the first field. */
    String stripBom(String v) {
        if (byteTransparent && v != null && v.startsWith("\u00EF\u00BB\u00BF")) {
            return v.substring(3);
        }
        return v;
    }

    /** A text field's characters: as read, or in byte-transparent mode decoded strictly from its bytes. */
    private String text(String v) {
        if (!byteTransparent || rawText) {
            return v;
        }
        try {
            return strict.decode(java.nio.ByteBuffer.wrap(v.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not valid " + encoding.name() + " text");
        }
    }

    /**
     * Appends field i from the record's UTF-8 bytes, the same literal {@link #appendValue(Kind, String)} makes of its
     * string. Returns false, having appended nothing, for what it leaves to the string path: kinds that decode or
     * parse their text (binary, BIT), and values the checks refuse, so that the reason reads exactly as there.
     */
    private boolean appendValue(Kind kind, CsvRecord r, int i) {
        if (r.isNull(i)) {
            SqlLiteral.appendNull(sink);
            return true;
        }
        if (kind == Kind.BINARY || kind == Kind.BIT) {
            return false;
        }
        byte[] b = r.utf8Array(i);
        int from = r.utf8From(i);
        int to = r.utf8To(i);
        if (kind == Kind.TEXT) {
            SqlLiteral.appendString(sink, b, from, to - from, false);
            return true;
        }
        if (kind == Kind.JSON) {
            SqlLiteral.appendJson(sink, b, from, to - from, false);
            return true;
        }
        // as String.trim: bytes up to 0x20, which in UTF-8 are those characters and never part of another
        while (from < to && (b[from] & 0xFF) <= ' ') {
            from++;
        }
        while (to > from && (b[to - 1] & 0xFF) <= ' ') {
            to--;
        }
        int mark = sink.length();
        try {
            switch (kind) {
                case NUMBER -> SqlLiteral.appendNumber(sink, b, from, to - from);
                case DATE, DATETIME, TIMESTAMP, TIME, YEAR -> SqlLiteral.appendTemporal(sink, b, from, to - from,
                        kind.temporal);
                default -> throw new IllegalStateException("unexpected kind " + kind);
            }
            return true;
        } catch (IllegalArgumentException e) {
            sink.setLength(mark);
            return false;
        }
    }

    private void appendValue(Kind kind, String raw) {
        if (raw == null) {
            SqlLiteral.appendNull(sink);
            return;
        }
        if (kind == Kind.BINARY) {
            byte[] b = binary(raw);
            SqlLiteral.appendBinary(sink, b, 0, b.length);
            return;
        }
        String v = text(raw);
        switch (kind) {
            case NUMBER -> SqlLiteral.appendNumber(sink, v.trim());
            case BIT -> {
                try {
                    SqlLiteral.appendBit(sink, Long.parseUnsignedLong(v.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a BIT value (a whole number): '" + shorten(v) + "'");
                }
            }
            case DATE, DATETIME, TIMESTAMP, TIME, YEAR -> SqlLiteral.appendTemporal(sink, v.trim(), kind.temporal);
            case JSON -> {
                byte[] b = raw(raw, v);
                SqlLiteral.appendJson(sink, b, 0, b.length, false);
            }
            default -> {
                byte[] b = raw(raw, v);
                SqlLiteral.appendString(sink, b, 0, b.length, false);
            }
        }
    }

    /** A text field's bytes for the literal: as read in raw-text mode, else the checked text as UTF-8. */
    private byte[] raw(String read, String checked) {
        return rawText ? read.getBytes(StandardCharsets.ISO_8859_1) : checked.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] binary(String v) {
        return switch (binaryEncoding) {
            case HEX -> {
                String h = v.startsWith("0x") || v.startsWith("0X") ? v.substring(2) : v;
                try {
                    yield HexFormat.of().parseHex(h);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("not hex (--binary-encoding hex): '" + shorten(v) + "'");
                }
            }
            case BASE64 -> {
                try {
                    yield Base64.getDecoder().decode(v.trim());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("not base64 (--binary-encoding base64): '" + shorten(v) + "'");
                }
            }
            case RAW -> v.getBytes(byteTransparent ? StandardCharsets.ISO_8859_1 : encoding);
        };
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
