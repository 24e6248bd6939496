package dev.packload.loader.write;

import dev.packload.formats.sql.InsertHeader;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreparedInsertsTest {

    /** Records what a writer's session is asked to prepare and close. */
    private static final class Server implements SqlSession {
        final List<String> prepared = new ArrayList<>();
        final List<Long> closed = new ArrayList<>();

        @Override
        public long prepare(byte[] sql, int parameters) {
            String text = new String(sql, UTF_8);
            assertEquals(parameters, text.chars().filter(c -> c == '?').count(), text);
            prepared.add(text);
            return prepared.size();
        }

        @Override
        public void closePrepared(long statementId) {
            closed.add(statementId);
        }

        @Override
        public PacketBudget budget() {
            return PacketBudget.negotiate(1 << 24, 1 << 24, 1, 0);
        }

        @Override
        public long execute(StatementBuffer statement) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long execute(String sql) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long serverVersion() {
            return 101119;
        }

        @Override
        public int warningCount() {
            return 0;
        }

        @Override
        public void commit() {
        }

        @Override
        public String currentDatabase() {
            throw new UnsupportedOperationException();
        }

        @Override
        public TableMeta describe(String schema, String table) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void forgetTables() {
        }

        @Override
        public void forgetDatabase() {
        }

        @Override
        public void rollback() {
        }

        @Override
        public Connection connection() {
            return null;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theStatementIsTheShapesOwnBytesAroundThePlaceholders() {
        InsertShape shape = InsertShape.of(InsertHeader.Verb.INSERT_IGNORE, "`d`.`t`", List.of("a", "b"));
        assertEquals("INSERT IGNORE INTO `d`.`t` VALUES (?,?),(?,?),(?,?) ON DUPLICATE KEY UPDATE `a`=VALUES(`a`),"
                + "`b`=VALUES(`b`)", new String(PreparedInserts.sql(shape, 2, 3), UTF_8));
    }

    @Test
    void aStatementIsPreparedOnceAndReused() throws Exception {
        Server server = new Server();
        PreparedInserts p = new PreparedInserts(server);
        InsertShape shape = InsertShape.of(InsertHeader.Verb.INSERT, "`t`", null);
        long id = p.prepare(shape, 5, 1024);
        assertEquals(id, p.prepare(shape, 5, 1024));
        assertEquals(id, (long) p.cached(shape, 5, 1024));
        assertEquals(null, p.cached(shape, 5, 512));
        assertEquals(1, server.prepared.size());
    }

    /**
     * The server keeps about 450 bytes per placeholder of a prepared statement: the least recently used statements
     * are closed once the session holds more than 65,536 placeholders, or more than 64 statements.
     */
    @Test
    void theLeastRecentlyUsedAreClosedOncePlaceholdersOrStatementsPassTheLimit() throws Exception {
        Server server = new Server();
        PreparedInserts p = new PreparedInserts(server);
        List<InsertShape> tables = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            tables.add(InsertShape.of(InsertHeader.Verb.INSERT, "`t" + t + "`", null));
        }
        for (int t = 0; t < 10; t++) {
            p.prepare(tables.get(t), 16, 1024); // 16,384 placeholders each
            p.prepare(tables.get(0), 16, 1024); // table 0 stays in use
            assertTrue(p.keptParameters() <= PreparedInserts.MAX_KEPT_PARAMETERS, "kept " + p.keptParameters());
        }
        assertEquals(4, p.kept());
        assertEquals(10, server.prepared.size());
        assertEquals(6, server.closed.size());
        assertTrue(p.cached(tables.get(0), 16, 1024) != null, "the table in use was never closed");
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L), server.closed, "oldest first");

        for (int i = 0; i < 100; i++) {
            p.prepare(InsertShape.of(InsertHeader.Verb.INSERT, "`s" + i + "`", null), 1, 2);
        }
        assertEquals(PreparedInserts.MAX_KEPT, p.kept());
        p.closeAll();
        assertEquals(0, p.kept());
        assertEquals(0, p.keptParameters());
        assertEquals(server.prepared.size(), server.closed.size(), "every statement prepared was closed");
    }
}
