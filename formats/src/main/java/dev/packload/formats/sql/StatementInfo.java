package dev.packload.formats.sql;

/**
 * What a statement is about, read from its first keywords (through comments and versioned comments): the database it
 * selects or creates, the table, view or trigger it defines, or the session state it sets. The one classifier of
 * statements: enough to filter tables, redirect a dump into another database, separate schema from data, follow
 * {@code sql_mode}, and tell which statements every connection must run and which packload manages itself.
 *
 * @param kind   what the statement does
 * @param schema the database named (USE, CREATE DATABASE) or qualifying the object, or null
 * @param name   the table, view, trigger or routine named, or null
 * @param table  the table a statement concerns: the object itself for tables, the ON table for triggers, else null
 */
public record StatementInfo(Kind kind, String schema, String name, String table) {

    public enum Kind {
        USE, CREATE_DATABASE, DROP_DATABASE,
        /**
         * CREATE/DROP/ALTER/TRUNCATE TABLE, RENAME TABLE, CREATE INDEX ... ON; also a LOCK statement on something
         * other than tables ({@code LOCK INSTANCE FOR BACKUP}), whose third word is then taken for the table.
         */
        TABLE_DDL,
        VIEW_DDL, TRIGGER_DDL, ROUTINE_DDL, EVENT_DDL,
        /** {@code LOCK TABLE[S] t ...}: names its first table. */
        LOCK_TABLES,
        /** {@code UNLOCK TABLE[S]}. */
        UNLOCK_TABLES,
        /** {@code SET ...} of session state: variables, {@code NAMES}, {@code sql_mode}... */
        SET,
        /** {@code SET GLOBAL}, {@code PERSIST} or {@code PERSIST_ONLY}, or {@code SET @@GLOBAL.x}. */
        SET_GLOBAL,
        /** {@code SET autocommit}, {@code @@autocommit} or {@code @@SESSION.autocommit}. */
        SET_AUTOCOMMIT,
        /** COMMIT, ROLLBACK but not ROLLBACK TO, START TRANSACTION, and BEGIN or BEGIN WORK (not BEGIN NOT ATOMIC). */
        TRANSACTION,
        /** Rows: INSERT ... SELECT, INSERT ... SET, LOAD DATA, an INSERT form that is not re-batched. */
        DATA,
        OTHER;

        /** Any of the SET kinds. */
        public boolean isSet() {
            return this == SET || this == SET_GLOBAL || this == SET_AUTOCOMMIT;
        }
    }

    /**
     * True for statements that define objects rather than load data or set session state; LOCK TABLES counts with
     * the tables it names, so table filters and schema-only or data-only loads treat it as they treat its table.
     */
    public boolean isSchema() {
        return switch (kind) {
            case CREATE_DATABASE, DROP_DATABASE, TABLE_DDL, VIEW_DDL, TRIGGER_DDL, ROUTINE_DDL, EVENT_DDL, LOCK_TABLES ->
                    true;
            default -> false;
        };
    }

    /** Classifies the statement {@code b[off, off + len)}. */
    public static StatementInfo of(byte[] b, int off, int len) {
        SqlWords t = new SqlWords(b, off, off + len);
        String w = t.word();
        switch (w) {
            case "USE":
                return new StatementInfo(Kind.USE, t.identifier(), null, null);
            case "INSERT":
            case "REPLACE":
            case "LOAD":
                return of(Kind.DATA);
            case "SET":
                return of(set(t));
            case "LOCK": {
                String second = t.word();
                String[] q = t.qualified();
                Kind k = second.equals("TABLES") || second.equals("TABLE") ? Kind.LOCK_TABLES : Kind.TABLE_DDL;
                return new StatementInfo(k, q[0], q[1], q[1]);
            }
            case "UNLOCK": {
                String second = t.word();
                return of(second.equals("TABLES") || second.equals("TABLE") ? Kind.UNLOCK_TABLES : Kind.OTHER);
            }
            case "COMMIT":
            case "ROLLBACK":
                return of(t.word().equals("TO") ? Kind.OTHER : Kind.TRANSACTION);
            case "START":
                return of(t.word().equals("TRANSACTION") ? Kind.TRANSACTION : Kind.OTHER);
            case "BEGIN": {
                String second = t.word();
                return of(second.isEmpty() || second.equals("WORK") ? Kind.TRANSACTION : Kind.OTHER);
            }
            case "TRUNCATE":
            case "RENAME":
            case "ALTER":
            case "DROP":
            case "CREATE":
                return ddl(w, t);
            default:
                return of(Kind.OTHER);
        }
    }

