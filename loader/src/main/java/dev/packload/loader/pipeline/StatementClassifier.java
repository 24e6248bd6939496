package dev.packload.loader.pipeline;

import dev.packload.formats.sql.StatementInfo;

/**
 * Decides how an ordered statement runs across writer connections: the pipeline's view of {@link StatementInfo}, which
 * reads the statement's first keywords (through comments and into versioned comments such as
 * {@code /*!40101 SET NAMES utf8mb4 *}{@code /}).
 */
public final class StatementClassifier {
    private StatementClassifier() {
    }

    static StatementScope classify(byte[] b, int off, int len) {
        return switch (StatementInfo.of(b, off, len).kind()) {
            case SET, USE -> StatementScope.EVERY_SESSION;
            case SET_AUTOCOMMIT, LOCK_TABLES, UNLOCK_TABLES, TRANSACTION -> StatementScope.SKIPPED;
            default -> StatementScope.ONCE;
        };
    }

    /** What an ordered statement may change that writers remember: nothing, the tables, or the current database. */
    public enum Effect { SESSION_ONLY, TABLES, CURRENT_DATABASE }

    /**
     * {@code SET} changes session variables only; {@code USE} and {@code DROP DATABASE} may change what
     * {@code DATABASE()} says; anything else may change tables (their columns, or which exist).
     */
    public static Effect effect(byte[] b, int off, int len) {
        StatementInfo.Kind kind = StatementInfo.of(b, off, len).kind();
        if (kind.isSet()) {
            return Effect.SESSION_ONLY;
        }
        return kind == StatementInfo.Kind.USE || kind == StatementInfo.Kind.DROP_DATABASE ? Effect.CURRENT_DATABASE
                : Effect.TABLES;
    }

    /**
     * Whether a statement that runs on every session may run on a writer before the ordered statement just before it
     * has run on writer 0: a {@code SET} whose values can read no table (no parenthesis, so no subquery or function
     * call), such as a dump's {@code SET @saved_cs_client = @@character_set_client} or {@code SET
     * character_set_client = utf8mb4}. A {@code USE} may name a database that statement creates: never.
     */
    static boolean independentOfTables(byte[] b, int off, int len) {
        if (!StatementInfo.of(b, off, len).kind().isSet()) {
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
