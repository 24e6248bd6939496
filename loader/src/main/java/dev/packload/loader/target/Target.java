package dev.packload.loader.target;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where rows go: a MySQL or MariaDB server reached with Connector/J. Built from {@code --url} or from host, port,
 * user and database. The password is kept out of {@link #toString()}, the URL and every message.
 */
public final class Target {
    private final String url;
    private final String user;
    private final char[] password;
    private final String database;
    private final String label;
    private final Map<String, String> properties;

    private Target(String url, String user, char[] password, String database, String label,
                   Map<String, String> properties) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.database = database;
        this.label = label;
        this.properties = Map.copyOf(properties);
    }

    private Target(String url, String user, char[] password, String database, String label) {
        this(url, user, password, database, label, Map.of());
    }

    public static Target of(String host, int port, String user, char[] password, String database) {
        String url = "jdbc:mysql://" + host + ":" + port + "/"; // the database is selected after connecting
        return new Target(url, user, password, database, user + "@" + host + ":" + port
                + (database == null ? "" : "/" + database));
    }

    /**
     * A server on this machine reached through its Unix socket file, as the mysql client reaches {@code localhost}:
     * no TCP, and no TLS (see {@link UnixSocketFactory}).
     */
    public static Target ofSocket(java.nio.file.Path socket, String user, char[] password, String database) {
        return new Target("jdbc:mysql://localhost/", user, password, database, user + "@localhost via " + socket
                + (database == null ? "" : "/" + database), Map.of("socketFactory", UnixSocketFactory.class.getName(),
                "namedPipePath", socket.toString(), "sslMode", "DISABLED"));
    }

    public static Target ofUrl(String jdbcUrl, String user, char[] password, String database) {
        if (!jdbcUrl.startsWith("jdbc:mysql:") && !jdbcUrl.startsWith("jdbc:mariadb:")) {
            throw new IllegalArgumentException("--url must be a jdbc:mysql:// URL, got: " + redact(jdbcUrl));
        }
        String url = jdbcUrl.startsWith("jdbc:mariadb:") ? "jdbc:mysql:" + jdbcUrl.substring("jdbc:mariadb:".length()) : jdbcUrl;
        return new Target(url, user, password, database, redact(url));
    }

    /** Removes any password=... parameter from a URL for display. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }

    public String database() {
        return database;
    }

    /**
     * Another server (a replica of this one) reached as this one is, by TCP: the same user, password and driver
     * properties, no default database.
     */
    public Target atHost(String host, int port) {
        Map<String, String> p = new HashMap<>(properties);
        p.remove("socketFactory");
        p.remove("namedPipePath");
        p.remove("sslMode");
        return new Target("jdbc:mysql://" + host + ":" + port + "/", user, password, null, user + "@" + host + ":" + port,
                p);
    }

    /** The same server and user, with no default database. */
    public Target withoutDatabase() {
        return new Target(url, user, password, null, label, properties);
    }

    /**
     * The same target with the client-side packet limit of the mysql client's {@code max_allowed_packet}: Connector/J's
     * {@code maxAllowedPacket}, which the statement budget never exceeds (see {@code PacketBudget}).
     */
    public Target withMaxAllowedPacket(long bytes) {
        if (bytes < 1024 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("max_allowed_packet must be between 1K and 2G-1 bytes, got " + bytes);
        }
        Map<String, String> p = new HashMap<>(properties);
        p.put("maxAllowedPacket", Long.toString(bytes));
        return new Target(url, user, password, database, label, p);
    }

    /** Opens a connection tuned for bulk loading. */
    public Connection connect() throws SQLException {
        return connect(Map.of());
    }

    /** Opens a connection tuned for bulk loading, with extra Connector/J properties. */
    public Connection connect(Map<String, String> extra) throws SQLException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", new String(password));
        }
        p.setProperty("characterEncoding", "UTF-8");
        p.setProperty("connectionCollation", "utf8mb4_general_ci");
        p.setProperty("jdbcCompliantTruncation", "false");
        p.setProperty("rewriteBatchedStatements", "false");
        p.setProperty("useServerPrepStmts", "false");
        p.setProperty("allowLoadLocalInfile", "false");
        p.setProperty("tcpKeepAlive", "true");
        // real affected-row counts (not "found rows"): INSERT IGNORE of a duplicate must report 0
        p.setProperty("useAffectedRows", "true");
        // commit() and rollback() ask the server's status flags (from every OK packet) whether a transaction is open,
        // and send nothing when none is: after DDL, which commits by itself, that saves a round trip each
        p.setProperty("useLocalTransactionState", "true");
        p.setProperty("sslMode", System.getProperty("packload.sslMode", "PREFERRED"));
        p.setProperty("allowPublicKeyRetrieval", "true");
        p.setProperty("connectTimeout", "15000");
        properties.forEach(p::setProperty);
        extra.forEach(p::setProperty);
        Connection c = DriverManager.getConnection(url, p);
        if (database != null) {
            c.setCatalog(database);
        }
        return c;
    }

    @Override
    public String toString() {
        return label;
    }
}
