package dev.packload.loader.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table's indexes as the server shows them: each index's definition is its line of {@code SHOW CREATE TABLE}, kept
 * as the server wrote it (prefix lengths, ASC/DESC, {@code USING BTREE|HASH}, comments, a fulltext parser, IGNORED or
 * INVISIBLE), so adding it back gives the same index; its columns come from {@code information_schema.STATISTICS}.
 * Also what constrains a deferral: the engine, the AUTO_INCREMENT column, and the columns of every foreign key on either
 * side of the table (the table's own, and those of its schema's tables that reference it).
 *
 * @param indexes     in the order {@code SHOW CREATE TABLE} lists them, which is the order the server keeps them in
 * @param foreignKeys the column lists an index of this table must start with, one per foreign key
 */
record TableIndexes(String schema, String table, String engine, List<Index> indexes, String autoIncrementColumn,
                    List<List<String>> foreignKeys) {

    /** The classes the server sorts indexes by: unique ones first (PRIMARY among them), then plain, then fulltext. */
    enum Kind { PRIMARY, UNIQUE, PLAIN, FULLTEXT }

    /** One index; {@code definition} is its SHOW CREATE TABLE line without the trailing comma. */
    record Index(String name, Kind kind, List<String> columns, String definition) {
        boolean startsWith(List<String> leading) {
            if (leading.isEmpty() || leading.size() > columns.size()) {
                return false;
            }
            for (int i = 0; i < leading.size(); i++) {
                if (!leading.get(i).equalsIgnoreCase(columns.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    boolean hasPrimaryKey() {
        return indexes.stream().anyMatch(i -> i.kind() == Kind.PRIMARY);
    }

    /** `schema`.`table` */
    String quotedName() {
        return quote(schema) + "." + quote(table);
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /**
     * Reads the table's indexes on {@code c}, a connection whose sql_mode quotes names with backticks.
     *
     * @throws SQLException when the table can't be read (it does not exist, or is another session's temporary table)
     */
    static TableIndexes read(Connection c, String schema, String table) throws SQLException {
        String create;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW CREATE TABLE " + quote(schema) + "." + quote(table))) {
            if (!rs.next() || rs.getMetaData().getColumnCount() < 2) {
                throw new SQLException(schema + "." + table + " is not a table");
            }
            create = rs.getString(2);
        }
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (String[] r : query(c, "SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX", schema, table)) {
            columns.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1] == null ? "" : r[1]);
        }
        List<Index> indexes = new ArrayList<>();
        String engine = "";
        for (String line : create.split("\n")) {
            String l = line.strip();
            if (l.endsWith(",")) {
                l = l.substring(0, l.length() - 1);
            }
            if (l.startsWith(") ENGINE=")) {
                engine = l.substring(9).split("[ ]", 2)[0];
                continue;
            }
            Index index = index(l, columns);
            if (index != null) {
                indexes.add(index);
            }
        }
        List<String[]> ai = query(c, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_NAME = ? AND EXTRA LIKE '%auto_increment%'", schema, table);
        // both sides of every foreign key in the schema that touches the table, as (constraint, side) -> columns
        Map<String, List<String>> fks = new LinkedHashMap<>();
        for (String[] r : query(c, "SELECT CONSTRAINT_NAME, TABLE_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA,"
                + " REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
                + " WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL AND (TABLE_NAME = ?"
                + " OR REFERENCED_TABLE_NAME = ?) ORDER BY CONSTRAINT_NAME, TABLE_NAME, ORDINAL_POSITION",
                schema, table, table)) {
            if (r[1].equals(table)) {
                fks.computeIfAbsent("own " + r[1] + "." + r[0], k -> new ArrayList<>()).add(r[2]);
            }
            if (schema.equals(r[3]) && table.equals(r[4])) {
                fks.computeIfAbsent("referenced by " + r[1] + "." + r[0], k -> new ArrayList<>()).add(r[5]);
            }
        }
        return new TableIndexes(schema, table, engine, List.copyOf(indexes), ai.isEmpty() ? null : ai.get(0)[0],
                fks.values().stream().map(List::copyOf).toList());
    }

    /** An index line of SHOW CREATE TABLE, or null for a column, a constraint or anything else. */
    static Index index(String line, Map<String, List<String>> columns) {
        Kind kind;
        String rest;
        if (line.startsWith("PRIMARY KEY ")) {
            return new Index("PRIMARY", Kind.PRIMARY, columns.getOrDefault("PRIMARY", List.of()), line);
        } else if (line.startsWith("UNIQUE KEY ")) {
            kind = Kind.UNIQUE;
            rest = line.substring(11);
        } else if (line.startsWith("FULLTEXT KEY ")) {
            kind = Kind.FULLTEXT;
            rest = line.substring(13);
        } else if (line.startsWith("SPATIAL KEY ")) {
            kind = Kind.PLAIN;
            rest = line.substring(12);
        } else if (line.startsWith("KEY ")) {
            kind = Kind.PLAIN;
            rest = line.substring(4);
        } else {
            return null;
        }
        String name = quotedName(rest);
        return name == null ? null : new Index(name, kind, List.copyOf(columns.getOrDefault(name, List.of())), line);
    }

    /** The backtick-quoted name at the start of {@code s}, unquoted; null if there is none. */
    private static String quotedName(String s) {
        if (!s.startsWith("`")) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '`') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '`') {
                    sb.append('`');
                    i++;
                } else {
                    return sb.toString();
                }
            } else {
                sb.append(ch);
            }
        }
        return null;
    }

    /** Whether the table is InnoDB, the engine whose index builds after the rows pay off (MyISAM has DISABLE KEYS). */
    boolean innoDb() {
        return engine.toLowerCase(Locale.ROOT).equals("innodb");
    }

    private static List<String[]> query(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                List<String[]> out = new ArrayList<>();
                while (rs.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }
}
