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
 * as the dump set it. Only the thread that owns the session calls it (its sender).
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
    private final DeferredChecks job;
    /** The dump's {@code foreign_key_checks} in this session; null until read after the last statement. */
    private Boolean dumpChecks;
    /** Whether the checks are off for rows now (the dump's value is then 1, and is set back before any statement). */
    private boolean off;
    /** Whether a table's rows may go unchecked, by `db`.`table`; forgotten with the session's table descriptions. */
    private final Map<ForeignKey.TableName, Boolean> deferrable = new HashMap<>();

    SessionChecks(SqlSession session, DeferredChecks job) {
        this.session = session;
        this.job = job;
    }

    /**
     * Before rows of {@code table} ({@code schema} null: the current database) are sent with {@code verb}: turns the
     * checks off when they may wait (a plain INSERT into a table with foreign keys and without triggers, while the
     * dump's checks are on), and back on otherwise.
     */
    public void beforeRows(String schema, String table, String statsName, InsertHeader.Verb verb)
            throws SQLException {
        ForeignKey.TableName t = verb == InsertHeader.Verb.INSERT ? resolve(schema, table) : null;
        if (t == null || !dumpChecksOn() || !deferrable(t)) {
            restore();
            return;
        }
        job.deferred(t, statsName); // recorded before any of its rows can commit
        if (!off) {
            session.execute("SET SESSION foreign_key_checks = 0");
            off = true;
        }
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
        deferrable.clear();
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

    /**
     * A table with foreign keys of its own and no triggers (a trigger's statements would run with the checks off too,
     * on tables nobody verifies).
     */
    private boolean deferrable(ForeignKey.TableName t) throws SQLException {
        Boolean d = deferrable.get(t);
        if (d == null) {
            d = !ForeignKey.of(session.connection(), t).isEmpty() && !ForeignKey.hasTriggers(session.connection(), t);
            deferrable.put(t, d);
        }
        return d;
    }
}
