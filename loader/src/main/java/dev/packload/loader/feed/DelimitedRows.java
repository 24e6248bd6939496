package dev.packload.loader.feed;

import dev.packload.formats.sql.InsertHeader;
import dev.packload.formats.csv.CsvDialect;
import dev.packload.formats.csv.CsvHandler;
import dev.packload.formats.csv.CsvReader;
import dev.packload.formats.csv.CsvRecord;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.pipeline.TableRef;
import dev.packload.loader.write.TableMeta;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Delimited text as rows: each record becomes a VALUES tuple for the target table, each field encoded as the literal
 * its column's type wants (numbers checked, binary decoded, temporals validated). A record that cannot be a row (wrong
 * field count, invalid encoding, a value its column cannot take) is rejected here with its original text and the
 * reason; the rest go to the writers like dump rows.
 */
final class DelimitedRows {

    /** Thrown when the file's columns don't fit the table: reported before any row is sent. */
    static final class ColumnMismatchException extends IOException {
        ColumnMismatchException(String message) {
            super(message);
        }
    }

    private DelimitedRows() {
    }

    /** Reads one delimited-text input into the sink, up to its end or until the sink says stop. */
    static void read(InputStream in, SourceRef source, Sink sink, CsvOptions options, CsvDialect dialect,
                     TableMeta meta) throws IOException, InterruptedException {
        boolean byteTransparent = options.binaryEncoding(dialect) == CsvOptions.BinaryEncoding.RAW;
        // raw binary columns (LOAD DATA text, mysqldump --tab) hold bytes that are not text: read the file byte for
        // byte (ISO-8859-1 maps each byte to one char) and check text fields against the encoding one by one
        CsvReader reader = new CsvReader(in, source.name(), dialect, byteTransparent ? StandardCharsets.ISO_8859_1
                : options.encoding());
        Handler h = new Handler(source, sink, reader, options, meta, byteTransparent);
        if (!options.columns().isEmpty()) {
            h.map(options.columns());
        }
        reader.read(h);
        if (h.mismatch != null) {
            throw h.mismatch;
        }
        if (h.interrupted) {
            throw new InterruptedException("interrupted while reading " + source);
        }
        if (h.stopped) {
            return;
        }
        if (h.blankLines > 0) {
            sink.notice(source + ": " + h.blankLines + " blank line(s) skipped");
        }
        if (h.columns == null) {
            // an empty file, or a header only: nothing to load, and nothing wrong
            return;
        }
        sink.endTable();
    }

    private static final class Handler implements CsvHandler {
        private final SourceRef source;
        private final Sink sink;
        private final CsvReader reader;
        private final CsvOptions options;
        private final TableMeta meta;
        /** For each file field: the table column it goes to, or null when it is left out. */
        private TableMeta.Column[] columns;
        private int fields;
        private TableRef table;
        long blankLines;
        private final boolean byteTransparent;
        private final CsvOptions.BinaryEncoding binaryEncoding;
        private RecordEncoder encoder;
        private boolean headerSeen;
        /** Why the reading ended early: the sink said stop, the thread was interrupted, or the columns don't fit. */
        boolean stopped;
        boolean interrupted;
        ColumnMismatchException mismatch;

        Handler(SourceRef source, Sink sink, CsvReader reader, CsvOptions options, TableMeta meta,
                boolean byteTransparent) {
            this.byteTransparent = byteTransparent;
            this.binaryEncoding = byteTransparent ? CsvOptions.BinaryEncoding.RAW
                    : options.binaryEncoding() == null ? CsvOptions.BinaryEncoding.HEX : options.binaryEncoding();
            this.source = source;
            this.sink = sink;
            this.reader = reader;
            this.options = options;
            this.meta = meta;
        }

        @Override
        public void header(List<String> names) {
            if (columns == null) {
                try {
                    headerSeen = true;
                    if (!names.isEmpty() && byteTransparent && names.get(0).startsWith("\u00EF\u00BB\u00BF")) {
                        // read byte for byte, a UTF-8 byte-order mark is not seen as one
                        names = new ArrayList<>(names);
                        names.set(0, names.get(0).substring(3));
                    }
                    map(names);
                } catch (ColumnMismatchException e) {
                    stop(e);
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
            encoder = new RecordEncoder(cols, byteTransparent, binaryEncoding, options.encoding(),
                    options.columns().isEmpty(), !headerSeen, byteTransparent && options.rawText());
            table = sink.table(meta.schema(), meta.table(), used, InsertHeader.Verb.INSERT);
        }

        @Override
        public void record(CsvRecord r) {
            if (columns == null) {
                // no header and no --columns: the table's own column order
                try {
                    map(meta.writableColumnNames());
                } catch (ColumnMismatchException e) {
                    stop(e);
                    return;
                }
            }
            if (fields > 1 && r.size() == 1 && (r.isNull(0) || r.get(0).isEmpty()) && r.invalidEncoding() == null) {
                blankLines++;
                return; // a blank line holds no row
            }
            String reason = encoder.encode(r);
            try {
                boolean going = reason == null
                        ? sink.row(table, encoder.tuple().array(), 0, encoder.tuple().length(), r.line(),
                                r.byteOffset(), false)
                        : sink.reject(table, source, r.line(), r.byteOffset(), reason, r.rawText());
                if (!going) {
                    stop(null);
                }
            } catch (InterruptedException e) {
                interrupted = true;
                stop(null);
            }
        }

        private void stop(ColumnMismatchException why) {
            mismatch = why;
            stopped = true;
            reader.stop();
        }

    }
}
