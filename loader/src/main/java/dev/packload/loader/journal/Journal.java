package dev.packload.loader.journal;

import dev.packload.formats.sql.SqlWords;
import dev.packload.loader.fk.CheckLog;
import dev.packload.loader.fk.ForeignKey;
import dev.packload.loader.index.BuildLog;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.ResumePoint;
import dev.packload.loader.pipeline.SourceRef;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A load's journal in the target server: which rows of which input each commit made durable, written in the same
 * transaction as the rows ({@link #beforeCommit}), and which ordered statements (DDL, which commits on its own) ran,
 * written right after each ({@link #statementRun}). A committed batch and its record exist together or not at all, so
 * a run of the same job after an interruption ({@link #resumePoint}) skips exactly what was committed and loads the
 * rest: no row lost, none loaded twice.
 *
 * <p>InnoDB tables in the journal's schema ({@code packload} unless the user names another): {@code
 * packload_jobs} (one row per run of a job), {@code packload_chunks} (one row per committed statement's range of
 * input rows), {@code packload_statements}, {@code packload_index_builds} (indexes dropped to be built after the rows)
 * and {@code packload_fk_checks} (tables whose rows went with foreign key checks deferred, until they are verified).
 */
public final class Journal implements BatchLog, BuildLog, CheckLog {
    /** Where the journal lives unless the user names another schema. */
    public static final String DEFAULT_SCHEMA = "packload";
    private final String schema;
    private final long jobId;
    private final BatchLog next;
    private final JobState previous;
    /** Whether an attempt of this run has asked for its resume point. */
    private boolean attempted;

    /** A job's earlier run as the journal holds it, or null. */
    public record JobState(long jobId, String state, String fingerprint, Timestamp started, Timestamp updated,
                           long rowsCommitted) {
    }

    private Journal(String schema, long jobId, JobState previous, BatchLog next) {
        this.schema = schema;
        this.jobId = jobId;
        this.previous = previous;
        this.next = next;
    }

    /** Why a job can't start: the inputs changed since its interrupted run, or it finished already. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * Opens the journal for a job on {@code c} (autocommit), creating its tables where missing.
     *
     * @param again start a new run whatever the journal holds ({@code --restart}/{@code --again}); the earlier run's
     *              record is kept, marked abandoned
     * @param next  also told of every commit, after it (progress, tests)
     * @throws Refused when the job's interrupted run had other inputs, or the job finished already, and not {@code again}
     */
    public static Journal open(Connection c, String schema, JobIdentity job, String command, boolean again,
                               BatchLog next) throws SQLException, Refused {
        String s = quote(schema);
        create(c, s);
        JobState last = last(c, s, job.key());
        JobState resumeFrom = null;
        if (last != null && !again) {
            if (last.state().equals("done")) {
                throw new Refused("this job already finished: its run of " + last.started() + " loaded "
                        + last.rowsCommitted() + " rows of " + describe(job) + " into " + job.target() + ". Running it "
                        + "again would load every row again, duplicating the rows of tables without a unique key. "
                        + "Give --again to load it once more as a new job.");
            }
            if (last.state().equals("running")) {
                if (!last.fingerprint().equals(job.fingerprint())) {
                    throw new Refused("the inputs changed since this job's interrupted run of " + last.started()
                            + " (" + last.rowsCommitted() + " rows committed): " + describe(job) + " no longer holds "
                            + "what it held, so its committed rows can't be told apart from the rest. Give --restart "
                            + "to start a new job (the rows the interrupted run committed stay in the tables), or "
                            + "restore the inputs it read.");
                }
                resumeFrom = last;
            }
        }
        if (last != null && again && last.state().equals("running")) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + s + ".packload_jobs SET state = 'abandoned', "
                    + "updated = NOW(3) WHERE job_id = ?")) {
                ps.setLong(1, last.jobId());
                ps.executeUpdate();
            }
        }
        long id;
        if (resumeFrom != null) {
            id = resumeFrom.jobId();
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + s + ".packload_jobs SET updated = NOW(3), "
                    + "command = ? WHERE job_id = ?")) {
                ps.setString(1, command);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + s + ".packload_jobs (job_key, fingerprint, "
                    + "inputs, target, command, state, started, updated) VALUES (?, ?, ?, ?, ?, 'running', NOW(3), "
                    + "NOW(3))", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, job.key());
                ps.setString(2, job.fingerprint());
                ps.setString(3, String.join("\n", job.inputs()));
                ps.setString(4, job.target());
                ps.setString(5, command);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
        return new Journal(s, id, resumeFrom, next);
    }

    private static String describe(JobIdentity job) {
        return job.inputs().size() == 1 ? job.inputs().get(0) : job.inputs().size() + " input files";
    }

    private static void create(Connection c, String s) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS " + s);
            st.execute("CREATE TABLE IF NOT EXISTS " + s + ".packload_jobs ("
                    + "job_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                    + "job_key CHAR(64) NOT NULL, fingerprint CHAR(64) NOT NULL, inputs MEDIUMTEXT NOT NULL, "
                    + "target VARCHAR(512) NOT NULL, command TEXT NOT NULL, state VARCHAR(16) NOT NULL, "
                    + "started DATETIME(3) NOT NULL, updated DATETIME(3) NOT NULL, finished DATETIME(3) NULL, "
                    + "KEY (job_key)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
            st.execute("CREATE TABLE IF NOT EXISTS " + s + ".packload_chunks ("
                    + "job_id BIGINT UNSIGNED NOT NULL, source_index INT NOT NULL, first_seq BIGINT NOT NULL, "
                    + "last_seq BIGINT NOT NULL, rows_loaded INT NOT NULL, writer INT NOT NULL, "
                    + "committed DATETIME(3) NOT NULL, PRIMARY KEY (job_id, source_index, first_seq)) ENGINE=InnoDB");
            st.execute("CREATE TABLE IF NOT EXISTS " + s + ".packload_index_builds ("
                    + "job_id BIGINT UNSIGNED NOT NULL, table_key VARCHAR(600) NOT NULL, add_statement MEDIUMTEXT "
                    + "NOT NULL, built TINYINT NOT NULL, PRIMARY KEY (job_id, table_key)) ENGINE=InnoDB "
                    + "DEFAULT CHARSET=utf8mb4");
            st.execute("CREATE TABLE IF NOT EXISTS " + s + ".packload_fk_checks ("
                    + "job_id BIGINT UNSIGNED NOT NULL, table_schema VARCHAR(64) NOT NULL, table_name VARCHAR(64) "
                    + "NOT NULL, stats_name VARCHAR(200) NOT NULL, verified TINYINT NOT NULL, "
                    + "PRIMARY KEY (job_id, table_schema, table_name)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
            st.execute("CREATE TABLE IF NOT EXISTS " + s + ".packload_statements ("
                    + "job_id BIGINT UNSIGNED NOT NULL, source_index INT NOT NULL, statement_no BIGINT NOT NULL, "
                    + "ran DATETIME(3) NOT NULL, PRIMARY KEY (job_id, source_index, statement_no)) ENGINE=InnoDB");
        }
    }

    private static JobState last(Connection c, String s, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT j.job_id, j.state, j.fingerprint, j.started, j.updated, "
                + "(SELECT COALESCE(SUM(rows_loaded), 0) FROM " + s + ".packload_chunks k WHERE k.job_id = j.job_id) "
                + "FROM " + s + ".packload_jobs j WHERE j.job_key = ? ORDER BY j.job_id DESC LIMIT 1")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new JobState(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4),
                        rs.getTimestamp(5), rs.getLong(6));
            }
        }
    }

    /** The interrupted run this one takes up, or null for a new job. */
    public JobState resumed() {
        return previous;
    }

    public long jobId() {
        return jobId;
    }

    /**
     * What the job's earlier attempts made durable: {@link ResumePoint#NONE} for a new job's first attempt; read from
     * the journal for a job taken up again, and for every later attempt of this run (a retry after a lost connection
     * or a deadlock resumes from what the attempts before it committed).
     */
    public ResumePoint resumePoint(Connection c) throws SQLException {
        boolean first = !attempted;
        attempted = true;
        return first && previous == null ? ResumePoint.NONE : Resume.read(c, schema, jobId);
    }

    @Override
    public void beforeCommit(Supplier<Connection> connection, int writer, List<Range> ranges) throws SQLException {
        if (ranges.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(schema).append(".packload_chunks (job_id, "
                + "source_index, first_seq, last_seq, rows_loaded, writer, committed) VALUES ");
        for (int i = 0; i < ranges.size(); i++) {
            Range r = ranges.get(i);
            sql.append(i == 0 ? "(" : ",(").append(jobId).append(',').append(r.source().index()).append(',')
                    .append(r.firstSeq()).append(',').append(r.lastSeq()).append(',').append(r.rowsLoaded())
                    .append(',').append(writer).append(",NOW(3))");
        }
        try (Statement st = connection.get().createStatement()) {
            st.executeUpdate(sql.toString());
        }
    }

    @Override
    public void committed(int writer, List<Range> ranges) {
        next.committed(writer, ranges);
    }

    @Override
    public void statementsRun(Supplier<Connection> connection, List<BatchLog.StatementRecord> statements)
            throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(schema)
                .append(".packload_statements (job_id, source_index, statement_no, ran) VALUES ");
        for (int i = 0; i < statements.size(); i++) {
            BatchLog.StatementRecord s = statements.get(i);
            sql.append(i == 0 ? "(" : ",(").append(jobId).append(',').append(s.source().index()).append(',')
                    .append(s.statementNo()).append(",NOW(3))");
        }
        try (Statement st = connection.get().createStatement()) {
            st.executeUpdate(sql.toString());
        }
    }

    @Override
    public void deferred(Connection c, String key, String addStatement) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + ".packload_index_builds (job_id, "
                + "table_key, add_statement, built) VALUES (?, ?, ?, 0) ON DUPLICATE KEY UPDATE add_statement = "
                + "VALUES(add_statement), built = 0")) {
            ps.setLong(1, jobId);
            ps.setString(2, key);
            ps.setString(3, addStatement);
            ps.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    @Override
    public void built(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + schema + ".packload_index_builds SET built = 1 "
                + "WHERE job_id = ? AND table_key = ?")) {
            ps.setLong(1, jobId);
            ps.setString(2, key);
            ps.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /**
     * Builds the indexes an earlier run of the job dropped to build after the rows and did not build (it was
     * interrupted, and this run skipped the CREATE TABLE that would have deferred them again). A build that finds its
     * indexes there ("Duplicate key name": the interruption came between the build and its record) counts as done.
     * Returns the tables built.
     */
    public List<String> buildPending(Connection c) throws SQLException {
        List<String[]> pending = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_key, add_statement FROM " + schema
                + ".packload_index_builds WHERE job_id = ? AND built = 0 ORDER BY table_key")) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pending.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        List<String> built = new java.util.ArrayList<>();
        for (String[] p : pending) {
            try (Statement st = c.createStatement()) {
                st.execute(p[1]);
            } catch (SQLException e) {
                if (!dev.packload.loader.write.SqlErrors.alreadyDone(e)) {
                    throw e;
                }
            }
            built(c, p[0]);
            built.add(p[0]);
        }
        return built;
    }

    @Override
    public void deferred(Connection c, CheckLog.Pending table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + ".packload_fk_checks (job_id, "
                + "table_schema, table_name, stats_name, verified) VALUES (?, ?, ?, ?, 0) ON DUPLICATE KEY UPDATE "
                + "verified = 0")) {
            ps.setLong(1, jobId);
            ps.setString(2, table.table().schema());
            ps.setString(3, table.table().table());
            ps.setString(4, table.statsName());
            ps.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    @Override
    public void verified(Connection c, ForeignKey.TableName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + schema + ".packload_fk_checks SET verified = 1 "
                + "WHERE job_id = ? AND table_schema = ? AND table_name = ?")) {
            ps.setLong(1, jobId);
            ps.setString(2, table.schema());
            ps.setString(3, table.table());
            ps.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    @Override
    public List<CheckLog.Pending> pending(Connection c) throws SQLException {
        List<CheckLog.Pending> pending = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_schema, table_name, stats_name FROM " + schema
                + ".packload_fk_checks WHERE job_id = ? AND verified = 0 ORDER BY table_schema, table_name")) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pending.add(new CheckLog.Pending(new ForeignKey.TableName(rs.getString(1), rs.getString(2)),
                            rs.getString(3)));
                }
            }
        }
        return pending;
    }

    /** The run read every input to the end and committed everything: a later run of the job is refused. */
    public void finished(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + schema + ".packload_jobs SET state = 'done', "
                + "updated = NOW(3), finished = NOW(3) WHERE job_id = ?")) {
            ps.setLong(1, jobId);
            ps.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    static String quote(String identifier) {
        return SqlWords.quoteIdentifier(identifier);
    }
}
