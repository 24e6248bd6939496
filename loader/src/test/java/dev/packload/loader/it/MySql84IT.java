package dev.packload.loader.it;

import dev.packload.loader.LoadJob;
import dev.packload.loader.feed.DumpFilter;
import dev.packload.loader.testing.Server;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MySQL 8.4 through Testcontainers: the query-attribute packet header (three bytes before the SQL, not one) and a
 * 64 MiB default limit. Skipped, with the reason, where no Docker engine runs.
 */
class MySql84IT {
    @TempDir
    Path dir;

    @Test
    void aMariadbDumpLoadsIntoMySql84() throws Exception {
        Server mysql = TestServers.mysql84();
        try (TestDatabase db = TestDatabase.create(mysql)) {
            LoadJob.Result r = Loads.load(mysql, db.name(), dir.resolve("r.sql"), DumpFilter.ALL,
                    Path.of("..", "examples", "shop.sql.gz"));
            assertNull(r.failure(), () -> r.failure().message());
            assertEquals(3, r.budget().headerBytes(), "MySQL 8 uses query attributes: COM_QUERY + 2 bytes");
            assertTrue(r.budget().serverMaxAllowedPacket() >= 64L << 20);
            assertEquals(2000, db.count("customers"));
            assertEquals(10000, db.count("orders"));
            assertEquals(300, db.count("products"));
        }
    }

    @Test
    void theBigRowsExampleLoads() throws Exception {
        Server mysql = TestServers.mysql84();
        try (TestDatabase db = TestDatabase.create(mysql)) {
            LoadJob.Result r = Loads.load(mysql, db.name(), dir.resolve("r.sql"), DumpFilter.ALL,
                    Path.of("..", "examples", "big-rows.sql.gz"));
            assertNull(r.failure(), () -> r.failure().message());
            assertEquals(50, db.count("documents"));
        }
    }
}
