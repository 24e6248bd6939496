package dev.packload.formats.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class QuotedRunsTest {
    /** The byte-by-byte definition the eight-at-a-time search must match. */
    private static int naive(byte[] b, int i, int lim, byte quote, boolean escapes) {
        for (; i < lim; i++) {
            if (b[i] == quote || b[i] == '\n' || (escapes && b[i] == '\\')) {
                return i;
            }
        }
        return lim;
    }

    private static int naiveQuoteOrBackslash(byte[] b, int i, int lim, byte quote) {
        for (; i < lim; i++) {
            if (b[i] == quote || b[i] == '\\') {
                return i;
            }
        }
        return lim;
    }

    @Property(tries = 3000)
    void findsTheSameStopAsByteByByte(@ForAll("bytes") byte[] b, @ForAll("quotes") byte quote,
                                      @ForAll boolean escapes) {
        for (int from = 0; from <= Math.min(b.length, 17); from++) {
            for (int lim = from; lim <= b.length; lim += 1 + lim / 5) {
                assertEquals(naive(b, from, lim, quote, escapes), QuotedRuns.stop(b, from, lim, quote, escapes),
                        "from " + from + " to " + lim);
                assertEquals(naiveQuoteOrBackslash(b, from, lim, quote), QuotedRuns.quoteOrBackslash(b, from, lim,
                        quote), "quote or backslash from " + from + " to " + lim);
            }
        }
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        // mostly plain bytes, with the stops and their neighbours (0x5b, 0x5d, 0x0b, 0x26, 0x28, 0x21, 0x23, 0x5f,
        // 0x61, 0x80, 0xff) often enough to land at every offset of a word, and borrows across bytes
        Arbitrary<Byte> any = Arbitraries.bytes();
        Arbitrary<Byte> near = Arbitraries.of((byte) '\'', (byte) '"', (byte) '`', (byte) '\\', (byte) '\n',
                (byte) 0x5b, (byte) 0x5d, (byte) 0x0b, (byte) 0x09, (byte) 0x26, (byte) 0x28, (byte) 0x21,
                (byte) 0x23, (byte) 0x5f, (byte) 0x61, (byte) 0x00, (byte) 0x01, (byte) 0x80, (byte) 0xff);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, any), net.jqwik.api.Tuple.of(1, near))
                .array(byte[].class).ofMaxSize(80);
    }

    @Provide
    Arbitrary<Byte> quotes() {
        return Arbitraries.of((byte) '\'', (byte) '"', (byte) '`');
    }

    @Test
    void everyStopAtEveryOffsetOfAWord() {
        byte[] stops = {'\'', '"', '`', '\\', '\n'};
        for (byte s : stops) {
            for (int at = 0; at < 24; at++) {
                byte[] b = new byte[24];
                java.util.Arrays.fill(b, (byte) 'x');
                b[at] = s;
                for (byte quote : new byte[] {'\'', '"', '`'}) {
                    for (boolean escapes : new boolean[] {false, true}) {
                        assertEquals(naive(b, 0, b.length, quote, escapes), QuotedRuns.stop(b, 0, b.length, quote,
                                escapes), "stop " + s + " at " + at + " quote " + quote + " escapes " + escapes);
                    }
                    assertEquals(naiveQuoteOrBackslash(b, 0, b.length, quote), QuotedRuns.quoteOrBackslash(b, 0,
                            b.length, quote), "stop " + s + " at " + at + " quote " + quote);
                }
            }
        }
    }
}
