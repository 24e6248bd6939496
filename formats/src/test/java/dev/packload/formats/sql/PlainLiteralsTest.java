package dev.packload.formats.sql;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packload.formats.sql.TupleValues.Kind;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The plain-literal reader against the tuple splitter: where one reads a value, both read the same thing. */
class PlainLiteralsTest {

    private static final long MARIADB = 101119;
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_UNSIGNED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final String[] NOT_PLAIN = {"DEFAULT", "'a' 'b'", "_utf8mb4'x'", "N'x'", "NOW()", "/* c */ 1",
        "+1", ".5", "5.", "TRUE", "\"dq\"", "'x' COLLATE utf8mb4_bin", "-0.00", "1abc", "(1)", "- 1"};

    /** One generated value: its text, what the reader should make of it, and the forms its column takes. */
    private record Generated(String text, int expected, int forms) {
    }

    @Property(tries = 3000)
    void readsWhatTheSplitterReads(@ForAll long seed, @ForAll boolean noBackslashEscapes) {
        Random r = new Random(seed);
        List<Generated> values = new ArrayList<>();
        StringBuilder t = new StringBuilder(blank(r)).append('(');
        for (int k = 1 + r.nextInt(6); k > 0; k--) {
            Generated g = value(r, noBackslashEscapes);
            values.add(g);
            t.append(blank(r)).append(g.text()).append(blank(r)).append(k > 1 ? "," : ")");
        }
        t.append(blank(r));
        byte[] b = t.toString().getBytes(ISO_8859_1);
        List<TupleValues.Value> split = TupleValues.split(b, 0, b.length, noBackslashEscapes, MARIADB);
        assertEquals(split.size(), PlainLiterals.arity(b, 0, b.length, noBackslashEscapes), t.toString());
        PlainLiterals in = new PlainLiterals();
        assertTrue(in.open(b, 0, b.length, noBackslashEscapes));
        for (int k = 0; k < values.size(); k++) {
            Generated g = values.get(k);
            int read = in.next(g.forms());
            if (g.expected() == PlainLiterals.REFUSED) {
                assertTrue(read == PlainLiterals.REFUSED || read == PlainLiterals.STRING
                        && in.stringInto(new byte[in.remaining()], 0) >= 0 && in.afterValue() == -1, g.text());
                return;
            }
            assertEquals(g.expected(), read, g.text());
            agree(b, in, read, split.get(k), noBackslashEscapes);
            assertEquals(k == values.size() - 1 ? 0 : 1, in.afterValue(), t.toString());
        }
    }

    private static void agree(byte[] b, PlainLiterals in, int read, TupleValues.Value v, boolean nbe) {
        String text = v.text(b);
        switch (read) {
            case PlainLiterals.NULL -> assertEquals(Kind.NULL, v.kind());
            case PlainLiterals.INTEGER -> {
                assertEquals(Kind.NUMBER, v.kind());
                String n = in.unsigned() ? Long.toUnsignedString(in.integer()) : Long.toString(in.integer());
                assertEquals(new BigInteger(text), new BigInteger(n), text);
            }
            case PlainLiterals.DECIMAL -> {
                assertEquals(Kind.NUMBER, v.kind());
                assertEquals(text, new String(b, in.from(), in.to() - in.from(), ISO_8859_1));
            }
            case PlainLiterals.DOUBLE -> {
                assertEquals(Kind.NUMBER, v.kind());
                assertEquals(Double.parseDouble(text), in.real());
            }
            case PlainLiterals.STRING, PlainLiterals.BINARY_STRING -> {
                assertEquals(Kind.STRING, v.kind());
                if (read == PlainLiterals.STRING) {
                    assertNull(v.introducer());
                } else {
                    assertEquals("_binary", v.introducer());
                }
                byte[] out = new byte[in.remaining() + 3];
                int end = in.stringInto(out, 3);
                assertArrayEquals(TupleValues.decode(b, v, nbe), Arrays.copyOfRange(out, 3, end), text);
            }
            case PlainLiterals.HEX_BYTES, PlainLiterals.BIT_BYTES -> {
                assertEquals(read == PlainLiterals.HEX_BYTES ? Kind.HEX : Kind.BIT, v.kind());
                byte[] out = new byte[in.byteLength() + 1];
                assertEquals(out.length, in.bytesInto(out, 1));
                assertArrayEquals(TupleValues.decode(b, v, nbe), Arrays.copyOfRange(out, 1, out.length), text);
            }
            default -> throw new AssertionError("read " + read);
        }
    }

