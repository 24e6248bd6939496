package dev.packload.loader.journal;

import dev.packload.loader.pipeline.ResumePoint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an interrupted run committed, read back from its journal: per input, the committed row ranges merged and in
 * order (the reader asks about rows in order, so each input keeps a cursor), and the ordered statements it ran.
 */
final class Resume implements ResumePoint {
    /** Per source index: merged ranges as [first0, last0, first1, last1, ...], in order. */
    private final Map<Integer, long[]> ranges;
    private final Map<Integer, Integer> cursors = new HashMap<>();
    private final Set<Long> statements;
    private final long rows;

    private Resume(Map<Integer, long[]> ranges, Set<Long> statements, long rows) {
        this.ranges = ranges;
        this.statements = statements;
        this.rows = rows;
    }

    static Resume read(Connection c, String schema, long jobId) throws SQLException {
        Map<Integer, List<long[]>> byInput = new HashMap<>();
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT source_index, first_seq, last_seq, rows_loaded FROM "
                + schema + ".packload_chunks WHERE job_id = ? ORDER BY source_index, first_seq")) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<long[]> list = byInput.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>());
                    long first = rs.getLong(2);
                    long last = rs.getLong(3);
                    rows += rs.getLong(4);
                    long[] prev = list.isEmpty() ? null : list.get(list.size() - 1);
                    if (prev != null && first <= prev[1] + 1) {
                        prev[1] = Math.max(prev[1], last);
                    } else {
                        list.add(new long[] {first, last});
                    }
                }
            }
        }
        Map<Integer, long[]> merged = new HashMap<>();
        byInput.forEach((input, list) -> {
            long[] flat = new long[list.size() * 2];
            for (int i = 0; i < list.size(); i++) {
                flat[2 * i] = list.get(i)[0];
                flat[2 * i + 1] = list.get(i)[1];
            }
            merged.put(input, flat);
        });
        Set<Long> statements = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT source_index, statement_no FROM " + schema
                + ".packload_statements WHERE job_id = ?")) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    statements.add(pack(rs.getInt(1), rs.getLong(2)));
                }
            }
        }
        return new Resume(merged, statements, rows);
    }

    private static long pack(int sourceIndex, long statementNo) {
        return ((long) sourceIndex << 40) | statementNo;
    }

    /** Rows the interrupted run committed (rejected rows in its ranges not counted). */
    long rowsCommitted() {
        return rows;
    }

    @Override
    public boolean rowDone(int sourceIndex, long seq) {
        long[] r = ranges.get(sourceIndex);
        if (r == null) {
            return false;
        }
        int i = cursors.getOrDefault(sourceIndex, 0);
        while (i < r.length && r[i + 1] < seq) {
            i += 2; // rows come in order: ranges wholly before this row are passed for good
        }
        cursors.put(sourceIndex, i);
        return i < r.length && r[i] <= seq;
    }

    /**
     * Recorded: done. Not recorded: maybe run. Every writer records a statement right after running it, before it runs
     * another (a statement it leaves out as changing nothing may wait for its next commit: running that one again
     * changes nothing either), and the writers run different tables' DDL at once, so when the run stopped each writer
     * may have run one statement it had not recorded yet, before or after the last one recorded by another. Which ones
     * can't be told: each runs again, its "already exists" taken as done (for a CREATE TABLE only while the table holds
     * no rows: nothing of a table is committed before its CREATE TABLE is recorded).
     */
    @Override
    public StatementState statement(int sourceIndex, long statementNo) {
        return statements.contains(pack(sourceIndex, statementNo)) ? StatementState.DONE : StatementState.MAYBE_RUN;
    }
}
