package dev.packload.loader.write;

import com.mysql.cj.NativeSession;
import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.exceptions.SQLExceptionsMapping;
import com.mysql.cj.jdbc.result.ResultSetFactory;
import com.mysql.cj.jdbc.result.ResultSetImpl;
import com.mysql.cj.protocol.ColumnDefinition;
import com.mysql.cj.protocol.a.ColumnDefinitionFactory;
import com.mysql.cj.protocol.a.NativeConstants;
import com.mysql.cj.protocol.a.NativePacketPayload;
import com.mysql.cj.protocol.a.NativeProtocol;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A writer's session over Connector/J. Statements built in a {@link StatementBuffer} go out as one COM_QUERY payload
 * wrapped around the buffer itself: no String, no charset conversion, no copy. The budget comes from the server's
 * {@code @@max_allowed_packet} and the driver's effective {@code maxAllowedPacket}, read when the session opens.
 */
public final class NativeSqlSession implements SqlSession {
    private static final byte COM_QUERY = 3;
    private static final byte COM_STMT_PREPARE = 0x16;
    private static final byte COM_STMT_CLOSE = 0x19;

    private final Connection connection;
    private final NativeSession session;
    private final ResultSetFactory resultSets;
    private final PacketBudget budget;
    private final long serverVersion;
    private final TableDescriptions tables;

    /**
     * A statement failed since the transaction last ended. The server keeps the locks a failed statement took (a
     * refused child row's shared lock on its parent's gap, a duplicate's lock on the existing key) until the
     * transaction ends, but an error packet carries no status flags, so Connector/J (useLocalTransactionState) may
     * believe no transaction is open and send nothing on commit() or rollback(): a writer whose rows were all refused
     * then held those locks, and another writer's INSERT waited on them until 1205 (lock wait timeout). So after a
     * failure the transaction is ended with an explicit statement.
     */
    private boolean failedSinceEnd;

