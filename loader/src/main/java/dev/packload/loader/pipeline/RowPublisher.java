package dev.packload.loader.pipeline;

import dev.packload.formats.sql.InsertHeader;
import dev.packload.formats.sql.SqlWords;
import dev.packload.loader.index.StatementTables;
import com.lmax.disruptor.RingBuffer;
import dev.packload.loader.report.LoadStats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The reader side of the ring, the same for every input format: rows (already encoded as VALUES tuples), ordered
 * statements, and table and input ends. Runs on the reader's thread only.
 *
 * <p>Rows go to writers in runs of about one statement's worth of bytes, round robin, so each statement a writer sends
 * holds a contiguous range of source rows. Large rows pass a {@link ByteGate} first, which bounds the memory the ring
 * holds whatever the row sizes.
 */
public final class RowPublisher {
    /** Rows at least this big count against the byte gate. */
    static final int GATED_ROW_BYTES = RowEvent.KEEP_CAPACITY;
    /**
     * Rows are made visible to the writers this many at a time (and at every statement, marker or large row). A
     * writer that has caught up with the reader sleeps on the ring; publishing each row alone would wake it for every
     * row, and those wake-ups cost more CPU than the rows themselves.
     */
    static final int PUBLISH_BATCH = 256;

    private final RingBuffer<RowEvent> ring;
    private final ByteGate gate;
    private final LargeRowBuffers buffers;
    private final RunState state;
    private final LoadStats stats;
    private final int writers;
    private final long runBytes;
    private final Map<TableRef, TableRef> tables = new HashMap<>();

    private SourceRef source;
    private long seq;
    private long statementNo;
    private ResumePoint resume = ResumePoint.NONE;
    /** Per table name, its latest one-table DDL statement (see {@link TableGate}). */
    private final Map<String, TableGate> tableGates = new HashMap<>();
    /**
     * Per table name, the writers given rows of it since its latest one-table DDL statement: those its next one waits
     * for ({@link TableGate#mustRelease}).
     */
    private final Map<String, boolean[]> holders = new HashMap<>();
    /** The gate of the table the last row went to ({@link #rowGateTable}), while not yet done. */
    private TableGate rowGate;
    private TableRef rowGateTable;
    /** The writers given rows of {@link #rowGateTable}'s name since its latest gate. */
    private boolean[] rowHolders;
    private TableRef lastTable;
    /** Per table name, the volume of its rows since its latest CREATE TABLE ({@link TableVolume}). */
    private final Map<String, TableVolume> volumes = new HashMap<>();
    /** {@link #rowGateTable}'s volume, or null. */
    private TableVolume rowVolume;
    /** The ring sequence of the last END_OF_TABLE published, or -1 ({@link RowEvent#orderAfter}). */
    private long lastTableEnd = -1;
    private int writer;
    private long bytesInRun;
    /** First claimed slot not yet published, or -1. */
    private long unpublished = -1;
    private long lastClaimed;
    private final int publishBatch;
    /**
     * A {@link StatementScope#ONCE} statement claimed and filled but not yet published, so that the next ONCE
     * statement can still be chained to it (see {@link #statement}), or -1. Any publish ends the wait.
     */
    private long heldOnce = -1;

    RowPublisher(RingBuffer<RowEvent> ring, ByteGate gate, LargeRowBuffers buffers, RunState state, LoadStats stats,
                 int writers, long runBytes) {
        this.ring = ring;
        this.gate = gate;
        this.buffers = buffers;
        this.state = state;
        this.stats = stats;
        this.writers = writers;
        this.runBytes = runBytes;
        this.publishBatch = Math.max(1, Math.min(PUBLISH_BATCH, ring.getBufferSize() / 4));
    }

    /** The interned reference for an insert target. */
    public TableRef table(String schema, String table, List<String> columns, InsertHeader.Verb verb) {
        TableRef probe = new TableRef(schema, table, List.copyOf(columns), verb, null);
        TableRef known = tables.get(probe);
        if (known == null) {
            String name = schema == null ? table : schema + "." + table;
            known = new TableRef(schema, table, List.copyOf(columns), verb, stats.table(name));
            tables.put(probe, known);
        }
        return known;
    }

    /** Rows and statements after this come from {@code source}; row and statement numbers restart at 1. */
    public void beginSource(SourceRef source) {
        endTable();
        this.source = source;
        this.seq = 0;
        this.statementNo = 0;
    }

    /**
     * Rows and statements after this come from the named file, which the current source reads in place (a
     * {@code source} line of a SQL input): their numbers go on from the current source's, so a resumed run, which
     * reads the same files in the same order, finds them where this run left them.
     */
    public void continueAs(String name) {
        endTable();
        source = new SourceRef(source.index(), name);
    }

    /**
     * What an interrupted run of the same job made durable: those rows and statements are counted and skipped, the
     * rest published as usual.
     */
    public void resumeFrom(ResumePoint point) {
        this.resume = point;
    }

