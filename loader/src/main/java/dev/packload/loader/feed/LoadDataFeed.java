package dev.packload.loader.feed;

import dev.packload.formats.csv.CsvDialect;
import dev.packload.formats.csv.CsvReader;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.write.LoadDataSession;
import dev.packload.loader.write.OnDuplicate;
import dev.packload.loader.write.TableMeta;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code --method load-data}: one delimited input as {@code LOAD DATA LOCAL INFILE} runs on connections of its own,
 * one per writer, when the file can be cut where records end (UTF-8 or ISO-8859-1, see {@link LoadDataChunks}), else
 * as one stream on one connection. The server parses the rows, so nothing passes through the ring; the sink hears of
 * every committed run (batch log) and of the rows loaded.
 *
 * <p>Throws the server's {@link SQLException} as it is, so that {@link DelimitedFeed} can load the file with INSERTs
 * when the server refuses LOCAL INFILE.
 */
public final class LoadDataFeed implements Feed {
    private final InputStream in;
    private final SourceRef source;
    private final CsvDialect dialect;
    private final CsvOptions csv;
    private final TableMeta meta;

    /** @param in the input, opened and {@linkplain Sink#open announced} by the caller */
    public LoadDataFeed(InputStream in, SourceRef source, CsvDialect dialect, CsvOptions csv, TableMeta meta) {
        this.in = in;
        this.source = source;
        this.dialect = dialect;
        this.csv = csv;
        this.meta = meta;
    }

    @Override
    public void feed(Sink sink) throws IOException, SQLException {
        boolean chunks = CsvReader.canChunk(dialect, csv.encoding());
        OnDuplicate onDuplicate = sink.onDuplicate();
        List<LoadDataSession> sessions = sink.openLoadData(chunks);
        try {
            LoadDataSource.Plan plan = LoadDataSource.plan(in, source.name(), dialect, csv, meta, onDuplicate);
            LoadDataChunks.Result r = chunks
                    ? LoadDataChunks.load(plan, dialect, csv.encoding(), sessions, source, sink.batchLog(),
                    LoadDataChunks.CHUNK_BYTES, onDuplicate, sink.resumePoint())
                    : LoadDataChunks.loadWhole(plan, sessions.get(0), source, sink.batchLog(), onDuplicate,
                    sink.resumePoint());
            if (r.resumed() != 0) {
                sink.stats().notice(source + ": " + (r.resumed() < 0 ? "the whole file was" : String.format("%,d records were",
                        r.resumed())) + " committed by an interrupted run of this job: skipped");
            }
            var t = sink.stats().table(meta.schema() + "." + meta.table());
            t.read(r.rows() + r.duplicatesIgnored(), 0);
            t.loaded(r.rows());
            sink.stats().duplicatesIgnored(r.duplicatesIgnored());
            for (int i = 0; i < r.statements(); i++) {
                t.statementSent();
            }
        } finally {
            for (LoadDataSession s : sessions) {
                s.close();
            }
        }
    }
}
