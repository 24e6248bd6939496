package dev.packload.loader.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;

/**
 * A MySQL or MariaDB server that integration tests can use, obtained from {@link TestServers}. Connections go through
 * Connector/J as the given user.
 */
public final class Server {
    private final String label;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private volatile String version;

    Server(String label, String host, int port, String user, String password) {
        this.label = label;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password == null ? "" : password;
    }

    /** Short description for messages, e.g. "local", "embedded [--max-allowed-packet=1M]", "mysql:8.4". */
    public String label() {
        return label;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** jdbc:mysql://host:port/db without parameters ({@code db} may be null). */
    public String jdbcUrl(String db) {
        return "jdbc:mysql://" + host + ":" + port + "/" + (db == null ? "" : db);
    }

    /** A new connection, to {@code db} or to no database when it is null. */
    public Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(db), connectionProperties(10_000));
    }

    Properties connectionProperties(int connectTimeoutMillis) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", String.valueOf(connectTimeoutMillis));
        p.setProperty("allowPublicKeyRetrieval", "true"); // MySQL 8.4 caching_sha2_password without TLS
        return p;
    }

    /** {@code SELECT VERSION()}, e.g. "11.4.5-MariaDB" or "8.4.7"; asked once. */
    public String version() {
        String v = version;
        if (v == null) {
            try (Connection c = connect(null); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT VERSION()")) {
                rs.next();
                v = rs.getString(1);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot ask " + this + " for its version: " + e.getMessage(), e);
            }
            version = v;
        }
        return v;
    }

    public boolean isMariaDb() {
        return version().toLowerCase(Locale.ROOT).contains("mariadb");
    }

    @Override
    public String toString() {
        return label + " server at " + host + ":" + port;
    }
}
