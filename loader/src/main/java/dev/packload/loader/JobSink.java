package dev.packload.loader;

import dev.packload.formats.sql.InsertHeader;
import dev.packload.formats.io.Input;
import dev.packload.loader.feed.Sink;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.ResumePoint;
import dev.packload.loader.pipeline.LoadPipeline;
import dev.packload.loader.pipeline.RowPublisher;
import dev.packload.loader.pipeline.RunState;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.pipeline.TableRef;
import dev.packload.loader.pipeline.WriterOptions;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.RejectFile;
import dev.packload.loader.write.LoadDataSession;
import dev.packload.loader.write.OnDuplicate;
import dev.packload.loader.write.SqlSession;
import dev.packload.loader.write.TableMeta;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * A job's {@link Sink}: rows and statements go into the pipeline's ring, rejected records into the reject file, and
 * what a feed needs of the target comes from the job's sessions. Closing it closes the connection it opened for table
 * metadata.
 */
final class JobSink implements Sink, AutoCloseable {
    private final LoadPipeline pipeline;
    private final RowPublisher publisher;
    private final LoadJob.SessionFactory factory;
    private final WriterOptions writer;
    private final int writers;
    private final LoadStats stats;
    private final RejectFile rejects;
    private final BatchLog batchLog;
    private final Consumer<Input> onInput;
    private int sources;
    private final Object metadataLock = new Object();
    private SqlSession metadata;

    JobSink(LoadPipeline pipeline, LoadJob.SessionFactory factory, LoadConfig config, LoadStats stats,
            RejectFile rejects, BatchLog batchLog, Consumer<Input> onInput) {
        this.pipeline = pipeline;
        this.publisher = pipeline.publisher();
        this.factory = factory;
        this.writer = config.writer();
        this.writers = config.threads();
        this.stats = stats;
        this.rejects = rejects;
        this.batchLog = batchLog;
        this.onInput = onInput;
    }

    @Override
    public boolean running() {
        return publisher.running();
    }

    @Override
    public SourceRef open(Input in) {
        onInput.accept(in);
        return open(in.name());
    }

    @Override
    public SourceRef open(String name) {
        SourceRef source = new SourceRef(sources++, name);
        publisher.beginSource(source);
        return source;
    }

    @Override
    public TableRef table(String schema, String table, List<String> columns, InsertHeader.Verb verb) {
        return publisher.table(schema, table, columns, verb);
    }

    @Override
    public boolean row(TableRef table, byte[] b, int off, int len, long line, long byteOffset,
                       boolean noBackslashEscapes) throws InterruptedException {
        return publisher.row(table, b, off, len, line, byteOffset, noBackslashEscapes);
    }

    @Override
    public boolean statement(byte[] b, int off, int len, long line, long byteOffset) {
        return publisher.statement(b, off, len, line, byteOffset, false);
    }

    @Override
    public boolean statement(byte[] b, int off, int len, long line, long byteOffset, boolean vertical) {
        return publisher.statement(b, off, len, line, byteOffset, vertical);
    }

    @Override
    public void continueAs(String name) {
        publisher.continueAs(name);
    }

    @Override
    public void endTable() {
        publisher.endTable();
    }

    @Override
    public boolean reject(TableRef table, SourceRef source, long line, long byteOffset, String reason,
                          String rawText) {
        table.stats().read(rawText.length());
        table.stats().rejected();
        rejects.rejectRecord(source + ":" + line + " (byte " + byteOffset + ")", table.displayName(), reason, rawText);
        if (writer.stopAfter(rejects.count())) {
            // the reading stops here; the writers still load every row published before (see LoadPipeline.finish)
            pipeline.state().stopReading(RunState.Outcome.STOPPED_ON_REJECT, (writer.stopOnReject() ? ""
                    : "--max-errors reached: ") + "row rejected at " + source + ":" + line + ": " + reason, null);
            return false;
        }
        return true;
    }

    @Override
    public LoadStats stats() {
        return stats;
    }

    @Override
    public Connection catalog() throws SQLException {
        pipeline.awaitIdle();
        return metadataConnection();
    }

    @Override
    public TableMeta tableMeta(String schema, String table) throws SQLException {
        pipeline.awaitIdle();
        return tableMetaNow(schema, table);
    }

    /** Thread-safe: the metadata connection is opened once, and its queries take turns. */
    @Override
    public TableMeta tableMetaNow(String schema, String table) throws SQLException {
        synchronized (metadataLock) {
            return TableMeta.load(metadataConnection(), schema, table);
        }
    }

    private Connection metadataConnection() throws SQLException {
        synchronized (metadataLock) {
            if (metadata == null) {
                metadata = factory.open(0);
            }
            return metadata.connection();
        }
    }

    @Override
    public OnDuplicate onDuplicate() {
        return writer.onDuplicate();
    }

    @Override
    public List<LoadDataSession> openLoadData(boolean perWriter) throws SQLException {
        return LoadJob.openAll(perWriter ? writers : 1, factory::openLoadData);
    }

    @Override
    public BatchLog batchLog() {
        return batchLog;
    }

    @Override
    public ResumePoint resumePoint() {
        return pipeline.publisher().resumePoint();
    }

    @Override
    public void close() {
        synchronized (metadataLock) {
            closeMetadata();
        }
    }

    private void closeMetadata() {
        if (metadata != null) {
            try {
                metadata.close();
            } catch (SQLException ignored) {
                // the metadata connection only read; nothing to lose
            }
        }
    }
}
