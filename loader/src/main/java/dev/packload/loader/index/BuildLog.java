package dev.packload.loader.index;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hears which tables' indexes were dropped to be built after their rows, and which builds are done, so a journal can
 * build them on a later run when this one is interrupted between the two (the later run skips the CREATE TABLE that
 * started the deferral). A deferral is recorded before its indexes are dropped and a build after it ran: a run
 * interrupted between record and DDL finds the indexes still there, which "Duplicate key name" says.
 */
public interface BuildLog {

    /** The table {@code key}'s indexes are about to be dropped; {@code addStatement} builds them back. */
    void deferred(Connection connection, String key, String addStatement) throws SQLException;

    /** The table {@code key}'s deferred indexes were built. */
    void built(Connection connection, String key) throws SQLException;

    BuildLog NONE = new BuildLog() {
        @Override
        public void deferred(Connection connection, String key, String addStatement) {
        }

        @Override
        public void built(Connection connection, String key) {
        }
    };
}
