package dev.packload.loader.feed;

import dev.packload.formats.csv.CsvDialect;
import dev.packload.formats.io.Input;
import dev.packload.formats.io.Inputs;
import dev.packload.formats.sql.InsertHeader;
import dev.packload.formats.sql.LoadDataStatement;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.report.TableStats;
import dev.packload.loader.write.OnDuplicate;
import dev.packload.loader.write.TableMeta;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A mydumper output directory (0.10 to 1.0), loaded as myloader loads it ({@link MydumperPlan}): the session
 * variables first (1.0's {@code [myloader_session_variables]}, or the settings myloader 0.10 gives its sessions),
 * each file with its real database selected, schema, view, trigger and routine files split by myloader's statement
 * rule, data files by the mysql client's (their tuples re-batched), and the {@code .dat} files of
 * {@code --format=LOAD_DATA} or {@code CSV} read by packload as delimited text (the server is never asked to read a
 * file). After the data, the rows loaded are compared with 1.0's {@code metadata}.
 *
 * <p>A row count that differs from {@code metadata} by more than the rows rejected ends the load as bad input (exit
 * code 4): that is a dump that lost or gained rows on the way (a truncated chunk, a missing file), which a load must
 * not report as a success. A difference the rejected rows explain is a note: the reject file already holds them and
 * the exit code already says so; so is any difference under {@code --on-duplicate ignore/replace/update}, which
 * count rows whose key existed apart. Not checked: a load that resumed an interrupted one (its earlier rows are
 * counted elsewhere), {@code --schema-only}, tables left out by {@code --tables}, and 0.10 dumps (no counts).
 */
public final class MydumperFeed implements Feed {
    /** What myloader 0.10 sets on each of its sessions (0.10's files rely on it: zero ids, zero dates). */
    private static final List<String> MYLOADER_0_10_SESSION = List.of("SET NAMES binary",
            "SET SESSION SQL_MODE = 'NO_AUTO_VALUE_ON_ZERO'", "SET SESSION FOREIGN_KEY_CHECKS = 0");

    private final MydumperPlan plan;
    private final DumpFilter filter;
    private final int readers;

    /** Plans the directory now, so that a directory packload cannot load fails before anything is loaded. */
    MydumperFeed(Path dir, DumpFilter filter, int readers) throws IOException {
        this.plan = MydumperPlan.of(dir);
        this.filter = filter;
        this.readers = readers;
        String quote = plan.metadata.config().get("quote-character");
        if (quote != null && !quote.equalsIgnoreCase("BACKTICK")) {
            throw new IOException(dir.resolve("metadata") + ": quote-character = " + quote + ": names in this dump "
                    + "are quoted with \" (ANSI_QUOTES), which packload does not read; dump again without "
                    + "--identifier-quote-character");
        }
    }

    @Override
    public void feed(Sink sink) throws IOException, SQLException, InterruptedException {
        for (String set : sessionStatements()) {
            byte[] b = set.getBytes(StandardCharsets.UTF_8);
            if (!sink.statement(b, 0, b.length, 0, 0)) {
                return;
            }
        }
        // the schema stage, then the data files read several at once (they hold no DDL), then the rest
        List<Feed> before = new ArrayList<>();
        List<Feed> data = new ArrayList<>();
        List<Feed> after = new ArrayList<>();
        for (MydumperPlan.File f : plan.files) {
            boolean isData = f.stage() == MydumperPlan.Stage.DATA;
            boolean rows = isData && f.loadData() == null;
            DumpFeed.LoadDataReader dat = f.loadData() == null ? null : (s, db, at, sk) -> loadData(f, s, db, at, sk);
            if (isData) {
                data.add(DumpFeed.mydumperData(f.path(), f.database(), filter, !rows, dat));
            } else {
                (data.isEmpty() ? before : after).add(new DumpFeed(f.path(), f.database(), filter, true, dat));
            }
        }
        InputsFeed.inOrder(before, sink);
        if (sink.running()) {
            ReadAhead.feed(data, sink, readers);
        }
        if (sink.running()) {
            InputsFeed.inOrder(after, sink);
        }
        if (!sink.running()) {
            return;
        }
        for (MydumperPlan.Skipped s : plan.skipped) {
            sink.stats().notice(s.path() + ": " + s.reason());
        }
        checkRows(sink);
    }

    /** 1.0: {@code SET SESSION k = v} of each session variable; 0.10: what myloader 0.10 sets. */
    List<String> sessionStatements() {
        if (!plan.metadata.ini()) {
            return MYLOADER_0_10_SESSION;
        }
        List<String> out = new ArrayList<>();
        plan.metadata.sessionVariables().forEach((k, v) -> {
            if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(plan.dir.resolve("metadata") + ": [myloader_session_variables] "
                        + "holds '" + k + "', which is no variable name");
            }
            out.add("SET SESSION " + k + " = " + v);
        });
        return out;
    }

    /** A LOAD DATA of a data file: its file read as delimited text into the table, as rows. */
    private void loadData(MydumperPlan.File f, LoadDataStatement s, String database, String at, Sink sink)
            throws IOException, SQLException, InterruptedException {
        Path file = f.loadData().get(s.file());
        if (file == null) {
            // the plan read this file's LOAD DATA statements: another is a file that changed since
            throw new IOException(at + ": LOAD DATA names '" + s.file() + "', which the plan did not see: did the "
                    + "dump change while it was loaded?");
        }
        String schema = s.schema() != null ? s.schema() : database;
        if (!filter.includes(schema, s.table())) {
            sink.filteredOut();
            return;
        }
        if (filter.schemaOnly()) {
            sink.filteredOut();
            return;
        }
        if (s.verb() != InsertHeader.Verb.INSERT) {
            throw new IOException(at + ": LOAD DATA ... " + s.verb().sql() + ": packload loads mydumper's .dat files "
                    + "with INSERT only");
        }
        CsvDialect dialect = dialect(s, at);
        CsvOptions csv = CsvOptions.builder().columns(s.columns()).binaryEncoding(CsvOptions.BinaryEncoding.RAW)
                .rawText(true).build();
        try (Input in = Inputs.open(file)) {
            SourceRef source = sink.open(in);
            TableMeta meta = sink.tableMeta(filter.redirects() ? filter.targetDatabase() : schema, s.table());
            DelimitedRows.read(in, source, sink, csv, dialect, meta);
        }
    }

    /**
     * The dialect of a LOAD DATA statement's FIELDS and LINES clauses. Its character set must be none or binary (a
     * {@code .dat} of mydumper holds raw column bytes: it is loaded as binary, which the server would not do for a
     * statement without {@code CHARACTER SET}, see the fixtures' README) or a UTF-8 one.
     */
    static CsvDialect dialect(LoadDataStatement s, String at) throws IOException {
        String cs = s.characterSet();
        if (cs != null && !Set.of("binary", "utf8", "utf8mb3", "utf8mb4").contains(cs)) {
            throw new IOException(at + ": LOAD DATA ... CHARACTER SET " + cs + ": packload reads mydumper's .dat files "
                    + "as binary or UTF-8 only");
        }
        if (s.fieldsTerminatedBy().length() != 1 || s.enclosedBy().length() > 1 || s.escapedBy().length() > 1
                || !s.linesStartingBy().isEmpty()
                || !(s.linesTerminatedBy().equals("\n") || s.linesTerminatedBy().equals("\r\n"))
                || s.ignoreLines() > Integer.MAX_VALUE) {
            throw new IOException(at + ": LOAD DATA with FIELDS TERMINATED BY " + show(s.fieldsTerminatedBy())
                    + " ENCLOSED BY " + show(s.enclosedBy()) + " ESCAPED BY " + show(s.escapedBy())
                    + " LINES STARTING BY " + show(s.linesStartingBy()) + " TERMINATED BY "
                    + show(s.linesTerminatedBy()) + ": packload reads one-character fields, quotes and escapes, no "
                    + "line prefix, and lines ending in \\n or \\r\\n");
        }
        Character quote = s.enclosedBy().isEmpty() ? null : s.enclosedBy().charAt(0);
        Character escape = s.escapedBy().isEmpty() ? null : s.escapedBy().charAt(0);
        // as the server reads it: with ENCLOSED BY, or without an escape, an unquoted NULL is NULL
        Set<String> nulls = quote != null || escape == null ? Set.of("NULL") : Set.of();
        return new CsvDialect(s.fieldsTerminatedBy().charAt(0), quote, escape, s.linesTerminatedBy(), false,
                (int) s.ignoreLines(), nulls, false, false);
    }

    private static String show(String s) {
        return "'" + s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r") + "'";
    }

    /** Rows loaded against 1.0's {@code rows}, once the writers have committed every table. */
    private void checkRows(Sink sink) throws IOException, SQLException {
        if (!plan.metadata.ini() || filter.schemaOnly() || sink.stats().rowsResumed() > 0) {
            return;
        }
        sink.catalog(); // waits until the writers ran everything published
        Map<String, TableStats> byName = new HashMap<>();
        sink.stats().tables().forEach(t -> byName.put(t.name(), t));
        List<String> lost = new ArrayList<>();
        // rows left out or replaced because their key existed are not an error of the dump
        boolean duplicatesMayBeSkipped = sink.onDuplicate() != OnDuplicate.AS_WRITTEN
                && sink.onDuplicate() != OnDuplicate.ERROR;
        for (MydumperMetadata.Table t : plan.metadata.tables().values()) {
            if (t.view() || t.rows() < 0) {
                continue;
            }
            String key = t.fileDatabase() + "." + t.fileTable();
            String db = plan.files.stream().filter(f -> key.equals(f.tableKey())).map(MydumperPlan.File::database)
                    .findFirst().orElse(t.fileDatabase());
            if (!filter.includes(db, t.realName())) {
                continue;
            }
            // rows of SQL files count under the table's name alone, rows of .dat files under database.table
            String target = filter.redirects() ? filter.targetDatabase() : db;
            TableStats stats = byName.getOrDefault(target + "." + t.realName(), byName.get(t.realName()));
            long loaded = stats == null ? 0 : stats.rowsLoaded();
            long rejected = stats == null ? 0 : stats.rowsRejected();
            if (loaded == t.rows()) {
                continue;
            }
            String line = String.format(Locale.ROOT, "%s.%s: metadata says %,d rows were dumped, %,d were loaded",
                    db, t.realName(), t.rows(), loaded);
            if (loaded + rejected == t.rows() || duplicatesMayBeSkipped) {
                sink.stats().notice(line + (rejected > 0 ? " (" + rejected + " rejected)" : "")
                        + (duplicatesMayBeSkipped ? " (--on-duplicate " + sink.onDuplicate().name()
                        .toLowerCase(Locale.ROOT) + " counts rows whose key existed apart)" : ""));
            } else {
                lost.add(line + (rejected > 0 ? " and " + rejected + " rejected" : ""));
            }
        }
        if (!lost.isEmpty()) {
            throw new IOException(plan.dir + ": the rows loaded differ from mydumper's metadata: "
                    + String.join("; ", lost) + ". A data file is missing, truncated or was changed");
        }
    }

    /** True when the directory looks like mydumper output. */
    public static boolean isMydumper(Path dir) throws IOException {
        if (Files.exists(dir.resolve("metadata"))) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(f -> f.getFileName().toString().matches(".+-schema-create\\.sql(\\.(gz|zst|zstd))?$"));
        }
    }

    /** The directory's files in load order, each with the database it loads into (null: the file says). */
    static List<InputPlan.Item> files(Path dir) throws IOException {
        if (!isMydumper(dir)) {
            throw new IOException(dir + " is a directory but not mydumper output (no metadata file, no "
                    + "*-schema-create.sql): name the dump files to load instead");
        }
        return MydumperPlan.of(dir).files.stream().map(f -> new InputPlan.Item(f.path(), f.database())).toList();
    }
}
