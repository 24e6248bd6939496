package dev.packload.loader.bench;

import dev.packload.formats.sql.InsertHeader;
import dev.packload.loader.LoadConfig;
import dev.packload.loader.LoadJob;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.RunState;
import dev.packload.loader.pipeline.TableRef;
import dev.packload.loader.pipeline.WriterOptions;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.write.NativeSqlSession;
import dev.packload.loader.write.PacketBudget;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One variant of a bench run, end to end: fresh tables, a timed session per writer, the generated rows fed straight
 * into the load pipeline, then a check that every row is in its table. Nothing else runs on the connections: no
 * statement through the pipeline, no setting changed.
 *
 * <pre>
 *   GeneratorFeed ──▶ JobSink ──▶ [ ring of RowEvent ] ──▶ writer 0 ── TimedSession ── connection 0
 *   (reader thread:                                    └──▶ writer N ── TimedSession ── connection N
 *    tuples by SqlLiteral)
 * </pre>
 */
public final class BenchRun {

    /** The result, and the failure that stopped the variant (null when it ran to the end and checked out). */
    public record Outcome(BenchResult result, RunState.Failure failure) {
    }

    private BenchRun() {
    }

    /**
     * Runs one variant into {@code db}.
     *
     * @param rejectFile where rows the server can't take go (created only if one is rejected)
     * @throws SQLException when the tables can't be made or a session can't be opened
     */
    public static Outcome run(ScratchDatabase db, BenchData data, Variant variant, WriterOptions writer,
                              Path rejectFile) throws SQLException {
        try (Connection admin = db.server().connect()) {
            recreateTables(admin, db.name(), data);
            List<TimedSession> sessions = new ArrayList<>();
            LoadStats stats = new LoadStats();
            GeneratorFeed feed = new GeneratorFeed(db.name(), data);
            LoadConfig config = LoadConfig.builder().feed(feed).threads(variant.threads()).writer(writer)
                    .maxStatementBytes(variant.maxStatementBytes()).rejectFile(rejectFile).build();
            long t0 = System.nanoTime();
            LoadJob.Result loaded;
            try {
                loaded = LoadJob.run(config, cap -> open(db, cap, sessions), stats, BatchLog.NONE, in -> { });
            } finally {
                // sessions are closed by the writers (or by LoadJob when opening failed): forget their ids
                sessions.forEach(s -> db.doneLoading(s.connectionId));
            }
            double seconds = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
            RunState.Failure failure = loaded.failure();
            if (failure == null) {
                failure = check(admin, data, stats, feed.tables());
            }
            return new Outcome(result(data, variant, loaded.budget(), stats, sessions, seconds,
                    feed.generatorNanos() / 1e9, failure), failure);
        }
    }

    private static void recreateTables(Connection admin, String database, BenchData data) throws SQLException {
        try (Statement st = admin.createStatement()) {
            for (int k = 0; k < data.tables(); k++) {
                st.execute("DROP TABLE IF EXISTS " + TableRef.quote(database) + "." + TableRef.quote(BenchData.tableName(k)));
                st.execute(BenchData.createTable(database, k));
            }
        }
    }

    /** Opens one timed writer session in the scratch database and remembers it. */
    private static TimedSession open(ScratchDatabase db, long maxStatementBytes, List<TimedSession> sessions)
            throws SQLException {
        Connection c = db.server().connect();
        try {
            c.setCatalog(db.name());
            long id = connectionId(c);
            TimedSession s = new TimedSession(NativeSqlSession.open(c, maxStatementBytes), id);
            db.loading(id);
            sessions.add(s);
            return s;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static long connectionId(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The run checks its own result: every row read is in its table or was rejected, and each table has its rows. */
    private static RunState.Failure check(Connection admin, BenchData data, LoadStats stats, TableRef[] tables)
            throws SQLException {
        if (stats.bytes() != data.sqlBytes()) {
            return new RunState.Failure(RunState.Outcome.INTERNAL_ERROR, "bench check failed: generated " + stats.bytes()
                    + " bytes of rows, planned " + data.sqlBytes(), null);
        }
        if (stats.rowsLoaded() + stats.rowsRejected() != data.rows()) {
            return new RunState.Failure(RunState.Outcome.INTERNAL_ERROR, "bench check failed: " + stats.rowsLoaded()
                    + " rows loaded and " + stats.rowsRejected() + " rejected of " + data.rows(), null);
        }
        try (Statement st = admin.createStatement()) {
            for (TableRef t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + t.quotedTable())) {
                    rs.next();
                    long n = rs.getLong(1);
                    if (n != t.stats().rowsLoaded()) {
                        return new RunState.Failure(RunState.Outcome.INTERNAL_ERROR, "bench check failed: "
                                + t.displayName() + " has " + n + " rows, " + t.stats().rowsLoaded()
                                + " were reported loaded", null);
                    }
                }
            }
        }
        return null;
    }

    private static BenchResult result(BenchData data, Variant variant, PacketBudget budget, LoadStats stats,
                                      List<TimedSession> sessions, double seconds, double generatorSeconds,
                                      RunState.Failure failure) {
        List<Latencies> statementTimes = new ArrayList<>();
        List<Latencies> commitTimes = new ArrayList<>();
        long statementBytes = 0;
        for (TimedSession s : sessions) {
            statementTimes.add(s.statements);
            commitTimes.add(s.commits);
            statementBytes += s.statementBytes;
        }
        BenchResult.Latency statements = Latencies.summarize(statementTimes);
        BenchResult.Latency commits = Latencies.summarize(commitTimes);
        return new BenchResult(variant.label(), variant.threads(), variant.maxStatementBytes(), variant.preparedRows(),
                BenchResult.Budget.of(budget), data.rows(), stats.rowsLoaded(), stats.rowsRejected(), stats.bytes(),
                statementBytes, statements.count(), stats.preparedRows(), commits.count(), seconds, stats.rowsLoaded() / seconds,
                stats.bytes() / seconds / (1 << 20), statements.count() / seconds, generatorSeconds, statements,
                commits, failure == null ? null : failure.message());
    }
}