    public ResumePoint resumePoint() {
        return resume;
    }

    /** False once the run or the reading has stopped: the reader should stop reading. */
    public boolean running() {
        return state.reading();
    }

    /** Publishes one row; false (and nothing published) when the run has stopped. */
    public boolean row(TableRef table, byte[] b, int off, int len, long line, long byteOffset,
                       boolean noBackslashEscapes) throws InterruptedException {
        if (!running()) {
            return false;
        }
        seq++;
        if (resume.rowDone(source.index(), seq)) {
            stats.rowResumed();
            return true;
        }
        if (lastTable != null && lastTable.stats() != table.stats()) {
            endTable();
        }
        lastTable = table;
        if (table != rowGateTable) {
            rowGateTable = table;
            rowGate = tableGates.get(table.table());
            rowHolders = holdersOf(table.table());
            rowVolume = volumes.get(table.table());
        }
        if (rowVolume != null) {
            rowVolume.add(len);
        }
        if (rowGate != null && rowGate.isDone()) {
            rowGate = null;
        }
        int permits = 0;
        if (len >= GATED_ROW_BYTES) {
            publishClaimed(); // the gate may wait for writers to free bytes: they must see every row before this one
            permits = gate.acquire(len);
        }
        // a row costs its bytes and a comma in the statement
        if (bytesInRun > 0 && bytesInRun + len + 1 > runBytes) {
            writer = (writer + 1) % writers;
            bytesInRun = 0;
        }
        bytesInRun += len + 1;
        rowHolders[writer] = true;
        table.stats().read(len);
        heldOnce = -1; // a row follows the held statement: nothing chains to it
        long s = claim();
        RowEvent e = ring.get(s);
        try {
            e.clearForRow(table, source);
            e.after = rowGate;
            e.orderAfter = lastTableEnd;
            e.seq = seq;
            e.line = line;
            e.byteOffset = byteOffset;
            e.writer = writer;
            e.noBackslashEscapes = noBackslashEscapes;
            e.gateBytes = permits;
            if (permits > 0) {
                e.fillLarge(b, off, len, buffers);
            } else {
                e.fill(b, off, len);
            }
        } finally {
            if (unpublished < 0) {
                unpublished = s;
            }
            lastClaimed = s;
            if (permits > 0 || s - unpublished + 1 >= publishBatch) {
                publishClaimed();
            }
        }
        return true;
    }

    /**
     * Makes every row claimed so far visible to the writers. Called before anything that may wait for them; claims
     * never run a whole ring ahead ({@code publishBatch} is at most a quarter of it), so {@link RingBuffer#next()}
     * never waits on a slot that is claimed but not published.
     */
    void publishClaimed() {
        if (unpublished >= 0) {
            publishThrough(lastClaimed);
        }
    }

    /**
     * Claims the next slot. When the ring is full (the writers are waiting on the server, the usual case), the reader
     * sleeps until a quarter of the ring is free instead of calling {@link RingBuffer#next()}, which waits by
     * parking for a nanosecond in a loop: on a loaded machine that costs a context switch every few microseconds,
     * and the reader then burns a core the server needs.
     */
    private long claim() {
        if (!ring.hasAvailableCapacity(1)) {
            publishClaimed();
            long wanted = Math.max(1, ring.getBufferSize() / 4);
            long sleep = 20_000;
            while (ring.remainingCapacity() < wanted && state.running()) {
                LockSupport.parkNanos(sleep);
                sleep = Math.min(sleep * 2, 1_000_000);
            }
        }
        return ring.next();
    }

    /** Publishes slot {@code s} and every claimed slot before it. */
    private void publishThrough(long s) {
        long from = unpublished >= 0 ? unpublished : s;
        unpublished = -1;
        heldOnce = -1;
        ring.publish(from, s);
    }

    /**
     * Publishes an ordered statement (or counts it as skipped); false when the run has stopped.
     *
     * <p>Every writer lines up before and after a {@link StatementScope#ONCE} statement (DDL). When two follow each
     * other with nothing between but SETs that read no table, as a dump's {@code DROP TABLE}, {@code CREATE TABLE}
     * and {@code ALTER TABLE … KEYS} do, the writers have nothing to do between them, so they line up once for the
     * run: a ONCE statement is held back until the next event shows whether one is chained to it, and both are marked.
     */
    public boolean statement(byte[] b, int off, int len, long line, long byteOffset) {
        return statement(b, off, len, line, byteOffset, false);
    }

