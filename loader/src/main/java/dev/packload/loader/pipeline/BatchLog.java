package dev.packload.loader.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Hears which source rows each commit made durable, and which ordered statements ran. Every statement a writer sends
 * holds one contiguous range of one source's rows; a commit covers the ranges sent since the previous one. A journal
 * ({@code dev.packload.loader.journal.Journal}) writes its record in {@link #beforeCommit}, in the same transaction
 * as the rows, so a committed batch and its record exist together or not at all.
 */
public interface BatchLog {

    /** One statement's rows: source, first and last row sequence number (inclusive), and how many were loaded. */
    record Range(SourceRef source, long firstSeq, long lastSeq, int rowsLoaded) {
    }

    /**
     * Called on the writer's thread just before it commits these ranges, with the connection whose transaction holds
     * them (asked for only by a log that writes on it): a record written on it commits with the rows or not at all.
     */
    default void beforeCommit(Supplier<Connection> connection, int writer, List<Range> ranges) throws SQLException {
    }

    /** Called just after writer {@code writer} committed these ranges. */
    void committed(int writer, List<Range> ranges);

    /**
     * Called on the thread of the writer that ran them, right after ordered statements ran (or were left out as
     * changing nothing), before the commit that follows (DDL has committed itself already): records written on the
     * connection commit with that commit; several in one round trip.
     */
    default void statementsRun(Supplier<Connection> connection, List<StatementRecord> statements)
            throws SQLException {
    }

    /** The {@code statementNo}th statement of {@code source}. */
    record StatementRecord(SourceRef source, long statementNo) {
    }

    BatchLog NONE = (writer, ranges) -> { };
}
