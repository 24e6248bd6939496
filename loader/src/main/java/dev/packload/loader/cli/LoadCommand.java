package dev.packload.loader.cli;

import dev.packload.formats.sql.SqlWords;
import dev.packload.embedded.EmbeddedMariaDb;
import dev.packload.formats.io.Input;
import dev.packload.loader.LoadConfig;
import dev.packload.loader.LoadJob;
import dev.packload.loader.ResumableLoad;
import dev.packload.loader.journal.Journal;
import dev.packload.loader.pipeline.StopSignal;
import dev.packload.loader.report.LoadReport;
import dev.packload.loader.write.PacketBudget;
import dev.packload.loader.write.ReplicaLimit;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.packload.loader.fk.ForeignKeyChecks;
import dev.packload.loader.index.DeferIndexes;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.RunState;
import dev.packload.loader.pipeline.WriterOptions;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.Progress;
import dev.packload.loader.check.ServerSettings;
import dev.packload.loader.report.Summary;
import dev.packload.loader.feed.ClientContext;
import dev.packload.loader.feed.CsvOptions;
import dev.packload.loader.feed.SourceFiles;
import dev.packload.loader.feed.DumpFilter;
import dev.packload.loader.target.Target;
import dev.packload.loader.write.OnDuplicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** {@code packload load}: loads dumps into a server, in statements sized just under its packet limit. */
@Command(name = "load", sortOptions = false,
        description = {"Load SQL dumps (mysqldump, mariadb-dump, mydumper) and delimited text (CSV, TSV, LOAD DATA text),",
                "plain or compressed (gzip, bzip2, xz, zstd), into a server.",
                "With no target given, loads into an embedded MariaDB whose data is kept in ~/.packload/mariadb."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every row read was loaded", "1:internal error (a bug)", "2:bad command line",
                "3:some rows were rejected (see the reject file)", "4:bad input, or a statement the server refused",
                "5:server unreachable or connection lost (after --retry-for)",
                "6:interrupted (Ctrl-C or SIGTERM); the same command continues the job",
                "8:--untrusted: the inputs hold statements beyond data and objects of -D; nothing was sent"})
public final class LoadCommand implements Callable<Integer> {
    /** What the writer options are unless given: the same defaults the tests and bench start from. */
    private static final WriterOptions DEFAULTS = WriterOptions.defaults();

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Dump files or mydumper directories to load, in order; - reads stdin.")
    List<Path> inputs;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    ReplicaOptions replicas = new ReplicaOptions();

    @Option(names = "--untrusted", description = "The dump comes from someone else: load only data and objects into "
            + "the -D database. Every statement is checked before anything is sent, and the load is refused (exit 8), "
            + "naming file and line, if any grants or manages accounts, sets global variables or sql_log_bin, installs "
            + "plugins, changes replication, reads or writes files (LOAD DATA INFILE, INTO OUTFILE, LOAD_FILE), "
            + "connects out (FEDERATED, CREATE SERVER) or names another database. DEFINER clauses are removed "
            + "(--skip-definer).")
    boolean untrusted;

    @Option(names = "--skip-definer", description = "Remove DEFINER=... from CREATE VIEW/TRIGGER/PROCEDURE/FUNCTION/"
            + "EVENT, as myloader does: the objects are defined by the loading account (servers without SUPER "
            + "refuse other definers).")
    boolean skipDefiner;

    @Option(names = "--threads", paramLabel = "N", description = "Writers, each with its own connection (default: ${DEFAULT-VALUE}).")
    int threads = LoadConfig.defaultThreads();

    @Option(names = "--readers", paramLabel = "N", description = "Input files read at once when the input is several "
            + "files (a CSV directory, mydumper's data files, several inputs): later files are read ahead while "
            + "earlier ones load, and everything still loads in the order of a run with 1; pays where reading, not the server, "
            + "sets the pace (default: ${DEFAULT-VALUE}).")
    int readers = LoadConfig.defaultReaders();

    @Option(names = "--max-statement-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Keep statements under this size, e.g. a replica's replica_max_allowed_packet (default: the negotiated limit).")
    long maxStatementBytes;

    @Option(names = "--statement-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Start a new INSERT once one holds this much row data (default: 4M, which the server "
                    + "parses faster than statements filled to the packet limit; 0: fill each up to the limit). A row "
                    + "bigger than this still goes whole, up to the limit.")
    long statementBytes = DEFAULTS.statementBytes();

