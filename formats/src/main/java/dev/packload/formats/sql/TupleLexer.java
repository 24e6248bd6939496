package dev.packload.formats.sql;

import java.nio.charset.StandardCharsets;

/**
 * A byte lexer for the part of MySQL's grammar a tuple can hold: punctuation, numbers, strings, hex and bit literals,
 * words and quoted identifiers, with comments and versioned comments read as {@link TupleValues} describes. It reads
 * the whole value syntax the server accepts; {@link PlainLiterals} reads only the plain forms a prepared execution can
 * take. Literal bodies are decoded by {@link Literals}, for {@link TupleValues} and for the binders of
 * {@link PlainLiterals} alike.
 */
final class TupleLexer {
    /** Server versions from here on are MariaDB's (10.0.0 and up); MySQL's are below (9.x is 90000-99999). */
    private static final long MARIADB = 100000;

    static final int EOF = 0, LPAREN = 1, RPAREN = 2, COMMA = 3, SIGN = 4, NUMBER = 5, STRING = 6, NSTRING = 7,
            HEXNUM = 8, HEXSTR = 9, BITNUM = 10, BITSTR = 11, WORD = 12, QIDENT = 13, PUNCT = 14;

    final byte[] buf;
    final int from;
    final int end;
    final boolean noBackslashEscapes;
    final long serverVersion;
    int pos;
    /** The current token is [start, pos). */
    int start;
    boolean inVersioned;
    int versionedStart;
    /** A versioned comment began, ended or was skipped between the previous token and this one. */
    boolean versionMarkSeen;

    TupleLexer(byte[] buf, int from, int end, boolean noBackslashEscapes, long serverVersion) {
        this.buf = buf;
        this.from = from;
        this.end = end;
        this.noBackslashEscapes = noBackslashEscapes;
        this.serverVersion = serverVersion;
        this.pos = from;
    }

    int next() {
        versionMarkSeen = false;
        skipSpaceAndComments();
        start = pos;
        if (pos >= end) {
            return EOF;
        }
        int c = buf[pos] & 0xFF;
        switch (c) {
            case '(':
                pos++;
                return LPAREN;
            case ')':
                pos++;
                return RPAREN;
            case ',':
                pos++;
                return COMMA;
            case '+':
            case '-':
                pos++;
                return SIGN;
            case '\'':
            case '"':
                pos = quoted(pos, (byte) c, !noBackslashEscapes);
                return STRING;
            case '`':
                pos = quoted(pos, (byte) '`', false);
                return QIDENT;
            case '.':
                if (pos + 1 < end && Literals.isDigit(buf[pos + 1])) {
                    return number();
                }
                pos++;
                return PUNCT;
            default:
                if (Literals.isDigit(buf[pos])) {
                    return number();
                }
                if (SqlWords.isWordByte(buf[pos])) {
                    return word();
                }
                pos++;
                return PUNCT;
        }
    }

    private int number() {
        int p = pos;
        if (buf[p] == '0' && p + 2 < end && (buf[p + 1] == 'x' || buf[p + 1] == 'b')) {
            boolean hex = buf[p + 1] == 'x';
            int q = p + 2;
            while (q < end && (hex ? Literals.hexValue(buf[q]) >= 0 : buf[q] == '0' || buf[q] == '1')) {
                q++;
            }
            if (q > p + 2 && (q == end || !SqlWords.isWordByte(buf[q]))) {
                pos = q;
                return hex ? HEXNUM : BITNUM;
            }
            return word(); // 0xG1, 0b2: an identifier
        }
        while (p < end && Literals.isDigit(buf[p])) {
            p++;
        }
        if (p < end && buf[p] == '.') {
            p++;
            while (p < end && Literals.isDigit(buf[p])) {
                p++;
            }
        }
        if (p < end && (buf[p] == 'e' || buf[p] == 'E')) {
            int q = p + 1;
            if (q < end && (buf[q] == '+' || buf[q] == '-')) {
                q++;
            }
            if (q < end && Literals.isDigit(buf[q])) {
                while (q < end && Literals.isDigit(buf[q])) {
                    q++;
                }
                p = q;
            }
        }
        if (p < end && SqlWords.isWordByte(buf[p])) {
            return word(); // 123abc is an identifier
        }
        pos = p;
        return NUMBER;
    }

    private int word() {
        int p = pos;
        byte c = buf[p];
        if (p + 1 < end && buf[p + 1] == '\'') {
            switch (c) {
                case 'x', 'X' -> {
                    pos = quoted(p + 1, (byte) '\'', false);
                    checkDigits(p + 2, pos - 1, true);
                    return HEXSTR;
                }
                case 'b', 'B' -> {
                    pos = quoted(p + 1, (byte) '\'', false);
                    checkDigits(p + 2, pos - 1, false);
                    return BITSTR;
                }
                case 'n', 'N' -> {
                    pos = quoted(p + 1, (byte) '\'', !noBackslashEscapes);
                    return NSTRING;
                }
                default -> {
                }
            }
        }
        while (p < end && SqlWords.isWordByte(buf[p])) {
            p++;
        }
        pos = p;
        return WORD;
    }

