package dev.packload.formats.sql;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A small forward-only reader of the words of one statement: skips whitespace and comments, steps into versioned
 * comments ({@code /*!NNNNN}, {@code /*M!NNNNNN}) as code, and reads keywords and (quoted) identifiers. Enough to tell
 * what a statement is about from its first words, without parsing it ({@link StatementInfo} does). Holds the word rule,
 * {@link #isWordByte}.
 */
public final class SqlWords {
    private final byte[] b;
    private final int end;
    private int p;

    public SqlWords(byte[] b, int off, int end) {
        this.b = b;
        this.p = off;
        this.end = end;
    }

    public boolean atEnd() {
        skipNoise();
        return p >= end;
    }

    public void skipNoise() {
        p = skipNoise(b, p, end);
    }

    /**
     * The position of the first byte at or after {@code p} that is not whitespace, a comment, or the opening or
     * closing of a versioned comment (whose content is code); {@code end} if there is none.
     */
    public static int skipNoise(byte[] b, int p, int end) {
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
                return p;
            }
        }
        return p;
    }

    /** The next bare word, upper-cased; empty when the next token is not a word. */
    public String word() {
        skipNoise();
        int s = p;
        while (p < end && isWordByte(b[p])) {
            p++;
        }
        return new String(b, s, p - s, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
    }

    /** The next word, or skips one non-word token (punctuation, a quoted string) and returns "". */
    public String wordOrSkip() {
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

    public void ifExistsClause() {
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
    public String[] qualified() {
        String first = identifier();
        skipNoise();
        if (p < end && b[p] == '.') {
            p++;
            return new String[] {first, identifier()};
        }
        return new String[] {null, first};
    }

    public String identifier() {
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
        while (p < end && isWordByte(b[p])) {
            p++;
        }
        return new String(b, s, p - s, StandardCharsets.UTF_8);
    }

    /** An identifier as a backquoted name: {@code a`b} is {@code `a``b`}. The one quoting rule of packload's SQL. */
    public static String quoteIdentifier(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /**
     * MySQL's rule for the bytes of an unquoted identifier or keyword: ASCII letters, digits, {@code _}, {@code $},
     * and every byte of a multi-byte character (0x80 and up), so {@code t$1} and {@code tåble} are one word each.
     * The one definition for every reader of SQL here.
     */
    public static boolean isWordByte(byte c) {
        return WORD[c & 0xFF];
    }

    private static final boolean[] WORD = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            WORD[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                    || c >= 0x80;
        }
    }

    /** True when the next bytes are {@code s}, compared case-insensitively (ASCII), without consuming them. */
    public boolean startsWithIgnoreCase(String s) {
        skipNoise();
        if (end - p < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.toUpperCase((char) (b[p + i] & 0xff)) != Character.toUpperCase(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
