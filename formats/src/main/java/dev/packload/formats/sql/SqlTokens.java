package dev.packload.formats.sql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of one statement, for the checks that must see all of it, not only its first words
 * ({@link StatementRisk}, {@link Definers}): words upper-cased, identifiers, strings, {@code @@variables} and single
 * punctuation bytes, with their byte ranges. Comments are skipped and versioned comments ({@code /*!NNNNN},
 * {@code /*M!NNNNNN}) read as code, as {@link SqlWords} reads them; strings end as the server's lexer ends them, with
 * or without backslash escapes ({@code NO_BACKSLASH_ESCAPES}), so a keyword inside a string is never taken for code.
 */
public final class SqlTokens {

    /** What a token is. */
    public enum Type { WORD, IDENTIFIER, STRING, VARIABLE, PUNCT }

    /**
     * @param type  what it is
     * @param text  a word upper-cased, an identifier or string without its quotes, a variable as {@code @@NAME} or
     *              {@code @NAME} upper-cased, or the punctuation byte
     * @param start its first byte in the statement's buffer
     * @param end   one past its last byte
     */
    public record Token(Type type, String text, int start, int end) {
        public boolean is(String word) {
            return type == Type.WORD && text.equals(word);
        }

        public boolean isPunct(char c) {
            return type == Type.PUNCT && text.length() == 1 && text.charAt(0) == c;
        }
    }

    private SqlTokens() {
    }

    /** The tokens of {@code b[off, off + len)}. */
    public static List<Token> of(byte[] b, int off, int len, boolean noBackslashEscapes) {
        List<Token> out = new ArrayList<>();
        int end = off + len;
        int p = off;
        while (p < end) {
            byte c = b[p];
            int code = SqlWords.skipNoise(b, p, end);
            if (code != p || c == '\f') {
                p = code == p ? p + 1 : code;
            } else if (c == '\'' || c == '"' || c == '`') {
                int s = p;
                p = quotedEnd(b, p, end, c != '`' && !noBackslashEscapes);
                String inner = new String(b, s + 1, Math.max(0, p - s - 2), StandardCharsets.UTF_8);
                out.add(new Token(c == '`' ? Type.IDENTIFIER : Type.STRING, inner, s, p));
            } else if (c == '@') {
                int s = p;
                p++;
                if (p < end && b[p] == '@') {
                    p++;
                }
                int w = p;
                while (p < end && SqlWords.isWordByte(b[p])) {
                    p++;
                }
                out.add(new Token(Type.VARIABLE, new String(b, s, p - s, StandardCharsets.UTF_8)
                        .toUpperCase(Locale.ROOT), s, p));
                if (p == w && p < end && (b[p] == '\'' || b[p] == '`' || b[p] == '"')) {
                    continue; // @'quoted' user variable: the quoted part is its own token
                }
            } else if (SqlWords.isWordByte(c)) {
                int s = p;
                while (p < end && SqlWords.isWordByte(b[p])) {
                    p++;
                }
                out.add(new Token(Type.WORD, new String(b, s, p - s, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT),
                        s, p));
            } else {
                out.add(new Token(Type.PUNCT, String.valueOf((char) (c & 0xff)), p, p + 1));
                p++;
            }
        }
        return out;
    }

    /** One past the closing quote of the quoted token at {@code p} (doubled quotes and, if asked, backslashes). */
    private static int quotedEnd(byte[] b, int p, int end, boolean backslash) {
        byte q = b[p++];
        while (p < end) {
            byte c = b[p];
            if (backslash && c == '\\') {
                p += 2;
            } else if (c == q) {
                if (p + 1 < end && b[p + 1] == q) {
                    p += 2;
                } else {
                    return p + 1;
                }
            } else {
                p++;
            }
        }
        return end;
    }
}
