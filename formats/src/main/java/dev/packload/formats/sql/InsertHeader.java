package dev.packload.formats.sql;

import java.util.List;

/**
 * The head of a row insert: {@code INSERT [IGNORE] INTO `db`.`t` (`a`,`b`) VALUES}.
 *
 * <p>The priority modifiers {@code LOW_PRIORITY}, {@code DELAYED} and {@code HIGH_PRIORITY} are accepted and not
 * kept.
 *
 * @param verb        INSERT, INSERT IGNORE or REPLACE as written
 * @param schema      the schema named in the statement, unquoted, or null when not qualified
 * @param table       the table name, unquoted
 * @param columns     the column names of an explicit column list, unquoted, or an empty list when there is none
 */
public record InsertHeader(Verb verb, String schema, String table, List<String> columns) {

    public enum Verb { INSERT, INSERT_IGNORE, REPLACE }

    public boolean hasColumnList() {
        return !columns.isEmpty();
    }
}
