package dev.packload.formats.sql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Follows {@code SET sql_mode} statements far enough to know whether {@code NO_BACKSLASH_ESCAPES} is in effect
 * for the session. Understands what dumps write:
 *
 * <pre>
 * /*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' *&#47;
 * /*!50003 SET sql_mode = 'NO_BACKSLASH_ESCAPES' *&#47;
 * /*!50003 SET sql_mode = @saved_sql_mode *&#47;
 * SET SESSION sql_mode = DEFAULT
 * </pre>
 *
 * A string literal decides by whether it names the mode; a user variable restores what was saved in it (the
 * starting mode if nothing was); {@code DEFAULT} restores the starting mode. Other expressions leave the mode
 * unchanged, and global assignments are ignored.
 */
final class SqlModeTracker {
    private static final String MODE = "NO_BACKSLASH_ESCAPES";

    private boolean initial;
    private final Map<String, Boolean> variables = new HashMap<>();

    void reset(boolean initialMode) {
        initial = initialMode;
        variables.clear();
    }

    /**
     * Looks at one executed statement.
     *
     * @param current whether NO_BACKSLASH_ESCAPES was in effect while it was scanned
     * @return whether it is in effect after it
     */
    boolean onStatement(byte[] b, int off, int len, boolean current) {
        if (!StatementInfo.of(b, off, len).kind().isSet()) {
            return current;
        }
        List<Token> tokens = tokens(new String(b, off, len, StandardCharsets.ISO_8859_1), current);
        boolean global = false;
        int i = 1; // after SET
        while (i < tokens.size()) {
            int end = i;
            int depth = 0;
            while (end < tokens.size()) {
                Token t = tokens.get(end);
                if (t.is("(")) {
                    depth++;
                } else if (t.is(")")) {
                    depth--;
                } else if (depth == 0 && t.is(",")) {
                    break;
                }
                end++;
            }
            int eq = -1;
            for (int k = i; k < end; k++) {
                if (tokens.get(k).is("=")) {
                    eq = k;
                    break;
                }
            }
            if (eq > i) {
                List<Token> lhs = new ArrayList<>(tokens.subList(i, eq));
                lhs.removeIf(t -> t.is(":"));
                if (!lhs.isEmpty() && lhs.get(0).word) {
                    String scope = lhs.get(0).text.toLowerCase(Locale.ROOT);
                    if (lhs.size() > 1 && (scope.equals("global") || scope.equals("persist")
                            || scope.equals("persist_only"))) {
                        global = true;
                        lhs.remove(0);
                    } else if (lhs.size() > 1 && (scope.equals("session") || scope.equals("local"))) {
                        global = false;
                        lhs.remove(0);
                    }
                }
                if (lhs.size() == 1 && lhs.get(0).word) {
                    current = assign(lhs.get(0).text.toLowerCase(Locale.ROOT), global,
                            tokens.subList(eq + 1, end), current);
                }
            }
            i = end + 1;
        }
        return current;
    }

    private boolean assign(String name, boolean globalScope, List<Token> rhs, boolean current) {
        Boolean value = evaluate(rhs, current);
        if (name.startsWith("@@")) {
            String v = name.substring(2);
            if (v.startsWith("global.") || v.startsWith("persist.") || v.startsWith("persist_only.")) {
                return current;
            }
            if (v.startsWith("session.") || v.startsWith("local.")) {
                globalScope = false;
                v = v.substring(v.indexOf('.') + 1);
            }
            name = v;
        } else if (name.startsWith("@")) {
            if (value == null) {
                variables.remove(name);
            } else {
                variables.put(name, value);
            }
            return current;
        }
        if (name.equals("sql_mode") && !globalScope && value != null) {
            return value;
        }
        return current;
    }

    /** The mode an expression gives, or null when it can't tell. */
    private Boolean evaluate(List<Token> rhs, boolean current) {
        if (rhs.size() != 1) {
            return null;
        }
        Token t = rhs.get(0);
        if (t.kind == Kind.STRING) {
            return t.text.toUpperCase(Locale.ROOT).contains(MODE);
        }
        if (!t.word) {
            return null;
        }
        String w = t.text.toLowerCase(Locale.ROOT);
        if (w.equals("default")) {
            return initial;
        }
        if (w.equals("@@sql_mode") || w.equals("@@session.sql_mode") || w.equals("@@local.sql_mode")) {
            return current;
        }
        if (w.equals("@@global.sql_mode")) {
            return initial;
        }
        if (w.startsWith("@") && !w.startsWith("@@")) {
            return variables.getOrDefault(w, initial);
        }
        return null;
    }

    /** If an executable comment opener ({@code /*!12345}, {@code /*M!123456}) starts at i, the index after it. */
    private static int executableMarker(byte[] b, int i, int end) {
        int j = i;
        if (j + 2 < end && b[j] == '/' && b[j + 1] == '*') {
            j += 2;
            if (j < end && b[j] == 'M') {
                j++;
            }
            if (j < end && b[j] == '!') {
                j++;
                while (j < end && b[j] >= '0' && b[j] <= '9') {
                    j++;
                }
                return j;
            }
        }
        return i;
    }

    /** The word rule, with {@code @} and {@code .} added, so {@code @@session.sql_mode} is one token. */
    private static boolean isVariableByte(int c) {
        return SqlWords.isWordByte((byte) c) || c == '@' || c == '.';
    }

    /** Words (variables and keywords, backquotes removed), string literals and single punctuation bytes. */
    private static List<Token> tokens(String s, boolean noBackslashEscapes) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c) {
                i++;
            } else if (c == '/' && i + 1 < n && b[i + 1] == '*') {
                int m = executableMarker(b, i, n);
                if (m > i) {
                    i = m;
                } else {
                    int close = s.indexOf("*/", i + 2);
                    i = close < 0 ? n : close + 2;
                }
            } else if (c == '*' && i + 1 < n && b[i + 1] == '/') {
                i += 2;
            } else if (c == '#' || c == '-' && i + 2 < n && b[i + 1] == '-' && (b[i + 2] & 0xff) <= ' ') {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '\'' || c == '"' || c == '`') {
                StringBuilder v = new StringBuilder();
                i++;
                while (i < n) {
                    int d = b[i] & 0xff;
                    if (d == c) {
                        if (i + 1 < n && b[i + 1] == c) {
                            v.append((char) d);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (d == '\\' && c != '`' && !noBackslashEscapes && i + 1 < n) {
                        v.append((char) (b[i + 1] & 0xff));
                        i += 2;
                        continue;
                    }
                    v.append((char) d);
                    i++;
                }
                out.add(new Token(v.toString(), c == '`' ? Kind.WORD : Kind.STRING));
            } else if (isVariableByte(c)) {
                int start = i;
                while (i < n && isVariableByte(b[i] & 0xff)) {
                    i++;
                }
                out.add(new Token(s.substring(start, i), Kind.WORD));
            } else {
                out.add(new Token(String.valueOf((char) c), Kind.PUNCTUATION));
                i++;
            }
        }
        return out;
    }

    private enum Kind { WORD, STRING, PUNCTUATION }

    private static final class Token {
        final String text;
        final Kind kind;
        final boolean word;

        Token(String text, Kind kind) {
            this.text = text;
            this.kind = kind;
            this.word = kind == Kind.WORD;
        }

        boolean is(String punctuation) {
            return kind == Kind.PUNCTUATION && text.equals(punctuation);
        }
    }
}
