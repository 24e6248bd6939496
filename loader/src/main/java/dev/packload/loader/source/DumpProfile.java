package dev.packload.loader.source;

import dev.packload.formats.SourcePosition;
import dev.packload.formats.sql.DumpHandler;
import dev.packload.formats.sql.DumpScanner;
import dev.packload.formats.sql.InsertHeader;
import dev.packload.formats.sql.StatementInfo;
import dev.packload.formats.sql.TupleValues;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a dump holds, measured by streaming it without a server: per table the rows, bytes, largest INSERT statement
 * as written, largest row and largest single value. Answers the first question: will this load into that server?
 */
public final class DumpProfile {

    /** Measurements of one table. Sizes are bytes; positions say where the largest of each sits. */
    public static final class Table {
        final String name;
        long rows;
        long bytes;
        long largestStatement;
        long largestRow;
        long largestValue;
        String largestValueAt;

        Table(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public long rows() {
            return rows;
        }

        public long bytes() {
            return bytes;
        }

        public long largestStatement() {
            return largestStatement;
        }

        public long largestRow() {
            return largestRow;
        }

        public long largestValue() {
            return largestValue;
        }

        public String largestValueAt() {
            return largestValueAt;
        }
    }

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private long largestOtherStatement;
    private String largestOtherStatementAt;
    private long statements;

    public List<Table> tables() {
        return new ArrayList<>(tables.values());
    }

    /** Largest statement of any kind, as written. */
    public long largestStatement() {
        return Math.max(largestOtherStatement, tables.values().stream().mapToLong(t -> t.largestStatement).max().orElse(0));
    }

    public long largestRow() {
        return tables.values().stream().mapToLong(t -> t.largestRow).max().orElse(0);
    }

    public long largestValue() {
        return tables.values().stream().mapToLong(t -> t.largestValue).max().orElse(0);
    }

    public long statements() {
        return statements;
    }

    public long rows() {
        return tables.values().stream().mapToLong(t -> t.rows).sum();
    }

    /** Reads one input into the profile. {@code database} names the database of mydumper files, or null. */
    public void add(InputStream in, String sourceName, String database) throws IOException {
        DumpScanner scanner = new DumpScanner(in, sourceName);
        scanner.scan(new Handler(scanner, sourceName, database));
    }

    private final class Handler implements DumpHandler {
        private final DumpScanner scanner;
        private final String source;
        private String database;
        private Table table;
        private long insertStart;
        private long insertEnd;

        Handler(DumpScanner scanner, String source, String database) {
            this.scanner = scanner;
            this.source = source;
            this.database = database;
        }

        @Override
        public void statement(byte[] buf, int off, int len, SourcePosition at) {
            statements++;
            StatementInfo info = StatementInfo.of(buf, off, len);
            if (info.kind() == StatementInfo.Kind.USE) {
                database = info.schema();
            }
            if (len > largestOtherStatement) {
                largestOtherStatement = len;
                largestOtherStatementAt = at.toString();
            }
        }

        @Override
        public void insertStart(InsertHeader header, SourcePosition at) {
            statements++;
            String schema = header.schema() != null ? header.schema() : database;
            String name = schema == null ? header.table() : schema + "." + header.table();
            table = tables.computeIfAbsent(name, Table::new);
            insertStart = at.byteOffset();
            insertEnd = insertStart;
        }

        @Override
        public void tuple(byte[] buf, int off, int len, long line, long byteOffset) {
            Table t = table;
            t.rows++;
            t.bytes += len;
            t.largestRow = Math.max(t.largestRow, len);
            insertEnd = byteOffset + len;
            // a value is never larger than its tuple: only look inside tuples that could beat the record
            if (len > t.largestValue) {
                try {
                    List<TupleValues.Value> values = TupleValues.split(buf, off, len, scanner.noBackslashEscapes(),
                            Long.MAX_VALUE);
                    for (int i = 0; i < values.size(); i++) {
                        TupleValues.Value v = values.get(i);
                        if (v.len() <= t.largestValue) {
                            continue;
                        }
                        long size = switch (v.kind()) {
                            case STRING, HEX, BIT -> TupleValues.decode(buf, v, scanner.noBackslashEscapes()).length;
                            default -> v.len();
                        };
                        if (size > t.largestValue) {
                            t.largestValue = size;
                            t.largestValueAt = source + ":" + line + " (value " + (i + 1) + " of the row)";
                        }
                    }
                } catch (IllegalArgumentException e) {
                    // the loader reports malformed rows; the profile only measures
                }
            }
        }

        @Override
        public void insertEnd() {
            // the INSERT as written runs from its keyword to its last tuple, plus the delimiter
            table.largestStatement = Math.max(table.largestStatement, insertEnd - insertStart + 1);
        }
    }
}