    private void checkDigits(int from, int to, boolean hex) {
        for (int p = from; p < to; p++) {
            if (hex ? Literals.hexValue(buf[p]) < 0 : buf[p] != '0' && buf[p] != '1') {
                throw error(start, "invalid " + (hex ? "hex" : "bit") + " digit in " + (hex ? "X" : "b")
                        + "'' literal");
            }
        }
        if (hex && ((to - from) & 1) != 0) {
            throw error(start, "X'' literal needs an even number of hex digits");
        }
    }

    /** Scans a quoted run starting at the opening quote; returns the offset just past the closing one. */
    private int quoted(int p, byte quote, boolean backslash) {
        int open = p++;
        while (p < end) {
            byte c = buf[p++];
            if (c == quote) {
                if (p < end && buf[p] == quote) {
                    p++;
                    continue;
                }
                return p;
            }
            if (c == '\\' && backslash) {
                p++;
            }
        }
        String what = quote == '`' ? "quoted identifier" : "string literal";
        throw error(open, "unterminated " + what + " (unbalanced " + (char) quote + ")");
    }

    private void skipSpaceAndComments() {
        while (pos < end) {
            byte c = buf[pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                pos++;
            } else if (c == '#' || c == '-' && pos + 1 < end && buf[pos + 1] == '-'
                    && (pos + 2 == end || (buf[pos + 2] & 0xFF) <= ' ')) {
                while (pos < end && buf[pos] != '\n') {
                    pos++;
                }
            } else if (c == '/' && pos + 1 < end && buf[pos + 1] == '*') {
                comment();
            } else if (c == '*' && inVersioned && pos + 1 < end && buf[pos + 1] == '/') {
                pos += 2;
                inVersioned = false;
                versionMarkSeen = true;
            } else {
                return;
            }
        }
    }

    private void comment() {
        int open = pos;
        int p = pos + 2;
        boolean maria = false;
        if (p < end && buf[p] == '!') {
            p++;
        } else if (p + 1 < end && buf[p] == 'M' && buf[p + 1] == '!') {
            maria = true;
            p += 2;
        } else {
            pos = skipComment(open, p, 0);
            return;
        }
        int digits = 0;
        while (digits < 6 && p + digits < end && Literals.isDigit(buf[p + digits])) {
            digits++;
        }
        boolean code;
        if (digits >= 5) {
            long version = 0;
            for (int i = 0; i < digits; i++) {
                version = version * 10 + (buf[p + i] - '0');
            }
            // MariaDB skips MySQL 5.7+ comments (50700..99999) unless they are written /*M!
            code = serverVersion >= version
                    && (serverVersion < MARIADB || maria || version < 50700 || version > 99999);
            p += digits;
        } else {
            code = !maria || serverVersion >= MARIADB;
        }
        versionMarkSeen = true;
        if (!code) {
            pos = skipComment(open, p, 1); // like the server, allows one nested comment
            return;
        }
        if (inVersioned) {
            throw error(open, "nested versioned comment");
        }
        inVersioned = true;
        versionedStart = open;
        pos = p;
    }

    private int skipComment(int open, int p, int nesting) {
        while (p < end) {
            byte c = buf[p++];
            if (nesting > 0 && c == '/' && p < end && buf[p] == '*') {
                p = skipComment(p - 1, p + 1, nesting - 1);
            } else if (c == '*' && p < end && buf[p] == '/') {
                return p + 1;
            }
        }
        throw error(open, "unterminated comment");
    }

    boolean isWord(String upper) {
        int n = pos - start;
        if (n != upper.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if ((buf[start + i] & 0xDF) != upper.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    boolean isIntroducer() {
        if (pos - start < 2 || buf[start] != '_') {
            return false;
        }
        for (int p = start + 1; p < pos; p++) {
            byte c = buf[p];
            if (!(Literals.isDigit(c) || c == '_' || (c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
                return false;
            }
        }
        return true;
    }

    IllegalArgumentException error(int at, String message) {
        int from = Math.max(this.from, at - 20);
        int to = Math.min(end, at + 40);
        String near = new String(buf, from, to - from, StandardCharsets.UTF_8).replaceAll("[\\p{Cntrl}]", " ");
        return new IllegalArgumentException(message + " at tuple byte " + (at - this.from) + ", near: " + near);
    }
}
