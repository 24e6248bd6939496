package dev.packload.loader.feed;

import dev.packload.formats.FormatException;
import dev.packload.formats.SourcePosition;
import dev.packload.formats.csv.CsvDialect;
import dev.packload.formats.csv.CsvReader;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.ResumePoint;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.write.LoadDataSession;
import dev.packload.loader.write.OnDuplicate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code --method load-data} over several connections: the file is cut where records end into runs of about
 * {@link #CHUNK_BYTES}, and each run is one {@code LOAD DATA LOCAL INFILE} in a transaction of its own on whichever
 * connection is free, so the server parses and inserts on several cores at once.
 *
 * <p>Nothing is changed or skipped silently. With {@code LOCAL}, the server turns errors into warnings: a duplicate key
 * skips the row, a bad value is clipped or zeroed. So a run is committed only when the server took exactly as many rows
 * as packload counted records, with no warning; otherwise it is rolled back and the load stops with the lines, the
 * server's first warnings and what to do (the INSERT path rejects bad rows one by one). Each committed run is reported
 * to the {@link BatchLog} as (source, first record, last record), like a writer's statement.
 */
public final class LoadDataChunks {
    /** Bytes of records per LOAD DATA: large enough that a statement's cost is nothing, small enough to spread. */
    public static final int CHUNK_BYTES = 4 << 20;

    private LoadDataChunks() {
    }

    private record Chunk(byte[] data, long firstLine, long byteOffset, long firstSeq, int records) {
        static final Chunk END = new Chunk(null, 0, 0, 0, 0);
    }

    /** Rows loaded, the LOAD DATA statements that loaded them, and rows skipped as duplicates ({@code IGNORE}). */
    /** @param resumed records an interrupted run of the job had committed, skipped here */
    public record Result(long rows, int statements, long duplicatesIgnored, long resumed) {
    }

    /**
     * Loads {@code plan.rest()} over the sessions. Throws a {@link FormatException} for a run the server did not take
     * as it was (rolled back), for unparseable text, and rethrows a session's {@link SQLException}; runs committed
     * before stay committed, and are in the batch log.
     *
     * <p>{@code onDuplicate} is what the plan was made with: with {@code IGNORE}, a run may skip rows whose key exists
     * (the server's warnings are then all duplicate-key ones, 1062), and they are counted as ignored; with
     * {@code REPLACE}, the server counts a replaced row twice.
     */
    public static Result load(LoadDataSource.Plan plan, CsvDialect d, Charset cs, List<LoadDataSession> sessions,
            SourceRef source, BatchLog log, int chunkBytes, OnDuplicate onDuplicate, ResumePoint resume)
            throws IOException, SQLException {
        CsvDialect cut = d.withHeader(false).withSkipLines(0).withRecordSeparator(plan.lineEnd());
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(sessions.size());
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong rows = new AtomicLong();
        AtomicLong statements = new AtomicLong();
        AtomicLong ignored = new AtomicLong();
        AtomicLong resumed = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            int id = i;
            LoadDataSession session = sessions.get(i);
            Thread t = new Thread(() -> work(id, session, plan.sql(), queue, failure, rows, statements, ignored, source,
                    log, onDuplicate), "packload-load-data-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        long[] seq = {0};
        CsvReader reader = new CsvReader(plan.rest(), source.name(), cut, cs);
        try {
            reader.readChunks(chunkBytes, (b, off, len, firstLine, byteOffset, records) -> {
                if (failure.get() != null) {
                    reader.stop(); // a worker failed: its failure is thrown below
                    return;
                }
                long first = seq[0] + 1;
                seq[0] += records;
                // a run is committed whole or not at all, and cut at the same records on every run of the job: an
                // interrupted run committed it when it committed its first record
                if (resume.rowDone(source.index(), first)) {
                    resumed.addAndGet(records);
                    return;
                }
                put(queue, new Chunk(Arrays.copyOfRange(b, off, off + len), plan.firstLine() + firstLine - 1,
                        byteOffset, first, records));
            });
        } finally {
            for (int i = 0; i < workers.size(); i++) {
                put(queue, Chunk.END);
            }
            for (Thread t : workers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for LOAD DATA to finish", e);
                }
            }
        }
        Exception f = failure.get();
        if (f instanceof SQLException q) {
            throw q;
        }
        if (f instanceof FormatException fe) {
            throw fe;
        }
        if (f instanceof RuntimeException r) {
            throw r;
        }
        return new Result(rows.get(), (int) statements.get(), ignored.get(), resumed.get());
    }

    private static void work(int id, LoadDataSession session, String sql, BlockingQueue<Chunk> queue,
            AtomicReference<Exception> failure, AtomicLong rows, AtomicLong statements, AtomicLong ignored,
            SourceRef source, BatchLog log, OnDuplicate onDuplicate) {
        try {
            session.connection().setAutoCommit(false);
        } catch (SQLException e) {
            failure.compareAndSet(null, e);
        }
        while (true) {
            Chunk c;
            try {
                c = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (c.data() == null) {
                return;
            }
            if (failure.get() != null) {
                continue; // drain: nothing more is sent
            }
            try {
                LoadDataSession.Result r = session.load(sql, new ByteArrayInputStream(c.data()));
                statements.incrementAndGet();
                long skipped = asItWas(c.records(), r, onDuplicate);
                if (skipped < 0) {
                    session.connection().rollback();
                    failure.compareAndSet(null, notAsItWas(c, r, source));
                    continue;
                }
                List<BatchLog.Range> range = List.of(new BatchLog.Range(source, c.firstSeq(),
                        c.firstSeq() + c.records() - 1, (int) (c.records() - skipped)));
                log.beforeCommit(session::connection, id, range); // the journal's record, in the run's transaction
                session.connection().commit();
                rows.addAndGet(c.records() - skipped);
                ignored.addAndGet(skipped);
                log.committed(id, range);
            } catch (SQLException | RuntimeException e) {
                try {
                    session.connection().rollback();
                } catch (SQLException gone) {
                    // the connection is gone; the server rolls back
                }
                failure.compareAndSet(null, e); // and this worker goes on taking runs, so the reader never blocks
            }
        }
    }

    /**
     * Whether the server took a run of {@code records} as it was: the rows it skipped as duplicates (0 unless
     * {@code IGNORE}), or -1 when it did not.
     */
    static long asItWas(int records, LoadDataSession.Result r, OnDuplicate onDuplicate) {
        if (onDuplicate == OnDuplicate.REPLACE) {
            return r.warningCount() == 0 && r.rows() >= records && r.rows() <= 2L * records ? 0 : -1;
        }
        if (onDuplicate == OnDuplicate.IGNORE) {
            long skipped = records - r.rows();
            // every warning must be a skipped duplicate, one per skipped row (the first five are itemised)
            boolean allDuplicates = r.warnings().stream().allMatch(w -> w.startsWith("1062 "));
            return skipped >= 0 && r.warningCount() == skipped && allDuplicates ? skipped : -1;
        }
        return r.rows() == records && r.warningCount() == 0 ? 0 : -1;
    }

    /**
     * Loads {@code plan.rest()} as one LOAD DATA in one transaction on one session: for a file in an encoding packload
     * does not cut, whose record count it therefore does not know. Committed only if the server changed and skipped
     * nothing (see {@link #ignoredIfClean}); else rolled back whole, with a {@link FormatException}. The commit goes to
     * the batch log as records 1 to rows + duplicates ignored.
     */
    public static Result loadWhole(LoadDataSource.Plan plan, LoadDataSession session, SourceRef source, BatchLog log,
            OnDuplicate onDuplicate, ResumePoint resume) throws SQLException {
        if (resume.rowDone(source.index(), 1)) {
            return new Result(0, 0, 0, -1); // an interrupted run of the job committed the whole file
        }
        session.connection().setAutoCommit(false);
        LoadDataSession.Result r = session.load(plan.sql(), plan.rest());
        long ignored = ignoredIfClean(r, onDuplicate);
        if (ignored < 0) {
            session.connection().rollback();
            throw new FormatException(new SourcePosition(source.name(), plan.firstLine(), 0), took(r, null)
                    + WHY + "the file was rolled back and nothing of it is loaded. " + FIX, "");
        }
        List<BatchLog.Range> range = List.of(new BatchLog.Range(source, 1, r.rows() + ignored, (int) r.rows()));
        log.beforeCommit(session::connection, 0, range);
        session.connection().commit();
        log.committed(0, range);
        return new Result(r.rows(), 1, ignored, 0);
    }

    private static final String WHY = ": with LOCAL the server skips duplicate keys and clips bad values instead of"
            + " failing, so ";
    private static final String FIX = "Load the file without --method load-data: the INSERT path rejects each bad row"
            + " with its reason";

    /** "LOAD DATA took N rows [from M records] [with W warnings (first ones)]". */
    private static String took(LoadDataSession.Result r, Integer records) {
        return "LOAD DATA took " + r.rows() + " rows" + (records == null ? "" : " from " + records + " records")
                + (r.warningCount() > 0 ? " with " + r.warningCount() + " warning" + (r.warningCount() == 1 ? "" : "s")
                + " (" + String.join("; ", r.warnings()) + ")" : "");
    }

    /**
     * For a LOAD DATA whose record count is not known: the rows the server skipped as duplicates when that is all it
     * did (0 without warnings; with {@code IGNORE}, every warning a duplicate key, all of them itemised), or -1 when it
     * may have changed or skipped anything else.
     */
    static long ignoredIfClean(LoadDataSession.Result r, OnDuplicate onDuplicate) {
        if (r.warningCount() == 0) {
            return 0;
        }
        boolean onlyDuplicates = onDuplicate == OnDuplicate.IGNORE && r.warningCount() == r.warnings().size()
                && r.warnings().stream().allMatch(w -> w.startsWith("1062 "));
        return onlyDuplicates ? r.warningCount() : -1;
    }

    private static FormatException notAsItWas(Chunk c, LoadDataSession.Result r, SourceRef source) {
        String what = took(r, c.records()) + WHY + "this run of " + c.records() + " records from line "
                + c.firstLine() + " was rolled back and the load stopped (runs before it are committed). " + FIX;
        return new FormatException(new SourcePosition(source.name(), c.firstLine(), c.byteOffset()), what,
                FormatException.excerpt(new String(c.data(), 0, (int) Math.min(c.data().length, 320),
                        java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static void put(BlockingQueue<Chunk> queue, Chunk c) throws IOException {
        try {
            queue.put(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
