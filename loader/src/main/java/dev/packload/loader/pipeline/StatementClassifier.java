package dev.packload.loader.pipeline;

import dev.packload.formats.sql.SqlWords;

/**
 * Decides how an ordered statement runs across writer connections, from its first keywords (looking through comments
 * and into versioned comments such as {@code /*!40101 SET NAMES utf8mb4 *}{@code /}).
 */
final class StatementClassifier {
    private StatementClassifier() {
    }

    static StatementScope classify(byte[] b, int off, int len) {
        SqlWords words = new SqlWords(b, off, off + len);
        String first = words.word();
        switch (first) {
            case "SET": {
                if (words.startsWithIgnoreCase("@@GLOBAL.")) {
                    return StatementScope.ONCE;
                }
                if (words.startsWithIgnoreCase("@@AUTOCOMMIT") || words.startsWithIgnoreCase("@@SESSION.AUTOCOMMIT")) {
                    return StatementScope.SKIPPED;
                }
                String second = words.word();
                if (second.equals("GLOBAL") || second.equals("PERSIST") || second.equals("PERSIST_ONLY")) {
                    return StatementScope.ONCE;
                }
                return second.equals("AUTOCOMMIT") ? StatementScope.SKIPPED : StatementScope.EVERY_SESSION;
            }
            case "USE":
                return StatementScope.EVERY_SESSION;
            case "LOCK":
            case "UNLOCK": {
                String second = words.word();
                return second.equals("TABLES") || second.equals("TABLE") ? StatementScope.SKIPPED : StatementScope.ONCE;
            }
            case "COMMIT":
            case "ROLLBACK":
                return words.word().equals("TO") ? StatementScope.ONCE : StatementScope.SKIPPED;
            case "START":
                return words.word().equals("TRANSACTION") ? StatementScope.SKIPPED : StatementScope.ONCE;
            case "BEGIN": {
                String second = words.word();
                return second.isEmpty() || second.equals("WORK") ? StatementScope.SKIPPED : StatementScope.ONCE;
            }
            default:
                return StatementScope.ONCE;
        }
    }

    /** What an ordered statement may change that writers remember: nothing, the tables, or the current database. */
    enum Effect { SESSION_ONLY, TABLES, CURRENT_DATABASE }

    /**
     * {@code SET} changes session variables only; {@code USE} and {@code DROP DATABASE} may change what
     * {@code DATABASE()} says; anything else may change tables (their columns, or which exist).
     */
    static Effect effect(byte[] b, int off, int len) {
        SqlWords words = new SqlWords(b, off, off + len);
        String first = words.word();
        if (first.equals("SET")) {
            return Effect.SESSION_ONLY;
        }
        if (first.equals("USE")) {
            return Effect.CURRENT_DATABASE;
        }
        if (first.equals("DROP")) {
            String second = words.word();
            if (second.equals("DATABASE") || second.equals("SCHEMA")) {
                return Effect.CURRENT_DATABASE;
            }
        }
        return Effect.TABLES;
    }

    /**
     * Whether a statement that runs on every session may run on a writer before the ordered statement just before it
     * has run on writer 0: a {@code SET} whose values can read no table (no parenthesis, so no subquery or function
     * call), such as a dump's {@code SET @saved_cs_client = @@character_set_client} or {@code SET
     * character_set_client = utf8mb4}. A {@code USE} may name a database that statement creates: never.
     */
    static boolean independentOfTables(byte[] b, int off, int len) {
        if (!new SqlWords(b, off, off + len).word().equals("SET")) {
            return false;
        }
        for (int i = off; i < off + len; i++) {
            if (b[i] == '(') {
                return false;
            }
        }
        return true;
    }
}
