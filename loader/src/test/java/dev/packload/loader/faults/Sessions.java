package dev.packload.loader.faults;

import dev.packload.loader.testing.Server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What another session does to a running load in the fault trials: kill one of its connections, or hold a row it is
 * about to insert (a lock wait), and then also ask for a row it holds (a deadlock).
 */
final class Sessions {
    /**
     * Small statements and commits, so a writer's transaction weighs less than the concurrent session's and InnoDB
     * picks the writer as the deadlock's victim.
     */
    static final List<String> SMALL_TRANSACTIONS = List.of("--statement-bytes", "64K", "--commit-bytes", "256K");

    private Sessions() {
    }

    /**
     * KILL CONNECTION of one of the connections using {@code database}, picked at random among those running a
     * statement when any is (a load's idle side connections, its metadata or index-build one, may never be used again,
     * so a kill there goes unnoticed: in 3 of 5 trials once, the kills hit no connection the load used again), else
     * among all; false when none was.
     */
    static boolean killOne(Server server, String database, Random random) throws SQLException {
        try (Connection c = server.connect(null)) {
            List<Long> ids = new ArrayList<>();
            List<Long> busy = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ID, COMMAND <> 'Sleep' FROM"
                    + " information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        if (rs.getBoolean(2)) {
                            busy.add(rs.getLong(1));
                        }
                    }
                }
            }
            if (!busy.isEmpty()) {
                ids = busy;
            }
            if (ids.isEmpty()) {
                return false;
            }
            try (Statement st = c.createStatement()) {
                st.execute("KILL CONNECTION " + ids.get(random.nextInt(ids.size())));
                return true;
            } catch (SQLException e) {
                if (e.getErrorCode() == 1094) { // unknown thread id: it ended meanwhile
                    return false;
                }
                throw e;
            }
        }
    }

    /**
     * Inserts, in a transaction of its own, an orders row the load will insert a moment later, and holds it for a
     * second, while a writer waits on it. Then, for a lock wait, holds it {@code holdSeconds} longer (past innodb_lock_wait_timeout: the writer
     * gets ERROR 1205); for a deadlock, inserts the row the load wrote last below it, which the waiting writer's open
     * transaction holds (ERROR 1213 for the lighter transaction: the writer's, as the session has written ballast
     * first; the session then meets the writer's row, committed by the retry, as a duplicate). Rolls back at the end,
     * so the load can insert the rows. Returns what happened, for the trials' table.
     */
    static String holdRowAhead(Server server, ServerFaultsIT.Running t, Random random, int holdSeconds,
                                       boolean deadlock) throws Exception {
        String table = "`" + t.db().name() + "`.`orders`";
        try (Connection monitor = server.connect(null); Connection holder = server.connect(t.db().name());
             Statement m = monitor.createStatement(); Statement h = holder.createStatement()) {
            m.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED"); // see the writers' progress
            // wait for rows: before them, the dump's ALTER TABLE ... DISABLE KEYS would wait on our metadata lock
            long progress = 0;
            while (progress == 0 && t.load().alive()) {
                try (ResultSet rs = m.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
                    rs.next();
                    progress = rs.getLong(1);
                } catch (SQLException e) {
                    // not created yet
                }
                Thread.sleep(20);
            }
            if (deadlock) {
                h.execute("CREATE TABLE `" + t.db().name() + "`.ballast (a INT)");
            }
            holder.setAutoCommit(false);
            try {
                if (deadlock) { // weigh more than a writer's transaction, so InnoDB rolls back the writer's
                    h.execute("INSERT INTO `" + t.db().name() + "`.ballast SELECT seq FROM seq_1_to_50000");
                }
                long x = 0;
                for (int tries = 0; x == 0 && tries < 5; tries++) {
                    long now = max(m, table, Inputs.ORDERS + 1L);
                    if (now > Inputs.ORDERS - 20_000) {
                        return "load too far ahead";
                    }
                    x = now + 5000 + random.nextInt(5000); // reached within a tenth of a second
                    try {
                        h.execute("INSERT INTO " + table + " (id, customer) VALUES (" + x + ", 0)");
                    } catch (SQLException e) {
                        if (e.getErrorCode() != 1062) {
                            throw e;
                        }
                        x = 0; // the load got there first
                    }
                }
                if (x == 0) {
                    return "load too fast";
                }
                Thread.sleep(1000); // a writer is waiting on the row by now
                if (!deadlock) {
                    Thread.sleep(holdSeconds * 1000L);
                    return "row " + x + " held " + (1 + holdSeconds) + " s";
                }
                // the row the load wrote last below ours: the waiting writer's, in its open transaction
                long y = max(m, table, x);
                try {
                    // goes through at once when the row was free, or once InnoDB rolled back the writer (1213 in
                    // the load's retries)
                    h.execute("INSERT INTO " + table + " (id, customer) VALUES (" + y + ", 0)");
                    return "rows " + y + "," + x + ": session's insert went through";
                } catch (SQLException e) {
                    return switch (e.getErrorCode()) {
                        case 1213 -> "rows " + y + "," + x + ": session chosen as the victim";
                        case 1062 -> "rows " + y + "," + x + ": the writer's row committed already";
                        default -> throw e;
                    };
                }
            } finally {
                holder.rollback();
            }
        }
    }

    /** The highest id below {@code below} the load has written, committed or not. */
    private static long max(Statement m, String table, long below) throws SQLException {
        try (ResultSet rs = m.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table + " WHERE id < " + below)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
