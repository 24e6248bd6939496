package dev.packload.loader.pipeline;

import dev.packload.formats.sql.StatementInfo;
import dev.packload.loader.index.StatementTables;
import dev.packload.loader.write.SqlSession;

import java.sql.SQLException;

/**
 * Two statements every mariadb-dump and mysqldump table carries, which on a fresh target change nothing and cost the
 * most of a small table's load (a dump of 1,000 small tables: 1,000 DROPs and 2,000 ALTERs against 1,000 CREATEs):
 * <ul>
 *   <li>{@code ALTER TABLE t DISABLE KEYS} and {@code ENABLE KEYS} of an InnoDB table. InnoDB ignores them (the server
 *   answers with note 1031, "doesn't have this option"); they only ever change when a MyISAM or Aria table's
 *   non-unique indexes are updated, never what is stored. Left out whatever the binary log: a replica whose table is
 *   MyISAM then updates its indexes row by row, as it would without the hint. Not recorded in the journal: running one
 *   again on resume is harmless, so it may be left out again then.</li>
 *   <li>{@code DROP TABLE IF EXISTS t} of a table that does not exist, asked on the writer's own connection just
 *   before, when nothing the session runs goes to a binary log ({@code @@log_bin} and {@code @@sql_log_bin}): a
 *   replica that has a table its primary lacks would drop it under the mysql client, and must not be left with a table
 *   the next {@code CREATE TABLE} then fails on. Never after this session created a TEMPORARY table (the statement
 *   would drop that; information_schema does not list it), and only for an ASCII name (it is looked up as the
 *   connection's characters, the dump may name it in others). Recorded in the journal as run, with the writer's
 *   next commit (that of the dump's CREATE TABLE, which runs on the same writer): on resume, an unrecorded DROP
 *   would be run again once its table had been created and loaded, so nothing of the table is loaded before the
 *   record commits ({@link Sender}'s held records).</li>
 * </ul>
 * A table that another session creates between the look-up and the dump's {@code CREATE TABLE} then makes that CREATE
 * fail ("already exists") instead of being dropped: the load stops, nothing is lost.
 */
final class NoOpStatements {
    /** What to do with an ordered statement. */
    enum Verdict {
        /** Send it. */
        RUN,
        /** Don't send it, and don't record it: running it again is harmless. */
        LEAVE_OUT,
        /** Don't send it, but record it as run, as if it had been. */
        LEAVE_OUT_RECORDED
    }

    private final SqlSession session;
    /** This session created a TEMPORARY table: a DROP TABLE IF EXISTS may drop it, and the server alone knows. */
    private boolean temporaryTables;

    NoOpStatements(SqlSession session) {
        this.session = session;
    }

    /**
     * Whether the statement (one run once, on this writer's session) need not be sent; {@code names}: its names, read
     * for table DDL ({@code kind}), else null.
     */
    Verdict verdict(StatementInfo.Kind kind, StatementTables names) throws SQLException {
        if (kind != StatementInfo.Kind.TABLE_DDL) {
            return Verdict.RUN;
        }
        if (names.createsTemporary()) {
            temporaryTables = true;
            return Verdict.RUN;
        }
        StatementTables.KeysToggle toggle = names.keysToggle();
        if (toggle != null) {
            return isInnoDb(toggle.table()) ? Verdict.LEAVE_OUT : Verdict.RUN;
        }
        StatementTables.Name dropped = names.droppedIfExists();
        if (dropped != null && !temporaryTables && isAscii(dropped)
                && session.dropIfExistsChangesNothing(dropped.schema(), dropped.table())) {
            return Verdict.LEAVE_OUT_RECORDED;
        }
        return Verdict.RUN;
    }

    private boolean isInnoDb(StatementTables.Name t) {
        try {
            return session.engine(t.schema(), t.table()).isInnoDb();
        } catch (SQLException e) {
            return false; // the server says what is wrong with the statement
        }
    }

    private static boolean isAscii(StatementTables.Name t) {
        return (t.schema() == null || t.schema().chars().allMatch(c -> c < 128)) && t.table().chars().allMatch(c -> c < 128);
    }
}
