package dev.packload.loader.source;

import dev.packload.formats.csv.CsvDialect;
import dev.packload.formats.csv.CsvHandler;
import dev.packload.formats.csv.CsvReader;
import dev.packload.formats.csv.CsvRecord;
import dev.packload.loader.pipeline.RowPublisher;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.pipeline.TableRef;
import dev.packload.loader.report.RejectFile;
import dev.packload.loader.write.ByteSink;
import dev.packload.loader.write.SqlLiteral;
import dev.packload.loader.write.TableMeta;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Feeds delimited text into the ring: each record becomes a VALUES tuple for the target table, each field encoded as
 * the literal its column's type wants (numbers checked, binary decoded, temporals validated). A record that cannot be
 * a row (wrong field count, invalid encoding, a value its column cannot take) is rejected here with its original text
 * and the reason; the rest go to the writers like dump rows.
 */
public final class CsvSource {

    /** Thrown when the file's columns don't fit the table: reported before any row is sent. */
    public static final class ColumnMismatchException extends IOException {
        public ColumnMismatchException(String message) {
            super(message);
        }
    }

    private CsvSource() {
    }

    /**
     * Reads one delimited-text input into the publisher.
     *
     * @return false when the run stopped before the end of the input
     */
    public static boolean load(InputStream in, SourceRef source, RowPublisher publisher, CsvOptions options,
                               CsvDialect dialect, TableMeta meta, RejectFile rejects) throws IOException {
        publisher.beginSource(source);
        boolean byteTransparent = options.binaryEncoding(dialect) == CsvOptions.BinaryEncoding.RAW;
        Handler h = new Handler(source, publisher, options, meta, rejects, byteTransparent);
        if (!options.columns().isEmpty()) {
            h.map(options.columns());
        }
        try {
            // raw binary columns (LOAD DATA text, mysqldump --tab) hold bytes that are not text: read the file byte
            // for byte (ISO-8859-1 maps each byte to one char) and check text fields against the encoding one by one
            new CsvReader(in, source.name(), dialect, byteTransparent ? StandardCharsets.ISO_8859_1
                    : options.encoding()).read(h);
        } catch (Stopped s) {
            return false;
        } catch (Mismatch m) {
            throw m.cause;
        }
        if (h.blankLines > 0) {
            publisher.notice(source + ": " + h.blankLines + " blank line(s) skipped");
        }
        if (h.columns == null) {
            // an empty file, or a header only: nothing to load, and nothing wrong
            return true;
        }
        publisher.endTable();
        return true;
    }

    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private static final class Mismatch extends RuntimeException {
        final ColumnMismatchException cause;

        Mismatch(ColumnMismatchException cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }

    private static final class Handler implements CsvHandler {
        private final SourceRef source;
        private final RowPublisher publisher;
        private final CsvOptions options;
        private final TableMeta meta;
        private final RejectFile rejects;
        private final ByteSink sink = new ByteSink(1 << 12);
        /** For each file field: the table column it goes to, or null when it is left out. */
        private TableMeta.Column[] columns;
        private int fields;
        private TableRef table;
        long blankLines;
        private final boolean byteTransparent;
        private final CsvOptions.BinaryEncoding binaryEncoding;
        private final java.nio.charset.CharsetDecoder strict;
        private boolean first = true;

        Handler(SourceRef source, RowPublisher publisher, CsvOptions options, TableMeta meta, RejectFile rejects,
                boolean byteTransparent) {
            this.byteTransparent = byteTransparent;
            this.binaryEncoding = byteTransparent ? CsvOptions.BinaryEncoding.RAW
                    : options.binaryEncoding() == null ? CsvOptions.BinaryEncoding.HEX : options.binaryEncoding();
            this.strict = options.encoding().newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
            this.source = source;
            this.publisher = publisher;
            this.options = options;
            this.meta = meta;
            this.rejects = rejects;
        }

        /** In byte-transparent mode the reader does not see a UTF-8 BOM as one: drop it from the first field. */
        private String stripBom(String v) {
            boolean wasFirst = first;
            first = false;
            if (wasFirst && byteTransparent && v != null && v.startsWith("\u00EF\u00BB\u00BF")) {
                return v.substring(3);
            }
            return v;
        }

        @Override
        public void header(List<String> names) {
            if (columns == null) {
                try {
                    if (!names.isEmpty()) {
                        names = new ArrayList<>(names);
                        names.set(0, stripBom(names.get(0)));
                    }
                    map(names);
                } catch (ColumnMismatchException e) {
                    throw new Mismatch(e);
                }
            }
        }

        /** Maps file columns to table columns by name, case-insensitively. */
        void map(List<String> names) throws ColumnMismatchException {
            TableMeta.Column[] cols = new TableMeta.Column[names.size()];
            List<String> unknown = new ArrayList<>();
            List<String> used = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                TableMeta.Column c = meta.column(names.get(i).trim());
                if (c == null || c.generated()) {
                    unknown.add(names.get(i));
                } else {
                    cols[i] = c;
                    used.add(c.name());
                }
            }
            List<String> missing = meta.columns().stream().filter(c -> !c.generated() && !used.contains(c.name()))
                    .map(TableMeta.Column::name).toList();
            if (!options.ignoreUnknownColumns() && (!unknown.isEmpty() || !missing.isEmpty())) {
                throw new ColumnMismatchException(source + ": the file's columns don't match table "
                        + meta.schema() + "." + meta.table() + (unknown.isEmpty() ? "" : "; not in the table: " + unknown)
                        + (missing.isEmpty() ? "" : "; not in the file: " + missing)
                        + ". Fix the header, give --columns, or pass --ignore-unknown-columns to leave them out");
            }
            if (used.isEmpty()) {
                throw new ColumnMismatchException(source + ": none of the file's columns " + names + " is a column of "
                        + meta.schema() + "." + meta.table());
            }
            columns = cols;
            fields = names.size();
            table = publisher.table(meta.schema(), meta.table(), used, TableRef.Verb.INSERT);
        }

        @Override
        public void record(CsvRecord r) {
            if (columns == null) {
                // no header and no --columns: the table's own column order
                try {
                    map(meta.writableColumnNames());
                } catch (ColumnMismatchException e) {
                    throw new Mismatch(e);
                }
            }
            if (fields > 1 && r.size() == 1 && (r.isNull(0) || r.get(0).isEmpty()) && r.invalidEncoding() == null) {
                blankLines++;
                return; // a blank line holds no row
            }
            String reason = encode(r);
            try {
                boolean going = reason == null
                        ? publisher.row(table, sink.array(), 0, sink.length(), r.line(), r.byteOffset(), false)
                        : reject(r, reason);
                if (!going) {
                    throw new Stopped();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
        }

        private boolean reject(CsvRecord r, String reason) {
            table.stats().read(r.rawText().length());
            table.stats().rejected();
            rejects.rejectRecord(source + ":" + r.line() + " (byte " + r.byteOffset() + ")",
                    meta.schema() + "." + meta.table(), reason, r.rawText());
            return publisher.rejectedAtSource(reason, source + ":" + r.line());
        }

        /** Encodes the record as a VALUES tuple into the sink; returns why it can't be, or null. */
        private String encode(CsvRecord r) {
            if (r.invalidEncoding() != null) {
                return r.invalidEncoding();
            }
            if (r.size() != fields) {
                return "the record has " + r.size() + " fields, the " + (options.columns().isEmpty() ? "header has " : "columns are ")
                        + fields;
            }
            sink.setLength(0);
            sink.append((byte) '(');
            boolean first = true;
            for (int i = 0; i < fields; i++) {
                TableMeta.Column c = columns[i];
                if (c == null) {
                    continue;
                }
                if (!first) {
                    sink.append((byte) ',');
                }
                first = false;
                try {
                    String v = r.isNull(i) ? null : r.get(i);
                    if (i == 0) {
                        v = stripBom(v);
                    }
                    appendValue(c, v);
                } catch (IllegalArgumentException e) {
                    return "column " + c.name() + " (" + c.dataType() + "): " + e.getMessage();
                }
            }
            sink.append((byte) ')');
            return null;
        }

        /** A text field's characters: as read, or in byte-transparent mode decoded strictly from its bytes. */
        private String text(String v) {
            if (!byteTransparent) {
                return v;
            }
            try {
                return strict.decode(java.nio.ByteBuffer.wrap(v.getBytes(StandardCharsets.ISO_8859_1))).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IllegalArgumentException("not valid " + options.encoding().name() + " text");
            }
        }

        private void appendValue(TableMeta.Column c, String raw) {
            if (raw == null) {
                SqlLiteral.appendNull(sink);
                return;
            }
            if (c.isBinary() || (byteTransparent && c.dataType().equals("bit"))) {
                byte[] b = binary(raw);
                SqlLiteral.appendBinary(sink, b, 0, b.length);
                return;
            }
            String v = text(raw);
            switch (c.dataType()) {
                case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric", "float",
                        "double", "real" -> SqlLiteral.appendNumber(sink, v.trim());
                case "bit" -> {
                    try {
                        SqlLiteral.appendBit(sink, Long.parseUnsignedLong(v.trim()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("not a BIT value (a whole number): '" + shorten(v) + "'");
                    }
                }
                case "date" -> SqlLiteral.appendTemporal(sink, v.trim(), SqlLiteral.Temporal.DATE);
                case "datetime" -> SqlLiteral.appendTemporal(sink, v.trim(), SqlLiteral.Temporal.DATETIME);
                case "timestamp" -> SqlLiteral.appendTemporal(sink, v.trim(), SqlLiteral.Temporal.TIMESTAMP);
                case "time" -> SqlLiteral.appendTemporal(sink, v.trim(), SqlLiteral.Temporal.TIME);
                case "year" -> SqlLiteral.appendTemporal(sink, v.trim(), SqlLiteral.Temporal.YEAR);
                case "json" -> {
                    byte[] b = v.getBytes(StandardCharsets.UTF_8);
                    SqlLiteral.appendJson(sink, b, 0, b.length, false);
                }
                default -> {
                    byte[] b = v.getBytes(StandardCharsets.UTF_8);
                    SqlLiteral.appendString(sink, b, 0, b.length, false);
                }
            }
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
                case RAW -> v.getBytes(byteTransparent ? StandardCharsets.ISO_8859_1 : options.encoding());
            };
        }

        private static String shorten(String s) {
            return s.length() > 40 ? s.substring(0, 37) + "..." : s;
        }
    }
}
