package dev.packload.loader.write;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packload.formats.sql.TupleValues;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ExecutePacketTest {

    /** A parameter as the server reads it back from the packet. */
    record Param(int type, boolean unsigned, Object value) {
        @Override
        public String toString() {
            return type + (unsigned ? "u" : "") + ":" + (value instanceof byte[] b ? new String(b, UTF_8) : value);
        }
    }

    /** Reads a packet built for {@code params} parameters the way the server does (no query attributes). */
    static List<Param> decode(ExecutePacket p, int params) {
        byte[] b = p.array();
        assertEquals(0x17, b[0]);
        assertEquals(0, b[5], "no cursor");
        assertEquals(1, b[6] | b[7] << 8 | b[8] << 16 | b[9] << 24, "iteration count");
        int nullStart = 10;
        int nullBytes = (params + 7) / 8;
        assertEquals(1, b[nullStart + nullBytes], "new params bound");
        int types = nullStart + nullBytes + 1;
        int pos = types + 2 * params;
        List<Param> out = new ArrayList<>();
        for (int i = 0; i < params; i++) {
            int type = b[types + 2 * i] & 0xFF;
            boolean unsigned = (b[types + 2 * i + 1] & 0x80) != 0;
            if ((b[nullStart + i / 8] & (1 << (i % 8))) != 0) {
                assertEquals(ExecutePacket.TYPE_NULL & 0xFF, type);
                out.add(new Param(type, false, null));
                continue;
            }
            switch (type) {
                case 8 -> {
                    long v = 0;
                    for (int k = 7; k >= 0; k--) {
                        v = v << 8 | (b[pos + k] & 0xFF);
                    }
                    pos += 8;
                    out.add(new Param(type, unsigned, unsigned ? Long.toUnsignedString(v) : Long.toString(v)));
                }
                case 246, 252, 254 -> {
                    int first = b[pos++] & 0xFF;
                    long len;
                    if (first < 251) {
                        len = first;
                    } else {
                        int n = first == 0xFC ? 2 : first == 0xFD ? 3 : 8;
                        len = 0;
                        for (int k = n - 1; k >= 0; k--) {
                            len = len << 8 | (b[pos + k] & 0xFF);
                        }
                        pos += n;
                        assertEquals(n, ExecutePacket.lengthBytes(len) - 1, "shortest length prefix");
                    }
                    byte[] v = Arrays.copyOfRange(b, pos, pos + (int) len);
                    pos += (int) len;
                    out.add(new Param(type, false, type == 246 ? new String(v, UTF_8) : v));
                }
                default -> throw new AssertionError("unexpected type " + type);
            }
        }
        assertEquals(p.length(), pos, "nothing after the last value");
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static List<Param> encode(boolean noBackslashEscapes, String... tuples) {
        int columns = ExecutePacket.arity(bytes(tuples[0]), 0, bytes(tuples[0]).length, noBackslashEscapes);
        assertTrue(columns > 0, "arity of " + tuples[0]);
        ExecutePacket p = new ExecutePacket(1 << 20);
        p.start(7, columns * tuples.length);
        for (String t : tuples) {
            byte[] b = bytes(t);
            assertTrue(p.appendTuple(b, 0, b.length, columns, noBackslashEscapes), t);
        }
        assertTrue(p.complete());
        assertEquals(7, p.array()[1]);
        return decode(p, columns * tuples.length);
    }

    private static boolean refused(String tuple) {
        byte[] b = bytes(tuple);
        ExecutePacket p = new ExecutePacket(1 << 20);
        p.start(1, 64);
        int columns = Math.max(1, ExecutePacket.arity(b, 0, b.length, false));
        return !p.appendTuple(b, 0, b.length, columns, false);
    }

    @Test
    void arityCountsTopLevelValuesOnly() {
        assertEquals(3, ExecutePacket.arity(bytes(" ( 1, 'a,b', (2,3) ) "), 0, bytes(" ( 1, 'a,b', (2,3) ) ").length, false));
        byte[] escaped = bytes("('it\\'s, ok',\"x,y\",`c,d`,'')");
        assertEquals(4, ExecutePacket.arity(escaped, 0, escaped.length, false));
        byte[] nbe = bytes("('a\\',2)");
        assertEquals(2, ExecutePacket.arity(nbe, 0, nbe.length, true), "under NO_BACKSLASH_ESCAPES a backslash escapes nothing");
        for (String bad : List.of("(1,2", "1,2)", "(1) x", "('open)")) {
            assertEquals(-1, ExecutePacket.arity(bytes(bad), 0, bytes(bad).length, false), bad);
        }
    }

    @Test
    void integersAsTheLexerTypesThem() {
        List<Param> v = encode(false, "(0,-1,42,007,9223372036854775807,-9223372036854775808,9223372036854775808,"
                + "18446744073709551615,18446744073709551616,-9223372036854775809, -0 )");
        assertEquals("[8:0, 8:-1, 8:42, 8:7, 8:9223372036854775807, 8:-9223372036854775808, 8u:9223372036854775808,"
                + " 8u:18446744073709551615, 246:18446744073709551616, 246:-9223372036854775809, 8:0]", v.toString());
    }

    @Test
    void decimalsKeepTheirDigits() {
        assertEquals("[246:1.50, 246:-0.001, 246:00012.3400, 246:0.0]", encode(false, "(1.50,-0.001,00012.3400,0.0)")
                .toString());
    }

    @Test
    void stringsAreUnescapedAsTheServerReadsThem() {
        List<Param> v = encode(false, "('plain','it\\'s','a''b','\\0\\b\\n\\r\\t\\Z','\\%\\_','\\\\\\\"\\x','',"
                + "'ünï 😀')");
        assertArrayEquals(bytes("plain"), (byte[]) v.get(0).value());
        assertArrayEquals(bytes("it's"), (byte[]) v.get(1).value());
        assertArrayEquals(bytes("a'b"), (byte[]) v.get(2).value());
        assertArrayEquals(new byte[] {0, 8, 10, 13, 9, 0x1A}, (byte[]) v.get(3).value());
        assertArrayEquals(bytes("\\%\\_"), (byte[]) v.get(4).value(), "\\% and \\_ keep their backslash");
        assertArrayEquals(bytes("\\\"x"), (byte[]) v.get(5).value());
        assertArrayEquals(new byte[0], (byte[]) v.get(6).value());
        assertArrayEquals(bytes("ünï 😀"), (byte[]) v.get(7).value());
        assertTrue(v.stream().allMatch(p -> p.type() == 254));
    }

    @Test
    void binaryIntroducedStringsGoAsBlobs() {
        List<Param> v = encode(false, "(_binary 'a\\0\\'b',_BINARY'',_binary\n'x''y','plain')");
        assertArrayEquals(new byte[] {'a', 0, '\'', 'b'}, (byte[]) v.get(0).value());
        assertArrayEquals(new byte[0], (byte[]) v.get(1).value());
        assertArrayEquals(bytes("x'y"), (byte[]) v.get(2).value());
        assertEquals(List.of(252, 252, 252, 254), v.stream().map(Param::type).toList());
    }

    @Test
    void hexLiteralsGoAsBlobsOnlyIntoBinaryColumns() {
        byte[] t = bytes("(7,0x41ff,X'00',0xABC,x'',0x41)");
        byte[] binary = {0, 1, 1, 1, 1, 0};
        ExecutePacket p = new ExecutePacket(1 << 20);
        p.start(1, 6);
        assertFalse(p.appendTuple(t, 0, t.length, 6, false, binary), "0x41 into a column not known to be binary");
        binary[5] = ExecutePacket.BINARY_COLUMN;
        p.start(1, 6);
        assertTrue(p.appendTuple(t, 0, t.length, 6, false, binary));
        List<Param> v = decode(p, 6);
        assertEquals("8:7", v.get(0).toString());
        assertArrayEquals(new byte[] {0x41, (byte) 0xFF}, (byte[]) v.get(1).value());
        assertArrayEquals(new byte[] {0}, (byte[]) v.get(2).value());
        assertArrayEquals(new byte[] {0x0A, (byte) 0xBC}, (byte[]) v.get(3).value(), "an odd 0x gets a leading zero");
        assertArrayEquals(new byte[0], (byte[]) v.get(4).value());
        assertEquals(List.of(8, 252, 252, 252, 252, 252), v.stream().map(Param::type).toList());
        for (String bad : List.of("(0x12g)", "(X'ABC')", "(0x)", "(X'4G')", "(0x41 'a')")) {
            byte[] b = bytes(bad);
            p.start(1, 1);
            assertFalse(p.appendTuple(b, 0, b.length, 1, false, new byte[] {ExecutePacket.BINARY_COLUMN}), bad);
        }
    }

    @Test
    void floatLiteralsGoAsDoublesOnlyIntoFloatingColumns() {
        byte[] t = bytes("(1.5e-7,-2E+3,1e308,-0e0,1.25)");
        byte[] kinds = {2, 2, 2, 2, 2};
        ExecutePacket p = new ExecutePacket(1 << 20);
        p.start(1, 5);
        assertTrue(p.appendTuple(t, 0, t.length, 5, false, kinds));
        byte[] a = p.array();
        int values = 10 + 1 + 1 + 2 * 5;
        double[] expected = {1.5e-7, -2e3, 1e308, -0.0};
        for (int k = 0; k < 4; k++) {
            long bits = 0;
            for (int j = 7; j >= 0; j--) {
                bits = bits << 8 | (a[values + 8 * k + j] & 0xFF);
            }
            assertEquals(Double.doubleToRawLongBits(expected[k]), bits, "value " + k);
            assertEquals(5, a[values - 2 * 5 + 2 * k], "DOUBLE type");
        }
        assertEquals((byte) 246, a[values - 2], "1.25 without an exponent stays a DECIMAL");
        for (String bad : List.of("(1e)", "(1e+)", "(1e400)", "(1e5x)", "(1.5e2.5)")) {
            byte[] b = bytes(bad);
            p.start(1, 1);
            assertFalse(p.appendTuple(b, 0, b.length, 1, false, new byte[] {2}), bad);
        }
        byte[] other = bytes("(1e3)");
        p.start(1, 1);
        assertFalse(p.appendTuple(other, 0, other.length, 1, false, new byte[] {0}), "1e3 into a column not known to be floating");
    }

    @Test
    void bitLiteralsGoAsBytesOnlyIntoBitColumns() {
        byte[] t = bytes("(b'101',B'0',0b1000000001,b'')");
        byte[] bit = {3, 3, 3, 3};
        ExecutePacket p = new ExecutePacket(1 << 20);
        p.start(1, 4);
        assertTrue(p.appendTuple(t, 0, t.length, 4, false, bit));
        List<Param> v = decode(p, 4);
        assertArrayEquals(new byte[] {5}, (byte[]) v.get(0).value());
        assertArrayEquals(new byte[] {0}, (byte[]) v.get(1).value());
        assertArrayEquals(new byte[] {2, 1}, (byte[]) v.get(2).value());
        assertArrayEquals(new byte[0], (byte[]) v.get(3).value());
        for (String bad : List.of("(b'102')", "(b'1)", "(0b12)", "(0b)")) {
            byte[] b = bytes(bad);
            p.start(1, 1);
            assertFalse(p.appendTuple(b, 0, b.length, 1, false, new byte[] {3}), bad);
        }
        byte[] other = bytes("(b'1')");
        p.start(1, 1);
        assertFalse(p.appendTuple(other, 0, other.length, 1, false, new byte[] {0}), "b'1' into a column not known to be BIT");
    }

    @Test
    void noBackslashEscapesTakesBackslashesAsThey() {
        List<Param> v = encode(true, "('a\\nb','c\\''')");
        assertArrayEquals(bytes("a\\nb"), (byte[]) v.get(0).value());
        assertArrayEquals(bytes("c\\'"), (byte[]) v.get(1).value());
    }

    @Test
    void nullsGoInTheBitmap() {
        List<Param> v = encode(false, "(NULL,1,null,'x',NuLl,2,3,4,NULL)", "(1,NULL,2,3,4,5,6,7,8)");
        assertEquals("[6:null, 8:1, 6:null, 254:x, 6:null, 8:2, 8:3, 8:4, 6:null, 8:1, 6:null, 8:2, 8:3, 8:4, 8:5,"
                + " 8:6, 8:7, 8:8]", v.toString());
    }

    @Test
    void longStringsGetLongerLengthPrefixes() {
        for (int n : new int[] {250, 251, 65535, 65536, 70000}) {
            String s = "x".repeat(n - 2) + "\\n"; // the escape shrinks the value by one byte
            List<Param> v = encode(false, "(1,'" + s + "',2)");
            assertEquals(n - 1, ((byte[]) v.get(1).value()).length);
            assertEquals("8:2", v.get(2).toString());
        }
    }

    @Test
    void valuesWhoseMeaningDependsOnTheColumnOrMoreAreRefused() {
        for (String t : List.of("(0x41)", "(X'41')", "(b'1')", "(1e3)", "(1.5E-7)", "(-0.0)", "(-0.00)", "('a' 'b')",
                "(_utf8mb4'x')", "(_binary 0x41)", "(_binaryx'1')", "(_binary)", "(_binary 'a' 'b')", "(N'x')", "(DEFAULT)", "(NOW())", "(TRUE)", "('x' COLLATE utf8mb4_bin)",
                "(/* c */ 1)", "(1 -- x\n)", "(+1)", "(.5)", "(5.)", "(- 1)", "((1))", "(\"dq\")", "(1abc)",
                "(NULLX)", "('unterminated)", "(1,2", "1,2)", "(1,)", "()")) {
            assertTrue(refused(t), t);
        }
    }

    @Test
    void aTupleWithMoreOrFewerValuesThanTheColumnsIsRefused() {
        byte[] b = bytes("(1,2,3)");
        ExecutePacket p = new ExecutePacket(1 << 20);
        p.start(1, 8);
        assertFalse(p.appendTuple(b, 0, b.length, 2, false));
        p.start(1, 8);
        assertFalse(p.appendTuple(b, 0, b.length, 4, false));
        p.start(1, 2);
        assertFalse(p.appendTuple(b, 0, b.length, 3, false), "more values than the statement has parameters");
    }

    @Test
    void aPacketNeverPassesItsLimit() {
        byte[] row = bytes("(123456789,'" + "y".repeat(100) + "')");
        for (int limit = 40; limit < 400; limit++) {
            ExecutePacket p = new ExecutePacket(limit);
            p.start(1, 2 * 3);
            int taken = 0;
            while (taken < 3 && p.appendTuple(row, 0, row.length, 2, false)) {
                taken++;
            }
            assertTrue(p.length() <= limit || taken < 3 && p.length() > limit && !p.complete(),
                    "limit " + limit + ": length " + p.length());
            if (taken == 3) {
                assertTrue(p.length() <= limit, "a complete packet is within its limit");
            }
        }
    }

    /** Any bytes, escaped as packload writes a string literal, come back as themselves, as TupleValues decodes them. */
    @Property(tries = 2000)
    void escapedStringsComeBackByteForByte(@ForAll @Size(max = 600) byte[] value, @ForAll boolean noBackslashEscapes) {
        ByteSink sink = new ByteSink();
        sink.append((byte) '(');
        SqlLiteral.appendString(sink, value, 0, value.length, noBackslashEscapes);
        sink.append((byte) ',');
        sink.append((byte) ' ');
        SqlLiteral.appendString(sink, value, 0, value.length, noBackslashEscapes);
        sink.append((byte) ')');
        byte[] tuple = sink.toByteArray();
        ExecutePacket p = new ExecutePacket(1 << 20);
        p.start(3, 2);
        assertTrue(p.appendTuple(tuple, 0, tuple.length, 2, noBackslashEscapes));
        List<Param> v = decode(p, 2);
        assertArrayEquals(value, (byte[]) v.get(0).value());
        assertArrayEquals(value, (byte[]) v.get(1).value());
        TupleValues.Value first = TupleValues.split(tuple, 0, tuple.length, noBackslashEscapes, 101100).get(0);
        assertArrayEquals(TupleValues.decode(tuple, first, noBackslashEscapes), (byte[]) v.get(0).value());
    }

    /** Raw dump-style strings (any byte but the quote and backslash, then escapes of those) decode as TupleValues does. */
    @Property(tries = 2000)
    void rawLiteralsDecodeAsTheTupleSplitterDoes(@ForAll @Size(max = 200) byte[] raw) {
        ByteArrayOutputStream lit = new ByteArrayOutputStream();
        lit.write('(');
        lit.write('\'');
        for (byte c : raw) {
            if (c == '\'' || c == '\\') {
                lit.write('\\');
            }
            lit.write(c);
        }
        lit.write('\'');
        lit.write(')');
        byte[] tuple = lit.toByteArray();
        ExecutePacket p = new ExecutePacket(1 << 20);
        p.start(3, 1);
        assertTrue(p.appendTuple(tuple, 0, tuple.length, 1, false));
        TupleValues.Value only = TupleValues.split(tuple, 0, tuple.length, false, 101100).get(0);
        assertArrayEquals(TupleValues.decode(tuple, only, false), (byte[]) decode(p, 1).get(0).value());
    }
}
