package dev.packload.loader.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A schema of its own for one test: {@code pl_<hint>_<random hex>}, created on a {@link Server} by
 * {@link #create(Server)} and dropped by {@link #close()}. The hint is the calling test class's simple name unless given.
 *
 * <pre>{@code
 * try (TestDatabase db = TestDatabase.create(TestServers.local())) {
 *     db.execute("CREATE TABLE t (id INT PRIMARY KEY)");
 *     ... load into db.name() ...
 *     assertEquals(3, db.count("t"));
 * }
 * }</pre>
 */
public final class TestDatabase implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_HINT = 40; // names stay well below MySQL's 64 characters

    private final Server server;
    private final String name;
    private boolean closed;

    private TestDatabase(Server server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Creates a schema named after the calling test class. */
    public static TestDatabase create(Server server) {
        return create(server, callerHint());
    }

    /** Creates a schema {@code pl_<hint>_<random hex>}; the hint is reduced to [a-z0-9_]. */
    public static TestDatabase create(Server server, String hint) {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        String name = "pl_" + sanitize(hint) + "_" + HexFormat.of().formatHex(b);
        try (Connection c = server.connect(null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + quote(name) + " CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema " + name + " on " + server + ": " + e.getMessage(), e);
        }
        return new TestDatabase(server, name);
    }

    public String name() {
        return name;
    }

    public Server server() {
        return server;
    }

    /** jdbc:mysql://host:port/name */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** A new connection with this schema as the default database. */
    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    /** Runs each statement in order on one connection to this schema. */
    public void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** {@code SELECT COUNT(*)} of a table in this schema (or of {@code schema.table}, or a quoted name as is). */
    public long count(String table) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + qualified(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Whether a table (or view) of this name exists in this schema. */
    /** The first column of the first row of a query, as a string (null for NULL). */
    public String scalarString(String sql) throws SQLException {
        try (Connection c = connect(); java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row from: " + sql);
            }
            return rs.getString(1);
        }
    }

    /** The first column of the first row of a query, as a long (e.g. a COUNT). */
    public long scalar(String sql) throws SQLException {
        try (Connection c = connect(); java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row from: " + sql);
            }
            return rs.getLong(1);
        }
    }

    public boolean tableExists(String table) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, name);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /**
     * The {@code CHECKSUM TABLE} value of a table in this schema (or of {@code schema.table}), as a string; null when
     * the server returns NULL (no such table).
     */
    public String checksum(String table) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("CHECKSUM TABLE " + qualified(table))) {
            return rs.next() ? rs.getString(2) : null;
        }
    }

    /** Drops the schema. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (Connection c = server.connect(null); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + quote(name));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + name + " on " + server + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name + " on " + server;
    }

    private String qualified(String table) {
        if (table.startsWith("`")) {
            return table; // already quoted by the caller
        }
        int dot = table.indexOf('.');
        if (dot > 0) {
            return quote(table.substring(0, dot)) + "." + quote(table.substring(dot + 1));
        }
        return quote(name) + "." + quote(table);
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static String sanitize(String hint) {
        String h = hint == null ? "" : hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        h = h.replaceAll("^_+|_+$", "");
        if (h.length() > MAX_HINT) {
            h = h.substring(0, MAX_HINT);
        }
        return h.isEmpty() ? "test" : h;
    }

    private static String callerHint() {
        return StackWalker.getInstance()
                .walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                        .filter(n -> !n.equals(TestDatabase.class.getName()) && !n.equals(TestServers.class.getName()))
                        .findFirst())
                .map(n -> n.substring(n.lastIndexOf('.') + 1).replaceAll("\\$.*", ""))
                .orElse("test");
    }
}
