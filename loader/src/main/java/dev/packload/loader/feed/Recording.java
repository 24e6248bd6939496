package dev.packload.loader.feed;

import dev.packload.formats.io.Input;
import dev.packload.formats.sql.StatementRisk;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.pipeline.TableRef;
import dev.packload.loader.write.TableMeta;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One feed's calls to its {@link Sink}, as a {@link ReadAhead} reader thread made them ahead of the feed's turn, kept
 * until the replaying thread puts them into the real sink. Calls are bytes in chunks: a row is a short header and its
 * VALUES tuple copied once, so recording allocates nothing per row; names, reasons and inputs ride along as objects.
 * At most {@code maxChunks} full chunks wait per feed, so a reader far ahead of its turn waits, and memory stays
 * bounded whatever the file sizes (a row larger than a chunk gets a chunk of its own).
 *
 * <p>The {@link SourceRef}s and {@link TableRef}s the recording sink handed the feed are placeholders; the replay
 * maps each to the one the real sink returns when the call that made it is replayed ({@link #real}). They never reach
 * the real sink: only the replaying thread calls it.
 */
final class Recording {
    /** What a recorded event is. */
    static final byte ROW = 1, STATEMENT = 2, TABLE = 3, OPEN_INPUT = 4, OPEN_NAME = 5, CONTINUE_AS = 6,
            END_TABLE = 7, REJECT = 8, NOTICE = 9, FILTERED_OUT = 10, RISKY = 11, EARLY_META = 12, AT_TURN = 13,
            END = 14;
    /** kind, flags, table, length, line, byte offset. */
    private static final int ROW_HEADER = 1 + 1 + 4 + 4 + 8 + 8;

    /** Recorded events: bytes, and the objects some events carry, in event order. */
    static final class Chunk {
        final byte[] bytes;
        int length;
        final List<Object> objects = new ArrayList<>();

        Chunk(int capacity) {
            this.bytes = new byte[capacity];
        }
    }

    /** How the replay of a chunk ended. */
    enum Step { MORE, STOPPED, END }

    /** A call the feed makes at its turn ({@link RecordingSink}): made by the replaying thread, answered here. */
    static final class Request {
        private final RecordingSink.AtTurn<?> call;
        /** Guarded by the run's lock. */
        boolean done;
        private Object result;
        private Throwable failure;

        Request(RecordingSink.AtTurn<?> call) {
            this.call = call;
        }

        /** Makes the call on the real sink; what it returns or throws goes back to the feed. */
        void make(Sink real) {
            try {
                result = call.call(real);
            } catch (Throwable t) {
                failure = t;
            }
        }

        /** What the call returned; what it threw is thrown here, in the feed's thread. */
        Object result() throws java.sql.SQLException {
            if (failure instanceof java.sql.SQLException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return result;
        }
    }

    private final ReadAhead run;
    final int index;
    private final int chunkBytes;
    private final int maxChunks;
    /** Full chunks, oldest first; guarded by the run's lock. */
    private final ArrayDeque<Chunk> full = new ArrayDeque<>();
    /** The chunk the reader fills; reader thread only. */
    private Chunk current;
    /** The replaying thread waits for a chunk: the reader hands over what it has. */
    volatile boolean hungry;
    /**
     * The feed published a statement that may change tables although it says it {@linkplain Feed#keepsTables keeps
     * them}: reads of table metadata made early by later feeds are checked at their replay.
     */
    volatile boolean changedTables;
    /** Set under the run's lock when the reader ended without recording the feed's end: what to throw instead. */
    Throwable lost;
    /** Placeholders to the real references, filled by the replay. */
    private final Map<Object, Object> real = new IdentityHashMap<>();
    /** Real tables by the placeholder's number (the order of the feed's {@link #TABLE} events). */
    private final List<TableRef> tables = new ArrayList<>();

    Recording(ReadAhead run, int index, int chunkBytes, int maxChunks) {
        this.run = run;
        this.index = index;
        this.chunkBytes = chunkBytes;
        this.maxChunks = maxChunks;
    }

    // ---- the reader's side ----

    /** Records a row; false when the run stopped (nothing recorded). */
    boolean row(int table, byte[] b, int off, int len, long line, long byteOffset, boolean noBackslashEscapes)
            throws InterruptedException {
        return bytes(ROW, noBackslashEscapes, table, b, off, len, line, byteOffset);
    }

    /** Records a statement; false when the run stopped. */
    boolean statement(byte[] b, int off, int len, long line, long byteOffset, boolean vertical)
            throws InterruptedException {
        return bytes(STATEMENT, vertical, 0, b, off, len, line, byteOffset);
    }

    /** A row or a statement: header, then its bytes. */
    private boolean bytes(byte kind, boolean flag, int table, byte[] b, int off, int len, long line, long byteOffset)
            throws InterruptedException {
        Chunk c = room(ROW_HEADER + len);
        if (c == null) {
            return false;
        }
        int p = c.length;
        byte[] d = c.bytes;
        d[p] = kind;
        d[p + 1] = (byte) (flag ? 1 : 0);
        putInt(d, p + 2, table);
        putInt(d, p + 6, len);
        putLong(d, p + 10, line);
        putLong(d, p + 18, byteOffset);
        System.arraycopy(b, off, d, p + ROW_HEADER, len);
        c.length = p + ROW_HEADER + len;
        return true;
    }

    /** Records an event that carries only objects; false when the run stopped. */
    boolean event(byte kind, Object... objects) throws InterruptedException {
        Chunk c = room(1);
        if (c == null) {
            return false;
        }
        c.bytes[c.length++] = kind;
        for (Object x : objects) {
            c.objects.add(x); // some are null: a schema the input leaves to the session, a feed that threw nothing
        }
        return true;
    }

    /** Records a reject: its line and byte offset as bytes, the rest as objects. */
    boolean reject(TableRef table, SourceRef source, long line, long byteOffset, String reason, String rawText)
            throws InterruptedException {
        Chunk c = room(17);
        if (c == null) {
            return false;
        }
        int p = c.length;
        c.bytes[p] = REJECT;
        putLong(c.bytes, p + 1, line);
        putLong(c.bytes, p + 9, byteOffset);
        c.length = p + 17;
        c.objects.add(table);
        c.objects.add(source);
        c.objects.add(reason);
        c.objects.add(rawText);
        return true;
    }

    /**
     * Hands the current chunk to the replay now, even if not full: at the end of the feed, at a call made at its turn, or
     * when the replay waits for it. False when the run stopped.
     */
    boolean flush() throws InterruptedException {
        if (current == null || current.length == 0) {
            return !run.aborted();
        }
        Chunk c = current;
        current = null;
        return run.offer(this, c, maxChunks);
    }

    /** Full chunks, oldest first; guarded by the run's lock. */
    ArrayDeque<Chunk> full() {
        return full;
    }

    /** A chunk with room for {@code n} more bytes, or null when the run stopped. */
    private Chunk room(int n) throws InterruptedException {
        Chunk c = current;
        if (c != null && hungry && ReadAhead.worthHanding(c)) {
            hungry = false;
            if (!flush()) {
                return null;
            }
            c = null;
        }
        if (c != null && c.length + n <= c.bytes.length) {
            return c;
        }
        if (c != null && !flush()) {
            return null;
        }
        current = n > chunkBytes ? new Chunk(n) : run.freeChunk(chunkBytes);
        return current;
    }

    // ---- the replaying thread's side ----

    /**
     * Replays one chunk into the real sink, and makes the calls the feed makes at its turn ({@link #AT_TURN}). Stops
     * once the sink says stop (a call returns false, or it is no longer {@linkplain Sink#running() running}: a feed run
     * in turn reads no further then), and at the {@link #END} event, whose failure it throws.
     *
     * @param check whether table metadata read early must be read again and compared ({@link #EARLY_META})
     */
    Step replay(Chunk c, Sink sink, boolean check) throws IOException, SQLException, InterruptedException {
        byte[] d = c.bytes;
        int p = 0;
        int o = 0;
        List<Object> obj = c.objects;
        while (p < c.length) {
            byte kind = d[p];
            switch (kind) {
                case ROW, STATEMENT -> {
                    int len = getInt(d, p + 6);
                    long line = getLong(d, p + 10);
                    long byteOffset = getLong(d, p + 18);
                    boolean going = kind == ROW
                            ? sink.row(tables.get(getInt(d, p + 2)), d, p + ROW_HEADER, len, line, byteOffset,
                            d[p + 1] != 0)
                            : sink.statement(d, p + ROW_HEADER, len, line, byteOffset, d[p + 1] != 0);
                    if (!going || !sink.running()) {
                        return Step.STOPPED;
                    }
                    p += ROW_HEADER + len;
                    continue;
                }
                case REJECT -> {
                    long line = getLong(d, p + 1);
                    long byteOffset = getLong(d, p + 9);
                    p += 17;
                    TableRef t = (TableRef) real.get(obj.get(o++));
                    SourceRef s = (SourceRef) real.get(obj.get(o++));
                    if (!sink.reject(t, s, line, byteOffset, (String) obj.get(o++), (String) obj.get(o++))
                            || !sink.running()) {
                        return Step.STOPPED;
                    }
                    continue;
                }
                case TABLE -> {
                    TableRef t = (TableRef) obj.get(o++);
                    TableRef r = sink.table(t.schema(), t.table(), t.columns(), t.verb());
                    tables.add(r);
                    real.put(t, r);
                }
                case OPEN_INPUT, OPEN_NAME -> {
                    Object what = obj.get(o++);
                    SourceRef placeholder = (SourceRef) obj.get(o++);
                    real.put(placeholder, kind == OPEN_INPUT ? sink.open((Input) what) : sink.open((String) what));
                }
                case CONTINUE_AS -> sink.continueAs((String) obj.get(o++));
                case END_TABLE -> sink.endTable();
                case NOTICE -> sink.notice((String) obj.get(o++));
                case FILTERED_OUT -> sink.filteredOut();
                case RISKY -> sink.risky((StatementRisk) obj.get(o++), (String) obj.get(o++));
                case EARLY_META -> {
                    String schema = (String) obj.get(o++);
                    String table = (String) obj.get(o++);
                    TableMeta early = (TableMeta) obj.get(o++);
                    if (check && !early.equals(sink.tableMeta(schema, table))) {
                        throw new IOException(obj.get(o) + ": table " + (schema == null ? "" : schema + ".") + table
                                + " was read ahead of its turn, and a statement of an earlier data file changed it "
                                + "since (a data file with DDL in it): load with --readers 1");
                    }
                    o++;
                }
                case AT_TURN -> run.answer((Request) obj.get(o++), sink);
                case END -> {
                    Throwable t = (Throwable) obj.get(o);
                    if (t != null) {
                        rethrow(t);
                    }
                    return Step.END;
                }
                default -> throw new IllegalStateException("recorded event " + kind);
            }
            if (!sink.running()) {
                return Step.STOPPED;
            }
            p++;
        }
        return Step.MORE;
    }

    // plain shifts: the launcher runs the C1 compiler only, which does not make byte-array views of VarHandle cheap

    private static void putInt(byte[] d, int p, int v) {
        d[p] = (byte) v;
        d[p + 1] = (byte) (v >>> 8);
        d[p + 2] = (byte) (v >>> 16);
        d[p + 3] = (byte) (v >>> 24);
    }

    private static void putLong(byte[] d, int p, long v) {
        putInt(d, p, (int) v);
        putInt(d, p + 4, (int) (v >>> 32));
    }

    private static int getInt(byte[] d, int p) {
        return (d[p] & 0xff) | (d[p + 1] & 0xff) << 8 | (d[p + 2] & 0xff) << 16 | (d[p + 3] & 0xff) << 24;
    }

    private static long getLong(byte[] d, int p) {
        return (getInt(d, p) & 0xffffffffL) | (long) getInt(d, p + 4) << 32;
    }

    /** Throws what the feed threw, as the feed would have thrown it on the calling thread. */
    static void rethrow(Throwable t) throws IOException, SQLException, InterruptedException {
        if (t instanceof IOException e) {
            throw e;
        }
        if (t instanceof SQLException e) {
            throw e;
        }
        if (t instanceof InterruptedException e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
