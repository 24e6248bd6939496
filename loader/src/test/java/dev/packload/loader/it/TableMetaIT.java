package dev.packload.loader.it;

import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import dev.packload.loader.write.NativeSqlSession;
import dev.packload.loader.write.TableEngine;
import dev.packload.loader.write.TableMeta;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableMetaIT {

    @Test
    void keysThatIdentifyARowAreFoundAndPrefixKeysAreMarked() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestServers.local())) {
            db.execute("CREATE TABLE t (id INT NOT NULL, code VARCHAR(200) NOT NULL, body LONGTEXT, g INT AS (id + 1) VIRTUAL,"
                    + " PRIMARY KEY (id), UNIQUE KEY by_code (code(20)), KEY plain (body(10))) DEFAULT CHARSET=utf8mb4");
            try (Connection c = db.connect()) {
                TableMeta m = TableMeta.load(c, null, "t");
                assertEquals(List.of("id", "code", "body", "g"), m.columnNames());
                assertEquals(List.of("id", "code", "body"), m.writableColumnNames(), "generated columns are not written");
                assertEquals(2, m.keys().size(), "primary and unique keys only");
                TableMeta.Key pk = m.keys().get(0);
                assertTrue(pk.primary());
                assertFalse(pk.prefixed(), "regression: a full-column key was reported as a prefix key");
                assertTrue(m.keys().get(1).prefixed());
                assertTrue(m.column("body").isText() && m.column("body").isAppendable());
                assertEquals("utf8mb4", m.column("code").charset());
                assertThrows(SQLException.class, () -> TableMeta.load(c, null, "missing"));
            }
        }
    }

    /**
     * A session asks a table's engine alone when it has no description of the table (a writer whose rows go as text
     * needs nothing else): the answer is the one the full description gives, for every kind of table, and a statement
     * that may change tables makes it ask again.
     */
    @Test
    void theEngineAloneIsWhatTheDescriptionSays() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestServers.local())) {
            db.execute("CREATE TABLE i (id INT PRIMARY KEY) ENGINE=InnoDB");
            db.execute("CREATE TABLE m (id INT PRIMARY KEY) ENGINE=MyISAM");
            db.execute("CREATE TABLE a (id INT PRIMARY KEY) ENGINE=Aria");
            db.execute("CREATE TABLE h (id INT PRIMARY KEY) ENGINE=MEMORY");
            db.execute("CREATE VIEW v AS SELECT id FROM i");
            try (NativeSqlSession s = NativeSqlSession.open(db.connect(), 0); Connection c = db.connect()) {
                for (String t : List.of("i", "m", "a", "h", "v")) {
                    assertEquals(TableMeta.load(c, null, t).engine(), s.engine(null, t), t);
                    assertEquals(s.engine(null, t), s.engine(db.name(), t), t + " named with its database");
                }
                assertEquals(new TableEngine("InnoDB", true), s.engine(null, "i"));
                assertTrue(s.engine(null, "i").isInnoDb());
                assertEquals(new TableEngine("MyISAM", false), s.engine(null, "m"));
                assertTrue(s.engine(null, "m").nonTransactionalNotice("m").startsWith("m is a MyISAM table, which has"
                        + " no transactions"));
                assertFalse(s.engine(null, "a").transactional(), "Aria");
                assertFalse(s.engine(null, "h").transactional(), "MEMORY");
                assertEquals(new TableEngine(null, true), s.engine(null, "v"), "a view has no engine to warn about");
                assertEquals(new TableEngine(null, true), s.engine(null, "missing"), "nor has a table not there");
                db.execute("CREATE TABLE missing (id INT PRIMARY KEY) ENGINE=MyISAM");
                assertEquals(new TableEngine("MyISAM", false), s.engine(null, "missing"),
                        "a table not there is not kept as such: once created, its engine is asked");

                db.execute("ALTER TABLE m ENGINE=InnoDB");
                assertFalse(s.engine(null, "m").transactional(), "kept until the session forgets its tables");
                s.forgetTables();
                assertEquals(new TableEngine("InnoDB", true), s.engine(null, "m"), "then asked again");
            }
        }
    }
}
