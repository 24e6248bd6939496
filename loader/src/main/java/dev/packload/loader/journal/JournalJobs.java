package dev.packload.loader.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** The jobs a journal holds, for {@code packload jobs}: listed, and the records of ended ones removed. */
public final class JournalJobs {

    /** One run of a job as the journal holds it. */
    public record Job(long id, String state, Timestamp started, Timestamp updated, Timestamp finished,
                      long rowsCommitted, String target, String firstInput, int inputs, String command) {
    }

    private JournalJobs() {
    }

    /** Every job in the journal's schema, newest first; none when the schema holds no journal. */
    public static List<Job> list(Connection c, String schema) throws SQLException {
        String s = Journal.quote(schema);
        if (!exists(c, schema)) {
            return List.of();
        }
        List<Job> jobs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT j.job_id, j.state, j.started, j.updated, j.finished, "
                + "(SELECT COALESCE(SUM(rows_loaded), 0) FROM " + s + ".packload_chunks k WHERE k.job_id = j.job_id), "
                + "j.target, j.inputs, j.command FROM " + s + ".packload_jobs j ORDER BY j.job_id DESC");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String[] inputs = rs.getString(8).split("\n");
                jobs.add(new Job(rs.getLong(1), rs.getString(2), rs.getTimestamp(3), rs.getTimestamp(4),
                        rs.getTimestamp(5), rs.getLong(6), rs.getString(7), inputs[0], inputs.length,
                        rs.getString(9)));
            }
        }
        return jobs;
    }

    /**
     * Removes the records of jobs that ended (done or abandoned) and, with {@code includeInterrupted}, of interrupted
     * ones too (they can't be resumed after this). Returns how many jobs were removed.
     */
    public static int clean(Connection c, String schema, Long onlyJob, boolean includeInterrupted) throws SQLException {
        if (!exists(c, schema)) {
            return 0;
        }
        String s = Journal.quote(schema);
        String which = (onlyJob != null ? "job_id = " + onlyJob : "1 = 1")
                + (includeInterrupted ? "" : " AND state <> 'running'");
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (var st = c.createStatement()) {
            st.executeUpdate("DELETE k FROM " + s + ".packload_chunks k JOIN " + s + ".packload_jobs j USING (job_id) "
                    + "WHERE j." + which);
            st.executeUpdate("DELETE k FROM " + s + ".packload_statements k JOIN " + s + ".packload_jobs j "
                    + "USING (job_id) WHERE j." + which);
            int n = st.executeUpdate("DELETE FROM " + s + ".packload_jobs WHERE " + which);
            c.commit();
            return n;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static boolean exists(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? "
                + "AND TABLE_NAME = 'packload_jobs'")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
