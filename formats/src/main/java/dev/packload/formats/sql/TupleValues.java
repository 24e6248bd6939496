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
 *
 * <p>The tokens come from {@link TupleLexer}; literal bodies are decoded by {@link Literals}, which the binders of
 * {@link PlainLiterals} share.
 */
public final class TupleValues {

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
        TupleLexer lx = new TupleLexer(buf, off, off + len, noBackslashEscapes, serverVersion);
        if (lx.next() != TupleLexer.LPAREN) {
            throw lx.error(lx.start, "a tuple must start with '('");
        }
        int tupleStart = lx.start;
        List<Value> values = new ArrayList<>();
        Classifier value = new Classifier();
        int depth = 1;
        while (depth > 0) {
            int t = lx.next();
            if (t == TupleLexer.EOF) {
                throw lx.error(tupleStart, "unbalanced parentheses: the tuple is not closed");
            }
            if (depth == 1 && (t == TupleLexer.COMMA || t == TupleLexer.RPAREN)) {
                if (value.count == 0) {
                    if (t == TupleLexer.RPAREN && values.isEmpty()) {
                        break; // ()
                    }
                    throw lx.error(lx.start, "empty value in tuple");
                }
                values.add(value.finish(lx.buf));
                value.reset();
                if (t == TupleLexer.RPAREN) {
                    break;
                }
                continue;
            }
            if (t == TupleLexer.LPAREN) {
                depth++;
            } else if (t == TupleLexer.RPAREN) {
                depth--;
            }
            value.accept(lx, t);
        }
        if (lx.next() != TupleLexer.EOF) {
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
        TupleLexer lx = new TupleLexer(buf, v.off(), v.end(), noBackslashEscapes, Long.MAX_VALUE);
        switch (v.kind()) {
            case STRING:
                return decodeString(lx, v);
            case HEX:
            case BIT:
                int t;
                do {
                    t = lx.next();
                } while (t == TupleLexer.WORD); // the introducer
                if (t == TupleLexer.HEXNUM || t == TupleLexer.HEXSTR) {
                    return decodeHex(buf, lx.start + 2, t == TupleLexer.HEXNUM ? lx.pos : lx.pos - 1);
                }
                if (t == TupleLexer.BITNUM || t == TupleLexer.BITSTR) {
                    return decodeBits(buf, lx.start + 2, t == TupleLexer.BITNUM ? lx.pos : lx.pos - 1);
                }
                throw new IllegalArgumentException("not a " + v.kind() + " literal: " + v.text(buf));
            default:
                throw new IllegalArgumentException("a " + v.kind() + " value has no literal bytes to decode: "
                        + v.text(buf));
        }
    }

    private static byte[] decodeString(TupleLexer lx, Value v) {
        byte[] buf = lx.buf;
        byte[] out = new byte[v.len()];
        int n = 0;
        for (int t = lx.next(); t != TupleLexer.EOF; t = lx.next()) {
            if (t == TupleLexer.WORD) {
                if (lx.isWord("COLLATE")) {
                    break;
                }
                continue; // the introducer
            }
            if (t != TupleLexer.STRING && t != TupleLexer.NSTRING) {
                throw new IllegalArgumentException("not a string literal: " + v.text(buf));
            }
            int quoteAt = t == TupleLexer.NSTRING ? lx.start + 1 : lx.start;
            // the lexer accepted the string, so it closes at lx.pos
            n = Literals.outputEnd(Literals.unquote(buf, quoteAt + 1, lx.pos, buf[quoteAt], lx.noBackslashEscapes,
                    out, n));
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static byte[] decodeHex(byte[] buf, int from, int to) {
        byte[] out = new byte[Literals.hexLength(from, to)];
        Literals.hexBytes(buf, from, to, out, 0);
        return out;
    }

    private static byte[] decodeBits(byte[] buf, int from, int to) {
        byte[] out = new byte[Literals.bitLength(from, to)];
        Literals.bitBytes(buf, from, to, out, 0);
        return out;
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

        void accept(TupleLexer lx, int t) {
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
                    case TupleLexer.SIGN -> SIGN;
                    case TupleLexer.NUMBER -> NUM;
                    case TupleLexer.STRING -> STR;
                    case TupleLexer.NSTRING -> {
                        introducer = "N";
                        yield STR;
                    }
                    case TupleLexer.HEXNUM, TupleLexer.HEXSTR -> HEX;
                    case TupleLexer.BITNUM, TupleLexer.BITSTR -> BIT;
                    case TupleLexer.WORD -> {
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
                case SIGN -> t == TupleLexer.NUMBER && lx.start == prevEnd ? NUM : OTHER;
                case INTRO -> switch (t) {
                    case TupleLexer.STRING -> STR;
                    case TupleLexer.HEXNUM, TupleLexer.HEXSTR -> HEX;
                    case TupleLexer.BITNUM, TupleLexer.BITSTR -> BIT;
                    default -> OTHER;
                };
                case STR, HEX, BIT -> {
                    if (state == STR && t == TupleLexer.STRING) {
                        yield STR; // 'a' 'b' is 'ab'
                    }
                    if (t == TupleLexer.WORD && lx.isWord("COLLATE")) {
                        base = state;
                        yield COLLATE;
                    }
                    yield OTHER;
                }
                case COLLATE -> t == TupleLexer.WORD || t == TupleLexer.QIDENT || t == TupleLexer.STRING ? COLLATED : OTHER;
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
}
