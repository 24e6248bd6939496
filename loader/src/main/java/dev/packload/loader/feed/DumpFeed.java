package dev.packload.loader.feed;

import dev.packload.formats.SourcePosition;
import dev.packload.formats.sql.DumpHandler;
import dev.packload.formats.sql.DumpScanner;
import dev.packload.formats.sql.InsertHeader;
import dev.packload.formats.io.Input;
import dev.packload.formats.sql.StatementInfo;
import dev.packload.formats.sql.StatementRisk;
import dev.packload.formats.sql.Definers;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.pipeline.TableRef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A SQL dump: each VALUES tuple becomes a row of its table, raw bytes intact; every other statement becomes an ordered
 * statement. INSERT statement boundaries of the dump don't matter: writers re-batch tuples to the statement budget. A
 * {@link DumpFilter} picks tables, schema or data, and the target database.
 */
public final class DumpFeed extends FileFeed {
    private final String database;
    private final DumpFilter filter;

    /**
     * @param database a database to select before the input's first statement (mydumper files carry none), or null
     */
    public DumpFeed(Path path, String database, DumpFilter filter) {
        super(path);
        this.database = database;
        this.filter = filter;
    }

    @Override
    void read(Input in, SourceRef source, Sink sink) throws IOException, InterruptedException {
        DumpScanner scanner = new DumpScanner(in, source.name());
        Handler handler = new Handler(sink, scanner, filter, source.name());
        if (database != null) {
            handler.use(database, 0);
        }
        if (!handler.stopped) {
            scanner.scan(handler);
        }
        if (handler.interrupted) {
            throw new InterruptedException("interrupted while reading " + source);
        }
        if (!handler.stopped) {
            sink.endTable();
        }
    }

    private static final class Handler implements DumpHandler {
        private final Sink sink;
        private final DumpScanner scanner;
        private final DumpFilter filter;
        private final String source;
        private String database;
        private TableRef table;
        private boolean skipRows;
        /** The sink said stop, or the thread was interrupted: the scanner reports nothing more. */
        boolean stopped;
        boolean interrupted;

        Handler(Sink sink, DumpScanner scanner, DumpFilter filter, String source) {
            this.sink = sink;
            this.source = source;
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
                sink.stats().filterOut();
                return;
            }
            StatementRisk risk = StatementRisk.of(buf, off, len, filter.targetDatabase());
            if (risk != null) {
                sink.stats().risky().add(risk, source + ":" + at.line());
            }
            if (filter.skipDefiner()) {
                byte[] stripped = Definers.strip(buf, off, len, scanner.noBackslashEscapes());
                if (stripped != null) {
                    publish(stripped, at.line(), at.byteOffset());
                    return;
                }
            }
            if (info.kind() == StatementInfo.Kind.CREATE_DATABASE && filter.redirects()) {
                publish(("CREATE DATABASE IF NOT EXISTS " + TableRef.quote(filter.targetDatabase()))
                        .getBytes(StandardCharsets.UTF_8), at.line(), at.byteOffset());
                return;
            }
            publish(buf, off, len, at.line(), at.byteOffset());
        }

        /** A USE statement: into the dump's database, or into --database when it redirects. */
        void use(String db, long line) {
            database = db;
            String target = filter.redirects() ? filter.targetDatabase() : db;
            publish(("USE " + TableRef.quote(target)).getBytes(StandardCharsets.UTF_8), line, 0);
        }

        private void publish(byte[] b, long line, long byteOffset) {
            publish(b, 0, b.length, line, byteOffset);
        }

        private void publish(byte[] b, int off, int len, long line, long byteOffset) {
            if (!sink.statement(b, off, len, line, byteOffset)) {
                stop();
            }
        }

        private void stop() {
            stopped = true;
            scanner.stop();
        }

        @Override
        public void insertStart(InsertHeader header, SourcePosition at) {
            String schema = header.schema();
            skipRows = filter.schemaOnly()
                    || !filter.includes(schema != null ? schema : database, header.table());
            if (skipRows) {
                sink.stats().filterOut();
                return;
            }
            if (schema != null && filter.redirects()) {
                schema = filter.targetDatabase();
            }
            table = sink.table(schema, header.table(), header.columns(), header.verb());
        }

        @Override
        public void tuple(byte[] buf, int off, int len, long line, long byteOffset) {
            if (skipRows) {
                return;
            }
            try {
                if (!sink.row(table, buf, off, len, line, byteOffset, scanner.noBackslashEscapes())) {
                    stop();
                }
            } catch (InterruptedException e) {
                interrupted = true;
                stop();
            }
        }

        @Override
        public void insertEnd() {
            // statement boundaries of the dump are not kept: tuples are re-batched to the budget
        }
    }
}
