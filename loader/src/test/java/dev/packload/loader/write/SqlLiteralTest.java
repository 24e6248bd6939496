package dev.packload.loader.write;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packload.formats.sql.TupleValues;
import dev.packload.loader.write.SqlLiteral.Temporal;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SqlLiteralTest {

    // ---- golden literals ----

    @Test
    void nullLiteral() {
        assertEquals("NULL", render(SqlLiteral::appendNull));
        assertEquals(SqlLiteral.NULL_LENGTH, render(SqlLiteral::appendNull).length());
    }

    @Test
    void numbers() {
        for (String ok : List.of("0", "-12", "+3", "1.5", "-1.5e3", "1E+10", "2.5E-7", ".5", "1.", "007",
                "18446744073709551615", "-0.000")) {
            assertEquals(ok, render(s -> SqlLiteral.appendNumber(s, ok)), ok);
            assertEquals(ok.length(), SqlLiteral.numberLength(ok));
            assertTrue(SqlLiteral.isNumber(ok), ok);
        }
    }

    @Test
    void notNumbers() {
        for (String bad : List.of("", "-", "+", ".", "e5", "1e", "1e+", " 1", "1 ", "0x1F", "NaN", "Infinity",
                "-Infinity", "1,5", "--1", "1.2.3", "1e5.5", "١", "1_000", "+-1")) {
            assertFalse(SqlLiteral.isNumber(bad), bad);
            ByteSink sink = new ByteSink();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SqlLiteral.appendNumber(sink, bad), bad);
            assertTrue(e.getMessage().startsWith("not a number"), e.getMessage());
            assertEquals(0, sink.length(), "nothing appended for " + bad);
        }
    }

    @Test
    void plainString() {
        assertEquals("'hello, world'", string("hello, world", false));
        assertEquals("''", string("", false));
        assertEquals("''", string("", true));
        assertEquals("'héllo ☃'", new String(stringBytes("héllo ☃".getBytes(UTF_8), false), UTF_8));
    }

    @Test
    void everyBackslashEscape() {
        assertEquals("'\\0'", string("\0", false));
        assertEquals("'\\''", string("'", false));
        assertEquals("'\\\"'", string("\"", false));
        assertEquals("'\\\\'", string("\\", false));
        assertEquals("'\\n'", string("\n", false));
        assertEquals("'\\r'", string("\r", false));
        assertEquals("'\\Z'", string("\u001A", false));
        assertEquals("'it\\'s a \\\"test\\\"\\\\\\r\\n\\0\\Z'", string("it's a \"test\"\\\r\n\0\u001A", false));
    }

    @Test
    void bytesThatNeedNoEscape() {
        // tab, backspace, % and _ are fine raw: escaping % or _ would keep the backslash
        assertEquals("'\t\b%_`#/*-- '", string("\t\b%_`#/*-- ", false));
    }

    @Test
    void noBackslashEscapesOnlyDoublesTheQuote() {
        assertEquals("'it''s'", string("it's", true));
        assertEquals("'a\\b\"c\0\n\r\u001A'", string("a\\b\"c\0\n\r\u001A", true));
        assertEquals("''''''", string("''", true));
    }

    @Test
    void rawNonUtf8Bytes() {
        byte[] in = {(byte) 0xFF, (byte) 0x80, 0x27, (byte) 0xC3, 0x5C};
        byte[] expected = {'\'', (byte) 0xFF, (byte) 0x80, '\\', 0x27, (byte) 0xC3, '\\', 0x5C, '\''};
        assertArrayEquals(expected, stringBytes(in, false));
    }

    @Test
    void binary() {
        assertEquals("0x00FF7F80", render(s -> SqlLiteral.appendBinary(s, new byte[] {0, -1, 127, -128}, 0, 4)));
        assertEquals("0x0A", render(s -> SqlLiteral.appendBinary(s, new byte[] {9, 10, 11}, 1, 1)));
        assertEquals("X''", render(s -> SqlLiteral.appendBinary(s, new byte[0], 0, 0)));
        assertEquals(3, SqlLiteral.binaryLength(0));
        assertEquals(4, SqlLiteral.binaryLength(1));
        assertEquals(2 + 2L * Integer.MAX_VALUE, SqlLiteral.binaryLength(Integer.MAX_VALUE));
    }

    @Test
    void bitFromLong() {
        assertEquals("0x00", render(s -> SqlLiteral.appendBit(s, 0L)));
        assertEquals("0x01", render(s -> SqlLiteral.appendBit(s, 1L)));
        assertEquals("0xFF", render(s -> SqlLiteral.appendBit(s, 255L)));
        assertEquals("0x0100", render(s -> SqlLiteral.appendBit(s, 256L)));
        assertEquals("0x7FFFFFFFFFFFFFFF", render(s -> SqlLiteral.appendBit(s, Long.MAX_VALUE)));
        assertEquals("0xFFFFFFFFFFFFFFFF", render(s -> SqlLiteral.appendBit(s, -1L)));
        assertEquals("0x8000000000000000", render(s -> SqlLiteral.appendBit(s, Long.MIN_VALUE)));
    }

    @Test
    void bitFromBytes() {
        assertEquals("0x05", render(s -> SqlLiteral.appendBit(s, new byte[] {5})));
        assertEquals("0x0102", render(s -> SqlLiteral.appendBit(s, new byte[] {0, 0, 1, 2})));
        assertEquals("0x00", render(s -> SqlLiteral.appendBit(s, new byte[] {0, 0, 0})));
        assertEquals("0xFFFFFFFFFFFFFFFF", render(s -> SqlLiteral.appendBit(s, new byte[] {0, -1, -1, -1, -1, -1, -1,
            -1, -1})));
        assertEquals(4, SqlLiteral.bitLength(new byte[] {0, 0, 7}));
        assertThrows(IllegalArgumentException.class, () -> SqlLiteral.appendBit(new ByteSink(), new byte[0]));
        assertEquals("0x00", render(s -> SqlLiteral.appendBit(s, new byte[9])));
        ByteSink sink = new ByteSink();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SqlLiteral.appendBit(sink, new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0}));
        assertTrue(e.getMessage().contains("64 bits"), e.getMessage());
        assertEquals(0, sink.length());
    }

    @Test
    void json() {
        byte[] json = "{\"a\": \"x\\\"y\", \"b\": [1, null], \"c\": \"it's ☃\"}".getBytes(UTF_8);
        String expected = "_utf8mb4'{\\\"a\\\": \\\"x\\\\\\\"y\\\", \\\"b\\\": [1, null], "
                + "\\\"c\\\": \\\"it\\'s ☃\\\"}'";
        assertEquals(expected, render(s -> SqlLiteral.appendJson(s, json, 0, json.length, false)));
        String nbe = "_utf8mb4'{\"a\": \"x\\\"y\", \"b\": [1, null], \"c\": \"it''s ☃\"}'";
        assertEquals(nbe, render(s -> SqlLiteral.appendJson(s, json, 0, json.length, true)));
        assertEquals(expected.getBytes(UTF_8).length, SqlLiteral.jsonLength(json, 0, json.length, false));
    }

    // ---- temporal ----

    @Test
    void temporalValuesByShape() {
        for (String ok : List.of("2024-02-29", "0000-00-00", "2024-00-00", "9999-12-31", "2024-01-31 23:59:59",
                "2024-01-31T00:00:00", "2024-01-31 12:00:00.5", "2024-01-31 12:00:00.123456", "12:34:56",
                "-12:34:56", "838:59:59", "-838:59:59", "838:59:59.000000", "838:59:59.999999", "-838:59:59.5",
                "0:00:00", "100:00:00.1", "2024", "0000", "1901", "2155")) {
            assertEquals("'" + ok + "'", render(s -> SqlLiteral.appendTemporal(s, ok)), ok);
            assertEquals(ok.length() + 2, SqlLiteral.temporalLength(ok));
        }
    }

    @Test
    void invalidTemporalValuesNameTheReason() {
        assertTemporalError("2023-02-29", "day 29 is out of range for month 2");
        assertTemporalError("1900-02-29", "day 29 is out of range for month 2");
        assertTemporalError("0000-02-29", "day 29 is out of range for month 2");
        assertTemporalError("2024-04-31", "day 31 is out of range for month 4");
        assertTemporalError("2024-00-32", "day 32 is out of range");
        assertTemporalError("2024-13-01", "month 13 is out of range");
        assertTemporalError("2024-1-01", "expected YYYY-MM-DD");
        assertTemporalError("2024/01/01", "expected");
        assertTemporalError("24-01-01", "expected");
        assertTemporalError("2024-01-01 24:00:00", "hour 24 is out of range");
        assertTemporalError("2024-01-01 23:60:00", "minute 60 is out of range");
        assertTemporalError("2024-01-01 23:00:60", "second 60 is out of range");
        assertTemporalError("2024-01-01 23:00:00.", "fractional");
        assertTemporalError("2024-01-01 23:00:00.1234567", "fractional");
        assertTemporalError("2024-01-01 23:00:00+01:00", "fractional");
        assertTemporalError("2024-01-01 1:00:00", "expected YYYY-MM-DD HH:MM:SS");
        assertTemporalError("2024-01-01x23:00:00", "expected YYYY-MM-DD HH:MM:SS");
        assertTemporalError("839:00:00", "hour 839 is out of range");
        assertTemporalError("1000:00:00", "expected [-]HHH:MM:SS");
        assertTemporalError("12:34", "expected HH:MM:SS");
        assertTemporalError("12:3:56", "expected HH:MM:SS");
        assertTemporalError("", "expected [-]HHH:MM:SS");
        assertTemporalError("now", "expected [-]HHH:MM:SS");
        assertTemporalError("1900", "year 1900 is outside 1901-2155");
        assertTemporalError("2156", "year 2156 is outside");
        assertTemporalError("2024-01-01 '; DROP", "expected");
    }

    @Test
    void temporalWithExplicitType() {
        assertEquals("'2024-01-31 12:00:00'",
                render(s -> SqlLiteral.appendTemporal(s, "2024-01-31 12:00:00", Temporal.TIMESTAMP)));
        assertTrue(SqlLiteral.isTemporal("12:00:00", Temporal.TIME));
        assertFalse(SqlLiteral.isTemporal("2024", Temporal.DATE));
        assertFalse(SqlLiteral.isTemporal("2024-01-31", Temporal.DATETIME));
        assertFalse(SqlLiteral.isTemporal("2024-01-31 12:00:00", Temporal.DATE));
        assertFalse(SqlLiteral.isTemporal("12:00:00", Temporal.YEAR));
        ByteSink sink = new ByteSink();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SqlLiteral.appendTemporal(sink, "2024-01-31", Temporal.TIME));
        assertTrue(e.getMessage().startsWith("not a TIME: '2024-01-31': "), e.getMessage());
        assertEquals(0, sink.length());
    }

    // ---- properties: exact lengths and round trips through the dump lexer ----

    @Property
    void stringLengthIsExactAndTheLiteralReadsBack(@ForAll @Size(max = 600) byte[] data, @ForAll boolean nbe,
                                                   @ForAll @IntRange(max = 40) int before) {
        ByteSink sink = sinkWith(before);
        SqlLiteral.appendString(sink, data, 0, data.length, nbe);
        assertEquals(SqlLiteral.stringLength(data, 0, data.length, nbe), sink.length() - before);
        assertArrayEquals(data, readBack(sink, before, nbe, TupleValues.Kind.STRING));
    }

    @Property(tries = 50)
    void largeStringsCountTheirEscapesFirst(@ForAll @Size(min = 4096, max = 20000) byte[] data, @ForAll boolean nbe) {
        ByteSink sink = new ByteSink(16);
        SqlLiteral.appendString(sink, data, 0, data.length, nbe);
        assertEquals(SqlLiteral.stringLength(data, 0, data.length, nbe), sink.length());
        assertArrayEquals(data, readBack(sink, 0, nbe, TupleValues.Kind.STRING));
    }

    @Property
    void stringOfASliceEncodesOnlyTheSlice(@ForAll @Size(min = 2, max = 100) byte[] data, @ForAll boolean nbe) {
        int off = 1;
        int len = data.length - 2;
        ByteSink sink = new ByteSink(0);
        SqlLiteral.appendString(sink, data, off, len, nbe);
        assertEquals(SqlLiteral.stringLength(data, off, len, nbe), sink.length());
        assertArrayEquals(Arrays.copyOfRange(data, off, off + len), readBack(sink, 0, nbe, TupleValues.Kind.STRING));
    }

    @Property
    void binaryLengthIsExactAndTheLiteralReadsBack(@ForAll @Size(max = 600) byte[] data,
                                                   @ForAll @IntRange(max = 40) int before) {
        ByteSink sink = sinkWith(before);
        SqlLiteral.appendBinary(sink, data, 0, data.length);
        assertEquals(SqlLiteral.binaryLength(data.length), sink.length() - before);
        assertArrayEquals(data, readBack(sink, before, false, TupleValues.Kind.HEX));
    }

    @Property
    void bitLengthIsExactAndTheLiteralReadsBack(@ForAll long value, @ForAll @IntRange(max = 40) int before) {
        ByteSink sink = sinkWith(before);
        SqlLiteral.appendBit(sink, value);
        assertEquals(SqlLiteral.bitLength(value), sink.length() - before);
        byte[] decoded = readBack(sink, before, false, TupleValues.Kind.HEX);
        assertEquals(new BigInteger(Long.toUnsignedString(value)), new BigInteger(1, decoded));
        assertTrue(decoded.length == 1 || decoded[0] != 0, "fewest bytes");

        ByteSink fromBytes = new ByteSink(0);
        byte[] bigEndian = BigInteger.valueOf(value).toByteArray();
        if (value < 0) {
            bigEndian = new BigInteger(Long.toUnsignedString(value)).toByteArray();
        }
        SqlLiteral.appendBit(fromBytes, bigEndian);
        assertEquals(SqlLiteral.bitLength(bigEndian), fromBytes.length());
        assertArrayEquals(Arrays.copyOfRange(sink.array(), before, sink.length()), fromBytes.toByteArray());
    }

    @Property
    void jsonLengthIsExactAndTheLiteralReadsBack(@ForAll @Size(max = 200) String text, @ForAll boolean nbe) {
        byte[] utf8 = text.getBytes(UTF_8);
        ByteSink sink = new ByteSink(1);
        SqlLiteral.appendJson(sink, utf8, 0, utf8.length, nbe);
        assertEquals(SqlLiteral.jsonLength(utf8, 0, utf8.length, nbe), sink.length());
        byte[] tuple = tuple(sink, 0);
        TupleValues.Value v = TupleValues.split(tuple, 0, tuple.length, nbe, 80035).get(0);
        assertEquals("_utf8mb4", v.introducer());
        assertArrayEquals(utf8, TupleValues.decode(tuple, v, nbe));
    }

    @Property
    void javaNumbersAreNumbers(@ForAll long l, @ForAll double d, @ForAll BigDecimal big) {
        for (String s : List.of(Long.toString(l), Double.toString(d), big.toString(), big.toPlainString())) {
            boolean finite = !s.equals("NaN") && !s.contains("Infinity");
            assertEquals(finite, SqlLiteral.isNumber(s), s);
            if (finite) {
                ByteSink sink = sinkWith(3);
                SqlLiteral.appendNumber(sink, s);
                assertEquals(SqlLiteral.numberLength(s), sink.length() - 3);
                byte[] tuple = tuple(sink, 3);
                assertEquals(TupleValues.Kind.NUMBER, TupleValues.split(tuple, 0, tuple.length, false, 80035)
                        .get(0).kind(), s);
            }
        }
    }

    @Test
    void nonFiniteDoublesAreNotNumbers() {
        assertFalse(SqlLiteral.isNumber(Double.toString(Double.NaN)));
        assertFalse(SqlLiteral.isNumber(Double.toString(Double.POSITIVE_INFINITY)));
        assertFalse(SqlLiteral.isNumber(Double.toString(Double.NEGATIVE_INFINITY)));
    }

    // ---- the sink ----

    @Nested
    class Sink {
        @Test
        void growsAndKeepsContent() {
            ByteSink sink = new ByteSink(0);
            for (int i = 0; i < 1000; i++) {
                sink.append((byte) i);
            }
            sink.append(new byte[] {1, 2, 3}, 1, 2).appendAscii("ok");
            assertEquals(1004, sink.length());
            assertEquals((byte) 999, sink.array()[999]);
            assertArrayEquals(new byte[] {2, 3, 'o', 'k'}, Arrays.copyOfRange(sink.array(), 1000, 1004));
        }

        @Test
        void setLengthTruncatesAndResets() {
            ByteSink sink = new ByteSink(4).appendAscii("abcdef");
            sink.setLength(3);
            assertEquals("abc", new String(sink.toByteArray(), ISO_8859_1));
            sink.setLength(0);
            assertEquals(0, sink.length());
            assertThrows(IllegalArgumentException.class, () -> sink.setLength(1));
            assertThrows(IllegalArgumentException.class, () -> sink.setLength(-1));
        }

        @Test
        void ensureCapacityReservesWithoutReallocatingLater() {
            ByteSink sink = new ByteSink(1);
            sink.ensureCapacity(100);
            byte[] array = sink.array();
            for (int i = 0; i < 100; i++) {
                sink.append((byte) 'x');
            }
            assertSame(array, sink.array());
            assertTrue(sink.capacity() >= 100);
        }

        @Test
        void appendAsciiRejectsOtherChars() {
            ByteSink sink = new ByteSink();
            assertThrows(IllegalArgumentException.class, () -> sink.appendAscii("é"));
        }
    }

    // ---- helpers ----

    private static String string(String s, boolean nbe) {
        return new String(stringBytes(s.getBytes(ISO_8859_1), nbe), ISO_8859_1);
    }

    private static byte[] stringBytes(byte[] b, boolean nbe) {
        ByteSink sink = new ByteSink(2);
        SqlLiteral.appendString(sink, b, 0, b.length, nbe);
        assertEquals(SqlLiteral.stringLength(b, 0, b.length, nbe), sink.length());
        return sink.toByteArray();
    }

    private static String render(Consumer<ByteSink> append) {
        ByteSink sink = new ByteSink(1);
        append.accept(sink);
        return new String(sink.toByteArray(), UTF_8);
    }

    private static void assertTemporalError(String text, String reason) {
        ByteSink sink = new ByteSink();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SqlLiteral.appendTemporal(sink, text), text);
        assertTrue(e.getMessage().contains(reason), () -> text + " gave: " + e.getMessage());
        assertEquals(0, sink.length(), "nothing appended for " + text);
    }

    /** A small sink already holding {@code n} bytes, so appends start mid-buffer and must grow it. */
    private static ByteSink sinkWith(int n) {
        ByteSink sink = new ByteSink(n);
        for (int i = 0; i < n; i++) {
            sink.append((byte) 'z');
        }
        return sink;
    }

    /** {@code (<literal>)} from what the sink holds after {@code from}. */
    private static byte[] tuple(ByteSink sink, int from) {
        byte[] tuple = new byte[sink.length() - from + 2];
        tuple[0] = '(';
        System.arraycopy(sink.array(), from, tuple, 1, sink.length() - from);
        tuple[tuple.length - 1] = ')';
        return tuple;
    }

    /** Reads the literal back the way a dump is read: one value, of the expected kind, decoded to bytes. */
    private static byte[] readBack(ByteSink sink, int from, boolean nbe, TupleValues.Kind kind) {
        byte[] tuple = tuple(sink, from);
        List<TupleValues.Value> values = TupleValues.split(tuple, 0, tuple.length, nbe, 80035);
        assertEquals(1, values.size());
        assertEquals(kind, values.get(0).kind());
        assertEquals(tuple.length - 2, values.get(0).len(), "the literal is one whole value");
        return TupleValues.decode(tuple, values.get(0), nbe);
    }
}
