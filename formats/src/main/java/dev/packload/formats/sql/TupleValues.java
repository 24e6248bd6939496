package dev.packload.formats.sql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Splits one raw VALUES tuple from a dump, such as
 * {@code (1,'it\'s',0x00FF,NULL,_binary 'a\0b',b'101',-1.5e3,X'0a','x' COLLATE utf8mb4_bin,NOW(),DEFAULT)},
 * into its top-level values, and decodes string, hex and bit literals to the bytes they denote.
 *
 * <p>Works on raw bytes: strings may hold any byte (binary dumps written without {@code --hex-blob}). Escapes are
 * read byte by byte, which is right for utf8mb4, latin1 and binary dumps; it is wrong only for the multi-byte
 * charsets whose trailing bytes can be 0x5C (sjis, cp932, big5, gbk), which dump tools do not use by default.
 *
 * <p>Comments follow the target server's lexer: {@code #} and {@code -- } run to the end of the line,
 * {@code /* *}{@code /} is skipped, and a versioned comment {@code /*!NNNNN ... *}{@code /} or
 * {@code /*M!NNNNNN ... *}{@code /} is code when {@code serverVersion >= NNNNN} and skipped otherwise. A
 * {@code serverVersion} of 100000 or more is taken to be MariaDB, which also skips {@code /*!NNNNN} comments for
 * MySQL 5.7 and later (50700 to 99999) unless they are written {@code /*M!}, as MariaDB 10.11 and 11.4 do. Without a
 * version number, {@code /*! ... *}{@code /} is always code and {@code /*M! ... *}{@code /} is code on MariaDB only.
 */
public final class TupleValues {

    /** Server versions from here on are MariaDB's (10.0.0 and up); MySQL's are below (9.x is 90000-99999). */
    private static final long MARIADB = 100000;

    /** What a top-level value is. */
    public enum Kind {
        /** The keyword {@code NULL}. */
        NULL,
        /** A plain numeric literal with an optional sign written right before it: {@code 42}, {@code -1.5e3}. */
        NUMBER,
        /** One or more adjacent quoted strings, with an optional introducer and {@code COLLATE}. */
        STRING,
        /** {@code 0x0AFF} or {@code X'0AFF'}, with an optional introducer and {@code COLLATE}. */
        HEX,
        /** {@code 0b101} or {@code b'101'}, with an optional introducer and {@code COLLATE}. */
        BIT,
        /** Anything else: an expression, a function call, {@code DEFAULT}, {@code TRUE}, a parenthesised value. */
        OTHER
    }

    /**
     * One top-level value.
     *
     * @param off        offset in the buffer of the value's first token
     * @param len        bytes from the first token to the end of the last, so surrounding whitespace and comments
     *                   are not included
     * @param kind       what the value is
     * @param introducer the charset introducer, lower-cased ({@code "_binary"}, {@code "_utf8mb4"}), {@code "N"}
     *                   for a national string {@code N'...'}, or null when there is none
     */
    public record Value(int off, int len, Kind kind, String introducer) {

        public Value {
            Objects.requireNonNull(kind, "kind");
            if (off < 0 || len <= 0) {
                throw new IllegalArgumentException("bad value span " + off + "+" + len);
            }
        }

        /** Offset just past the value. */
        public int end() {
            return off + len;
        }

        /** The value's bytes as written, read as UTF-8: meant for numbers and messages. */
        public String text(byte[] buf) {
            return new String(buf, off, len, StandardCharsets.UTF_8);
        }
    }

    private TupleValues() {
    }

    /**
     * Splits a tuple, parentheses included, into its top-level values. Whitespace and comments may surround the
     * tuple; nothing else may. An empty tuple {@code ()} gives an empty list.
     *
     * @param noBackslashEscapes true when the dump was written under {@code NO_BACKSLASH_ESCAPES}
     * @param serverVersion      the target server's version as a number, e.g. 80035 (MySQL 8.0.35) or 101119
     *                           (MariaDB 10.11.19); decides which versioned comments are code
     * @throws IllegalArgumentException when the tuple is malformed: unbalanced parentheses, an unterminated quote or
     *                                  comment, an empty value, a bad hex or bit literal
     */
    public static List<Value> split(byte[] buf, int off, int len, boolean noBackslashEscapes, long serverVersion) {
        Objects.checkFromIndexSize(off, len, buf.length);
        Lexer lx = new Lexer(buf, off, off + len, noBackslashEscapes, serverVersion);
        if (lx.next() != Lexer.LPAREN) {
            throw lx.error(lx.start, "a tuple must start with '('");
        }
        int tupleStart = lx.start;
        List<Value> values = new ArrayList<>();
        Classifier value = new Classifier();
        int depth = 1;
        while (depth > 0) {
            int t = lx.next();
            if (t == Lexer.EOF) {
                throw lx.error(tupleStart, "unbalanced parentheses: the tuple is not closed");
            }
            if (depth == 1 && (t == Lexer.COMMA || t == Lexer.RPAREN)) {
                if (value.count == 0) {
                    if (t == Lexer.RPAREN && values.isEmpty()) {
                        break; // ()
                    }
                    throw lx.error(lx.start, "empty value in tuple");
                }
                values.add(value.finish(lx.buf));
                value.reset();
                if (t == Lexer.RPAREN) {
                    break;
                }
                continue;
            }
            if (t == Lexer.LPAREN) {
                depth++;
            } else if (t == Lexer.RPAREN) {
                depth--;
            }
            value.accept(lx, t);
        }
        if (lx.next() != Lexer.EOF) {
            throw lx.error(lx.start, "unexpected text after the tuple's closing ')'");
        }
        if (lx.inVersioned) {
            throw lx.error(lx.versionedStart, "unterminated versioned comment");
        }
        return values;
    }

    /**
     * The bytes a STRING, HEX or BIT value denotes. Strings: backslash escapes {@code \0 \' \" \b \n \r \t \Z \\}
     * are decoded, {@code \%} and {@code \_} keep their backslash, any other {@code \x} gives {@code x}; a doubled
     * quote gives one; adjacent strings are joined. Under {@code noBackslashEscapes} a backslash is an ordinary byte.
     * Hex: an odd number of digits after {@code 0x} is padded with a leading zero. Bit: bits are right-aligned into
     * whole bytes, big-endian.
     *
     * @param noBackslashEscapes must match what {@link #split} was given
     * @throws IllegalArgumentException for NULL, NUMBER and OTHER values
     */
    public static byte[] decode(byte[] buf, Value v, boolean noBackslashEscapes) {
        Objects.checkFromIndexSize(v.off(), v.len(), buf.length);
        Lexer lx = new Lexer(buf, v.off(), v.end(), noBackslashEscapes, Long.MAX_VALUE);
        switch (v.kind()) {
            case STRING:
                return decodeString(lx, v);
            case HEX:
            case BIT:
                int t;
                do {
                    t = lx.next();
                } while (t == Lexer.WORD); // the introducer
                if (t == Lexer.HEXNUM || t == Lexer.HEXSTR) {
                    return decodeHex(buf, lx.start + 2, t == Lexer.HEXNUM ? lx.pos : lx.pos - 1);
                }
                if (t == Lexer.BITNUM || t == Lexer.BITSTR) {
                    return decodeBits(buf, lx.start + 2, t == Lexer.BITNUM ? lx.pos : lx.pos - 1);
                }
                throw new IllegalArgumentException("not a " + v.kind() + " literal: " + v.text(buf));
            default:
                throw new IllegalArgumentException("a " + v.kind() + " value has no literal bytes to decode: "
                        + v.text(buf));
        }
    }

    private static byte[] decodeString(Lexer lx, Value v) {
        byte[] buf = lx.buf;
        byte[] out = new byte[v.len()];
        int n = 0;
        for (int t = lx.next(); t != Lexer.EOF; t = lx.next()) {
            if (t == Lexer.WORD) {
                if (lx.isWord("COLLATE")) {
                    break;
                }
                continue; // the introducer
            }
            if (t != Lexer.STRING && t != Lexer.NSTRING) {
                throw new IllegalArgumentException("not a string literal: " + v.text(buf));
            }
            int p = t == Lexer.NSTRING ? lx.start + 1 : lx.start;
            byte quote = buf[p++];
            int close = lx.pos - 1;
            while (p < close) {
                byte c = buf[p];
                if (c == quote) { // doubled: the lexer accepted the string, so the next byte is the same quote
                    out[n++] = c;
                    p += 2;
                } else if (c == '\\' && !lx.noBackslashEscapes) {
                    byte e = buf[p + 1];
                    switch (e) {
                        case '0' -> out[n++] = 0;
                        case 'b' -> out[n++] = '\b';
                        case 'n' -> out[n++] = '\n';
                        case 'r' -> out[n++] = '\r';
                        case 't' -> out[n++] = '\t';
                        case 'Z' -> out[n++] = 0x1A;
                        case '%', '_' -> {
                            out[n++] = '\\';
                            out[n++] = e;
                        }
                        default -> out[n++] = e;
                    }
                    p += 2;
                } else {
                    out[n++] = c;
                    p++;
                }
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static byte[] decodeHex(byte[] buf, int from, int to) {
        int digits = to - from;
        byte[] out = new byte[(digits + 1) / 2];
        int i = out.length - 1;
        for (int p = to - 1; p >= from; p -= 2) {
            int lo = hexValue(buf[p]);
            int hi = p - 1 >= from ? hexValue(buf[p - 1]) : 0;
            out[i--] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static byte[] decodeBits(byte[] buf, int from, int to) {
        byte[] out = new byte[(to - from + 7) / 8];
        int bit = 0;
        for (int p = to - 1; p >= from; p--, bit++) {
            if (buf[p] == '1') {
                out[out.length - 1 - (bit >> 3)] |= (byte) (1 << (bit & 7));
            }
        }
        return out;
    }

    /** The value of a hex digit, or -1 for any other byte. */
    public static int hexValue(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Follows one value's tokens and decides its kind. */
    private static final class Classifier {
        private static final int START = 0, SIGN = 1, NUM = 2, NUL = 3, INTRO = 4, STR = 5, HEX = 6, BIT = 7,
                COLLATE = 8, COLLATED = 9, OTHER = 10;

        int count;
        int first;
        int lastEnd;
        int state;
        int base; // STR, HEX or BIT before COLLATE
        String introducer;
        boolean tainted;

        void reset() {
            count = 0;
            state = START;
            introducer = null;
            tainted = false;
        }

        void accept(Lexer lx, int t) {
            if (count == 0) {
                first = lx.start;
            } else if (lx.versionMarkSeen) {
                tainted = true; // a versioned comment starts or ends inside the value: only the server can read it
            }
            int prevEnd = lastEnd;
            lastEnd = lx.pos;
            count++;
            state = switch (state) {
                case START -> switch (t) {
                    case Lexer.SIGN -> SIGN;
                    case Lexer.NUMBER -> NUM;
                    case Lexer.STRING -> STR;
                    case Lexer.NSTRING -> {
                        introducer = "N";
                        yield STR;
                    }
                    case Lexer.HEXNUM, Lexer.HEXSTR -> HEX;
                    case Lexer.BITNUM, Lexer.BITSTR -> BIT;
                    case Lexer.WORD -> {
                        if (lx.isWord("NULL")) {
                            yield NUL;
                        }
                        if (lx.isIntroducer()) {
                            introducer = new String(lx.buf, lx.start, lx.pos - lx.start, StandardCharsets.US_ASCII)
                                    .toLowerCase(Locale.ROOT);
                            yield INTRO;
                        }
                        yield OTHER;
                    }
                    default -> OTHER;
                };
                case SIGN -> t == Lexer.NUMBER && lx.start == prevEnd ? NUM : OTHER;
                case INTRO -> switch (t) {
                    case Lexer.STRING -> STR;
                    case Lexer.HEXNUM, Lexer.HEXSTR -> HEX;
                    case Lexer.BITNUM, Lexer.BITSTR -> BIT;
                    default -> OTHER;
                };
                case STR, HEX, BIT -> {
                    if (state == STR && t == Lexer.STRING) {
                        yield STR; // 'a' 'b' is 'ab'
                    }
                    if (t == Lexer.WORD && lx.isWord("COLLATE")) {
                        base = state;
                        yield COLLATE;
                    }
                    yield OTHER;
                }
                case COLLATE -> t == Lexer.WORD || t == Lexer.QIDENT || t == Lexer.STRING ? COLLATED : OTHER;
                default -> OTHER; // NUM, NUL, COLLATED and OTHER take no further tokens
            };
        }

        Value finish(byte[] buf) {
            Kind kind = switch (tainted ? OTHER : state) {
                case NUM -> Kind.NUMBER;
                case NUL -> Kind.NULL;
                case STR -> Kind.STRING;
                case HEX -> Kind.HEX;
                case BIT -> Kind.BIT;
                case COLLATED -> base == STR ? Kind.STRING : base == HEX ? Kind.HEX : Kind.BIT;
                default -> Kind.OTHER;
            };
            return new Value(first, lastEnd - first, kind, kind == Kind.OTHER ? null : introducer);
        }
    }

    /** A byte lexer for the part of MySQL's grammar a tuple can hold. */
    private static final class Lexer {
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

        Lexer(byte[] buf, int from, int end, boolean noBackslashEscapes, long serverVersion) {
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
                    if (pos + 1 < end && isDigit(buf[pos + 1])) {
                        return number();
                    }
                    pos++;
                    return PUNCT;
                default:
                    if (isDigit(buf[pos])) {
                        return number();
                    }
                    if (isIdent(buf[pos])) {
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
                while (q < end && (hex ? hexValue(buf[q]) >= 0 : buf[q] == '0' || buf[q] == '1')) {
                    q++;
                }
                if (q > p + 2 && (q == end || !isIdent(buf[q]))) {
                    pos = q;
                    return hex ? HEXNUM : BITNUM;
                }
                return word(); // 0xG1, 0b2: an identifier
            }
            while (p < end && isDigit(buf[p])) {
                p++;
            }
            if (p < end && buf[p] == '.') {
                p++;
                while (p < end && isDigit(buf[p])) {
                    p++;
                }
            }
            if (p < end && (buf[p] == 'e' || buf[p] == 'E')) {
                int q = p + 1;
                if (q < end && (buf[q] == '+' || buf[q] == '-')) {
                    q++;
                }
                if (q < end && isDigit(buf[q])) {
                    while (q < end && isDigit(buf[q])) {
                        q++;
                    }
                    p = q;
                }
            }
            if (p < end && isIdent(buf[p])) {
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
            while (p < end && isIdent(buf[p])) {
                p++;
            }
            pos = p;
            return WORD;
        }

        private void checkDigits(int from, int to, boolean hex) {
            for (int p = from; p < to; p++) {
                if (hex ? hexValue(buf[p]) < 0 : buf[p] != '0' && buf[p] != '1') {
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
            while (digits < 6 && p + digits < end && isDigit(buf[p + digits])) {
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
                if (!(isDigit(c) || c == '_' || (c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
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

        private static boolean isDigit(byte c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isIdent(byte c) {
            return c < 0 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
                    || c == '$';
        }
    }
}
