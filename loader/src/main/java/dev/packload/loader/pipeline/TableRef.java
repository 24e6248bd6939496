package dev.packload.loader.pipeline;

import dev.packload.formats.sql.SqlWords;
import dev.packload.formats.sql.InsertHeader;
import dev.packload.loader.report.TableStats;

import java.util.List;

/**
 * An insert target as the input names it: schema (null = the session's current database), table, the explicit column
 * list if any, and the verb as written. Interned by the reader, so writers compare references.
 */
public record TableRef(String schema, String table, List<String> columns, InsertHeader.Verb verb, TableStats stats) {

    public String displayName() {
        return schema == null ? table : schema + "." + table;
    }

    /** The part of an INSERT that names the table and its columns, quoted: {@code `db`.`t` (`a`,`b`)}. */
    public String quotedTarget() {
        StringBuilder sb = new StringBuilder();
        if (schema != null) {
            sb.append(quote(schema)).append('.');
        }
        sb.append(quote(table));
        if (!columns.isEmpty()) {
            sb.append(" (");
            for (int i = 0; i < columns.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(quote(columns.get(i)));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    public String quotedTable() {
        return schema == null ? quote(table) : quote(schema) + "." + quote(table);
    }

    public static String quote(String identifier) {
        return SqlWords.quoteIdentifier(identifier);
    }
}
