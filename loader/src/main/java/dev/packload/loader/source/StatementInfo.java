package dev.packload.loader.source;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

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
        Tokens t = new Tokens(b, off, off + len);
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

    private static StatementInfo ddl(String verb, Tokens t) {
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

    /** A small forward-only tokenizer over statement bytes. */
    private static final class Tokens {
        private final byte[] b;
        private final int end;
        private int p;

        Tokens(byte[] b, int off, int end) {
            this.b = b;
            this.p = off;
            this.end = end;
        }

        boolean atEnd() {
            skipNoise();
            return p >= end;
        }

        private void skipNoise() {
            while (p < end) {
                byte c = b[p];
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    p++;
                } else if (c == '/' && p + 1 < end && b[p + 1] == '*') {
                    int q = p + 2;
                    if (q < end && b[q] == 'M') {
                        q++;
                    }
                    if (q < end && b[q] == '!') {
                        q++;
                        while (q < end && b[q] >= '0' && b[q] <= '9') {
                            q++;
                        }
                        p = q; // versioned comment: its content is code
                    } else {
                        p += 2;
                        while (p + 1 < end && !(b[p] == '*' && b[p + 1] == '/')) {
                            p++;
                        }
                        p = Math.min(end, p + 2);
                    }
                } else if (c == '*' && p + 1 < end && b[p + 1] == '/') {
                    p += 2; // the end of a versioned comment
                } else if (c == '#' || (c == '-' && p + 2 < end && b[p + 1] == '-' && b[p + 2] <= ' ')) {
                    while (p < end && b[p] != '\n') {
                        p++;
                    }
                } else {
                    return;
                }
            }
        }

        /** The next bare word, upper-cased; empty when the next token is not a word. */
        String word() {
            skipNoise();
            int s = p;
            while (p < end && isWordByte(b[p])) {
                p++;
            }
            return new String(b, s, p - s, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
        }

        /** The next word, or skips one non-word token (punctuation, a quoted string) and returns "". */
        String wordOrSkip() {
            String w = word();
            if (!w.isEmpty() || p >= end) {
                return w;
            }
            byte c = b[p];
            if (c == '`' || c == '\'' || c == '"') {
                identifier();
            } else {
                p++;
            }
            return "";
        }

        void ifExistsClause() {
            int save = p;
            String w = word();
            if (w.equals("IF")) {
                word(); // NOT or EXISTS
                int s2 = p;
                if (!word().equals("EXISTS")) {
                    p = s2;
                }
            } else {
                p = save;
            }
        }

        /** `db`.`name`, db.name or name: {schema or null, name}. */
        String[] qualified() {
            String first = identifier();
            skipNoise();
            if (p < end && b[p] == '.') {
                p++;
                return new String[] {first, identifier()};
            }
            return new String[] {null, first};
        }

        String identifier() {
            skipNoise();
            if (p >= end) {
                return null;
            }
            byte q = b[p];
            if (q == '`' || q == '"' || q == '\'') {
                StringBuilder sb = new StringBuilder();
                int s = ++p;
                while (p < end) {
                    if (b[p] == q) {
                        if (p + 1 < end && b[p + 1] == q) {
                            sb.append(new String(b, s, p + 1 - s, StandardCharsets.UTF_8));
                            p += 2;
                            s = p;
                            continue;
                        }
                        break;
                    }
                    p++;
                }
                sb.append(new String(b, s, p - s, StandardCharsets.UTF_8));
                p = Math.min(end, p + 1);
                return sb.toString();
            }
            int s = p;
            while (p < end && (isWordByte(b[p]) || b[p] == '$' || (b[p] & 0x80) != 0)) {
                p++;
            }
            return new String(b, s, p - s, StandardCharsets.UTF_8);
        }

        private static boolean isWordByte(byte c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
    }
}
