package dev.packload.loader.write;

import dev.packload.formats.sql.MysqlEscapes;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Encodes typed values as MySQL/MariaDB SQL literals. Every {@code appendXxx} has a matching {@code xxxLength} that
 * returns exactly the number of bytes it appends, so a writer can check a statement's budget before it writes.
 * An append that rejects its input throws before writing anything.
 *
 * <p>Strings are escaped byte by byte, which is safe for the connection charsets packload uses (utf8mb4, binary,
 * latin1) but not for sjis, cp932, big5 or gbk, whose trailing bytes can be 0x5C.
 */
public final class SqlLiteral {

    /** Bytes appended by {@link #appendNull}. */
    public static final int NULL_LENGTH = 4;

    /** Introducer put before JSON text, so it is read as utf8mb4 whatever the connection charset. */
    static final byte[] JSON_INTRODUCER = {'_', 'u', 't', 'f', '8', 'm', 'b', '4'};

    /** Below this many bytes a string reserves room for the worst case instead of counting its escapes first. */
    private static final int COUNT_ESCAPES_FROM = 4096;

    private static final byte[] NULL = {'N', 'U', 'L', 'L'};
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

    /** 1 for each byte that gets a backslash ({@link MysqlEscapes#escape}), else 0: counted without a branch. */
    private static final byte[] EXTRA = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            EXTRA[i] = (byte) (MysqlEscapes.escape((byte) i) != 0 ? 1 : 0);
        }
    }

    /** The temporal types {@link #appendTemporal(ByteSink, CharSequence, Temporal)} checks text against. */
    public enum Temporal {
        /** {@code YYYY-MM-DD}. */
        DATE,
        /** {@code YYYY-MM-DD HH:MM:SS[.ffffff]}, with a space or a {@code T} between date and time. */
        DATETIME,
        /** Written like DATETIME; the server checks the 1970–2038 range, which depends on its time zone. */
        TIMESTAMP,
        /**
         * {@code [-]H[HH]:MM:SS[.ffffff]} with at most 838 hours. MariaDB takes fractions up to
         * {@code 838:59:59.999999}, MySQL only to {@code 838:59:59.000000}: that last limit is left to the server.
         */
        TIME,
        /** {@code YYYY}: 0000 or 1901 to 2155. */
        YEAR
    }

    private SqlLiteral() {
    }

    // ---- NULL ----

    public static void appendNull(ByteSink sink) {
        sink.append(NULL, 0, NULL_LENGTH);
    }

    // ---- numbers ----

    /** Bytes {@link #appendNumber} appends for this text. */
    public static int numberLength(CharSequence text) {
        return text.length();
    }

    /**
     * True when the text is a numeric literal: an optional sign, digits with an optional decimal point, an optional
     * exponent. No whitespace, hex, NaN or Infinity.
     */
    public static boolean isNumber(CharSequence text) {
        byte[] a = ascii(text);
        return numberError(a, 0, a.length) < 0;
    }

    /**
     * Appends a numeric literal as written.
     *
     * @throws IllegalArgumentException when the text is not one (see {@link #isNumber})
     */
    public static void appendNumber(ByteSink sink, CharSequence text) {
        byte[] a = ascii(text);
        appendNumber(sink, a, 0, a.length, text);
    }

    /**
     * Appends a numeric literal written as the UTF-8 bytes b[off, off + len), as {@link #appendNumber(ByteSink,
     * CharSequence)} does the same text.
     */
    public static void appendNumber(ByteSink sink, byte[] b, int off, int len) {
        appendNumber(sink, b, off, len, null);
    }

    private static void appendNumber(ByteSink sink, byte[] b, int off, int len, CharSequence text) {
        int bad = numberError(b, off, len);
        if (bad >= 0) {
            // every byte before the bad one is ASCII, so its index is the character index too
            throw new IllegalArgumentException("not a number: '" + (text != null ? text : utf8(b, off, len)) + "'"
                    + (len == 0 ? " is empty" : " (unexpected character at index " + bad + ")"));
        }
        sink.append(b, off, len);
    }

    /** Index (from off) of the first byte that breaks the numeric-literal syntax in s[off, off + n), or -1. */
    private static int numberError(byte[] s, int off, int n) {
        int i = 0;
        if (i < n && (s[off + i] == '-' || s[off + i] == '+')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s[off + i])) {
            i++;
            digits++;
        }
        if (i < n && s[off + i] == '.') {
            i++;
            while (i < n && isDigit(s[off + i])) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return i;
        }
        if (i < n && (s[off + i] == 'e' || s[off + i] == 'E')) {
            i++;
            if (i < n && (s[off + i] == '-' || s[off + i] == '+')) {
                i++;
            }
            if (i == n || !isDigit(s[off + i])) {
                return i;
            }
            while (i < n && isDigit(s[off + i])) {
                i++;
            }
        }
        return i == n ? -1 : i;
    }

    /**
     * The text as one byte per character, for the checks above and below, which accept ASCII only: a character
     * outside ASCII becomes 0x7F (DEL), which no check accepts either, so verdicts and positions stay the same.
     */
    private static byte[] ascii(CharSequence text) {
        int n = text.length();
        byte[] a = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            a[i] = c < 0x80 ? (byte) c : 0x7F;
        }
        return a;
    }

    private static String utf8(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    // ---- strings ----

    /** Bytes {@link #appendString} appends for these bytes. */
    public static long stringLength(byte[] b, int off, int len, boolean noBackslashEscapes) {
        Objects.checkFromIndexSize(off, len, b.length);
        long n = 2L + len;
        int end = off + len;
        if (noBackslashEscapes) {
            for (int i = off; i < end; i++) {
                if (b[i] == '\'') {
                    n++;
                }
            }
        } else {
            byte[] extra = EXTRA;
            for (int i = off; i < end; i++) {
                n += extra[b[i] & 0xFF];
            }
        }
        return n;
    }

    /**
     * Appends {@code '...'}. Normally {@code \0 ' " \ \n \r} and 0x1A get a backslash ({@code \0 \' \" \\ \n \r
     * \Z}); under {@code NO_BACKSLASH_ESCAPES} a backslash is an ordinary byte and only {@code '} is doubled.
     */
    public static void appendString(ByteSink sink, byte[] b, int off, int len, boolean noBackslashEscapes) {
        Objects.checkFromIndexSize(off, len, b.length);
        sink.reserve(len < COUNT_ESCAPES_FROM ? 2L * len + 2 : stringLength(b, off, len, noBackslashEscapes));
        byte[] dst = sink.buf;
        int p = sink.length;
        int end = off + len;
        dst[p++] = '\'';
        if (noBackslashEscapes) {
            for (int i = off; i < end; i++) {
                byte c = b[i];
                if (c == '\'') {
                    dst[p++] = '\'';
                }
                dst[p++] = c;
            }
        } else {
            for (int i = off; i < end; i++) {
                byte c = b[i];
                byte e = MysqlEscapes.escape(c);
                if (e == 0) {
                    dst[p++] = c;
                } else {
                    dst[p++] = '\\';
                    dst[p++] = e;
                }
            }
        }
        dst[p++] = '\'';
        sink.length = p;
    }

    // ---- binary ----

    /** Bytes {@link #appendBinary} appends for {@code len} bytes. */
    public static long binaryLength(int len) {
        if (len < 0) {
            throw new IllegalArgumentException("negative length " + len);
        }
        return len == 0 ? 3 : 2 + 2L * len;
    }

    /** Appends {@code 0x} and upper-case hex, or {@code X''} for no bytes ({@code 0x} alone is not a literal). */
    public static void appendBinary(ByteSink sink, byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        sink.reserve(binaryLength(len));
        byte[] dst = sink.buf;
        int p = sink.length;
        if (len == 0) {
            dst[p++] = 'X';
            dst[p++] = '\'';
            dst[p++] = '\'';
        } else {
            dst[p++] = '0';
            dst[p++] = 'x';
            p = hex(b, off, off + len, dst, p);
        }
        sink.length = p;
    }

    private static int hex(byte[] b, int from, int to, byte[] dst, int p) {
        byte[] hex = HEX;
        for (int i = from; i < to; i++) {
            int c = b[i];
            dst[p++] = hex[(c >> 4) & 0xF];
            dst[p++] = hex[c & 0xF];
        }
        return p;
    }

    // ---- BIT ----

    /** Bytes {@link #appendBit(ByteSink, long)} appends for this value. */
    public static int bitLength(long value) {
        return 2 + 2 * significantBytes(value);
    }

    /**
     * Appends a BIT value as {@code 0x} and the fewest whole bytes that hold it ({@code 0x00} for zero). The value's
     * 64 bits are taken as unsigned, so -1 is {@code 0xFFFFFFFFFFFFFFFF}. The server checks the column's width.
     */
    public static void appendBit(ByteSink sink, long value) {
        int bytes = significantBytes(value);
        sink.reserve(2 + 2 * bytes);
        byte[] dst = sink.buf;
        int p = sink.length;
        dst[p++] = '0';
        dst[p++] = 'x';
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            int c = (int) (value >>> shift);
            dst[p++] = HEX[(c >> 4) & 0xF];
            dst[p++] = HEX[c & 0xF];
        }
        sink.length = p;
    }

    /** Bytes {@link #appendBit(ByteSink, byte[])} appends for this value. */
    public static int bitLength(byte[] bigEndian) {
        return 2 + 2 * (bigEndian.length - firstSignificant(bigEndian));
    }

    /**
     * Appends a BIT value given as big-endian bytes, like {@link #appendBit(ByteSink, long)}: leading zero bytes are
     * dropped, and all zero bytes give {@code 0x00}.
     *
     * @throws IllegalArgumentException when there are no bytes, or the value needs more than 64 bits, more than any
     *                                  BIT column holds
     */
    public static void appendBit(ByteSink sink, byte[] bigEndian) {
        int from = firstSignificant(bigEndian);
        sink.reserve(2 + 2L * (bigEndian.length - from));
        byte[] dst = sink.buf;
        int p = sink.length;
        dst[p++] = '0';
        dst[p++] = 'x';
        sink.length = hex(bigEndian, from, bigEndian.length, dst, p);
    }

    private static int significantBytes(long value) {
        return Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 7) >> 3);
    }

    /** Index of the first byte to write: leading zeros skipped, but the last byte kept. */
    private static int firstSignificant(byte[] b) {
        if (b.length == 0) {
            throw new IllegalArgumentException("a BIT value needs at least one byte");
        }
        int i = 0;
        while (i < b.length - 1 && b[i] == 0) {
            i++;
        }
        if (b.length - i > 8) {
            throw new IllegalArgumentException("a BIT value holds at most 64 bits; this one has "
                    + (b.length - i) + " significant bytes");
        }
        return i;
    }

    // ---- JSON ----

    /** Bytes {@link #appendJson} appends for this text. */
    public static long jsonLength(byte[] utf8, int off, int len, boolean noBackslashEscapes) {
        return JSON_INTRODUCER.length + stringLength(utf8, off, len, noBackslashEscapes);
    }

    /**
     * Appends JSON text as {@code _utf8mb4'...'}: JSON columns take strings, and the introducer keeps the server
     * from reading the text in another charset (a binary connection charset would make MySQL refuse it). The text
     * is not validated here; the server does that.
     */
    public static void appendJson(ByteSink sink, byte[] utf8, int off, int len, boolean noBackslashEscapes) {
        Objects.checkFromIndexSize(off, len, utf8.length);
        sink.append(JSON_INTRODUCER, 0, JSON_INTRODUCER.length);
        appendString(sink, utf8, off, len, noBackslashEscapes);
    }

    // ---- temporal ----

    /** Bytes {@link #appendTemporal} appends for this text. */
    public static int temporalLength(CharSequence text) {
        return text.length() + 2;
    }

    /**
     * Appends a quoted DATE, DATETIME, TIME or YEAR value, telling them apart by shape: {@code YYYY} is a YEAR,
     * {@code YYYY-MM-DD} a DATE, a date followed by a time a DATETIME, anything else must be a TIME.
     *
     * @throws IllegalArgumentException naming the reason when the text is not a valid value of the type it looks like
     */
    public static void appendTemporal(ByteSink sink, CharSequence text) {
        byte[] a = ascii(text);
        appendTemporal(sink, a, 0, a.length, guess(a), text);
    }

    /**
     * Appends a quoted value of the given temporal type.
     *
     * @throws IllegalArgumentException naming the reason when the text is not a valid value of that type
     */
    public static void appendTemporal(ByteSink sink, CharSequence text, Temporal type) {
        byte[] a = ascii(text);
        appendTemporal(sink, a, 0, a.length, type, text);
    }

    /**
     * Appends a quoted value of the given temporal type written as the UTF-8 bytes b[off, off + len), as {@link
     * #appendTemporal(ByteSink, CharSequence, Temporal)} does the same text. Invalid text is refused as there, with a
     * message that may word the reason differently when the text holds non-ASCII characters.
     */
    public static void appendTemporal(ByteSink sink, byte[] b, int off, int len, Temporal type) {
        appendTemporal(sink, b, off, len, type, null);
    }

    private static void appendTemporal(ByteSink sink, byte[] b, int off, int len, Temporal type, CharSequence text) {
        String error = temporalError(b, off, len, type);
        if (error != null) {
            throw new IllegalArgumentException("not a " + type + ": '" + (text != null ? text : utf8(b, off, len))
                    + "': " + error);
        }
        sink.reserve(len + 2L);
        byte[] dst = sink.buf;
        int p = sink.length;
        dst[p++] = '\'';
        System.arraycopy(b, off, dst, p, len); // ASCII: checked above
        p += len;
        dst[p++] = '\'';
        sink.length = p;
    }

    /** Whether the text is a valid value of the type; see {@link #appendTemporal(ByteSink, CharSequence, Temporal)}. */
    public static boolean isTemporal(CharSequence text, Temporal type) {
        byte[] a = ascii(text);
        return temporalError(a, 0, a.length, type) == null;
    }

    private static Temporal guess(byte[] s) {
        int n = s.length;
        if (n == 4 && digits(s, 0, 4) >= 0) {
            return Temporal.YEAR;
        }
        if (n >= 5 && s[4] == '-' && digits(s, 0, 4) >= 0) {
            return n > 10 ? Temporal.DATETIME : Temporal.DATE;
        }
        return Temporal.TIME;
    }

    /** Why s[off, off + n) is not a valid value of the type, or null when it is. */
    private static String temporalError(byte[] s, int off, int n, Temporal type) {
        switch (type) {
            case YEAR: {
                int year = n == 4 ? digits(s, off, off + 4) : -1;
                if (year < 0) {
                    return "expected YYYY";
                }
                return year == 0 || year >= 1901 && year <= 2155 ? null : "year " + year + " is outside 1901-2155";
            }
            case DATE:
                return n == 10 ? dateError(s, off) : "expected YYYY-MM-DD";
            case DATETIME:
            case TIMESTAMP: {
                if (n < 19 || s[off + 10] != ' ' && s[off + 10] != 'T') {
                    return "expected YYYY-MM-DD HH:MM:SS[.ffffff]";
                }
                String error = dateError(s, off);
                if (error == null) {
                    error = timeOfDayError(s, off, n, 11, 2, 23);
                }
                return error;
            }
            case TIME: {
                int start = n > 0 && s[off] == '-' ? 1 : 0;
                int colon = start;
                while (colon < n && colon - start < 4 && isDigit(s[off + colon])) {
                    colon++;
                }
                int hourDigits = colon - start;
                if (hourDigits < 1 || hourDigits > 3) {
                    return "expected [-]HHH:MM:SS[.ffffff]";
                }
                return timeOfDayError(s, off, n, start, hourDigits, 838);
            }
            default:
                throw new IllegalArgumentException("unknown temporal type " + type);
        }
    }

    /** Checks the date YYYY-MM-DD at s[off, off + 10). */
    private static String dateError(byte[] s, int off) {
        if (s[off + 4] != '-' || s[off + 7] != '-') {
            return "expected YYYY-MM-DD";
        }
        int year = digits(s, off, off + 4);
        int month = digits(s, off + 5, off + 7);
        int day = digits(s, off + 8, off + 10);
        if (year < 0 || month < 0 || day < 0) {
            return "expected YYYY-MM-DD";
        }
        if (month > 12) {
            return "month " + month + " is out of range";
        }
        // zero dates and zero parts (0000-00-00, 2024-00-10) are left to the server's NO_ZERO_DATE / NO_ZERO_IN_DATE
        if (month > 0 && day > daysInMonth(year, month) || day > 31) {
            return "day " + day + " is out of range" + (month > 0 ? " for month " + month : "");
        }
        return null;
    }

    /**
     * Checks {@code H..:MM:SS[.ffffff]} from {@code at} in s[off, off + n), where the hour has {@code hourDigits}
     * digits.
     */
    private static String timeOfDayError(byte[] s, int off, int n, int at, int hourDigits, int maxHour) {
        int colon = at + hourDigits;
        if (n < colon + 6 || s[off + colon] != ':' || s[off + colon + 3] != ':') {
            return "expected HH:MM:SS[.ffffff]";
        }
        int hour = digits(s, off + at, off + colon);
        int minute = digits(s, off + colon + 1, off + colon + 3);
        int second = digits(s, off + colon + 4, off + colon + 6);
        if (hour < 0 || minute < 0 || second < 0) {
            return "expected HH:MM:SS[.ffffff]";
        }
        if (hour > maxHour) {
            return "hour " + hour + " is out of range";
        }
        if (minute > 59) {
            return "minute " + minute + " is out of range";
        }
        if (second > 59) {
            return "second " + second + " is out of range";
        }
        int end = colon + 6;
        if (n == end) {
            return null;
        }
        if (s[off + end] != '.' || n == end + 1 || n > end + 7 || digits(s, off + end + 1, off + n) < 0) {
            return "expected at most 6 fractional digits after '.'";
        }
        return null;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0 && year != 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The decimal value of s[from, to), all digits, or -1 when some byte is not a digit. */
    private static int digits(byte[] s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            byte c = s[i];
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
