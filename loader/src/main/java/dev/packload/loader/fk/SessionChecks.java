package dev.packload.loader.fk;

import dev.packload.formats.sql.InsertHeader;
import dev.packload.loader.write.SqlSession;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * One writer session's {@code foreign_key_checks}: off while it sends rows whose checks are deferred, and otherwise
 * as the dump set it; and whether the server checks the rows it sends ({@link #beforeRows}), which the writer needs
 * to keep those rows behind their parents' on other connections. Only the thread that owns the session calls it (its
 * sender). Without a deferral ({@link #checkedOnly}) it never turns the checks off, and only answers that.
 *
 * <pre>
 *   rows of a plain INSERT into a child table, dump's checks on  -> SET foreign_key_checks = 0 (once), table recorded
 *   rows of anything else (REPLACE, IGNORE, a table without
 *   foreign keys, one with triggers)                             -> checks back on, if they were off
 *   any other statement (DDL, SET, CALL, …)                      -> checks back on first; the dump's value is read
 *                                                                   again (SELECT @@foreign_key_checks) when next needed
 * </pre>
 *
 * The dump's value is read after every statement, not only after those that name the variable: a procedure can set it
 * too, and the read costs one round trip per table after a statement, not per row.
 */
public final class SessionChecks {
    private final SqlSession session;
    /** The load's deferral, or null where no rows are deferred. */
    private final DeferredChecks job;
    /** The dump's {@code foreign_key_checks} in this session; null until read after the last statement. */
    private Boolean dumpChecks;
    /** Whether the checks are off for rows now (the dump's value is then 1, and is set back before any statement). */
    private boolean off;
    /** What the server's checks see of a table, by `db`.`table`; forgotten with the session's table descriptions. */
    private final Map<ForeignKey.TableName, Kind> tables = new HashMap<>();

    /** A table with foreign keys of its own (the child side) or not; with triggers or not. */
    private enum Kind { NO_FOREIGN_KEYS, CHILD, CHILD_WITH_TRIGGERS }

    SessionChecks(SqlSession session, DeferredChecks job) {
        this.session = session;
        this.job = job;
    }

    /** A session whose rows all go with the dump's checks (no deferral): it only tells which rows the server checks. */
    public static SessionChecks checkedOnly(SqlSession session) {
        return new SessionChecks(session, null);
    }

    /**
     * Before rows of {@code table} ({@code schema} null: the current database) are sent with {@code verb}: turns the
     * checks off when they may wait (a plain INSERT into a table with foreign keys and without triggers, while the
     * dump's checks are on, in a load that defers them), and back on otherwise.
     *
     * @return whether the server checks the rows' foreign keys as they go in: the table has foreign keys, the dump's
     *         checks are on, and the rows are not deferred
     */
    public boolean beforeRows(String schema, String table, String statsName, InsertHeader.Verb verb)
            throws SQLException {
        ForeignKey.TableName t = resolve(schema, table);
        // the dump's value first: a dump that turns the checks off (mysqldump's) costs no look at its tables
        Kind kind = t == null || !dumpChecksOn() ? Kind.NO_FOREIGN_KEYS : kind(t);
        if (kind == Kind.NO_FOREIGN_KEYS) {
            restore();
            return false;
        }
        // a trigger's own statements would run with the checks off too, on tables nobody verifies
        if (job == null || verb != InsertHeader.Verb.INSERT || kind == Kind.CHILD_WITH_TRIGGERS) {
            restore();
            return true;
        }
        job.deferred(t, statsName); // recorded before any of its rows can commit
        if (!off) {
            session.execute("SET SESSION foreign_key_checks = 0");
            off = true;
        }
        return false;
    }

    /** Before any statement other than rows: the dump's own value back. */
    public void beforeStatement() throws SQLException {
        restore();
    }

    /** After a statement: it may have changed the dump's value. */
    public void afterStatement() {
        dumpChecks = null;
    }

    /** A statement may have created, dropped or altered tables, or their triggers. */
    public void forgetTables() {
        tables.clear();
    }

    private void restore() throws SQLException {
        if (off) {
            off = false;
            session.execute("SET SESSION foreign_key_checks = 1");
        }
    }

    private ForeignKey.TableName resolve(String schema, String table) throws SQLException {
        String db = schema != null ? schema : session.currentDatabase();
        return db == null ? null : new ForeignKey.TableName(db, table);
    }

    private boolean dumpChecksOn() throws SQLException {
        if (dumpChecks == null) {
            try (Statement st = session.connection().createStatement();
                    ResultSet rs = st.executeQuery("SELECT @@SESSION.foreign_key_checks")) {
                rs.next();
                dumpChecks = rs.getInt(1) != 0;
            }
        }
        return dumpChecks;
    }

    /** Whether the table has foreign keys of its own, and triggers (read once per table until forgotten). */
    private Kind kind(ForeignKey.TableName t) throws SQLException {
        Kind k = tables.get(t);
        if (k == null) {
            k = ForeignKey.of(session.connection(), t).isEmpty() ? Kind.NO_FOREIGN_KEYS
                    : session.hasTriggers(t.schema(), t.table()) ? Kind.CHILD_WITH_TRIGGERS : Kind.CHILD;
            tables.put(t, k);
        }
        return k;
    }
}