    private static Generated value(Random r, boolean nbe) {
        int forms = r.nextInt(8);
        switch (r.nextInt(10)) {
            case 0:
                return new Generated(new String[] {"NULL", "null", "NuLl"}[r.nextInt(3)], PlainLiterals.NULL, forms);
            case 1: {
                BigInteger v = new BigInteger(66, r).subtract(BigInteger.ONE.shiftLeft(64));
                if (r.nextBoolean()) {
                    v = BigInteger.valueOf(r.nextInt(1000) - 500);
                }
                boolean integer = v.compareTo(MIN) >= 0 && v.compareTo(MAX_UNSIGNED) <= 0;
                String zeros = r.nextInt(5) == 0 ? "00" : "";
                String s = v.signum() < 0 ? "-" + zeros + v.negate() : zeros + v;
                return new Generated(s, integer ? PlainLiterals.INTEGER : PlainLiterals.DECIMAL, forms);
            }
            case 2: {
                String s = (r.nextBoolean() ? "-" : "") + r.nextInt(100000) + "." + r.nextInt(1000);
                boolean negativeZero = s.matches("-0\\.0+");
                return new Generated(s, negativeZero ? PlainLiterals.REFUSED : PlainLiterals.DECIMAL, forms);
            }
            case 3: {
                String s = (r.nextBoolean() ? "-" : "") + r.nextInt(1000) + (r.nextBoolean() ? "." + r.nextInt(100) : "")
                        + (r.nextBoolean() ? "e" : "E") + new String[] {"", "+", "-"}[r.nextInt(3)] + r.nextInt(300);
                return new Generated(s, (forms & PlainLiterals.FLOAT) != 0 ? PlainLiterals.DOUBLE
                        : PlainLiterals.REFUSED, forms);
            }
            case 4:
            case 5:
                return new Generated(string(r, nbe), PlainLiterals.STRING, forms);
            case 6:
                return new Generated((r.nextBoolean() ? "_binary" : "_BINARY") + blank(r) + string(r, nbe),
                        PlainLiterals.BINARY_STRING, forms);
            case 7: {
                StringBuilder d = new StringBuilder();
                for (int n = r.nextInt(9); n >= 0; n--) {
                    d.append("0123456789abcdefABCDEF".charAt(r.nextInt(22)));
                }
                boolean quoted = r.nextBoolean() && d.length() % 2 == 0;
                String s = quoted ? (r.nextBoolean() ? "X'" : "x'") + d + "'" : "0x" + d;
                return new Generated(s, (forms & PlainLiterals.HEX) != 0 ? PlainLiterals.HEX_BYTES
                        : PlainLiterals.REFUSED, forms);
            }
            case 8: {
                StringBuilder d = new StringBuilder();
                for (int n = r.nextInt(20); n >= 0; n--) {
                    d.append(r.nextBoolean() ? '1' : '0');
                }
                String s = r.nextBoolean() ? (r.nextBoolean() ? "b'" : "B'") + d + "'" : "0b" + d;
                return new Generated(s, (forms & PlainLiterals.BITS) != 0 ? PlainLiterals.BIT_BYTES
                        : PlainLiterals.REFUSED, forms);
            }
            default:
                return new Generated(NOT_PLAIN[r.nextInt(NOT_PLAIN.length)], PlainLiterals.REFUSED, forms);
        }
    }

    /** A single-quoted string of any bytes, quotes doubled or (with backslash escapes) escaped. */
    private static String string(Random r, boolean nbe) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write('\'');
        for (int n = r.nextInt(12); n > 0; n--) {
            int c = r.nextInt(256);
            if (c == '\'') {
                s.write('\'');
            } else if (c == '\\' && !nbe) {
                s.write('\\');
                c = r.nextInt(256);
            }
            s.write(c);
        }
        s.write('\'');
        return s.toString(ISO_8859_1);
    }

    private static String blank(Random r) {
        return new String[] {"", "", " ", "\n", "\t\r "}[r.nextInt(5)];
    }

    @Test
    void aStringThatDoesNotCloseIsNotRead() {
        byte[] b = "('open)".getBytes(ISO_8859_1);
        PlainLiterals in = new PlainLiterals();
        assertTrue(in.open(b, 0, b.length, false));
        assertEquals(PlainLiterals.STRING, in.next(0));
        assertEquals(-1, in.stringInto(new byte[in.remaining()], 0));
        assertFalse(in.open("1,2)".getBytes(ISO_8859_1), 0, 4, false));
    }

    @Test
    void arityCountsUpToTheMostColumnsATableHas() {
        String wide = "(" + "1,".repeat(PlainLiterals.MAX_COLUMNS - 1) + "1)";
        byte[] b = wide.getBytes(ISO_8859_1);
        assertEquals(PlainLiterals.MAX_COLUMNS, PlainLiterals.arity(b, 0, b.length, false));
        byte[] wider = ("(1," + wide.substring(1)).getBytes(ISO_8859_1);
        assertEquals(-1, PlainLiterals.arity(wider, 0, wider.length, false));
    }
}