    @Option(names = "--prepared-rows", paramLabel = "N",
            description = "Send INSERT rows as executions of server-side prepared statements of up to N rows, which "
                    + "the server reads without parsing them (default: ${DEFAULT-VALUE}; 0 sends every INSERT as text). "
                    + "Rows whose values have no exact binary form go as text.")
    int preparedRows = DEFAULTS.preparedRows();

    @Option(names = "--batch-rows", paramLabel = "N", description = "At most N rows per INSERT (default 0: only the statement size decides).")
    int batchRows;

    @Option(names = "--commit-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Commit after this many bytes of statements, and at the end of each table (default: 32M).")
    long commitBytes = DEFAULTS.commitBytes();

    @Option(names = "--on-duplicate", paramLabel = "MODE", converter = OnDuplicateConverter.class,
            description = "error|ignore|replace|update: INSERT, INSERT IGNORE, REPLACE or INSERT ... ON DUPLICATE KEY UPDATE (default: as the dump wrote it).")
    OnDuplicate onDuplicate = DEFAULTS.onDuplicate();

    @Option(names = "--defer-indexes", paramLabel = "MODE",
            description = "off|non-unique|all: build the secondary indexes of the tables the load creates after their "
                    + "rows, in one ALTER TABLE per table on a connection of its own (default: ${DEFAULT-VALUE}: "
                    + "non-unique indexes, including FULLTEXT and SPATIAL; all: unique keys too, so a duplicate fails "
                    + "the table's build instead of rejecting its row). Indexes that a foreign key or an AUTO_INCREMENT "
                    + "column needs stay.")
    String deferIndexes = DeferIndexes.NON_UNIQUE.option();

    @Option(names = "--defer-indexes-from", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Keep the indexes of a table whose rows are known, when its CREATE TABLE runs, to stay under "
                    + "this size: the rows after it up to the table's next DDL (a dump's ENABLE KEYS) were read by then "
                    + "(default: 4M; 0: defer every table's). Deferring costs a table two more DDL statements, which a "
                    + "small table never earns back.")
    long deferIndexesFrom = DEFAULTS.deferIndexesFrom();

    @Option(names = "--foreign-key-checks", paramLabel = "MODE",
            description = "deferred|immediate: when the dump leaves foreign key checks on, send the rows of plain "
                    + "INSERTs into tables with foreign keys with the checks off and check each foreign key once after "
                    + "the load, rejecting the rows without a parent as the server would have (default: "
                    + "${DEFAULT-VALUE}); immediate: the server checks each row as it is inserted.")
    String foreignKeyChecks = ForeignKeyChecks.DEFERRED.option();

    @Option(names = "--on-error", paramLabel = "MODE", description = "stop|skip: stop at the first rejected row, or reject it and go on (default: ${DEFAULT-VALUE}).")
    OnError onError = OnError.skip;

    @Option(names = "--reject-file", paramLabel = "FILE", description = "Where rejected rows go, as re-loadable SQL (default: packload-rejects-<time>.sql in the current directory).")
    Path rejectFile;

    @Option(names = "--tables", split = ",", paramLabel = "T", description = "Load only these tables (names or db.name; * and ? wildcards).")
    List<String> tables = List.of();

    @Option(names = "--exclude-tables", split = ",", paramLabel = "T", description = "Leave these tables out (names or db.name; * and ? wildcards).")
    List<String> excludeTables = List.of();

    @Option(names = "--schema-only", description = "Run the DDL (tables, views, triggers, routines), load no rows.")
    boolean schemaOnly;

    @Option(names = "--data-only", description = "Load rows into existing tables; run no DDL.")
    boolean dataOnly;

    @Option(names = "--format", paramLabel = "FMT", description = "sql, csv, excel, tsv or mysql (LOAD DATA text); default: by extension (.csv, .tsv, .txt; else sql).")
    String format;

    @Option(names = "--table", paramLabel = "NAME", description = "Table for delimited text (default: the file's name without extensions).")
    String table;

    @Option(names = "--columns", split = ",", paramLabel = "C", description = "Column names of a file without a header (or instead of its header).")
    List<String> columns = List.of();

    @Option(names = "--ignore-unknown-columns", description = "Leave out file columns the table lacks; table columns missing from the file take their defaults.")
    boolean ignoreUnknownColumns;

    @Option(names = "--header", negatable = true, description = "Whether the first record is a header (default: yes for csv/excel/tsv, no for mysql). --no-header to say not.")
    Boolean header;

