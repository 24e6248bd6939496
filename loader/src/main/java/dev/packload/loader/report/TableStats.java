package dev.packload.loader.report;

import java.util.concurrent.atomic.AtomicLong;

/** Counters for one target table, updated by the reader and by every writer. */
public final class TableStats {
    private final String name;
    final AtomicLong rowsRead = new AtomicLong();
    final AtomicLong rowsLoaded = new AtomicLong();
    final AtomicLong rowsRejected = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong statements = new AtomicLong();
    final AtomicLong appendedRows = new AtomicLong();
    final AtomicLong firstNanos = new AtomicLong();
    final AtomicLong lastNanos = new AtomicLong();
    final AtomicLong indexesBuilt = new AtomicLong();
    final AtomicLong indexNanos = new AtomicLong();
    final AtomicLong foreignKeysChecked = new AtomicLong();
    final AtomicLong foreignKeyNanos = new AtomicLong();

    public TableStats(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void read(long rowBytes) {
        rowsRead.incrementAndGet();
        bytes.addAndGet(rowBytes);
        if (firstNanos.get() == 0) { // the clock once, not per row: it costs ~25 ns here
            firstNanos.compareAndSet(0, System.nanoTime());
        }
    }

    /** Rows counted in bulk (LOAD DATA reports how many the server took). */
    public void read(long rows, long rowBytes) {
        rowsRead.addAndGet(rows);
        bytes.addAndGet(rowBytes);
        firstNanos.compareAndSet(0, System.nanoTime());
    }

    public void statementSent() {
        statements.incrementAndGet();
    }

    public void loaded(long rows) {
        rowsLoaded.addAndGet(rows);
        lastNanos.set(System.nanoTime());
    }

    public void rejected() {
        rowsRejected.incrementAndGet();
        lastNanos.set(System.nanoTime());
    }

    /** A row that went in through chunked appends or long data. */
    public void appended() {
        appendedRows.incrementAndGet();
    }

    /** {@code count} indexes deferred until after the rows were built in one statement that took {@code nanos}. */
    public void indexesBuilt(int count, long nanos) {
        indexesBuilt.addAndGet(count);
        indexNanos.addAndGet(nanos);
    }

    /** Indexes built after the rows ({@code --defer-indexes}). */
    public long indexesBuilt() {
        return indexesBuilt.get();
    }

    /** Seconds spent building them. */
    public double indexSeconds() {
        return indexNanos.get() / 1e9;
    }

    /**
     * {@code keys} foreign keys of the table checked after the load ({@code --foreign-key-checks deferred}), or its
     * orphans removed ({@code keys} 0), in {@code nanos}.
     */
    public void foreignKeysVerified(int keys, long nanos) {
        foreignKeysChecked.addAndGet(keys);
        foreignKeyNanos.addAndGet(nanos);
    }

    /** Foreign keys checked after the load. */
    public long foreignKeysChecked() {
        return foreignKeysChecked.get();
    }

    /** Seconds spent checking them and removing the rows they refused. */
    public double foreignKeySeconds() {
        return foreignKeyNanos.get() / 1e9;
    }

    /** Rows loaded that the check after the load refused: they were taken out again, and are rejected. */
    public void orphansRemoved(long rows) {
        rowsLoaded.addAndGet(-rows);
        rowsRejected.addAndGet(rows);
    }

    public long rowsRead() {
        return rowsRead.get();
    }

    public long rowsLoaded() {
        return rowsLoaded.get();
    }

    public long rowsRejected() {
        return rowsRejected.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public long statements() {
        return statements.get();
    }

    public long appendedRows() {
        return appendedRows.get();
    }

    /** Seconds from the first row read to the last row settled. */
    public double seconds() {
        long f = firstNanos.get();
        long l = lastNanos.get();
        return f == 0 || l < f ? 0 : (l - f) / 1e9;
    }
}
