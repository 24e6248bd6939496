package dev.packload.loader.feed;

import dev.packload.formats.FormatException;
import dev.packload.formats.SourcePosition;
import dev.packload.formats.io.Input;
import dev.packload.formats.io.Inputs;
import dev.packload.formats.sql.ClientCommand;
import dev.packload.formats.sql.Definers;
import dev.packload.formats.sql.DumpHandler;
import dev.packload.formats.sql.DumpScanner;
import dev.packload.formats.sql.InsertHeader;
import dev.packload.formats.sql.LineStatements;
import dev.packload.formats.sql.LoadDataStatement;
import dev.packload.formats.sql.StatementInfo;
import dev.packload.formats.sql.StatementRisk;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.pipeline.TableRef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;

/**
 * A SQL dump: each VALUES tuple becomes a row of its table, raw bytes intact; every other statement becomes an ordered
 * statement. INSERT statement boundaries of the dump don't matter: writers re-batch tuples to the statement budget. A
 * {@link DumpFilter} picks tables, schema or data, and the target database.
 *
 * <p>The mysql client's own commands are taken as the client takes them (see the README's table): {@code source}
 * reads a file in place ({@link SourceFiles}), {@code use} and {@code charset} become {@code USE} and
 * {@code SET NAMES}, {@code quit} ends the input, display commands are skipped with a note. An input that holds a
 * command running a program or opening another connection is refused by {@link ClientCommandCheck} before any of it
 * is sent.
 *
 * <p>The schema, trigger, view and routine files of mydumper hold SQL only, and their statements end as myloader ends
 * them ({@link LineStatements}: only at a line that ends with {@code ;}); a {@code LOAD DATA} statement there is handed
 * to a {@link LoadDataReader}, never sent.
 */
