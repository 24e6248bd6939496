package dev.packload.loader.pipeline;

import dev.packload.loader.index.StatementTables;

import java.util.Arrays;

/**
 * One slot of the ring, allocated once and reused: a row (an encoded VALUES tuple), an ordered statement, or the end
 * of a table or of the input. The reader fills it; every writer sees it; only the owning writer copies its bytes.
 */
public final class RowEvent {
    /** Slots whose buffer grew past this are shrunk when refilled with something small. */
    static final int KEEP_CAPACITY = 64 * 1024;

    Kind kind;
    /** The table a row or end-of-table belongs to. */
    TableRef table;
    /** The source this came from. */
    SourceRef source;
    /** Row sequence number within the source, 1-based; for statements the number of rows read before it. */
    long seq;
    long line;
    long byteOffset;
    /** The writer that owns this row. */
    int writer;
    /** Whether the row's string literals were written with NO_BACKSLASH_ESCAPES in force. */
    boolean noBackslashEscapes;
    /** How a statement runs. */
    StatementScope scope;
    /**
     * For a {@link StatementScope#ONCE} statement: the previous ONCE statement came right before it (with at most
     * table-independent SETs between), so the writers are still lined up and skip the barrier before it.
     */
    boolean chainedFromPrevious;
    /** For a ONCE statement: the next one is chained to it, so the writers skip the barrier after it. */
    boolean chainsToNext;
    /** For a statement: its number among its source's statements (from 1), as a journal records it. */
    long statementNo;
    /** For a statement: rows it returns are shown one column per line (the client's {@code \G}). */
    boolean vertical;
    /** For a statement: an interrupted run of the job may have run it already (see {@link ResumePoint}). */
    boolean maybeRun;
    /** For a statement that concerns one table only: its gate, instead of the barrier. */
    TableGate gate;
    /** For a DDL statement of one table: the volume of the table's rows after it ({@link TableVolume}), or null. */
    TableVolume volume;
    /** For a DDL statement of one table: the names in it, as the reader read them, or null (then read where needed). */
    StatementTables tables;
    /** For a row: its table's DDL that it must wait for, or null. */
    TableGate after;
    /**
     * For a row: the ring sequence of the last END_OF_TABLE before it, or -1. Where the row goes with the foreign key
     * checks on, every writer commits its rows up to there before it is sent ({@link CommitFence}).
     */
    long orderAfter = -1;
    /**
     * For a session statement that may read a table: every writer lines up before and after it, so it runs after
     * every DDL statement before it and before every one after it, whichever writers run those.
     */
    boolean lineUp;
    byte[] data = new byte[256];
    int length;
    /**
     * Bytes this event holds against the ring's byte gate. A row that holds any has its {@link #data} from
     * {@link LargeRowBuffers}, and the writer that owns it gives the array back.
     */
    int gateBytes;

    public enum Kind { ROW, STATEMENT, END_OF_TABLE, END_OF_INPUT }

    void fill(byte[] src, int off, int len) {
        if (data.length < len || (data.length > KEEP_CAPACITY && len <= KEEP_CAPACITY)) {
            data = new byte[Math.max(len, 256)];
        }
        System.arraycopy(src, off, data, 0, len);
        length = len;
    }

    /** As {@link #fill}, into an array from {@code buffers}. */
    void fillLarge(byte[] src, int off, int len, LargeRowBuffers buffers) {
        data = buffers.take(len);
        System.arraycopy(src, off, data, 0, len);
        length = len;
    }

    void clear() {
        table = null;
        source = null;
        clearRest();
    }

    /**
     * As {@link #clear} and {@code kind = ROW, table = table, source = source}, writing those three only where the slot
     * held others. The slots live in the old generation, and G1's barrier after a reference store into one takes its
     * slow path (a call and a StoreLoad fence) whenever the object stored lies in another heap region: for these three
     * fields that was nearly every row, 6% of the client's CPU on benchmark shape (f) (perf, BENCHMARKS.md). Storing
     * null costs no barrier.
     */
    void clearForRow(TableRef table, SourceRef source) {
        clearRest();
        if (kind != Kind.ROW) {
            kind = Kind.ROW;
        }
        if (this.table != table) {
            this.table = table;
        }
        if (this.source != source) {
            this.source = source;
        }
    }

    private void clearRest() {
        scope = null;
        chainedFromPrevious = false;
        chainsToNext = false;
        statementNo = 0;
        maybeRun = false;
        gate = null;
        volume = null;
        tables = null;
        after = null;
        orderAfter = -1;
        lineUp = false;
        vertical = false;
        length = 0;
        gateBytes = 0;
    }

    @Override
    public String toString() {
        return kind + " seq=" + seq + " w=" + writer + " " + new String(Arrays.copyOf(data, Math.min(length, 60)));
    }
}
