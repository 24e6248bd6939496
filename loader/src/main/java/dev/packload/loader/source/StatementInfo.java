package dev.packload.loader.source;

import dev.packload.formats.sql.SqlWords;


/**
 * What an ordered statement is about, read from its first keywords (through comments and versioned comments): the
 * database it selects or creates, or the table, view or trigger it defines. Enough to filter tables, redirect a dump
 * into another database, and separate schema from data.
 *
 * @param kind   what the statement does
 * @param schema the database named (USE, CREATE DATABASE) or qualifying the object, or null
 * @param name   the table, view, trigger or routine named, or null
 * @param table  the table a statement concerns: the object itself for tables, the ON table for triggers, else null
 */
public record StatementInfo(Kind kind, String schema, String name, String table) {

    public enum Kind {
        USE, CREATE_DATABASE, DROP_DATABASE,
        /** CREATE/DROP/ALTER/TRUNCATE TABLE, RENAME TABLE, LOCK TABLES... */
        TABLE_DDL,
        VIEW_DDL, TRIGGER_DDL, ROUTINE_DDL, EVENT_DDL,
        /** SET ... (session or global). */
        SET,
        /** Rows: INSERT ... SELECT, INSERT ... SET, LOAD DATA, an INSERT form that is not re-batched. */
        DATA,
        OTHER
    }

    /** True for statements that define objects rather than load data or set session state. */
    public boolean isSchema() {
        return switch (kind) {
            case CREATE_DATABASE, DROP_DATABASE, TABLE_DDL, VIEW_DDL, TRIGGER_DDL, ROUTINE_DDL, EVENT_DDL -> true;
            default -> false;
        };
    }

    public static StatementInfo of(byte[] b, int off, int len) {
        SqlWords t = new SqlWords(b, off, off + len);
        String w = t.word();
        switch (w) {
            case "USE":
                return new StatementInfo(Kind.USE, t.identifier(), null, null);
            case "INSERT":
            case "REPLACE":
            case "LOAD":
                return new StatementInfo(Kind.DATA, null, null, null);
            case "SET":
                return new StatementInfo(Kind.SET, null, null, null);
            case "LOCK": {
                t.word(); // TABLES
                String[] q = t.qualified();
                return new StatementInfo(Kind.TABLE_DDL, q[0], q[1], q[1]);
            }
            case "TRUNCATE":
            case "RENAME":
            case "ALTER":
            case "DROP":
            case "CREATE":
                return ddl(w, t);
            default:
                return new StatementInfo(Kind.OTHER, null, null, null);
        }
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
                    return new StatementInfo(Kind.OTHER, null, null, null);
                }
                default:
                    w = t.wordOrSkip();
            }
        }
        return new StatementInfo(Kind.OTHER, null, null, null);
    }
}