public final class DumpFeed extends FileFeed {
    private final String database;
    private final DumpFilter filter;
    /** How client commands are taken, or null for a mydumper file, which holds SQL only (myloader sends it as is). */
    private final ClientContext client;
    private final boolean myloaderStatements;
    private final LoadDataReader loadData;
    /** A mydumper data file, which holds no DDL. */
    private final boolean dataOnly;

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
        this(path, database, filter, ClientContext.defaults());
    }

    /** @param client how the mysql client's commands are taken, or null when the file may hold none (mydumper's) */
    public DumpFeed(Path path, String database, DumpFilter filter, ClientContext client) {
        this(path, database, filter, client, false, null);
    }

    /**
     * A mydumper file: SQL only, no client commands.
     *
     * @param myloaderStatements statements end only at a line that ends with {@code ;} (mydumper's files)
     * @param loadData           reads the files of LOAD DATA statements (with {@code myloaderStatements}), or null:
     *                           they go to the server as other statements
     */
    DumpFeed(Path path, String database, DumpFilter filter, boolean myloaderStatements, LoadDataReader loadData) {
        this(path, database, filter, null, myloaderStatements, loadData, false);
    }

    /**
     * A mydumper data file: its INSERTs (or the LOAD DATA of its {@code .dat}) and SETs, no DDL, which
     * {@link #keepsTables()} tells a {@link ReadAhead}.
     */
    static DumpFeed mydumperData(Path path, String database, DumpFilter filter, boolean myloaderStatements,
                                 LoadDataReader loadData) {
        return new DumpFeed(path, database, filter, null, myloaderStatements, loadData, true);
    }

    private DumpFeed(Path path, String database, DumpFilter filter, ClientContext client, boolean myloaderStatements,
                     LoadDataReader loadData) {
        this(path, database, filter, client, myloaderStatements, loadData, false);
    }

    private DumpFeed(Path path, String database, DumpFilter filter, ClientContext client, boolean myloaderStatements,
                     LoadDataReader loadData, boolean dataOnly) {
        super(path);
        this.dataOnly = dataOnly;
        this.database = database;
        this.filter = filter;
        this.client = client;
        this.myloaderStatements = myloaderStatements;
        this.loadData = loadData;
    }

    /** Everything it reads goes through the sink: it may be read ahead. */
    @Override
    public boolean recordable() {
        return true;
    }

    @Override
    public boolean keepsTables() {
        return dataOnly;
    }

    @Override
    void read(Input in, SourceRef source, Sink sink) throws IOException, SQLException, InterruptedException {
        if (client == null) {
            read(in, null, source, sink);
            return;
        }
        boolean stdin = path.toString().equals(Inputs.STDIN);
        // standard input can't be read twice: it is kept in a file for the check and the load
        Path file = stdin ? spool(in) : path;
        try {
            // the scan started ahead of the load (PreScans), else one of this file now: either before any of it goes
            if (stdin || !client.preScans().await(file)) {
                ClientCommandCheck.check(file, source.name(), client.files());
            }
            if (stdin) {
                try (Input again = Inputs.open(file)) {
                    read(again, file, source, sink);
                }
            } else {
                read(in, file, source, sink);
            }
        } finally {
            if (stdin) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void read(Input in, Path file, SourceRef source, Sink sink)
            throws IOException, SQLException, InterruptedException {
        LineStatements lines = myloaderStatements ? new LineStatements(in, source.name()) : null;
        DumpScanner scanner = lines == null ? new DumpScanner(in, source.name()) : null;
        Handler handler = new Handler(sink, scanner, lines == null ? null : lines::stop, file);
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
        if (handler.failure instanceof IOException e) {
            throw e;
        }
        if (handler.failure != null) {
            throw (RuntimeException) handler.failure;
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

    private static Path spool(Input in) throws IOException {
        Path file = Files.createTempFile("packload-stdin-", ".sql");
        file.toFile().deleteOnExit();
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    private final class Handler implements DumpHandler {
        private final Sink sink;
        /** The scanner of the file being read, and that file (null for a mydumper file): a source swaps them. */
        private DumpScanner scanner;
        /** Stops the reading of a mydumper file by myloader's rule (its scanner is then null). */
        private final Runnable lineStop;
        private Path file;
        private final SourceFiles.Chain chain;
        private String database;
        private TableRef table;
        private boolean skipRows;
        /** The sink said stop, the thread was interrupted, or a command failed: the scanners report nothing more. */
        boolean stopped;
        boolean interrupted;
        /**
         * What a client command met (a refused command, a sourced file that can't be read or is malformed), thrown
         * once the scanner has returned: an IOException or a FormatException.
         */
        Exception failure;

        Handler(Sink sink, DumpScanner scanner, Runnable lineStop, Path file) throws IOException {
            this.sink = sink;
            this.scanner = scanner;
            this.lineStop = lineStop;
            this.file = file;
            this.chain = client == null ? null : client.files().chain();
            if (chain != null) {
                chain.enter(file, null);
            }
        }

        @Override
        public void clientCommand(ClientCommand c) {
            if (client == null) {
                fail(new FormatException(c.at(), "client command " + c.name() + " in a mydumper file, which holds"
                        + " SQL only: myloader would send the line to the server as it is", ""));
                return;
            }
            switch (c.kind()) {
                case SOURCE -> source(c);
                case USE -> use(c.argument(), c.at().line());
                case CHARSET -> charset(c);
                case QUIT -> client.notes().accept(c + ": the rest of " + c.at().source()
                        + " is not read, as the client stops reading it there");
                case DISPLAY -> client.notes().accept(c + ": skipped (it changes only what the client shows)");
                // the pre-scan refused the input already: this only guards a feed that was not checked
                default -> fail(new FormatException(c.at(), "client command " + c.name() + " ("
                        + c.kind().effect() + ") is not allowed in a dump", ""));
            }
        }

        /** Reads the sourced file in place; its rows and statements count as this input's. */
        private void source(ClientCommand c) {
            DumpScanner caller = scanner;
            Path callerFile = file;
            String callerName = c.at().source();
            try {
                client.files().source(c, file, scanner, chain, (child, f) -> {
                    scanner = child;
                    file = f;
                    sink.continueAs(client.files().displayName(f));
                    child.scan(this);
                });
            } catch (IOException | FormatException e) {
                fail(e);
            } finally {
                scanner = caller;
                file = callerFile;
                sink.continueAs(callerName);
            }
            if (stopped) {
                caller.stop(); // the sink said stop, or the sourced file failed: its caller reads no further either
            }
        }

        /** {@code charset x}: the client switches the connection with mysql_set_character_set, which is SET NAMES. */
        private void charset(ClientCommand c) {
            String name = c.argument();
            if (!name.matches("[A-Za-z0-9_]+")) {
                fail(new FormatException(c.at(), c.name() + " names no character set: '" + name + "'", ""));
                return;
            }
            publish(("SET NAMES " + name).getBytes(StandardCharsets.US_ASCII), c.at().line(), c.at().byteOffset());
        }

        private void fail(Exception e) {
            if (failure == null) {
                failure = e;
            }
            stop();
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
                sink.filteredOut();
                return;
            }
            StatementRisk risk = StatementRisk.of(buf, off, len, filter.targetDatabase());
            if (risk != null) {
                sink.risky(risk, at.source() + ":" + at.line());
            }
            if (filter.skipDefiner()) {
                byte[] stripped = Definers.strip(buf, off, len, scanner != null && scanner.noBackslashEscapes());
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
            if (!sink.statement(buf, off, len, at.line(), at.byteOffset(), scanner != null && scanner.vertical())) {
                stop();
            }
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
            if (scanner != null) {
                scanner.stop();
            } else {
                lineStop.run();
            }
        }

        @Override
        public void insertStart(InsertHeader header, SourcePosition at) {
            String schema = header.schema();
            skipRows = filter.schemaOnly()
                    || !filter.includes(schema != null ? schema : database, header.table());
            if (skipRows) {
                sink.filteredOut();
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
