package dev.packload.loader.write;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * A fake session that records every statement's exact bytes instead of sending them, and fails the test at once if
 * one would not fit the packet the way a server counts it. Can be told to refuse statements, like a server would.
 */
public final class RecordingSession implements SqlSession {
    private final PacketBudget budget;
    private final long maxAllowedPacket;
    private final List<byte[]> statements = Collections.synchronizedList(new ArrayList<>());
    private final Predicate<String> refuse;
    private int commits;
    /** When set, every statement is also added here as "name:text", in the order all sessions ran them. */
    private List<String> shared;
    private Connection connection;
    private TableDescriptions tables;
    /** A current database given by the test instead of read from a server. */
    private String database;
    private String slowMarker;
    private long slowMillis;
    private String name;
    private int refusalCode = 1062;
    private String refusalState = "23000";
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());
    /** Whether every DROP TABLE IF EXISTS is said to change nothing, as on a server without the table or a binlog. */
    private boolean dropsChangeNothing;

    public RecordingSession(long maxAllowedPacket) {
        this(maxAllowedPacket, 0, s -> false);
    }

    /** @param refuse statements for which this returns true fail with ERROR 1062 (a data error) */
    public RecordingSession(long maxAllowedPacket, long userCap, Predicate<String> refuse) {
        this.maxAllowedPacket = maxAllowedPacket;
        this.budget = PacketBudget.negotiate(maxAllowedPacket, maxAllowedPacket, 1, userCap);
        this.refuse = refuse;
    }

    /** A real connection for what a writer reads from the server (its current database); statements stay recorded. */
    public RecordingSession withConnection(Connection connection) {
        this.connection = connection;
        this.tables = new TableDescriptions(connection);
        return this;
    }

    /** A current database for the writer, with no server behind it (the session never reads tables then). */
    public RecordingSession withDatabase(String database) {
        this.database = database;
        return this;
    }

    /** Says of every DROP TABLE IF EXISTS that it would change nothing (no such table, no binary log). */
    public RecordingSession leavingOutDrops() {
        this.dropsChangeNothing = true;
        return this;
    }

    @Override
    public boolean dropIfExistsChangesNothing(String schema, String table) {
        return dropsChangeNothing;
    }

    /** Refused statements fail with this error instead of ERROR 1062, e.g. 1213 (40001), a deadlock. */
    public RecordingSession refusingWith(int code, String sqlState) {
        this.refusalCode = code;
        this.refusalState = sqlState;
        return this;
    }

    /** The statements refused, in order, as text. */
    public List<String> refusedTexts() {
        synchronized (refused) {
            return List.copyOf(refused);
        }
    }

    /** Makes statements that contain {@code marker} take {@code millis} before they are recorded (races in tests). */
    public RecordingSession slowOn(String marker, long millis) {
        this.slowMarker = marker;
        this.slowMillis = millis;
        return this;
    }

    /** Also records every statement in {@code log}, shared with other sessions, as "name:text". */
    public RecordingSession logTo(List<String> log, String name) {
        this.shared = log;
        this.name = name;
        return this;
    }

    @Override
    public PacketBudget budget() {
        return budget;
    }

    @Override
    public long serverVersion() {
        return 101119;
    }

    @Override
    public long execute(StatementBuffer statement) throws SQLException {
        int payload = statement.headerBytes() + statement.length();
        if (payload >= maxAllowedPacket || statement.length() > budget.statementBytes()) {
            throw new AssertionError("statement of " + statement.length() + " bytes (payload " + payload
                    + ") does not fit max_allowed_packet " + maxAllowedPacket);
        }
        byte[] sql = Arrays.copyOfRange(statement.array(), statement.headerBytes(),
                statement.headerBytes() + statement.length());
        return record(sql);
    }

    @Override
    public long execute(String sql) throws SQLException {
        return record(sql.getBytes(StandardCharsets.UTF_8));
    }

    private long record(byte[] sql) throws SQLException {
        String text = new String(sql, StandardCharsets.ISO_8859_1);
        if (refuse.test(text)) {
            refused.add(text);
            throw new SQLException(refusalCode == 1062 ? "Duplicate entry" : "refused with " + refusalCode,
                    refusalState, refusalCode);
        }
        if (slowMarker != null && new String(sql, StandardCharsets.ISO_8859_1).contains(slowMarker)) {
            try {
                Thread.sleep(slowMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        statements.add(sql);
        if (shared != null) {
            shared.add(name + ":" + new String(sql, StandardCharsets.ISO_8859_1));
        }
        return 1;
    }

    public List<byte[]> statements() {
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }

    public List<String> statementTexts() {
        return statements().stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }

    public synchronized int commits() {
        return commits;
    }

    @Override
    public int warningCount() {
        return 0;
    }

    @Override
    public synchronized void commit() {
        commits++;
    }

    @Override
    public void rollback() {
    }

    @Override
    public String currentDatabase() throws SQLException {
        return database != null ? database : descriptions().currentDatabase();
    }

    @Override
    public TableMeta describe(String schema, String table) throws SQLException {
        if (tables == null) { // as a server without the table answers: the writer goes on without its description
            throw new SQLException("Table '" + schema + "." + table + "' doesn't exist (no server behind the "
                    + "recording session)", "42S02", 1146);
        }
        return descriptions().describe(schema, table);
    }

    @Override
    public void forgetTables() {
        if (tables != null) {
            tables.forgetTables();
        }
    }

    @Override
    public void forgetDatabase() {
        if (tables != null) {
            tables.forgetDatabase();
        }
    }

    private TableDescriptions descriptions() {
        if (tables == null) {
            throw new UnsupportedOperationException("the recording session has no JDBC connection");
        }
        return tables;
    }

    @Override
    public Connection connection() {
        if (connection == null) {
            throw new UnsupportedOperationException("the recording session has no JDBC connection");
        }
        return connection;
    }

    @Override
    public void close() {
    }
}