    @Option(names = "--delimiter", paramLabel = "C", description = "Field separator (\\t for tab).")
    String delimiter;

    @Option(names = "--quote", paramLabel = "C", description = "Quote character; empty for none.")
    String quote;

    @Option(names = "--escape", paramLabel = "C", description = "Escape character; empty for none.")
    String escape;

    @Option(names = "--skip-lines", paramLabel = "N", description = "Skip N lines at the start of each file.")
    int skipLines;

    @Option(names = "--null-string", paramLabel = "S", description = "An unquoted field equal to S is NULL (e.g. NULL); \\N always is in mysql format.")
    List<String> nullStrings = List.of();

    @Option(names = "--empty-as-null", description = "Unquoted empty fields are NULL.")
    boolean emptyAsNull;

    @Option(names = "--encoding", paramLabel = "CS", description = "Encoding of delimited text (default UTF-8, BOM stripped); invalid bytes reject the row.")
    String encoding;

    @Option(names = "--binary-encoding", paramLabel = "E", description = "hex, base64 or raw: how binary columns are written in delimited text (default: raw for mysql format, as INTO OUTFILE writes them; hex otherwise).")
    String binaryEncoding;

    @Option(names = "--create-table", description = "Create a missing table for delimited text, inferring column types from a sample of the file; the DDL is printed.")
    boolean createTable;

    @Option(names = "--method", paramLabel = "M", description = "insert (default) or load-data: load delimited text with LOAD DATA LOCAL INFILE when the server allows it, in 4 MiB runs over --threads connections, each committed only if the server took every record unchanged (falls back to INSERTs, saying why).")
    String method;

    @Option(names = "--max-errors", paramLabel = "N", description = "Stop the run after N rejected rows (default 0: no limit).")
    long maxErrors;

    @Option(names = "--default-character-set", paramLabel = "CS", description = "Character set of a dump that has no SET NAMES (default: utf8mb4).")
    String defaultCharacterSet;

    @Option(names = "--no-progress", description = "No progress display.")
    boolean noProgress;

    @Option(names = {"-v", "--verbose"}, description = "Details: stack traces on errors, each commit's source row ranges, notes on the client commands skipped.")
    boolean verbose;

    @Option(names = "--journal-schema", paramLabel = "SCHEMA",
            description = "Where the job's journal lives in the target (default: ${DEFAULT-VALUE}; the target "
                    + "database itself when the schema may not be created). The journal is what makes a run of the "
                    + "same command after an interruption continue exactly where the committed rows end.")
    String journalSchema = Journal.DEFAULT_SCHEMA;

    @Option(names = "--no-journal", description = "Keep no journal: an interrupted load can't be resumed, and "
            + "lost connections are not retried.")
    boolean noJournal;

    @Option(names = {"--again", "--restart"}, description = "Start this job anew even though the journal holds a "
            + "finished run of it (--again: load every row once more) or an interrupted one (--restart: its "
            + "committed rows stay, and are not skipped).")
    boolean again;

