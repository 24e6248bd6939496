package dev.packload.loader.cli;

import dev.packload.formats.io.Input;
import dev.packload.loader.LoadJob;
import dev.packload.loader.embedded.EmbeddedMariaDb;
import dev.packload.loader.index.DeferIndexes;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.LoadPipeline;
import dev.packload.loader.pipeline.RunState;
import dev.packload.loader.pipeline.WriterOptions;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.Progress;
import dev.packload.loader.report.Summary;
import dev.packload.loader.source.CsvOptions;
import dev.packload.loader.source.DumpFilter;
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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
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
                "5:server unreachable or connection lost"})
public final class LoadCommand implements Callable<Integer> {

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Dump files or mydumper directories to load, in order; - reads stdin.")
    List<Path> inputs;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--threads", paramLabel = "N", description = "Writers, each with its own connection (default: ${DEFAULT-VALUE}).")
    int threads = defaultThreads();

    @Option(names = "--max-statement-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Keep statements under this size, e.g. a replica's replica_max_allowed_packet (default: the negotiated limit).")
    long maxStatementBytes;

    @Option(names = "--statement-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Start a new INSERT once one holds this much row data (default: 4M, which the server "
                    + "parses faster than statements filled to the packet limit; 0: fill each up to the limit). A row "
                    + "bigger than this still goes whole, up to the limit.")
    long statementBytes = WriterOptions.DEFAULT_STATEMENT_BYTES;

    @Option(names = "--prepared-rows", paramLabel = "N",
            description = "Send INSERT rows as executions of server-side prepared statements of up to N rows, which "
                    + "the server reads without parsing them (default: ${DEFAULT-VALUE}; 0 sends every INSERT as text). "
                    + "Rows whose values have no exact binary form go as text.")
    int preparedRows = WriterOptions.DEFAULT_PREPARED_ROWS;

    @Option(names = "--batch-rows", paramLabel = "N", description = "At most N rows per INSERT (default 0: only the statement size decides).")
    int batchRows;

    @Option(names = "--commit-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Commit after this many bytes of statements, and at the end of each table (default: 32M).")
    long commitBytes = 32L << 20;

    @Option(names = "--on-duplicate", paramLabel = "MODE", converter = OnDuplicateConverter.class,
            description = "error|ignore|replace|update: INSERT, INSERT IGNORE, REPLACE or INSERT ... ON DUPLICATE KEY UPDATE (default: as the dump wrote it).")
    OnDuplicate onDuplicate = OnDuplicate.AS_WRITTEN;

    @Option(names = "--defer-indexes", paramLabel = "MODE",
            description = "off|non-unique|all: build the secondary indexes of the tables the load creates after their "
                    + "rows, in one ALTER TABLE per table on a connection of its own (default: ${DEFAULT-VALUE}: "
                    + "non-unique indexes, including FULLTEXT and SPATIAL; all: unique keys too, so a duplicate fails "
                    + "the table's build instead of rejecting its row). Indexes that a foreign key or an AUTO_INCREMENT "
                    + "column needs stay.")
    String deferIndexes = DeferIndexes.NON_UNIQUE.option();

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
    String encoding = "UTF-8";

    @Option(names = "--binary-encoding", paramLabel = "E", description = "hex, base64 or raw: how binary columns are written in delimited text (default: raw for mysql format, as INTO OUTFILE writes them; hex otherwise).")
    String binaryEncoding;

    @Option(names = "--create-table", description = "Create a missing table for delimited text, inferring column types from a sample of the file; the DDL is printed.")
    boolean createTable;

    @Option(names = "--method", paramLabel = "M", description = "insert (default) or load-data: load delimited text with LOAD DATA LOCAL INFILE when the server allows it, in 4 MiB runs over --threads connections, each committed only if the server took every record unchanged (falls back to INSERTs, saying why).")
    String method = "insert";

    @Option(names = "--max-errors", paramLabel = "N", description = "Stop the run after N rejected rows (default 0: no limit).")
    long maxErrors;

    @Option(names = "--default-character-set", paramLabel = "CS", description = "Character set of a dump that has no SET NAMES (default: utf8mb4).")
    String defaultCharacterSet;

    @Option(names = "--no-progress", description = "No progress display.")
    boolean noProgress;

    @Option(names = {"-v", "--verbose"}, description = "Details: stack traces on errors, each commit's source row ranges.")
    boolean verbose;

    enum OnError { stop, skip }

