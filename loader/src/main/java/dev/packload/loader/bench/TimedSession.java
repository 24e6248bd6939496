package dev.packload.loader.bench;

import dev.packload.loader.write.ExecutePacket;

import dev.packload.loader.write.PacketBudget;
import dev.packload.loader.write.SqlSession;
import dev.packload.loader.write.StatementBuffer;
import dev.packload.loader.write.TableEngine;
import dev.packload.loader.write.TableMeta;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A writer's session that times what it delegates: each statement sent (a multi-row INSERT, from the first byte out
 * to the server's OK) and each commit. Used by one writer thread, read once the writers have finished.
 */
final class TimedSession implements SqlSession {
    private final SqlSession delegate;
    final long connectionId;
    final Latencies statements = new Latencies();
    final Latencies commits = new Latencies();
    long statementBytes;

    TimedSession(SqlSession delegate, long connectionId) {
        this.delegate = delegate;
        this.connectionId = connectionId;
    }

    @Override
    public PacketBudget budget() {
        return delegate.budget();
    }

    @Override
    public StatementBuffer newStatementBuffer(int initialCapacity) {
        return delegate.newStatementBuffer(initialCapacity);
    }

    @Override
    public long execute(StatementBuffer statement) throws SQLException {
        return timed(() -> delegate.execute(statement), statement.length());
    }

    /** A statement sent: its time to the server's OK and its bytes. */
    private long timed(Send send, int bytes) throws SQLException {
        long t0 = System.nanoTime();
        long n = send.run();
        statements.add(System.nanoTime() - t0);
        statementBytes += bytes;
        return n;
    }

    @FunctionalInterface
    private interface Send {
        long run() throws SQLException;
    }

    @Override
    public long execute(String sql) throws SQLException {
        return delegate.execute(sql);
    }

    @Override
    public boolean supportsPreparedInserts() {
        return delegate.supportsPreparedInserts();
    }

    @Override
    public long prepare(byte[] sql, int parameters) throws SQLException {
        return delegate.prepare(sql, parameters);
    }

    /** A prepared execution is a statement sent, timed and counted like a text one. */
    @Override
    public long execute(ExecutePacket packet) throws SQLException {
        return timed(() -> delegate.execute(packet), packet.length());
    }

    @Override
    public void closePrepared(long statementId) throws SQLException {
        delegate.closePrepared(statementId);
    }

    @Override
    public long serverVersion() {
        return delegate.serverVersion();
    }

    @Override
    public int warningCount() {
        return delegate.warningCount();
    }

    @Override
    public void commit() throws SQLException {
        long t0 = System.nanoTime();
        delegate.commit();
        commits.add(System.nanoTime() - t0);
    }

    @Override
    public void rollback() throws SQLException {
        delegate.rollback();
    }

    @Override
    public String currentDatabase() throws SQLException {
        return delegate.currentDatabase();
    }

    @Override
    public TableMeta describe(String schema, String table) throws SQLException {
        return delegate.describe(schema, table);
    }

    @Override
    public TableEngine engine(String schema, String table) throws SQLException {
        return delegate.engine(schema, table);
    }

    @Override
    public boolean dropIfExistsChangesNothing(String schema, String table) throws SQLException {
        return delegate.dropIfExistsChangesNothing(schema, table);
    }

    @Override
    public boolean hasTriggers(String schema, String table) throws SQLException {
        return delegate.hasTriggers(schema, table);
    }

    @Override
    public void forgetTables() {
        delegate.forgetTables();
    }

    @Override
    public void forgetDatabase() {
        delegate.forgetDatabase();
    }

    @Override
    public Connection connection() {
        return delegate.connection();
    }

    @Override
    public void close() throws SQLException {
        delegate.close();
    }
}