    private static StatementInfo of(Kind kind) {
        return new StatementInfo(kind, null, null, null);
    }

    /** After SET: whose state it sets. */
    private static Kind set(SqlWords t) {
        if (t.startsWithIgnoreCase("@@GLOBAL.")) {
            return Kind.SET_GLOBAL;
        }
        if (t.startsWithIgnoreCase("@@AUTOCOMMIT") || t.startsWithIgnoreCase("@@SESSION.AUTOCOMMIT")) {
            return Kind.SET_AUTOCOMMIT;
        }
        String second = t.word();
        if (second.equals("GLOBAL") || second.equals("PERSIST") || second.equals("PERSIST_ONLY")) {
            return Kind.SET_GLOBAL;
        }
        return second.equals("AUTOCOMMIT") ? Kind.SET_AUTOCOMMIT : Kind.SET;
    }

    private static StatementInfo ddl(String verb, SqlWords t) {
        String w = t.word();
        // CREATE OR REPLACE / ALGORITHM=... / DEFINER=... / SQL SECURITY ... / TEMPORARY / IGNORE / ONLINE / ...
        while (!w.isEmpty() || !t.atEnd()) {
            switch (w) {
                case "DATABASE":
                case "SCHEMA": {
                    t.ifExistsClause();
                    Kind k = verb.equals("DROP") ? Kind.DROP_DATABASE
                            : verb.equals("CREATE") ? Kind.CREATE_DATABASE : Kind.OTHER;
                    return new StatementInfo(k, t.identifier(), null, null);
                }
                case "TABLE":
                case "TABLES": {
                    t.ifExistsClause();
                    String[] q = t.qualified();
                    return new StatementInfo(Kind.TABLE_DDL, q[0], q[1], q[1]);
                }
                case "VIEW": {
                    t.ifExistsClause();
                    String[] q = t.qualified();
                    return new StatementInfo(Kind.VIEW_DDL, q[0], q[1], q[1]);
                }
                case "TRIGGER": {
                    t.ifExistsClause();
                    String[] q = t.qualified();
                    String on = null;
                    String x;
                    while (!(x = t.wordOrSkip()).isEmpty() || !t.atEnd()) {
                        if (x.equals("ON")) {
                            on = t.qualified()[1];
                            break;
                        }
                    }
                    return new StatementInfo(Kind.TRIGGER_DDL, q[0], q[1], on);
                }
                case "PROCEDURE":
                case "FUNCTION": {
                    t.ifExistsClause();
                    String[] q = t.qualified();
                    return new StatementInfo(Kind.ROUTINE_DDL, q[0], q[1], null);
                }
                case "EVENT": {
                    t.ifExistsClause();
                    String[] q = t.qualified();
                    return new StatementInfo(Kind.EVENT_DDL, q[0], q[1], null);
                }
                case "INDEX":
                case "UNIQUE":
                case "FULLTEXT":
                case "SPATIAL": {
                    String x;
                    while (!(x = t.wordOrSkip()).isEmpty() || !t.atEnd()) {
                        if (x.equals("ON")) {
                            String[] q = t.qualified();
                            return new StatementInfo(Kind.TABLE_DDL, q[0], q[1], q[1]);
                        }
                    }
                    return of(Kind.OTHER);
                }
                default:
                    w = t.wordOrSkip();
            }
        }
        return of(Kind.OTHER);
    }
}
