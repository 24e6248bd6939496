package dev.packload.loader.index;

import dev.packload.loader.report.LoadStats;
import dev.packload.loader.write.SqlErrors;
import dev.packload.loader.write.SideWork;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The builder threads of a deferral, each with a connection of its own, and the one place that opens the deferral's
 * connections: all run under the same fixed session settings, so what the server printed is read back the same way
 * whatever the dump did to the writers' sessions.
 */
final class IndexBuilds implements AutoCloseable {
    /** Session settings of the deferral's connections: backtick quoting, and nothing that fails an ALTER's copy. */
    private static final String SESSION = "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO', sql_quote_show_create = 1,"
            + " foreign_key_checks = 1";
    /** Tries of a build that a lock conflict undid. */
    private static final int ATTEMPTS = 4;
    private static final Pattern KEY_IN_MESSAGE = Pattern.compile("for key '(?:[^']*\\.)?([^']+)'");

    private final LoadStats stats;
    private final SideWork work;
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();

    private final BuildLog log;

    IndexBuilds(IndexDeferral.Connections connections, int builders, LoadStats stats, BuildLog log) {
        this.log = log;
        this.stats = stats;
        this.work = new SideWork("packload-indexes", builders, connections::open);
    }

    /** Starts the table's build, unless it was started before. */
    void start(DeferredTable d) {
        if (d.build == null) {
            d.build = work.submit(() -> {
                build(d);
                return null;
            });
        }
    }

    /** Waits for the table's build, starting it if need be. */
    void await(DeferredTable d) throws DeferredIndexException {
        start(d);
        try {
            d.build.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeferredIndexException("interrupted while the deferred indexes of " + d.table.quotedName()
                    + " were built; the table may lack " + d.names() + ": check it with SHOW CREATE TABLE and run "
                    + d.addStatement() + " for those missing", null);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            SQLException q = c instanceof SQLException s ? s : new SQLException(String.valueOf(c), c);
            throw new DeferredIndexException(failure(d, q), q);
        }
    }

    /** On a builder thread: one ALTER TABLE adding every deferred index of the table. */
    private void build(DeferredTable d) throws SQLException {
        Connection c = connection.get();
        if (c == null) {
            c = open();
            connection.set(c);
        }
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                execute(c, d.addStatement());
                break;
            } catch (SQLException e) {
                // DDL on a table tied to this one by a foreign key (another build) can take the dictionary lock the
                // ALTER needs; the ALTER is undone whole, so it can go again
                if (SqlErrors.classify(e) != SqlErrors.Kind.TRANSIENT || attempt == ATTEMPTS) {
                    throw e;
                }
                sleep(attempt * 500L);
            }
        }
        log.built(c, d.key());
        stats.table(d.statsName).indexesBuilt(d.plan.dropNow().size(), System.nanoTime() - start);
    }

    /** What a failed build means for the user: which table and index, and what to do. */
    static String failure(DeferredTable d, SQLException e) {
        Matcher m = KEY_IN_MESSAGE.matcher(String.valueOf(e.getMessage()));
        String index = m.find() ? " (index " + TableIndexes.quote(m.group(1)) + ")" : "";
        String advice = e.getErrorCode() == 1062 || e.getErrorCode() == 1586
                ? "Remove the duplicate rows, or load again with --defer-indexes non-unique (the default), which keeps"
                + " unique keys during the load so that each duplicate row is rejected on its own. "
                : "";
        return "building the deferred indexes of " + d.table.quotedName() + index + " after its rows failed: "
                + SqlErrors.describe(e) + ". The rows are loaded, but the table lacks " + d.names() + ". " + advice
                + "To add them: " + d.addStatement();
    }

    /** A connection of the deferral's own, in autocommit, under its session settings. */
    Connection open() throws SQLException {
        Connection c = work.open();
        c.setAutoCommit(true);
        execute(c, SESSION);
        return c;
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void sleep(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", e);
        }
    }

    /** Ends the builder threads and closes every connection opened here; call once no build runs. */
    @Override
    public void close() {
        work.close();
    }
}