    static int defaultThreads() {
        return Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public Integer call() {
        PrintStream err = System.err;
        PrintStream out = System.out;
        Path rejects = rejectFile != null ? rejectFile : Path.of("packload-rejects-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)) + ".sql");
        LoadJob.Config config;
        try {
            String fmt = format == null ? null : format.toLowerCase(Locale.ROOT);
            CsvOptions csv = new CsvOptions(fmt == null || fmt.equals("sql") ? null : fmt, character(delimiter, "--delimiter"),
                    quote, escape, header, skipLines, Set.copyOf(nullStrings), emptyAsNull, charset(encoding), table,
                    columns, ignoreUnknownColumns, binaryEncoding == null ? null : CsvOptions.BinaryEncoding.parse(binaryEncoding),
                    switch (method.toLowerCase(Locale.ROOT)) {
                        case "insert" -> false;
                        case "load-data" -> true;
                        default -> throw new IllegalArgumentException("--method takes insert or load-data, not '" + method + "'");
                    }, createTable);
            if (maxErrors < 0) {
                throw new IllegalArgumentException("--max-errors can't be negative");
            }
            if (statementBytes < 0) {
                throw new IllegalArgumentException("--statement-bytes can't be negative");
            }
            if (preparedRows < 0) {
                throw new IllegalArgumentException("--prepared-rows can't be negative");
            }
            config = new LoadJob.Config(inputs, threads, new WriterOptions(onDuplicate, batchRows, commitBytes,
                    onError == OnError.stop, maxErrors, statementBytes, preparedRows)
                    .withDeferIndexes(DeferIndexes.parse(deferIndexes)), maxStatementBytes, rejects,
                    LoadPipeline.DEFAULT_RING_SIZE,
                    new DumpFilter(tables, excludeTables, schemaOnly, dataOnly, connection.database()),
                    defaultCharacterSet, csv, fmt);
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
        EmbeddedMariaDb embedded = null;
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
            return load(target, config, out, err);
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
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static Character character(String s, String option) {
        if (s == null) {
            return null;
        }
        String v = s.equals("\\t") || s.equalsIgnoreCase("tab") ? "\t" : s;
        if (v.length() != 1) {
            throw new IllegalArgumentException(option + " takes one character, not '" + s + "'");
        }
        return v.charAt(0);
    }

    private static java.nio.charset.Charset charset(String name) {
        try {
            return java.nio.charset.Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--encoding: unknown character set '" + name + "'");
        }
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
            if (st.executeUpdate("CREATE DATABASE IF NOT EXISTS `" + target.database().replace("`", "``") + "`") > 0) {
                err.println("packload: created database " + target.database());
            }
        }
    }

    private int load(Target target, LoadJob.Config config, PrintStream out, PrintStream err) throws SQLException {
        LoadStats stats = new LoadStats();
        AtomicReference<Input> current = new AtomicReference<>();
        AtomicLong done = new AtomicLong();
        long total = totalSize(config.inputs());
        Progress progress = noProgress ? null : new Progress(stats, () -> {
            Input in = current.get();
            return done.get() + (in == null ? 0 : in.compressedBytesRead());
        }, total, err, System.console() != null, Duration.ofSeconds(10)).start();
        BatchLog log = verbose ? (w, ranges) -> ranges.forEach(r -> err.println("commit: writer " + w + " " + r.source()
                + " rows " + r.firstSeq() + ".." + r.lastSeq() + " (" + r.rowsLoaded() + " loaded)")) : BatchLog.NONE;
        err.println("packload: loading into " + target);
        LoadJob.Result result;
        try {
            result = LoadJob.run(config, LoadJob.sessions(target), stats, log, in -> {
                Input prev = current.getAndSet(in);
                if (prev != null) {
                    done.addAndGet(prev.compressedBytesRead());
                }
            });
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
        Summary.print(out, stats, result.budget());
        if (statementBytes > 0 && result.budget() != null && statementBytes < result.budget().statementBytes()
                && stats.tables().stream().anyMatch(t -> t.statements() > 0)) {
            out.printf(Locale.ROOT, "statements: sent once their rows reach %s (--statement-bytes; 0 fills each to the"
                    + " budget)%n", Summary.bytes(statementBytes));
        }
        if (result.rowsRejected()) {
            out.printf(Locale.ROOT, "rejected rows: %,d, written with their reasons to %s%n", result.rejects().count(),
                    result.rejects().path());
        }
        RunState.Failure f = result.failure();
        if (f != null) {
            err.println("packload: " + f.message());
            if (verbose && f.cause() != null) {
                f.cause().printStackTrace(err);
            }
            return ExitCode.of(f.outcome());
        }
        return result.rowsRejected() ? ExitCode.ROWS_REJECTED : ExitCode.OK;
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
