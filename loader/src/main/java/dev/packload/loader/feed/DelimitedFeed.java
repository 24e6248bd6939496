package dev.packload.loader.feed;

import dev.packload.formats.csv.CsvDialect;
import dev.packload.formats.io.Input;
import dev.packload.formats.io.Inputs;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.source.SchemaInference;
import dev.packload.loader.write.TableMeta;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;

/**
 * One delimited-text file (CSV, TSV, LOAD DATA text) into its table: as rows for the writers, or, with
 * {@code --method load-data}, as {@link LoadDataFeed LOAD DATA runs} when LOAD DATA can express the options and the
 * server takes it (else as rows, saying why). The table's columns are read once the writers have run every statement
 * published before ({@link Sink#tableMeta}): a mysqldump --tab directory creates the table just before its data.
 */
public final class DelimitedFeed extends FileFeed {
    private final String dialectByExtension;
    private final String table;
    private final CsvOptions csv;
    private final DumpFilter filter;

    /**
     * @param dialectByExtension the dialect the file's extension suggests (csv, tsv, mysql), or null
     * @param table              the table the plan names (a --tab file's), or null: the options or the file name decide
     */
    public DelimitedFeed(Path path, String dialectByExtension, String table, CsvOptions csv, DumpFilter filter) {
        super(path);
        this.dialectByExtension = dialectByExtension;
        this.table = table;
        this.csv = csv;
        this.filter = filter;
    }

    /** Rows only: read ahead, unless {@code --method load-data} loads it around the ring on its own connections. */
    @Override
    public boolean recordable() {
        return !csv.loadData();
    }

    /** It publishes no statement; {@code --create-table} creates only a table that does not exist. */
    @Override
    public boolean keepsTables() {
        return true;
    }

    @Override
    void read(Input in, SourceRef source, Sink sink) throws IOException, SQLException, InterruptedException {
        CsvDialect dialect = csv.dialect(dialectByExtension);
        String name = table != null ? table : csv.tableFor(path.getFileName() == null ? "stdin"
                : path.getFileName().toString());
        if (!filter.includes(filter.targetDatabase(), name)) {
            return;
        }
        TableMeta meta = target(sink, source, dialect, name);
        if (csv.loadData()) {
            String why = LoadDataSource.unexpressible(dialect, csv, meta);
            if (why == null) {
                why = LoadDataSource.unexpressible(sink.onDuplicate());
            }
            if (why == null) {
                var t = sink.stats().table(meta.schema() + "." + meta.table());
                long before = t.rowsLoaded();
                try {
                    new LoadDataFeed(in, source, dialect, csv, meta).feed(sink);
                    return;
                } catch (SQLException e) {
                    if (!refusedLocalInfile(e) || stdin() || t.rowsLoaded() != before) {
                        throw e;
                    }
                    why = "the server refused LOAD DATA LOCAL INFILE (" + e.getMessage() + ")";
                }
                sink.notice(source + ": --method load-data: " + why + "; loading it with INSERTs instead");
                try (Input again = Inputs.open(path)) {
                    DelimitedRows.read(again, source, sink, csv, dialect, meta);
                    return;
                }
            }
            sink.notice(source + ": --method load-data: " + why + "; loading it with INSERTs instead");
        }
        DelimitedRows.read(in, source, sink, csv, dialect, meta);
    }

    private boolean stdin() {
        return path.toString().equals("-");
    }

    /** The table's columns; with --create-table, a missing table is created from a sample of the file first. */
    private TableMeta target(Sink sink, SourceRef source, CsvDialect dialect, String name)
            throws IOException, SQLException {
        String schema = filter.targetDatabase();
        try {
            return sink.tableMeta(schema, name);
        } catch (SQLException e) {
            if (!"42S02".equals(e.getSQLState()) && e.getErrorCode() != 1146) {
                throw e;
            }
            if (!csv.createTable()) {
                throw new IOException(source + ": table " + name + " does not exist: create it first, pass "
                        + "--create-table to infer it from the file, or name another with --table", e);
            }
            if (stdin()) {
                throw new IOException("--create-table needs a file to sample, not stdin", e);
            }
        }
        SchemaInference inferred;
        try (Input sample = Inputs.open(path)) {
            inferred = SchemaInference.sample(sample, source.name(), dialect, csv.encoding(), csv.columns(),
                    CsvOptions.SAMPLE_RECORDS);
        }
        String ddl = inferred.createTable(schema, name);
        try (java.sql.Statement st = sink.catalog().createStatement()) {
            st.execute(ddl);
        }
        sink.notice(source + ": created table " + name + " from a sample of " + inferred.sampled()
                + " records:\n" + ddl);
        return sink.tableMeta(schema, name);
    }

    /** The server (or the driver) said no to LOCAL INFILE as such, before any data went. */
    private static boolean refusedLocalInfile(SQLException e) {
        int code = e.getErrorCode();
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return code == 1148 || code == 3948 || code == 3950 || code == 4166 || m.contains("local infile")
                || m.contains("load data local") || m.contains("not allowed");
    }
}
