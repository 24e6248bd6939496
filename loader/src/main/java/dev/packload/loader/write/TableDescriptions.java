package dev.packload.loader.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one session knows of the server's tables and its current database: read once, kept until a statement may have
 * changed them. The one cache of {@link TableMeta} per session; only the thread that owns the session uses it.
 */
final class TableDescriptions {
    private final Connection connection;
    private final Map<String, TableMeta> tables = new HashMap<>();
    private final Map<String, TableEngine> engines = new HashMap<>();
    /** Each engine the server lists, in upper case, with its {@code ENGINES.TRANSACTIONS}: read once. */
    private Map<String, String> transactions;
    private String database;
    private boolean databaseKnown;

    TableDescriptions(Connection connection) {
        this.connection = connection;
    }

    /** The session's current database, null before any USE; read once until {@link #forgetDatabase}. */
    String currentDatabase() throws SQLException {
        if (!databaseKnown) {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT DATABASE()")) {
                rs.next();
                database = rs.getString(1);
            }
            databaseKnown = true;
        }
        return database;
    }

    /** The table as the server describes it ({@code schema} null: the current database); a failure is not kept. */
    TableMeta describe(String schema, String table) throws SQLException {
        String key = (schema == null ? "" : schema) + "\u0000" + table;
        TableMeta m = tables.get(key);
        if (m == null) {
            m = TableMeta.load(connection, schema == null ? currentDatabase() : schema, table);
            tables.put(key, m);
        }
        return m;
    }

    /**
     * The table's engine ({@code schema} null: the current database), from its description when that was read, else
     * by asking only for the engine: {@code information_schema.COLUMNS} and {@code STATISTICS} cost this server 0.33
     * ms of CPU a table, the engine alone 0.02 ms, and a load of many small tables whose rows go as text asks this of
     * each (benchmark shape (c): 1,000 tables, 0.3 server CPU-s).
     */
    TableEngine engine(String schema, String table) throws SQLException {
        String key = (schema == null ? "" : schema) + "\u0000" + table;
        TableMeta m = tables.get(key);
        if (m != null) {
            return m.engine();
        }
        TableEngine e = engines.get(key);
        if (e != null) {
            return e;
        }
        String db = schema == null ? currentDatabase() : schema;
        if (db == null) {
            return TableEngine.NONE;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT ENGINE FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, db);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return TableEngine.NONE; // not there (yet): not kept, as a failed description is not
                }
                String name = rs.getString(1); // null for a view
                e = TableEngine.of(name, name == null ? null : transactions().get(name.toUpperCase(Locale.ROOT)));
            }
        }
        engines.put(key, e);
        return e;
    }

    private Map<String, String> transactions() throws SQLException {
        if (transactions == null) {
            Map<String, String> t = new HashMap<>();
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT ENGINE, TRANSACTIONS FROM information_schema.ENGINES")) {
                while (rs.next()) {
                    t.put(rs.getString(1).toUpperCase(Locale.ROOT), rs.getString(2));
                }
            }
            transactions = t;
        }
        return transactions;
    }

    void forgetTables() {
        tables.clear();
        engines.clear();
    }

    void forgetDatabase() {
        databaseKnown = false;
        database = null;
        tables.clear(); // unqualified names resolved against the old database
        engines.clear();
    }
}
