package dev.packload.loader.index;

import dev.packload.formats.sql.SqlWords;
import dev.packload.loader.fk.ForeignKey;

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
 * Also what constrains a deferral: the engine, the AUTO_INCREMENT column, and the columns of every foreign key on
 * either side of the table.
 *
 * @param indexes     in the order {@code SHOW CREATE TABLE} lists them, which is the order the server keeps them in
 * @param foreignKeys the column lists an index of this table must start with: one per foreign key of the table, and
 *                    one per foreign key known to reference it
 * @param references  what the table's own foreign keys reference
 */
record TableIndexes(String schema, String table, String engine, List<Index> indexes, String autoIncrementColumn,
                    List<List<String>> foreignKeys, List<Reference> references) {

    /** The referenced side of one of the table's foreign keys. */
    record Reference(String schema, String table, List<String> columns) {
    }

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
        return SqlWords.quoteIdentifier(identifier);
    }

    /**
     * Reads the table's indexes on {@code c}, a connection whose sql_mode quotes names with backticks. A table with no
     * index but its primary key costs one round trip, one without foreign keys no query that scans a schema.
     *
     * @param referencedBy the column lists that foreign keys known to reference the table point at
     * @throws SQLException when the table can't be read (it does not exist, or is another session's temporary table)
     */
    static TableIndexes read(Connection c, String schema, String table, List<List<String>> referencedBy)
            throws SQLException {
        String create;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW CREATE TABLE " + quote(schema) + "." + quote(table))) {
            if (!rs.next() || rs.getMetaData().getColumnCount() < 2) {
                throw new SQLException(schema + "." + table + " is not a table");
            }
            create = rs.getString(2);
        }
        List<String> lines = new ArrayList<>();
        String engine = "";
        boolean hasForeignKeys = false;
        for (String line : create.split("\n")) {
            String l = line.strip();
            if (l.endsWith(",")) {
                l = l.substring(0, l.length() - 1);
            }
            if (l.startsWith(") ENGINE=")) {
                engine = l.substring(9).split("[ ]", 2)[0];
            }
            hasForeignKeys |= l.startsWith("CONSTRAINT ") && l.contains(" FOREIGN KEY ");
            lines.add(l);
        }
        List<List<String>> foreignKeys = new ArrayList<>(referencedBy);
        List<Reference> references = new ArrayList<>();
        if (hasForeignKeys) {
            for (ForeignKey fk : ForeignKey.of(c, new ForeignKey.TableName(schema, table))) {
                Reference ref = new Reference(fk.parent().schema(), fk.parent().table(), fk.parentColumns());
                foreignKeys.add(fk.columns());
                references.add(ref);
                if (schema.equals(ref.schema()) && table.equals(ref.table())) {
                    foreignKeys.add(ref.columns()); // the table references itself
                }
            }
        }
        Map<String, List<String>> columns = new LinkedHashMap<>();
        String autoIncrement = null;
        if (lines.stream().anyMatch(l -> index(l, Map.of()) != null && !l.startsWith("PRIMARY KEY "))) {
            for (String[] r : query(c, "SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX", schema, table)) {
                columns.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1] == null ? "" : r[1]);
            }
            List<String[]> ai = query(c, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
                    + " AND TABLE_NAME = ? AND EXTRA LIKE '%auto_increment%'", schema, table);
            autoIncrement = ai.isEmpty() ? null : ai.get(0)[0];
        }
        List<Index> indexes = new ArrayList<>();
        for (String l : lines) {
            Index index = index(l, columns);
            if (index != null) {
                indexes.add(index);
            }
        }
        return new TableIndexes(schema, table, engine, List.copyOf(indexes), autoIncrement,
                foreignKeys.stream().map(List::copyOf).toList(), List.copyOf(references));
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
