package dev.packload.loader.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A target table as {@code information_schema} describes it: columns in order with their types and character sets,
 * the keys that identify one row (primary key and NOT NULL unique keys), and its storage engine, with whether that
 * engine has transactions (the server's own word, {@code information_schema.ENGINES.TRANSACTIONS}: MyISAM, Aria,
 * MEMORY and the like have none, so rows sent to them stay even when their transaction is never committed).
 */
public record TableMeta(String schema, String table, List<Column> columns, List<Key> keys, TableEngine engine) {

    private static final Set<String> BINARY_TYPES = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob",
            "longblob");
    private static final Set<String> TEXT_TYPES = Set.of("char", "varchar", "tinytext", "text", "mediumtext",
            "longtext", "json", "enum", "set");

    public record Column(String name, String dataType, String charset, boolean nullable, boolean generated) {
        /** A binary string column: values are stored byte for byte. */
        public boolean isBinary() {
            return BINARY_TYPES.contains(dataType);
        }

        /** A character string column: values are text in {@link #charset()}. */
        public boolean isText() {
            return TEXT_TYPES.contains(dataType) || (charset != null && !"binary".equals(charset) && !isBinary()
                    && (dataType.endsWith("text") || dataType.endsWith("char")));
        }

        /** Can take a value in chunks with CONCAT: a string or binary column of unbounded kind. */
        public boolean isAppendable() {
            return isBinary() || (isText() && !"enum".equals(dataType) && !"set".equals(dataType));
        }
    }

    /** A key that identifies one row: columns in order; {@code prefixed} when a column is indexed by a prefix only. */
    public record Key(String name, boolean primary, List<String> columns, boolean prefixed) {
    }

    /**
     * The tables of {@code schema} whose engine has no transactions, as "name (ENGINE)", in name order: what a resumed
     * load can't vouch for.
     */
    public static List<String> nonTransactionalTables(Connection c, String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        eachRow(c, "SELECT t.TABLE_NAME, t.ENGINE FROM information_schema.TABLES t JOIN information_schema.ENGINES e "
                + "ON e.ENGINE = t.ENGINE WHERE t.TABLE_SCHEMA = ? AND e.TRANSACTIONS = 'NO' ORDER BY t.TABLE_NAME",
                rs -> names.add(rs.getString(1) + " (" + rs.getString(2) + ")"), schema);
        return names;
    }

    public Column column(String name) {
        for (Column c : columns) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    /** Names of the columns an INSERT without a column list must give values for, in order. */
    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** Names of the columns an ON DUPLICATE KEY UPDATE may set (not generated). */
    public List<String> writableColumnNames() {
        return columns.stream().filter(c -> !c.generated()).map(Column::name).toList();
    }

    /**
     * Reads a table's description. {@code schema} null means the connection's current database.
     *
     * @throws SQLException when the table does not exist (SQLState 42S02, error 1146)
     */
    public static TableMeta load(Connection c, String schema, String table) throws SQLException {
        String db = schema;
        if (db == null) {
            try (java.sql.Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT DATABASE()")) {
                rs.next();
                db = rs.getString(1);
            }
            if (db == null) {
                throw new SQLException("No database selected: give -D/--database or a USE statement", "3D000", 1046);
            }
        }
        // one round trip: columns (part 0), the keys that identify a row (1), engine (2); a loader of many small
        // tables describes each one, and three queries a table were three round trips a table
        List<Column> columns = new ArrayList<>();
        Map<String, List<String>> keyCols = new LinkedHashMap<>();
        Map<String, Boolean> prefixed = new LinkedHashMap<>();
        // a view, or an engine the server does not list, has no engine answer: nothing to warn about
        String[] engine = {null, "YES"};
        eachRow(c, "SELECT 0 AS part, 0 AS k1, '' AS k2, ORDINAL_POSITION AS ord, COLUMN_NAME AS a, DATA_TYPE AS b,"
                + " CHARACTER_SET_NAME AS c, IS_NULLABLE AS d, EXTRA AS e FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                + " UNION ALL SELECT 1, INDEX_NAME <> 'PRIMARY', INDEX_NAME, SEQ_IN_INDEX, INDEX_NAME, COLUMN_NAME,"
                + " CAST(SUB_PART AS CHAR), NULL, NULL FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_NAME = ? AND NON_UNIQUE = 0"
                + " UNION ALL SELECT 2, 0, '', 0, t.ENGINE, e.TRANSACTIONS, NULL, NULL, NULL FROM information_schema.TABLES"
                + " t LEFT JOIN information_schema.ENGINES e ON e.ENGINE = t.ENGINE WHERE t.TABLE_SCHEMA = ?"
                + " AND t.TABLE_NAME = ? ORDER BY part, k1, k2, ord", rs -> {
                    switch (rs.getInt(1)) {
                        case 0 -> {
                            String extra = rs.getString(9) == null ? "" : rs.getString(9).toUpperCase(Locale.ROOT);
                            columns.add(new Column(rs.getString(5), rs.getString(6).toLowerCase(Locale.ROOT),
                                    rs.getString(7), "YES".equals(rs.getString(8)),
                                    extra.contains("GENERATED") || extra.contains("VIRTUAL")
                                            || extra.contains("PERSISTENT") || extra.contains("STORED")));
                        }
                        case 1 -> {
                            String index = rs.getString(5);
                            keyCols.computeIfAbsent(index, k -> new ArrayList<>()).add(rs.getString(6));
                            prefixed.merge(index, rs.getString(7) != null, Boolean::logicalOr);
                        }
                        default -> {
                            engine[0] = rs.getString(5);
                            engine[1] = rs.getString(6);
                        }
                    }
                }, db, table, db, table, db, table);
        if (columns.isEmpty()) {
            throw new SQLException("Table '" + db + "." + table + "' doesn't exist", "42S02", 1146);
        }
        List<Key> keys = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : keyCols.entrySet()) {
            keys.add(new Key(e.getKey(), "PRIMARY".equals(e.getKey()), List.copyOf(e.getValue()), prefixed.get(e.getKey())));
        }
        return new TableMeta(db, table, List.copyOf(columns), List.copyOf(keys), TableEngine.of(engine[0], engine[1]));
    }

    /** Reads one row of a query's result. */
    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} with {@code params} for its placeholders and hands each row to {@code reader}. */
    private static void eachRow(Connection c, String sql, RowReader reader, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }
}
