package dev.packload.loader.source;

import dev.packload.formats.SourcePosition;
import dev.packload.formats.sql.DumpHandler;
import dev.packload.formats.sql.DumpScanner;
import dev.packload.formats.sql.InsertHeader;
import dev.packload.formats.sql.StatementInfo;
import dev.packload.loader.pipeline.RowPublisher;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.pipeline.TableRef;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Feeds a SQL dump into the ring: each VALUES tuple becomes a row of its table, raw bytes intact; every other
 * statement becomes an ordered statement. INSERT statement boundaries of the dump don't matter: writers re-batch
 * tuples to the statement budget. A {@link DumpFilter} picks tables, schema or data, and the target database.
 */
public final class DumpSource {
    private DumpSource() {
    }

    /**
     * Reads the whole input into the publisher.
     *
     * @param useDatabase a database to select before the input's first statement (mydumper files carry none), or null
     * @return false when the run stopped before the end of the input
     */
    public static boolean load(InputStream in, SourceRef source, RowPublisher publisher, DumpFilter filter,
                               String useDatabase) throws IOException {
        publisher.beginSource(source);
        DumpScanner scanner = new DumpScanner(in, source.name());
        Handler handler = new Handler(publisher, scanner, filter);
        try {
            if (useDatabase != null) {
                handler.use(useDatabase, 0);
            }
            scanner.scan(handler);
        } catch (Stopped s) {
            return false;
        }
        publisher.endTable();
        return true;
    }

    /** Thrown from the handler to stop scanning once the run has stopped. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private static final class Handler implements DumpHandler {
        private final RowPublisher publisher;
        private final DumpScanner scanner;
        private final DumpFilter filter;
        private String database;
        private TableRef table;
        private boolean skipRows;

        Handler(RowPublisher publisher, DumpScanner scanner, DumpFilter filter) {
            this.publisher = publisher;
            this.scanner = scanner;
            this.filter = filter;
        }

        @Override
        public void statement(byte[] buf, int off, int len, SourcePosition at) {
            StatementInfo info = StatementInfo.of(buf, off, len);
            if (info.kind() == StatementInfo.Kind.USE) {
                use(info.schema(), at.line());
                return;
            }
            boolean keep = switch (info.kind()) {
                case CREATE_DATABASE -> !filter.dataOnly();
                case DROP_DATABASE -> !filter.dataOnly() && !filter.redirects();
                case DATA -> !filter.schemaOnly();
                default -> !(filter.dataOnly() && info.isSchema());
            };
            if (keep && info.table() != null) {
                keep = filter.includes(info.schema() != null ? info.schema() : database, info.table());
            }
            if (!keep) {
                publisher.filteredOut();
                return;
            }
            if (info.kind() == StatementInfo.Kind.CREATE_DATABASE && filter.redirects()) {
                publish(("CREATE DATABASE IF NOT EXISTS " + DumpFilter.quote(filter.targetDatabase()))
                        .getBytes(StandardCharsets.UTF_8), at.line(), at.byteOffset());
                return;
            }
            publish(buf, off, len, at.line(), at.byteOffset());
        }

        /** A USE statement: into the dump's database, or into --database when it redirects. */
        void use(String db, long line) {
            database = db;
            String target = filter.redirects() ? filter.targetDatabase() : db;
            publish(("USE " + DumpFilter.quote(target)).getBytes(StandardCharsets.UTF_8), line, 0);
        }

        private void publish(byte[] b, long line, long byteOffset) {
            publish(b, 0, b.length, line, byteOffset);
        }

        private void publish(byte[] b, int off, int len, long line, long byteOffset) {
            if (!publisher.statement(b, off, len, line, byteOffset)) {
                throw new Stopped();
            }
        }

        @Override
        public void insertStart(InsertHeader header, SourcePosition at) {
            String schema = header.schema();
            skipRows = filter.schemaOnly()
                    || !filter.includes(schema != null ? schema : database, header.table());
            if (skipRows) {
                publisher.filteredOut();
                return;
            }
            TableRef.Verb verb = switch (header.verb()) {
                case INSERT -> TableRef.Verb.INSERT;
                case INSERT_IGNORE -> TableRef.Verb.INSERT_IGNORE;
                case REPLACE -> TableRef.Verb.REPLACE;
            };
            if (schema != null && filter.redirects()) {
                schema = filter.targetDatabase();
            }
            table = publisher.table(schema, header.table(), header.columns(), verb);
        }

        @Override
        public void tuple(byte[] buf, int off, int len, long line, long byteOffset) {
            if (skipRows) {
                return;
            }
            try {
                if (!publisher.row(table, buf, off, len, line, byteOffset, scanner.noBackslashEscapes())) {
                    throw new Stopped();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
        }

        @Override
        public void insertEnd() {
            // statement boundaries of the dump are not kept: tuples are re-batched to the budget
        }
    }
}