    private NativeSqlSession(Connection connection, long userCap, List<ReplicaLimit> replicas) throws SQLException {
        this.connection = connection;
        JdbcConnection jdbc = connection.unwrap(JdbcConnection.class);
        this.session = (NativeSession) jdbc.getSession();
        this.resultSets = new ResultSetFactory(jdbc, null);
        long server;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT @@max_allowed_packet")) {
            rs.next();
            server = rs.getLong(1);
        }
        long driver = jdbc.getPropertySet().getIntegerProperty(PropertyKey.maxAllowedPacket).getValue();
        int header = session.getServerSession().supportsQueryAttributes() ? 3 : 1;
        // what the binary log makes of this session's statements, for the replicas given (none: nothing to ask)
        Replication replication = replicas.isEmpty() ? Replication.NONE : Replication.read(connection, replicas);
        this.budget = PacketBudget.negotiate(server, driver, header, userCap, replication);
        // long data (COM_STMT_SEND_LONG_DATA) goes out in chunks that must fit the budget too
        jdbc.getPropertySet().getMemorySizeProperty(PropertyKey.blobSendChunkSize)
                .setValue(Math.min(1 << 20, budget.statementBytes() - 1024));
        this.serverVersion = versionNumber(connection.getMetaData().getDatabaseProductVersion());
        this.tables = new TableDescriptions(connection);
    }

    /** "10.11.19-MariaDB" → 101119, "8.4.3" → 80403: the number versioned comments compare with. */
    static long versionNumber(String version) {
        String v = version.startsWith("5.5.5-") ? version.substring(6) : version; // old MariaDB handshake prefix
        String[] parts = v.split("[^0-9]+", 4);
        long major = parts.length > 0 && !parts[0].isEmpty() ? Long.parseLong(parts[0]) : 0;
        long minor = parts.length > 1 && !parts[1].isEmpty() ? Long.parseLong(parts[1]) : 0;
        long patch = parts.length > 2 && !parts[2].isEmpty() ? Long.parseLong(parts[2]) : 0;
        return major * 10000 + minor * 100 + patch;
    }

    /** Wraps an open Connector/J connection; switches it to manual commit. */
    public static NativeSqlSession open(Connection connection, long userCap) throws SQLException {
        return open(connection, userCap, List.of());
    }

    /**
     * The same, with the limits of the target's replicas ({@code --replica}) in the budget: statements and chunked
     * rows are sized so that every binlog event they make fits each replica.
     */
    public static NativeSqlSession open(Connection connection, long userCap, List<ReplicaLimit> replicas)
            throws SQLException {
        NativeSqlSession s;
        try {
            s = new NativeSqlSession(connection, userCap, replicas);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.setAutoCommit(false);
        return s;
    }

    @Override
    public PacketBudget budget() {
        return budget;
    }

    @Override
    public long execute(StatementBuffer statement) throws SQLException {
        return execute(statement, null);
    }

    @Override
    public long execute(StatementBuffer statement, ResultConsumer results) throws SQLException {
        byte[] b = statement.array();
        int h = statement.headerBytes();
        b[0] = COM_QUERY;
        if (h == 3) {
            b[1] = 0; // parameter_count: no query attributes
            b[2] = 1; // parameter_set_count: always 1
        }
        NativePacketPayload packet = new NativePacketPayload(b);
        packet.setPosition(h);
        packet.setTag("QUERY");
        packet.setPosition(h + statement.length());
        try {
            ResultSetImpl rs = session.execSQL(null, null, -1, packet, false, resultSets, null, false);
            long updated = rs.getUpdateCount();
            // a CALL returns a result set per SELECT it runs, then its own status: the driver chains them
            for (ResultSetImpl r = rs; results != null && r != null; r = (ResultSetImpl) r.getNextResultset()) {
                if (r.hasRows()) {
                    results.accept(r);
                }
            }
            return updated;
        } catch (RuntimeException e) {
            failedSinceEnd = true;
            throw SQLExceptionsMapping.translateException(e, null);
        }
    }

    @Override
    public boolean supportsPreparedInserts() {
        // MariaDB only (10.0 and up report 100000+): the literal-to-parameter rules are proved against MariaDB's
        // lexer and parameter handling; MySQL's query-attribute layout (8.0.23+) and its parameter types are not
        // tested here, so MySQL gets text INSERTs
        return serverVersion >= 100000 && !session.getServerSession().supportsQueryAttributes();
    }

    @Override
    public long prepare(byte[] sql, int parameters) throws SQLException {
        byte[] b = new byte[1 + sql.length];
        b[0] = COM_STMT_PREPARE;
        System.arraycopy(sql, 0, b, 1, sql.length);
        NativePacketPayload packet = new NativePacketPayload(b);
        packet.setPosition(b.length);
        try {
            NativeProtocol protocol = session.getProtocol();
            NativePacketPayload reply = protocol.sendCommand(packet, false, 0);
            reply.setPosition(1);
            long id = reply.readInteger(NativeConstants.IntegerDataType.INT4);
            int columns = (int) reply.readInteger(NativeConstants.IntegerDataType.INT2);
            int params = (int) reply.readInteger(NativeConstants.IntegerDataType.INT2);
            // the definitions of the parameters, then of the result columns (none for an INSERT), are read and dropped
            if (params > 0) {
                protocol.read(ColumnDefinition.class, new ColumnDefinitionFactory(params, null));
            }
            if (columns > 0) {
                protocol.read(ColumnDefinition.class, new ColumnDefinitionFactory(columns, null));
            }
            if (params != parameters) {
                closePrepared(id);
                throw new SQLException("the server prepared " + params + " parameters where " + parameters
                        + " were written (a packload bug)");
            }
            return id;
        } catch (RuntimeException | java.io.IOException e) {
            throw SQLExceptionsMapping.translateException(e instanceof RuntimeException r ? r
                    : new com.mysql.cj.exceptions.CJCommunicationsException(e.getMessage(), e), null);
        }
    }

    @Override
    public long execute(ExecutePacket statement) throws SQLException {
        NativePacketPayload packet = new NativePacketPayload(statement.array());
        packet.setPosition(statement.length());
        try {
            NativeProtocol protocol = session.getProtocol();
            NativePacketPayload reply = protocol.sendCommand(packet, false, 0);
            // read like Connector/J's own executions, so the session's status flags (open transaction) stay current
            ResultSetImpl rs = protocol.readAllResults(-1, false, reply, true, null, resultSets);
            return rs.getUpdateCount();
        } catch (RuntimeException | java.io.IOException e) {
            failedSinceEnd = true;
            throw SQLExceptionsMapping.translateException(e instanceof RuntimeException r ? r
                    : new com.mysql.cj.exceptions.CJCommunicationsException(e.getMessage(), e), null);
        }
    }

    @Override
    public void closePrepared(long statementId) throws SQLException {
        byte[] b = {COM_STMT_CLOSE, (byte) statementId, (byte) (statementId >>> 8), (byte) (statementId >>> 16),
                (byte) (statementId >>> 24)};
        NativePacketPayload packet = new NativePacketPayload(b);
        packet.setPosition(b.length);
        try {
            session.getProtocol().sendCommand(packet, true, 0); // the server sends no reply to COM_STMT_CLOSE
        } catch (RuntimeException e) {
            throw SQLExceptionsMapping.translateException(e, null);
        }
    }

    @Override
    public long execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            return st.executeLargeUpdate(sql);
        } catch (SQLException e) {
            failedSinceEnd = true;
            throw e;
        }
    }

    @Override
    public long serverVersion() {
        return serverVersion;
    }

    @Override
    public int warningCount() {
        return session.getProtocol().getWarningCount();
    }

    @Override
    public void commit() throws SQLException {
        end("COMMIT");
    }

    @Override
    public void rollback() throws SQLException {
        end("ROLLBACK");
    }

    /** Ends the transaction: through the driver, or, after a failed statement, by sending the statement itself. */
    private void end(String statement) throws SQLException {
        if (failedSinceEnd) {
            try (Statement st = connection.createStatement()) {
                st.execute(statement);
            }
        } else if (statement.equals("COMMIT")) {
            connection.commit();
        } else {
            connection.rollback();
        }
        failedSinceEnd = false;
    }

    @Override
    public String currentDatabase() throws SQLException {
        return tables.currentDatabase();
    }

    @Override
    public TableMeta describe(String schema, String table) throws SQLException {
        return tables.describe(schema, table);
    }

    @Override
    public TableEngine engine(String schema, String table) throws SQLException {
        return tables.engine(schema, table);
    }

    @Override
    public boolean hasTriggers(String schema, String table) throws SQLException {
        String db = schema != null ? schema : currentDatabase();
        if (db == null) {
            return true; // not known
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM information_schema.TRIGGERS WHERE"
                + " EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ? LIMIT 1")) {
            ps.setString(1, db);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public boolean dropIfExistsChangesNothing(String schema, String table) throws SQLException {
        String db = schema != null ? schema : currentDatabase();
        if (db == null) {
            return false; // the server says "No database selected"
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT @@log_bin AND @@SESSION.sql_log_bin, EXISTS"
                + " (SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?)")) {
            ps.setString(1, db);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && !rs.getBoolean(1) && !rs.getBoolean(2);
            }
        }
    }

    @Override
    public void forgetTables() {
        tables.forgetTables();
    }

    @Override
    public void forgetDatabase() {
        tables.forgetDatabase();
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
