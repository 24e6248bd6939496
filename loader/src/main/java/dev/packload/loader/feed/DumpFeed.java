package dev.packload.loader.feed;

import dev.packload.formats.SourcePosition;
import dev.packload.formats.sql.DumpHandler;
import dev.packload.formats.sql.DumpScanner;
import dev.packload.formats.sql.InsertHeader;
import dev.packload.formats.io.Input;
import dev.packload.formats.sql.LineStatements;
import dev.packload.formats.sql.LoadDataStatement;
import dev.packload.formats.sql.StatementInfo;
import dev.packload.formats.sql.StatementRisk;
import dev.packload.formats.sql.Definers;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.pipeline.TableRef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A SQL dump: each VALUES tuple becomes a row of its table, raw bytes intact; every other statement becomes an ordered
 * statement. INSERT statement boundaries of the dump don't matter: writers re-batch tuples to the statement budget. A
 * {@link DumpFilter} picks tables, schema or data, and the target database.
 *
 * <p>Statements end as the mysql client ends them ({@link DumpScanner}), or, for the schema, trigger, view and
 * routine files of mydumper, as myloader ends them ({@link LineStatements}: only at a line that ends with {@code ;});
 * a {@code LOAD DATA} statement there is handed to a {@link LoadDataReader}, never sent.
 */
public final class DumpFeed extends FileFeed {
    private final String database;
    private final DumpFilter filter;
    private final boolean myloaderStatements;
    private final LoadDataReader loadData;

    /** Reads the file a LOAD DATA statement names, in place of the server. */
    @FunctionalInterface
    interface LoadDataReader {
        /** @param database the database selected before the statement (the real one, not --database), or null */
        void read(LoadDataStatement statement, String database, String at, Sink sink)
                throws IOException, SQLException, InterruptedException;
    }

    /**
     * @param database a database to select before the input's first statement (mydumper files carry none), or null
     */
    public DumpFeed(Path path, String database, DumpFilter filter) {
        this(path, database, filter, false, null);
    }

    /**
     * @param myloaderStatements statements end only at a line that ends with {@code ;} (mydumper's files)
     * @param loadData           reads the files of LOAD DATA statements (with {@code myloaderStatements}), or null:
     *                           they go to the server as other statements
     */
    DumpFeed(Path path, String database, DumpFilter filter, boolean myloaderStatements, LoadDataReader loadData) {
        super(path);
        this.database = database;
        this.filter = filter;
        this.myloaderStatements = myloaderStatements;
        this.loadData = loadData;
    }

    @Override
    void read(Input in, SourceRef source, Sink sink) throws IOException, SQLException, InterruptedException {
        LineStatements lines = myloaderStatements ? new LineStatements(in, source.name()) : null;
        DumpScanner scanner = lines == null ? new DumpScanner(in, source.name()) : null;
        Handler handler = new Handler(sink, scanner, lines != null ? lines::stop : scanner::stop, filter,
                source.name());
        if (database != null) {
            handler.use(database, 0);
        }
        if (!handler.stopped) {
            if (lines != null) {
                readLines(lines, handler, sink);
            } else {
                scanner.scan(handler);
            }
        }
        if (handler.interrupted) {
            throw new InterruptedException("interrupted while reading " + source);
        }
        if (!handler.stopped) {
            sink.endTable();
        }
    }

    /** Statements by myloader's rule; a LOAD DATA pauses the scan while its file is read. */
    private void readLines(LineStatements lines, Handler handler, Sink sink)
            throws IOException, SQLException, InterruptedException {
        LoadDataStatement[] pending = new LoadDataStatement[1];
        String[] at = new String[1];
        while (true) {
            pending[0] = null;
            lines.scan((b, off, len, pos) -> {
                if (loadData != null && LoadDataStatement.is(b, off, len)) {
                    try {
                        pending[0] = LoadDataStatement.parse(b, off, len);
                    } catch (LoadDataStatement.Unsupported e) {
                        throw new dev.packload.formats.FormatException(pos, e.getMessage(), null);
                    }
                    at[0] = pos.toString();
                    lines.stop();
                } else {
                    handler.statement(b, off, len, pos);
                }
            });
            if (pending[0] == null || handler.stopped) {
                return;
            }
            loadData.read(pending[0], handler.database, at[0], sink);
            if (!sink.running()) {
                return;
            }
        }
    }

    private static final class Handler implements DumpHandler {
        private final Sink sink;
        private final DumpScanner scanner;
        private final Runnable stopReader;
        private final DumpFilter filter;
        private final String source;
        private String database;
        private TableRef table;
        private boolean skipRows;
        /** The sink said stop, or the thread was interrupted: the scanner reports nothing more. */
        boolean stopped;
        boolean interrupted;

        Handler(Sink sink, DumpScanner scanner, Runnable stopReader, DumpFilter filter, String source) {
            this.sink = sink;
            this.source = source;
            this.scanner = scanner;
            this.stopReader = stopReader;
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
            stopReader.run();
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
