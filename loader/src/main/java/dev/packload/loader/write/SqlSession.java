package dev.packload.loader.write;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One writer's connection. Statements go out as the exact bytes built, never through a String, so binary data in a
 * dump reaches the server unchanged. Implementations: {@link NativeSqlSession} over Connector/J, and a recording fake
 * in the tests.
 */
public interface SqlSession extends AutoCloseable {

    /** The negotiated limits of this connection. */
    PacketBudget budget();

    /** A statement buffer shaped for this session's protocol header and budget. */
    default StatementBuffer newStatementBuffer(int initialCapacity) {
        PacketBudget b = budget();
        return new StatementBuffer(b.headerBytes(), b.statementBytes(), initialCapacity);
    }

    /** The same, for statements that usually hold about {@code usualCapacity} bytes (see {@link StatementBuffer}). */
    default StatementBuffer newStatementBuffer(int initialCapacity, int usualCapacity) {
        PacketBudget b = budget();
        return new StatementBuffer(b.headerBytes(), b.statementBytes(), initialCapacity, usualCapacity);
    }

    /** Runs the statement in the buffer; returns the affected-rows count. */
    long execute(StatementBuffer statement) throws SQLException;

    /**
     * Runs the statement in the buffer and hands each result set it returns to {@code results}, in order; returns the
     * affected-rows count. A session that can't read result sets runs it as {@link #execute(StatementBuffer)} does.
     */
    default long execute(StatementBuffer statement, ResultConsumer results) throws SQLException {
        return execute(statement);
    }

    /** Runs a short statement given as text (ASCII or UTF-8). */
    long execute(String sql) throws SQLException;

    /**
     * Whether {@link #prepare} and {@link #execute(ExecutePacket)} work here: server-side prepared statements in the
     * layout {@link ExecutePacket} writes, with parameters typed as MariaDB reads them (MariaDB only: MySQL is not
     * yet tested, and 8.0.23+ adds query attributes to the layout).
     */
    default boolean supportsPreparedInserts() {
        return false;
    }

    /**
     * Prepares a statement given as the exact bytes of its SQL (in the session's character set, like
     * {@link #execute(StatementBuffer)}'s). Returns the server's statement id.
     *
     * @param parameters how many placeholders the statement must have: a mismatch is an error, not a surprise later
     */
    default long prepare(byte[] sql, int parameters) throws SQLException {
        throw new SQLException("server-side prepared statements are not supported by this session");
    }

    /** Runs a prepared statement; returns the affected-rows count. */
    default long execute(ExecutePacket packet) throws SQLException {
        throw new SQLException("server-side prepared statements are not supported by this session");
    }

    /** Frees a prepared statement on the server (no reply is awaited). */
    default void closePrepared(long statementId) throws SQLException {
    }

    /** The server's version as versioned comments compare it: 101119 for 10.11.19. */
    long serverVersion();

    /** Warnings the last statement raised. */
    int warningCount();

    void commit() throws SQLException;

    void rollback() throws SQLException;

    /**
     * The session's current database, null before any USE. Read once, then kept until {@link #forgetDatabase}: call
     * it only on the thread that owns the session.
     */
    String currentDatabase() throws SQLException;

    /**
     * The table as the server describes it ({@code schema} null: the current database). Read once, then kept until
     * {@link #forgetTables} or {@link #forgetDatabase}; a table that can't be read is asked again next time.
     *
     * @throws SQLException when the table does not exist (SQLState 42S02, error 1146) or can't be read
     */
    TableMeta describe(String schema, String table) throws SQLException;

    /**
     * The table's engine, and whether it has transactions ({@code schema} null: the current database): from its
     * description when that is kept, else asked for alone, which costs the server a fraction of a description.
     */
    default TableEngine engine(String schema, String table) throws SQLException {
        return describe(schema, table).engine();
    }

    /**
     * Whether {@code DROP TABLE IF EXISTS} of the table ({@code schema} null: the current database) would change nothing
     * the server keeps or logs: no such table exists (as the server lists tables: a TEMPORARY one is not seen), and
     * nothing this session runs goes to a binary log. False when not known.
     */
    default boolean dropIfExistsChangesNothing(String schema, String table) throws SQLException {
        return false;
    }

    /**
     * Whether triggers fire on the table ({@code schema} null: the current database): their statements run on this
     * session, under its settings, and may change them. True when not known.
     */
    default boolean hasTriggers(String schema, String table) throws SQLException {
        return true;
    }

    /** A statement ran that may have created, dropped or altered tables: describe them anew. */
    void forgetTables();

    /** A statement ran that may have changed the current database (and so what unqualified names mean). */
    void forgetDatabase();

    /** The JDBC connection behind this session, for metadata and prepared statements. */
    Connection connection();

    @Override
    void close() throws SQLException;
}
