package dev.packload.loader.it;

import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
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
}
