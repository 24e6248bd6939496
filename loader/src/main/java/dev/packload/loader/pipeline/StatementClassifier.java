package dev.packload.loader.pipeline;

/**
 * Decides how an ordered statement runs across writer connections, from its first keywords (looking through comments
 * and into versioned comments such as {@code /*!40101 SET NAMES utf8mb4 *}{@code /}).
 */
final class StatementClassifier {
    private StatementClassifier() {
    }

    static StatementScope classify(byte[] b, int off, int len) {
        int end = off + len;
        int p = skipNoise(b, off, end);
        String first = word(b, p, end);
        int q = skipNoise(b, p + first.length(), end);
        String second = word(b, q, end);
        switch (first) {
            case "SET": {
                if (second.equals("GLOBAL") || second.equals("PERSIST") || second.equals("PERSIST_ONLY")
                        || startsWithIgnoreCase(b, q, end, "@@GLOBAL.")) {
                    return StatementScope.ONCE;
                }
                if (second.equals("AUTOCOMMIT") || startsWithIgnoreCase(b, q, end, "@@AUTOCOMMIT")
                        || startsWithIgnoreCase(b, q, end, "@@SESSION.AUTOCOMMIT")) {
                    return StatementScope.SKIPPED;
                }
                return StatementScope.EVERY_SESSION;
            }
            case "USE":
                return StatementScope.EVERY_SESSION;
            case "LOCK":
            case "UNLOCK":
                return second.equals("TABLES") || second.equals("TABLE") ? StatementScope.SKIPPED : StatementScope.ONCE;
            case "COMMIT":
            case "ROLLBACK":
                return second.equals("TO") ? StatementScope.ONCE : StatementScope.SKIPPED;
            case "START":
                return second.equals("TRANSACTION") ? StatementScope.SKIPPED : StatementScope.ONCE;
            case "BEGIN":
                return second.isEmpty() || second.equals("WORK") ? StatementScope.SKIPPED : StatementScope.ONCE;
            default:
                return StatementScope.ONCE;
        }
    }

    /** Skips whitespace, comments and the opening of versioned comments ({@code /*!NNNNN}, {@code /*M!NNNNNN}). */
    private static int skipNoise(byte[] b, int p, int end) {
        while (p < end) {
            byte c = b[p];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(') {
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
                    p = q;
                } else {
                    int close = indexOf(b, p + 2, end, (byte) '*', (byte) '/');
                    p = close < 0 ? end : close + 2;
                }
            } else if (c == '#' || (c == '-' && p + 2 < end && b[p + 1] == '-' && b[p + 2] <= ' ')) {
                while (p < end && b[p] != '\n') {
                    p++;
                }
            } else {
                break;
            }
        }
        return p;
    }

    private static int indexOf(byte[] b, int from, int end, byte x, byte y) {
        for (int i = from; i + 1 < end; i++) {
            if (b[i] == x && b[i + 1] == y) {
                return i;
            }
        }
        return -1;
    }

    private static String word(byte[] b, int p, int end) {
        StringBuilder sb = new StringBuilder();
        while (p < end && sb.length() < 16) {
            int c = b[p] & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
                sb.append((char) Character.toUpperCase(c));
                p++;
            } else {
                break;
            }
        }
        return sb.toString();
    }

    private static boolean startsWithIgnoreCase(byte[] b, int p, int end, String s) {
        if (end - p < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.toUpperCase(b[p + i]) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
