package dev.packload.loader.feed;

import dev.packload.loader.write.TableMeta;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Feeds in turn, as {@link InputsFeed#inOrder} runs them, with up to {@code readers} of them read at once
 * ({@code --readers}): inputs that are separate files (the files of a CSV directory, mydumper's data chunks, several
 * inputs on the command line) are read, decompressed, lexed and encoded ahead of their turn on reader threads.
 *
 * <pre>
 *   reader 1 ── feed 1 ──▶ RecordingSink ──▶ [chunks of feed 1] ─┐
 *   reader 2 ── feed 2 ──▶ RecordingSink ──▶ [chunks of feed 2] ─┼─▶ calling thread replays feed 1, then 2, ... ──▶ Sink
 *   reader 3 ── feed 3 ──▶ RecordingSink ──▶ [chunks of feed 3] ─┘
 * </pre>
 *
 * <p>The real sink (the ring's single-threaded publisher) sees exactly the calls a sequential run makes, in the same
 * order: the calling thread replays the feeds' {@link Recording}s strictly in plan order, feed 1 completely, then feed
 * 2. Source indexes, row numbers, statement order and so resume are those of {@code --readers 1}. A reader runs only
 * feeds within {@code readers} of the one being replayed, and waits when its feed's chunks are full, so memory is
 * bounded by readers × {@link #CHUNKS_PER_FEED} × {@link #CHUNK_BYTES} (plus a row larger than a chunk).
 *
 * <p>A reader's failure is thrown by the calling thread when the replay reaches it, after the rows the feed read before
 * it, as a sequential run would. A stop (a row or reject the sink refuses, Ctrl-C, a failure) ends the replay, and
 * every reader stops at its next call ({@link Sink#running()} reads the real state) and closes its input; this returns
 * only once the readers have ended.
 *
 * <p>What a feed needs of the run as it stands ({@link Sink#catalog()}, stats, LOAD DATA connections, the resume
 * point) is a call made at its turn: the reader waits until the replay has reached it, and the replaying thread makes
 * it on the real sink and hands back the answer ({@link RecordingSink}); only that thread ever calls the real sink's
 * single-threaded side (the ring has a single producer). Table metadata is
 * the exception that makes CSV directories and mydumper's {@code .dat} files fast: feed k may read it early, without
 * waiting for its turn, when every feed between the last one before it that may change tables (not
 * {@link Feed#keepsTables()}) and itself keeps tables. It is read once the writers have run everything that feed and
 * the ones before it published ({@link #early}), so no statement still to run can change it. A feed that said it keeps
 * tables and published a statement that may change them all the same (a mydumper data file holding DDL) makes the
 * replay read such metadata again where a sequential run would have read it, and stop with an error if it differs. A
 * feed that does not say it can be recorded ({@link Feed#recordable()}) runs on the calling thread at its turn.
 */
public final class ReadAhead {
    /** Bytes of recorded calls a chunk holds. */
    static final int CHUNK_BYTES = 2 << 20;
    /** Full chunks a feed read ahead may hold before its reader waits. */
    static final int CHUNKS_PER_FEED = 8;
    /** A replay waiting for a chunk takes a partly filled one once it holds this much (or the feed's end). */
    private static final int HUNGRY_BYTES = 64 << 10;

    /** Thrown in a reader whose feed's turn will not come because the run stopped first. */
    static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("the load stopped before this input's turn", null, false, false);
        }
    }

    private final List<Feed> feeds;
    private final Sink real;
    private final int readers;
    private final int chunkBytes;
    private final Recording[] recordings;
    /** Per feed: the last feed before it that may change tables, or -1. */
    private final int[] lastChanging;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Recording.Chunk> free = new ArrayDeque<>();
    private final Map<String, TableMeta> earlyMeta = new ConcurrentHashMap<>();
    private volatile boolean aborted;
    // guarded by lock
    private int current;
    private int nextStart;
    private int completed = -1;
    /** The {@link #lastChanging} of each reader waiting in {@link #early}, and the highest the replay vouched for. */
    private final List<Integer> baselineWanted = new ArrayList<>();
    private int baselineDone = -2;

    private ReadAhead(List<Feed> feeds, Sink real, int readers, int chunkBytes, int chunksPerFeed) {
        this.feeds = List.copyOf(feeds);
        this.real = real;
        this.readers = readers;
        this.chunkBytes = chunkBytes;
        this.recordings = new Recording[feeds.size()];
        this.lastChanging = new int[feeds.size()];
        int last = -1;
        for (int k = 0; k < feeds.size(); k++) {
            lastChanging[k] = last;
            if (!this.feeds.get(k).keepsTables()) {
                last = k;
            }
            if (this.feeds.get(k).recordable()) {
                recordings[k] = new Recording(this, k, chunkBytes, chunksPerFeed);
            }
        }
    }

    /**
     * Feeds each in turn into {@code sink} until it says stop, {@code readers} at once where they allow it; one
     * reader, or a single feed, runs them on the calling thread as before.
     */
    public static void feed(List<Feed> feeds, Sink sink, int readers)
            throws IOException, SQLException, InterruptedException {
        feed(feeds, sink, readers, CHUNK_BYTES, CHUNKS_PER_FEED);
    }

    /** The same with chunks of another size (tests cut recordings at every place). */
    static void feed(List<Feed> feeds, Sink sink, int readers, int chunkBytes, int chunksPerFeed)
            throws IOException, SQLException, InterruptedException {
        if (readers <= 1 || feeds.size() < 2 || feeds.stream().noneMatch(Feed::recordable)) {
            InputsFeed.inOrder(feeds, sink);
            return;
        }
        new ReadAhead(feeds, sink, readers, chunkBytes, chunksPerFeed).run();
    }

    private void run() throws IOException, SQLException, InterruptedException {
        int threads = (int) Math.min(readers, feeds.stream().filter(Feed::recordable).count());
        List<Reader> started = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Reader r = new Reader("packload-reader-" + i);
                started.add(r);
                r.start();
            }
            for (int k = 0; k < feeds.size(); k++) {
                lock.lock();
                try {
                    current = k;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                if (!real.running()) {
                    return;
                }
                if (recordings[k] == null) {
                    feeds.get(k).feed(real);
                } else {
                    replay(recordings[k]);
                }
                lock.lock();
                try {
                    completed = k;
                } finally {
                    lock.unlock();
                }
            }
        } finally {
            stop(started);
        }
    }

    /** Replays feed k's recording into the real sink, up to its end or a stop. */
    private void replay(Recording rec) throws IOException, SQLException, InterruptedException {
        boolean check = false;
        for (int j = lastChanging[rec.index] + 1; j < rec.index; j++) {
            check |= recordings[j] != null && recordings[j].changedTables;
        }
        while (true) {
            Recording.Chunk c = take(rec);
            Recording.Step step;
            try {
                step = rec.replay(c, real, check);
            } finally {
                release(c, chunkBytes);
            }
            if (step != Recording.Step.MORE) {
                return;
            }
        }
    }

    /** A reader could not record its feed's end: the replay throws {@code why} once it has what was recorded. */
    private void lost(Recording rec, Throwable why) {
        lock.lock();
        try {
            rec.lost = why;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Makes a call a feed makes at its turn, and wakes the feed's reader with the answer. */
    void answer(Recording.Request request, Sink sink) {
        request.make(sink);
        lock.lock();
        try {
            request.done = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the replay has made the call; false when the run stopped first. */
    boolean awaitTurn(Recording.Request request) throws InterruptedException {
        lock.lock();
        try {
            while (!request.done && !aborted) {
                changed.await();
            }
            return request.done;
        } finally {
            lock.unlock();
        }
    }

    /** The next chunk of {@code rec}; while none is there, vouches for early table metadata that readers wait for. */
    Recording.Chunk take(Recording rec) throws IOException, SQLException, InterruptedException {
        while (true) {
            int due;
            lock.lock();
            try {
                due = -2;
                for (int b : baselineWanted) {
                    if (b > baselineDone && b <= completed) {
                        due = completed;
                    }
                }
                if (due == -2) {
                    Recording.Chunk c = rec.full().poll();
                    if (c != null) {
                        changed.signalAll();
                        return c;
                    }
                    if (rec.lost != null) {
                        Recording.rethrow(rec.lost);
                    }
                    rec.hungry = true;
                    changed.await();
                    continue;
                }
            } finally {
                lock.unlock();
            }
            real.catalog(); // waits until the writers have run everything published so far
            lock.lock();
            try {
                baselineDone = Math.max(baselineDone, due);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Table metadata read ahead of feed k's turn, or null when it must wait for its turn: when a feed since the last
     * one that may change tables published a statement that may change them. Waits until the replay has seen that
     * last feed through and the writers have run what it published.
     */
    TableMeta early(Recording rec, String schema, String table) throws SQLException {
        int b = lastChanging[rec.index];
        for (int j = b + 1; j < rec.index; j++) {
            if (recordings[j] != null && recordings[j].changedTables) {
                return null;
            }
        }
        int done;
        lock.lock();
        try {
            if (baselineDone < b) {
                Integer wanted = b;
                baselineWanted.add(wanted);
                changed.signalAll();
                while (baselineDone < b && !aborted) {
                    changed.awaitUninterruptibly();
                }
                baselineWanted.remove(wanted);
            }
            if (aborted) {
                throw new Abandoned();
            }
            done = baselineDone;
        } finally {
            lock.unlock();
        }
        String key = done + "\u0000" + schema + "\u0000" + table;
        TableMeta meta = earlyMeta.get(key);
        if (meta == null) {
            meta = real.tableMetaNow(schema, table);
            earlyMeta.put(key, meta);
        }
        return meta;
    }

    boolean aborted() {
        return aborted;
    }

    /** Hands a full chunk to the replay, waiting while the feed holds {@code max}; false when the run stopped. */
    boolean offer(Recording rec, Recording.Chunk c, int max) throws InterruptedException {
        lock.lock();
        try {
            while (rec.full().size() >= max && !aborted) {
                changed.await();
            }
            if (aborted) {
                return false;
            }
            rec.full().add(c);
            rec.hungry = false;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The replay wants a chunk now: worth handing over one this full. */
    static boolean worthHanding(Recording.Chunk c) {
        return c.length >= Math.min(HUNGRY_BYTES, c.bytes.length / 4);
    }

    Recording.Chunk freeChunk(int capacity) {
        lock.lock();
        try {
            Recording.Chunk c = free.poll();
            return c != null ? c : new Recording.Chunk(capacity);
        } finally {
            lock.unlock();
        }
    }

    private void release(Recording.Chunk c, int capacity) {
        if (c.bytes.length != capacity) {
            return; // a chunk of one large row
        }
        c.length = 0;
        c.objects.clear();
        lock.lock();
        try {
            free.add(c);
        } finally {
            lock.unlock();
        }
    }

    /** The next feed a reader may start, in plan order within the window, or -1 when there is none left. */
    private int nextFeed() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                while (nextStart < feeds.size() && recordings[nextStart] == null) {
                    nextStart++;
                }
                if (aborted || nextStart >= feeds.size()) {
                    return -1;
                }
                if (nextStart < current + readers) {
                    return nextStart++;
                }
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the readers: each stops at its next call to its sink. One blocked in a read of its input (a pipe) is
     * interrupted after a while. None touches the real sink's single-threaded side, so none can disturb the run after.
     */
    private void stop(List<Reader> started) throws InterruptedException {
        lock.lock();
        try {
            aborted = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        for (Reader r : started) {
            while (r.isAlive()) {
                try {
                    r.join(2_000);
                    if (r.isAlive()) {
                        r.interrupt();
                    }
                } catch (InterruptedException e) {
                    interrupted = true; // the readers must end before the ring's single publisher is used again
                }
            }
        }
        if (interrupted) {
            throw new InterruptedException("interrupted while the readers ended");
        }
    }

    /** A reader thread: runs feeds in plan order within the window, each against a {@link RecordingSink}. */
    private final class Reader extends Thread {
        Reader(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                for (int k = nextFeed(); k >= 0; k = nextFeed()) {
                    Recording rec = recordings[k];
                    RecordingSink sink = new RecordingSink(ReadAhead.this, rec, real, feeds.get(k).keepsTables());
                    Throwable failure = null;
                    try {
                        feeds.get(k).feed(sink);
                    } catch (Throwable t) {
                        failure = t;
                    }
                    if (aborted) {
                        return; // its turn will not come
                    }
                    try {
                        sink.finish(failure);
                    } catch (RuntimeException | Error e) {
                        // no memory left to record the end, say: the replay must not wait for it
                        lost(rec, failure != null ? failure : e);
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // the run stopped: the feed's reading is of no use
            }
        }
    }
}
