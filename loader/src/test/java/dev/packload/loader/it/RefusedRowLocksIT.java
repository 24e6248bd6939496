package dev.packload.loader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.packload.loader.target.Target;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import dev.packload.loader.write.NativeSqlSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A writer whose rows the server all refused still ends its transaction on commit: InnoDB keeps the locks of a refused
 * statement until the transaction ends, and an error packet carries no status flags, so the driver's own idea of the
 * transaction (useLocalTransactionState) said none was open and commit() sent nothing. Found with two writers and
 * immediate foreign key checks: a child row sent before its parent was refused (1452) and left a shared lock on the
 * parent's gap, and the parent's INSERT on the other writer waited 50 s for it, then failed with 1205.
 */
class RefusedRowLocksIT {

    @Test
    void aCommitAfterOnlyRefusedRowsReleasesTheLocksTheyTook() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "refused_locks")) {
            db.execute("CREATE TABLE p (id INT PRIMARY KEY) ENGINE=InnoDB",
                    "CREATE TABLE c (id INT PRIMARY KEY, p INT, FOREIGN KEY (p) REFERENCES p (id)) ENGINE=InnoDB");
            Target target = Loads.target(db.server(), db.name());
            try (NativeSqlSession writer = NativeSqlSession.open(target.connect(), 0);
                    Connection other = target.connect()) {
                // the session's last OK packet says "no transaction": a writer describes a table before its rows
                writer.describe(db.name(), "c");
                writer.commit();
                SQLException refused = assertThrows(SQLException.class,
                        () -> writer.execute("INSERT INTO c VALUES (1, 7)"));
                assertEquals(1452, refused.getErrorCode(), refused.getMessage());
                writer.commit();
                try (Statement st = other.createStatement()) {
                    st.execute("SET SESSION innodb_lock_wait_timeout = 2");
                    // before the fix this waited for the refused row's lock on p's gap, and failed with 1205
                    st.executeUpdate("INSERT INTO p VALUES (7)");
                }
                assertEquals(1, db.count("p"));
            }
        }
    }

    @Test
    void aRollbackAfterOnlyRefusedRowsReleasesTheirLocksToo() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "refused_locks_rb")) {
            db.execute("CREATE TABLE p (id INT PRIMARY KEY) ENGINE=InnoDB",
                    "CREATE TABLE c (id INT PRIMARY KEY, p INT, FOREIGN KEY (p) REFERENCES p (id)) ENGINE=InnoDB");
            Target target = Loads.target(db.server(), db.name());
            try (NativeSqlSession writer = NativeSqlSession.open(target.connect(), 0);
                    Connection other = target.connect()) {
                assertThrows(SQLException.class, () -> writer.execute("INSERT INTO c VALUES (1, 7)"));
                writer.rollback();
                try (Statement st = other.createStatement()) {
                    st.execute("SET SESSION innodb_lock_wait_timeout = 2");
                    st.executeUpdate("INSERT INTO p VALUES (7)");
                }
                assertEquals(1, db.count("p"));
            }
        }
    }
}
