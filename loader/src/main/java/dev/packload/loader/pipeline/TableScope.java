package dev.packload.loader.pipeline;

import dev.packload.formats.sql.SqlWords;
import dev.packload.formats.sql.StatementInfo;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Which ordered statements concern one table only, so that they can be ordered by that table ({@link TableGate})
 * instead of lining every writer up: {@code CREATE}, {@code ALTER}, {@code DROP} and {@code TRUNCATE TABLE} of one
 * table, {@code CREATE TRIGGER ... ON} it. Anything that may name or need another table (a foreign key's REFERENCES,
 * CREATE ... SELECT or LIKE, RENAME, EXCHANGE PARTITION, DROP of several tables) and every view, routine, event or
 * database statement keeps the barrier: a wrong "global" costs a wait, a wrong "one table" could reorder work.
 */
final class TableScope {
    private static final String[] NEEDS_OTHERS = {"REFERENCES", "SELECT", "LIKE", "RENAME", "EXCHANGE"};

    private TableScope() {
    }

    /** The one table the statement concerns, or null when it must line every writer up. */
    static String of(byte[] b, int off, int len) {
        StatementInfo info = StatementInfo.of(b, off, len);
        String table = switch (info.kind()) {
            case TABLE_DDL, TRIGGER_DDL -> info.table();
            default -> null;
        };
        if (table == null) {
            return null;
        }
        String text = new String(b, off, len, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        String head = new SqlWords(b, off, off + len).word(); // through comments and versioned comments
        if (info.kind() == StatementInfo.Kind.TABLE_DDL && !(head.equals("CREATE") || head.equals("ALTER")
                || head.equals("DROP") || head.equals("TRUNCATE"))) {
            return null; // RENAME TABLE, CREATE INDEX ... ON, LOCK INSTANCE: kept in line
        }
        for (String word : NEEDS_OTHERS) {
            if (containsWord(text, word)) {
                return null;
            }
        }
        if (info.kind() == StatementInfo.Kind.TABLE_DDL && head.equals("DROP") && text.indexOf(',') >= 0) {
            return null; // DROP TABLE a, b
        }
        return table;
    }

    private static boolean containsWord(String text, String word) {
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            boolean startOk = i == 0 || !SqlWords.isWordByte((byte) text.charAt(i - 1));
            int end = i + word.length();
            boolean endOk = end == text.length() || !SqlWords.isWordByte((byte) text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
        }
        return false;
    }
}