    @Option(names = "--retry-for", paramLabel = "SECONDS", description = "How long to keep retrying after a lost "
            + "connection, a server restart, a deadlock or a lock wait timeout, waiting for the server (default: "
            + "${DEFAULT-VALUE}; 0 gives up at once).")
    long retryFor = 300;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write what the run did as JSON when it "
            + "ends (outcome, exit code, per-table counts, rejects, retries, the resume point, the packet budget, "
            + "timings), for cron and scripts.")
    Path report;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    enum OnError { stop, skip }

    @Override
    public Integer call() {
        StopSignal stop = new StopSignal();
        CountDownLatch ended = new CountDownLatch(1);
        AtomicInteger exit = new AtomicInteger(ExitCode.INTERRUPTED);
        // Ctrl-C or SIGTERM: the reader stops, the writers commit what they hold with its journal record, the summary
        // and the way to continue are printed, and the process ends with INTERRUPTED (the JVM's own exit code for a
        // signal would say nothing of what was kept)
        Thread hook = new Thread(() -> {
            stop.stop("interrupted (Ctrl-C or SIGTERM): what was read before was committed and recorded");
            try {
                ended.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException ignored) {
                // halt with what we have
            }
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(exit.get());
        }, "packload-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int code = run(stop);
            exit.set(code);
            return code;
        } finally {
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it ends the process with the code set above
            }
        }
    }

    private int run(StopSignal stop) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        LoadConfig config;
        try {
            config = config();
            for (Path p : inputs) {
                if (!p.toString().equals("-") && !Files.isReadable(p)) {
                    err.println("packload: cannot read input " + p + ": no such file, or not readable");
                    return ExitCode.BAD_INPUT;
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("packload: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (untrusted) {
            Instant started = Instant.now();
            Integer refused = UntrustedRefusal.check(inputs, connection.database(), err);
            if (refused != null && refused == ExitCode.REFUSED) {
                writeReport(command(), "refused-untrusted", refused,
                        "--untrusted: the inputs hold statements beyond loading data and objects into "
                                + connection.database() + "; nothing was sent", started,
                        connection.targetGiven() ? connection.target() : "embedded", null, null, new LoadStats(),
                        List.of(), config.rejectFile(), 0, err);
            }
            if (refused != null) {
                return refused;
            }
        }
        EmbeddedMariaDb embedded = null;
        // the client-command scans of the SQL inputs run while packload connects (see PreScans)
        config.client().preScans().start(config.inputs(), config.format());
        try {
            Target target;
            if (connection.targetGiven()) {
                target = connection.target();
            } else {
                embedded = startEmbedded(err);
                target = Target.of(embedded.host(), embedded.port(), "root", null,
                        connection.database() != null ? connection.database() : "packload");
            }
            ensureDatabase(target, err);
            return load(target, config, stop, out, err);
        } catch (EmbeddedMariaDb.StartupException e) {
            err.println("packload: cannot start the embedded MariaDB: " + e.getMessage());
            return ExitCode.SERVER_FAILURE;
        } catch (SQLException e) {
            err.println("packload: cannot connect: " + e.getMessage());
            return ExitCode.SERVER_FAILURE;
        } catch (IllegalArgumentException e) {
            err.println("packload: " + e.getMessage());
            return ExitCode.USAGE;
        } finally {
            config.client().preScans().close();
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** The run the options describe; the builders check every value. */
    private LoadConfig config() {
        String fmt = format == null ? null : format.toLowerCase(Locale.ROOT);
        CsvOptions.Builder csv = CsvOptions.builder().dialect(fmt == null || fmt.equals("sql") ? null : fmt)
                .delimiter(delimiter).quote(quote).escape(escape).header(header).skipLines(skipLines)
                .nullStrings(Set.copyOf(nullStrings)).emptyAsNull(emptyAsNull).table(table).columns(columns)
                .ignoreUnknownColumns(ignoreUnknownColumns).binaryEncoding(binaryEncoding).createTable(createTable);
        if (encoding != null) {
            csv.encoding(encoding);
        }
        if (method != null) {
            csv.method(method);
        }
        WriterOptions writer = WriterOptions.builder().onDuplicate(onDuplicate).batchRows(batchRows)
                .commitBytes(commitBytes).stopOnReject(onError == OnError.stop).maxErrors(maxErrors)
                .statementBytes(statementBytes).preparedRows(preparedRows)
                .deferIndexes(DeferIndexes.parse(deferIndexes)).deferIndexesFrom(deferIndexesFrom)
                .foreignKeyChecks(ForeignKeyChecks.parse(foreignKeyChecks)).build();
        LoadConfig.Builder config = LoadConfig.builder().inputs(inputs).format(fmt).csv(csv.build()).writer(writer)
                .threads(threads).readers(readers).maxStatementBytes(maxStatementBytes)
                .filter(new DumpFilter(tables, excludeTables, schemaOnly, dataOnly, connection.database(),
                        skipDefiner || untrusted))
                .defaultCharacterSet(defaultCharacterSet)
                // a SELECT's rows go to standard output, as the client shows them; notes on skipped client commands
                // to standard error under --verbose
                .resultOutput(System.out)
                .client(new ClientContext(SourceFiles.ofWorkingDirectory(), verbose
                        ? note -> System.err.println("packload: note: " + note) : note -> { }));
        if (rejectFile != null) {
            config.rejectFile(rejectFile);
        }
        return config.build();
    }

    private EmbeddedMariaDb startEmbedded(PrintStream err) {
        Path home = EmbeddedMariaDb.defaultHome();
        // a stock MariaDB's packet limit, so the embedded server behaves like the servers users load into
        EmbeddedMariaDb db = EmbeddedMariaDb.start(home, home.resolve("data"), 0, List.of("--max-allowed-packet=16M"));
        err.println("packload: no target given: loading into an embedded MariaDB " + db.version() + " (database "
                + (connection.database() != null ? connection.database() : "packload") + ", data kept in "
                + home.resolve("data") + "). To look at it: ./packload server, then mariadb -h127.0.0.1 -P"
                + ServerCommand.DEFAULT_PORT + " -uroot");
        return db;
    }

    /** -D names the database to load into; like myloader, packload creates it when it is not there yet. */
    private static void ensureDatabase(Target target, PrintStream err) throws SQLException {
        if (target.database() == null) {
            return;
        }
        try (Connection c = target.withoutDatabase().connect(); Statement st = c.createStatement()) {
            if (st.executeUpdate("CREATE DATABASE IF NOT EXISTS " + SqlWords.quoteIdentifier(target.database())) > 0) {
                err.println("packload: created database " + target.database());
            }
        }
    }

    private int load(Target target, LoadConfig config, StopSignal stop, PrintStream out, PrintStream err)
            throws SQLException {
        Instant started = Instant.now();
        AtomicReference<LoadStats> stats = new AtomicReference<>(new LoadStats());
        AtomicReference<Input> current = new AtomicReference<>();
        AtomicLong done = new AtomicLong();
        long total = totalSize(config.inputs());
        Progress progress = null;
        BatchLog log = verbose ? (w, ranges) -> ranges.forEach(r -> err.println("commit: writer " + w + " " + r.source()
                + " rows " + r.firstSeq() + ".." + r.lastSeq() + " (" + r.rowsLoaded() + " loaded)")) : BatchLog.NONE;
        err.println("packload: loading into " + target);
        List<ReplicaLimit> replicaLimits = replicas.read(target);
        ServerSettings server = BinlogNotes.before(target, !replicaLimits.isEmpty(), err);
        LoadJob.SessionFactory sessions = LoadJob.sessions(target, replicaLimits);
        String command = command();
        ResumableLoad.Settings settings = new ResumableLoad.Settings(!noJournal, journalSchema, again,
                Duration.ofSeconds(Math.max(0, retryFor)), connection.targetGiven() ? target.toString()
                : "embedded/" + target.database(), rowOptions(), command);
        ResumableLoad.Outcome outcome;
        try {
            progress = noProgress ? null : new Progress(stats::get, () -> {
                Input in = current.get();
                return done.get() + (in == null ? 0 : in.compressedBytesRead());
            }, total, err, System.console() != null, Duration.ofSeconds(10)).start();
            outcome = ResumableLoad.run(target, config, settings, sessions, stop, log, in -> {
                Input prev = current.getAndSet(in);
                if (prev != null) {
                    done.addAndGet(prev.compressedBytesRead());
                }
            }, attempt -> {
                attempt.onNotice(n -> err.println("packload: note: " + n));
                stats.set(attempt);
                current.set(null);
                done.set(0);
            }, err);
        } catch (Journal.Refused e) {
            err.println("packload: " + e.getMessage());
            writeReport(command, "refused", ExitCode.USAGE, e.getMessage(), started, target, null, null, stats.get(),
                    List.of(), config.rejectFile(), 0, err);
            return ExitCode.USAGE;
        } catch (IOException e) {
            err.println("packload: cannot read the inputs to identify the job: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
        LoadJob.Result result = outcome.result();
        LoadStats last = result.stats();
        Summary.print(out, last, result.budget());
        BinlogNotes.after(server, last, out);
        if (statementBytes > 0 && result.budget() != null && statementBytes < result.budget().statementBytes()
                && last.tables().stream().anyMatch(t -> t.statements() > 0)) {
            out.printf(Locale.ROOT, "statements: sent once their rows reach %s (--statement-bytes; 0 fills each to the"
                    + " budget)%n", Summary.bytes(statementBytes));
        }
        if (last.rowsResumed() > 0 || last.statementsResumed() > 0) {
            out.printf(Locale.ROOT, "resumed: %,d rows and %,d statements committed by an earlier run of this job were"
                    + " skipped%n", last.rowsResumed(), last.statementsResumed());
        }
        if (!outcome.retries().isEmpty()) {
            out.printf(Locale.ROOT, "retries: %d (%s)%n", outcome.retries().size(),
                    outcome.retries().get(outcome.retries().size() - 1).reason());
        }
        if (result.rowsRejected()) {
            out.printf(Locale.ROOT, "rejected rows: %,d, written with their reasons to %s%n", result.rejects().count(),
                    result.rejects().path());
        }
        RunState.Failure f = result.failure();
        int code = f != null ? ExitCode.of(f.outcome()) : result.rowsRejected() ? ExitCode.ROWS_REJECTED : ExitCode.OK;
        if (f != null) {
            err.println("packload: " + ResumableLoad.oneLine(f.message()));
            if (verbose && f.cause() != null) {
                f.cause().printStackTrace(err);
            }
            if (outcome.journal() != null) {
                err.println("packload: what was committed is recorded; to continue: " + command);
            }
        }
        writeReport(command, outcomeName(f, result.rowsRejected()), code, f == null ? null
                : ResumableLoad.oneLine(f.message()), started, target, outcome.journal(), result.budget(), last,
                outcome.retries(), result.rejects().path(), result.rejects().count(), err);
        return code;
    }

    private static String outcomeName(RunState.Failure f, boolean rejected) {
        if (f == null) {
            return rejected ? "rows-rejected" : "ok";
        }
        return f.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private void writeReport(String command, String outcome, int code, String message, Instant started, Object target,
                             LoadReport.Journal journal, PacketBudget budget, LoadStats stats,
                             List<LoadReport.Retry> retries, Path rejectPath, long rejected, PrintStream err) {
        if (report == null) {
            return;
        }
        Instant now = Instant.now();
        LoadReport r = new LoadReport(Main.Version.text(), command, outcome, code, message, started.toString(),
                now.toString(), Duration.between(started, now).toMillis() / 1000.0, target.toString(), journal,
                budget == null ? null : new LoadReport.Budget(budget.statementBytes(), budget.serverMaxAllowedPacket(),
                        budget.driverMaxAllowedPacket(), budget.userCap(), budget.replication().tightest() == null
                        ? null : budget.replication().describe()),
                LoadReport.totals(stats), LoadReport.tables(stats), retries,
                new LoadReport.Rejects(rejected > 0 ? rejectPath.toString() : null, rejected), notices(stats));
        try {
            r.write(report);
        } catch (IOException e) {
            err.println("packload: cannot write the report " + report + ": " + e.getMessage());
        }
    }

    /** The run's notices, then the statements run that reach beyond the data (GRANT, SET GLOBAL, ...). */
    private static List<String> notices(LoadStats stats) {
        List<String> all = new java.util.ArrayList<>(stats.notices());
        stats.risky().lines().forEach(l -> all.add("statement beyond the data: " + l));
        return all;
    }

    /** The command line that runs this job again, the password left out. */
    private String command() {
        List<String> args = spec == null ? List.of() : spec.commandLine().getParseResult().originalArgs();
        String pw = connection.password == null ? null : new String(connection.password);
        StringBuilder sb = new StringBuilder("packload");
        for (String a : args) {
            if (a.equals("-p") || a.startsWith("-p") && !a.startsWith("-P") || a.startsWith("--password")
                    || pw != null && !pw.isEmpty() && a.equals(pw)) {
                sb.append(" -p"); // asks for it again
                continue;
            }
            sb.append(' ').append(a.matches("[A-Za-z0-9_./:=@,+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }

    /** The options that change which rows go where: a change makes another job. */
    private List<String> rowOptions() {
        return List.of("database=" + connection.database(), "tables=" + tables, "exclude-tables=" + excludeTables,
                "schema-only=" + schemaOnly, "data-only=" + dataOnly, "format=" + format, "table=" + table,
                "columns=" + columns, "ignore-unknown-columns=" + ignoreUnknownColumns, "header=" + header,
                "delimiter=" + delimiter, "quote=" + quote, "escape=" + escape, "skip-lines=" + skipLines,
                "null-string=" + nullStrings, "empty-as-null=" + emptyAsNull, "encoding=" + encoding,
                "binary-encoding=" + binaryEncoding, "method=" + method, "on-duplicate=" + onDuplicate,
                "default-character-set=" + defaultCharacterSet);
    }

    private static long totalSize(List<Path> inputs) {
        long total = 0;
        for (Path p : inputs) {
            try {
                if (p.toString().equals("-")) {
                    return -1;
                }
                total += Files.size(p);
            } catch (java.io.IOException e) {
                return -1;
            }
        }
        return total;
    }

    static final class OnDuplicateConverter implements picocli.CommandLine.ITypeConverter<OnDuplicate> {
        @Override
        public OnDuplicate convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "error" -> OnDuplicate.ERROR;
                case "ignore" -> OnDuplicate.IGNORE;
                case "replace" -> OnDuplicate.REPLACE;
                case "update" -> OnDuplicate.UPDATE;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "--on-duplicate takes error, ignore, replace or update, not '" + value + "'");
            };
        }
    }
}
