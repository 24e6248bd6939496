package dev.packload.loader.feed;

import dev.packload.formats.sql.InsertHeader;
import dev.packload.formats.io.Input;
import dev.packload.formats.sql.StatementRisk;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.ResumePoint;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.pipeline.TableRef;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.write.LoadDataSession;
import dev.packload.loader.write.OnDuplicate;
import dev.packload.loader.write.TableMeta;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where every {@link Feed} puts what it reads: rows (already encoded as VALUES tuples) and ordered statements for the
 * writers, records it rejects itself, and what it needs of the target. Called from the reading thread only (but
 * {@link #running()}, {@link #onDuplicate()} and {@link #tableMetaNow}, which any thread may call).
 *
 * <p>A feed hands the {@link SourceRef}s and {@link TableRef}s the sink returned back to the same sink only, and tells
 * the run what it noticed through the sink ({@link #notice}, {@link #filteredOut}, {@link #risky}) rather than through
 * {@link #stats()}: a {@link ReadAhead} runs feeds against a sink that records their calls and replays them later.
 */
public interface Sink {

    /** False once the run has stopped: read no further. */
    boolean running();

    /** A new input opens: rows after this are numbered from 1 in it, and it counts toward progress. */
    SourceRef open(Input in);

    /** A source that is no file (the bench generator's tables): rows after this are numbered from 1 in it. */
    SourceRef open(String name);

    /** The interned reference for an insert target. */
    TableRef table(String schema, String table, List<String> columns, InsertHeader.Verb verb);

    /** One row; false (and nothing taken) when the run has stopped. */
    boolean row(TableRef table, byte[] b, int off, int len, long line, long byteOffset, boolean noBackslashEscapes)
            throws InterruptedException;

    /** One ordered statement (DDL, SET, ...); false when the run has stopped. */
    boolean statement(byte[] b, int off, int len, long line, long byteOffset);

    /**
     * The same, for a statement the client ended with {@code \G} when {@code vertical}: rows it returns are shown one
     * column per line. Rows any statement returns are shown as the client shows them in batch mode.
     */
    default boolean statement(byte[] b, int off, int len, long line, long byteOffset, boolean vertical) {
        return statement(b, off, len, line, byteOffset);
    }

    /**
     * Rows and statements after this come from the named file, which the current input reads in place (a
     * {@code source} line), and go on counting as the current input's.
     */
    default void continueAs(String name) {
    }

    /** The rows of the current table are done: the writers send and commit what they hold. */
    void endTable();

    /**
     * A record the feed could not make a row of: it goes to the reject file with its reason and text. False when that
     * ends the run ({@code --on-error stop}, {@code --max-errors}).
     */
    boolean reject(TableRef table, SourceRef source, long line, long byteOffset, String reason, String rawText);

    /** Counters and notices shown with the summary. */
    LoadStats stats();

    /** Something the user should know about the run that is not an error, shown with the summary. */
    default void notice(String text) {
        stats().notice(text);
    }

    /** A statement or the rows of an INSERT that the filter ({@code --tables}, {@code --schema-only}...) left out. */
    default void filteredOut() {
        stats().filterOut();
    }

    /** A statement that reaches beyond the dump's data and objects, listed in the summary with where it was. */
    default void risky(StatementRisk risk, String at) {
        stats().risky().add(risk, at);
    }

    /**
     * A connection to read table metadata from and run DDL on, once the writers have run every statement published
     * before (so a table created by an earlier statement exists).
     */
    Connection catalog() throws SQLException;

    /**
     * A table's columns and keys once the writers have run every statement published before, as {@link #catalog()}
     * waits for them. Throws the server's error for a table that does not exist (SQLState 42S02).
     */
    default TableMeta tableMeta(String schema, String table) throws SQLException {
        return TableMeta.load(catalog(), schema, table);
    }

    /**
     * A table's columns and keys as the target holds them now, without waiting for the writers; any thread may call
     * it. Right only where no statement published before and not yet run changes the table: {@link ReadAhead} decides
     * when that holds.
     */
    default TableMeta tableMetaNow(String schema, String table) throws SQLException {
        synchronized (this) {
            return TableMeta.load(catalog(), schema, table);
        }
    }

    /** How rows whose key exists are handled ({@code --on-duplicate}). */
    OnDuplicate onDuplicate();

    /**
     * Connections for LOAD DATA LOCAL INFILE, which the feed closes: one per writer when {@code perWriter}, else one.
     * They send only the streams packload hands them.
     */
    List<LoadDataSession> openLoadData(boolean perWriter) throws SQLException;

    /** Hears which source rows each commit made durable, also those of commits a feed makes itself. */
    BatchLog batchLog();

    /** What an interrupted run of the job made durable: a feed that loads around the ring skips it itself. */
    ResumePoint resumePoint();
}
