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

    /** The verb of a row insert: the one definition the reader, the writers and {@code --on-duplicate} share. */
    public enum Verb {
        INSERT("INSERT"),
        INSERT_IGNORE("INSERT IGNORE"),
        REPLACE("REPLACE");

        private final String sql;

        Verb(String sql) {
            this.sql = sql;
        }

        /** The verb as a statement spells it. */
        public String sql() {
            return sql;
        }

        /** Whether a row whose key exists is skipped (with a warning) instead of refused or replaced. */
        public boolean ignoresDuplicates() {
            return this == INSERT_IGNORE;
        }
    }

    public boolean hasColumnList() {
        return !columns.isEmpty();
    }
}