    /**
     * The same; rows the statement returns are shown one column per line when {@code vertical} (it ended with
     * {@code \G}), else in the client's batch format.
     */
    public boolean statement(byte[] b, int off, int len, long line, long byteOffset, boolean vertical) {
        if (!running()) {
            return false;
        }
        statementNo++;
        StatementScope scope = StatementClassifier.classify(b, off, len);
        if (scope == StatementScope.SKIPPED) {
            stats.statementSkipped();
            return true;
        }
        // session state (SET, USE) is built again on every run; what ran once (DDL) is skipped once recorded
        ResumePoint.StatementState before = scope == StatementScope.ONCE
                ? resume.statement(source.index(), statementNo) : ResumePoint.StatementState.NEW;
        if (before == ResumePoint.StatementState.DONE) {
            stats.statementResumed();
            return true;
        }
        // the writer that got the last row, and its table's name: that table's DDL runs there, where its rows are
        String rowTable = lastTable == null ? null : lastTable.table();
        int rowWriter = writer;
        endTable();
        // DDL of one table is ordered by that table only: the writers holding none of its rows go on
        String oneTable = scope == StatementScope.ONCE ? TableScope.of(b, off, len) : null;
        long s = claim(); // may publish what is held, when the ring is full
        boolean chained = heldOnce >= 0 && scope == StatementScope.ONCE && oneTable == null;
        boolean passThrough = heldOnce >= 0 && scope == StatementScope.EVERY_SESSION
                && StatementClassifier.independentOfTables(b, off, len);
        RowEvent e = ring.get(s);
        try {
            e.clear();
            e.kind = RowEvent.Kind.STATEMENT;
            e.scope = scope;
            e.source = source;
            e.seq = seq;
            e.statementNo = statementNo;
            e.maybeRun = before == ResumePoint.StatementState.MAYBE_RUN;
            e.line = line;
            e.byteOffset = byteOffset;
            e.vertical = vertical;
            e.fill(b, off, len);
            if (chained) {
                ring.get(heldOnce).chainsToNext = true;
                e.chainedFromPrevious = true;
            }
            if (oneTable != null) {
                e.tables = StatementTables.of(b, off, len); // read once, here: the writer that runs it reads these
                e.volume = volume(oneTable, e.tables, b, off, len);
                // after the table's rows, on the writer that has them; else where its next rows will go (a table
                // after another: the next writer, so consecutive tables' DDL runs on different connections at once)
                int runner = oneTable.equals(rowTable) ? rowWriter : writer;
                boolean[] h = holdersOf(oneTable);
                TableGate g = new TableGate(oneTable, runner, h, tableGates.get(oneTable));
                java.util.Arrays.fill(h, false);
                tableGates.put(oneTable, g);
                rowGateTable = null;
                e.gate = g;
            } else if (scope == StatementScope.EVERY_SESSION
                    && !StatementClassifier.independentOfTables(b, off, len)) {
                // a SET that may read a table: the writers line up, so it runs after every DDL before it, which may
                // be running on any writer, and before every DDL after it
                e.lineUp = true;
            }
        } finally {
            if (scope == StatementScope.ONCE && oneTable == null && running()) {
                if (chained) {
                    publishThrough(s - 1); // the held statement and the SETs after it: their marks are final
                }
                if (unpublished < 0) {
                    unpublished = s;
                }
                lastClaimed = s;
                heldOnce = s;
            } else if (passThrough) {
                lastClaimed = s; // held with the statement before it
            } else {
                publishThrough(s);
            }
        }
        return true;
    }

    /**
     * The volume of the table's rows that a DDL statement of it starts or continues ({@link TableVolume}): a CREATE
     * TABLE starts one; {@code ENABLE KEYS} (after a dump's rows of the table), a DROP and the end of the input complete
     * it; other DDL of the table (DISABLE KEYS, a trigger) continues it.
     */
    private TableVolume volume(String table, StatementTables names, byte[] b, int off, int len) {
        TableVolume current = volumes.get(table);
        if (names.createdTable() != null) {
            if (current != null) {
                current.complete();
            }
            current = new TableVolume();
            volumes.put(table, current);
            return current;
        }
        StatementTables.KeysToggle toggle = names.keysToggle();
        if (current != null && (toggle != null && toggle.enable()
                || new SqlWords(b, off, off + len).word().equals("DROP"))) {
            current.complete();
        }
        return current;
    }

    private boolean[] holdersOf(String table) {
        return holders.computeIfAbsent(table, k -> new boolean[writers]);
    }

    /** The rows of the current table are done: writers send and commit what they hold. */
    public void endTable() {
        if (lastTable == null) {
            return;
        }
        lastTable = null;
        bytesInRun = 0;
        writer = (writer + 1) % writers;
        lastTableEnd = publishMarker(RowEvent.Kind.END_OF_TABLE);
    }

    /** No more input. Always called, also after a failure, so every writer gets a last event to drain on. */
    void endInput() {
        volumes.values().forEach(TableVolume::complete);
        lastTable = null;
        publishMarker(RowEvent.Kind.END_OF_INPUT);
    }

    /** Publishes an end marker; returns its ring sequence. */
    private long publishMarker(RowEvent.Kind kind) {
        long s = claim();
        RowEvent e = ring.get(s);
        try {
            e.clear();
            e.kind = kind;
            e.source = source;
            e.seq = seq;
            e.length = 0;
        } finally {
            publishThrough(s);
        }
        return s;
    }
}
