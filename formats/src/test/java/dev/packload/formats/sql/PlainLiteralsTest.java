package dev.packload.formats.sql;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** One generated value: its text, what the reader should make of it, and what its column is. */
    private record Generated(String text, int expected, byte column) {
    }

    // what a value was read as
    private static final int REFUSED = 0, NULL = 1, INTEGER = 2, DECIMAL = 3, DOUBLE = 4, STRING = 5,
            BINARY_STRING = 6, HEX = 7, BITS = 8;

    /** One value as the binder got it: the kind, and its number or bytes. */
    private record Bound(int kind, Object value) {
    }

    /** Records what it is handed, decoded with the shared literal decoders. */
    private static final class Recorder implements PlainLiterals.Binder {
        final List<Bound> bound = new ArrayList<>();

        @Override
        public boolean nullValue() {
            return bound.add(new Bound(NULL, null));
        }

        @Override
        public boolean integer(long value, boolean unsigned) {
            return bound.add(new Bound(INTEGER, unsigned ? Long.toUnsignedString(value) : Long.toString(value)));
        }

        @Override
        public boolean decimal(byte[] b, int from, int to) {
            return bound.add(new Bound(DECIMAL, new String(b, from, to - from, ISO_8859_1)));
        }

        @Override
        public boolean real(double value) {
            return bound.add(new Bound(DOUBLE, value));
        }

        @Override
        public int string(byte[] b, int from, int end, boolean noBackslashEscapes, boolean binary) {
            byte[] out = new byte[end - from + 3];
            long r = Literals.unquote(b, from, end, (byte) '\'', noBackslashEscapes, out, 3);
            if (r < 0) {
                return -1;
            }
            bound.add(new Bound(binary ? BINARY_STRING : STRING, Arrays.copyOfRange(out, 3, Literals.outputEnd(r))));
            return Literals.inputEnd(r);
        }

        @Override
        public boolean hex(byte[] b, int from, int to) {
            byte[] out = new byte[Literals.hexLength(from, to) + 1];
            assertEquals(out.length, Literals.hexBytes(b, from, to, out, 1));
            return bound.add(new Bound(HEX, Arrays.copyOfRange(out, 1, out.length)));
        }

        @Override
        public boolean bits(byte[] b, int from, int to) {
            byte[] out = new byte[Literals.bitLength(from, to) + 1];
            assertEquals(out.length, Literals.bitBytes(b, from, to, out, 1));
            return bound.add(new Bound(BITS, Arrays.copyOfRange(out, 1, out.length)));
        }
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
        byte[] columns = new byte[values.size()];
        int plain = 0;
        while (plain < values.size() && values.get(plain).expected() != REFUSED) {
            plain++;
        }
        for (int k = 0; k < columns.length; k++) {
            columns[k] = values.get(k).column();
        }
        Recorder rec = new Recorder();
        int read = PlainLiterals.read(b, 0, b.length, noBackslashEscapes, values.size(), columns, rec);
        assertEquals(plain == values.size() ? values.size() : -1, read, t.toString());
        // a refused value may have been handed over before what follows it refused it ('a' 'b')
        assertTrue(rec.bound.size() == plain || rec.bound.size() == plain + 1 && plain < values.size(), t.toString());
        for (int k = 0; k < plain; k++) {
            Bound got = rec.bound.get(k);
            assertEquals(values.get(k).expected(), got.kind(), values.get(k).text());
            agree(b, got, split.get(k), noBackslashEscapes);
        }
        assertEquals(-1, PlainLiterals.read(b, 0, b.length, noBackslashEscapes, values.size() - 1, columns,
                new Recorder()), "more values than asked for");
    }

    private static void agree(byte[] b, Bound got, TupleValues.Value v, boolean nbe) {
        String text = v.text(b);
        switch (got.kind()) {
            case NULL -> assertEquals(Kind.NULL, v.kind());
            case INTEGER -> {
                assertEquals(Kind.NUMBER, v.kind());
                assertEquals(new BigInteger(text), new BigInteger((String) got.value()), text);
            }
            case DECIMAL -> {
                assertEquals(Kind.NUMBER, v.kind());
                assertEquals(text, got.value());
            }
            case DOUBLE -> {
                assertEquals(Kind.NUMBER, v.kind());
                assertEquals(Double.parseDouble(text), (double) got.value());
            }
            case STRING, BINARY_STRING -> {
                assertEquals(Kind.STRING, v.kind());
                if (got.kind() == STRING) {
                    assertNull(v.introducer());
                } else {
                    assertEquals("_binary", v.introducer());
                }
                assertArrayEquals(TupleValues.decode(b, v, nbe), (byte[]) got.value(), text);
            }
            case HEX, BITS -> {
                assertEquals(got.kind() == HEX ? Kind.HEX : Kind.BIT, v.kind());
                assertArrayEquals(TupleValues.decode(b, v, nbe), (byte[]) got.value(), text);
            }
            default -> throw new AssertionError("bound " + got);
        }
    }

    private static Generated value(Random r, boolean nbe) {
        byte column = (byte) r.nextInt(5); // 4: not a kind PlainLiterals knows, taken as OTHER_COLUMN
        switch (r.nextInt(10)) {
            case 0:
                return new Generated(new String[] {"NULL", "null", "NuLl"}[r.nextInt(3)], NULL, column);
            case 1: {
                BigInteger v = new BigInteger(66, r).subtract(BigInteger.ONE.shiftLeft(64));
                if (r.nextBoolean()) {
                    v = BigInteger.valueOf(r.nextInt(1000) - 500);
                }
                boolean integer = v.compareTo(MIN) >= 0 && v.compareTo(MAX_UNSIGNED) <= 0;
                String zeros = r.nextInt(5) == 0 ? "00" : "";
                String s = v.signum() < 0 ? "-" + zeros + v.negate() : zeros + v;
                return new Generated(s, integer ? INTEGER : DECIMAL, column);
            }
            case 2: {
                String s = (r.nextBoolean() ? "-" : "") + r.nextInt(100000) + "." + r.nextInt(1000);
                boolean negativeZero = s.matches("-0\\.0+");
                return new Generated(s, negativeZero ? REFUSED : DECIMAL, column);
            }
            case 3: {
                String s = (r.nextBoolean() ? "-" : "") + r.nextInt(1000) + (r.nextBoolean() ? "." + r.nextInt(100) : "")
                        + (r.nextBoolean() ? "e" : "E") + new String[] {"", "+", "-"}[r.nextInt(3)] + r.nextInt(300);
                return new Generated(s, column == PlainLiterals.FLOATING_COLUMN ? DOUBLE : REFUSED,
                        column);
            }
            case 4:
            case 5:
                return new Generated(string(r, nbe), STRING, column);
            case 6:
                return new Generated((r.nextBoolean() ? "_binary" : "_BINARY") + blank(r) + string(r, nbe),
                        BINARY_STRING, column);
            case 7: {
                StringBuilder d = new StringBuilder();
                for (int n = r.nextInt(9); n >= 0; n--) {
                    d.append("0123456789abcdefABCDEF".charAt(r.nextInt(22)));
                }
                boolean quoted = r.nextBoolean() && d.length() % 2 == 0;
                String s = quoted ? (r.nextBoolean() ? "X'" : "x'") + d + "'" : "0x" + d;
                return new Generated(s, column == PlainLiterals.BINARY_COLUMN ? HEX : REFUSED,
                        column);
            }
            case 8: {
                StringBuilder d = new StringBuilder();
                for (int n = r.nextInt(20); n >= 0; n--) {
                    d.append(r.nextBoolean() ? '1' : '0');
                }
                String s = r.nextBoolean() ? (r.nextBoolean() ? "b'" : "B'") + d + "'" : "0b" + d;
                return new Generated(s, column == PlainLiterals.BIT_COLUMN ? BITS : REFUSED,
                        column);
            }
            default:
                return new Generated(NOT_PLAIN[r.nextInt(NOT_PLAIN.length)], REFUSED, column);
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
    void aStringThatDoesNotCloseOrATextThatIsNotOneTupleIsNotRead() {
        for (String bad : List.of("('open)", "1,2)", "(1,2", "(1) x", "()", "(1,)")) {
            byte[] b = bad.getBytes(ISO_8859_1);
            assertEquals(-1, PlainLiterals.read(b, 0, b.length, false, 8, null, new Recorder()), bad);
        }
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
