package dev.packload.loader.write;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * What one session knows of the server's tables and its current database: read once, kept until a statement may have
 * changed them. The one cache of {@link TableMeta} per session; only the thread that owns the session uses it.
 */
final class TableDescriptions {
    private final Connection connection;
    private final Map<String, TableMeta> tables = new HashMap<>();
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

    void forgetTables() {
        tables.clear();
    }

    void forgetDatabase() {
        databaseKnown = false;
        database = null;
        tables.clear(); // unqualified names resolved against the old database
    }
}
