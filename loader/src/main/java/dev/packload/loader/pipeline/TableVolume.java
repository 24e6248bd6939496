package dev.packload.loader.pipeline;

/**
 * The bytes of one table's rows that the reader published after a DDL statement of that table, up to the table's next
 * DDL statement or the end of the input ({@link #complete}). The reader writes it; the writer that runs the statement
 * reads it then, usually well after the reader has passed a small table's rows: a {@code CREATE TABLE} whose rows are
 * all read and few keeps its indexes ({@code --defer-indexes-from}).
 */
final class TableVolume {
    /**
     * Written by the reader for every row of the table, so not volatile: {@link #knownUnder} reads it only after
     * seeing {@link #complete}, whose volatile write came after every row that counts.
     */
    private long bytes;
    private volatile boolean complete;

    /** On the reader's thread. */
    void add(int length) {
        bytes += length;
    }

    /** On the reader's thread: no more rows of this table come before its next DDL statement. */
    void complete() {
        complete = true;
    }

    /** Whether every row is read and they stay under {@code limit} bytes. */
    boolean knownUnder(long limit) {
        return complete && bytes < limit;
    }
}
