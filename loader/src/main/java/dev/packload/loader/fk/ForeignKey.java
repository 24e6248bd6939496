package dev.packload.loader.fk;

import dev.packload.formats.sql.SqlWords;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One foreign key as the server lists it ({@code information_schema.KEY_COLUMN_USAGE}): the child table and columns,
 * the parent table and the columns they reference, in the key's order.
 */
public record ForeignKey(String name, TableName child, List<String> columns, TableName parent,
                         List<String> parentColumns) {

    /** A table by database and name. */
    public record TableName(String schema, String table) {
        /** {@code `db`.`t`}. */
        public String quoted() {
            return SqlWords.quoteIdentifier(schema) + "." + SqlWords.quoteIdentifier(table);
        }

        @Override
        public String toString() {
            return quoted();
        }
    }

    /** The foreign keys of {@code table} (its child side), in name order. */
    public static List<ForeignKey> of(Connection c, TableName table) throws SQLException {
        Map<String, List<String[]>> byName = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, "
                + "REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE "
                + "TABLE_SCHEMA = ? AND TABLE_NAME = ? AND REFERENCED_TABLE_NAME IS NOT NULL "
                + "ORDER BY CONSTRAINT_NAME, ORDINAL_POSITION")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byName.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new String[] {
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
                }
            }
        }
        List<ForeignKey> keys = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> e : byName.entrySet()) {
            List<String> cols = new ArrayList<>();
            List<String> parentCols = new ArrayList<>();
            for (String[] r : e.getValue()) {
                cols.add(r[0]);
                parentCols.add(r[3]);
            }
            String[] first = e.getValue().get(0);
            keys.add(new ForeignKey(e.getKey(), table, List.copyOf(cols), new TableName(first[1], first[2]),
                    List.copyOf(parentCols)));
        }
        return keys;
    }

    /** The tables with a foreign key that references {@code parent} ({@code parent} itself too, if it does). */
    public static List<TableName> referencing(Connection c, TableName parent) throws SQLException {
        List<TableName> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT TABLE_SCHEMA, TABLE_NAME FROM "
                + "information_schema.KEY_COLUMN_USAGE WHERE REFERENCED_TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME = ? "
                + "ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
            ps.setString(1, parent.schema());
            ps.setString(2, parent.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(new TableName(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return tables;
    }

    /**
     * {@code FROM child c LEFT JOIN parent p ON p.x = c.a AND … WHERE c.a IS NOT NULL AND … AND p.x IS NULL}: the
     * child rows the server would refuse. MATCH SIMPLE, the only kind InnoDB enforces: a row with a NULL in any of
     * the key's columns is not checked.
     */
    String orphansFrom() {
        StringBuilder on = new StringBuilder();
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            String c = "c." + SqlWords.quoteIdentifier(columns.get(i));
            String p = "p." + SqlWords.quoteIdentifier(parentColumns.get(i));
            on.append(i == 0 ? "" : " AND ").append(p).append(" = ").append(c);
            where.append(c).append(" IS NOT NULL AND ");
        }
        where.append("p.").append(SqlWords.quoteIdentifier(parentColumns.get(0))).append(" IS NULL");
        return " FROM " + child.quoted() + " c LEFT JOIN " + parent.quoted() + " p ON " + on + " WHERE " + where;
    }

    /** As the server's error 1452 describes the key: {@code CONSTRAINT `fk` FOREIGN KEY (`a`) REFERENCES `p` (`x`)}. */
    public String describe() {
        return "CONSTRAINT " + SqlWords.quoteIdentifier(name) + " FOREIGN KEY (" + list(columns) + ") REFERENCES "
                + parent.quoted() + " (" + list(parentColumns) + ")";
    }

    private static String list(List<String> names) {
        return String.join(", ", names.stream().map(SqlWords::quoteIdentifier).toList());
    }
}
