package dev.packload.loader.fk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Hears which tables got rows with their foreign key checks deferred, and which were verified, so that a later run of
 * an interrupted job verifies them (it skips the rows that were committed, so nothing else would tell it). A table is
 * recorded before its first deferred rows are sent and marked verified only once its orphans are gone.
 */
public interface CheckLog {

    /** A table that awaits verification: where, and the name its figures go under. */
    record Pending(ForeignKey.TableName table, String statsName) {
    }

    /** Rows of {@code table} are about to go with checks deferred (again). */
    void deferred(Connection c, Pending table) throws SQLException;

    /** Every foreign key of {@code table} holds. */
    void verified(Connection c, ForeignKey.TableName table) throws SQLException;

    /** The tables recorded and not yet verified, by this job's earlier runs too. */
    List<Pending> pending(Connection c) throws SQLException;

    CheckLog NONE = new CheckLog() {
        @Override
        public void deferred(Connection c, Pending table) {
        }

        @Override
        public void verified(Connection c, ForeignKey.TableName table) {
        }

        @Override
        public List<Pending> pending(Connection c) {
            return List.of();
        }
    };
}
