package dev.packload.formats.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MysqlEscapesTest {

    @Test
    void readsTheSixLettersAndTakesAnyOtherByteAsItself() {
        String letters = "0bnrtZ";
        byte[] values = {0, '\b', '\n', '\r', '\t', 0x1A};
        for (int c = 0; c < 256; c++) {
            byte e = (byte) c;
            int k = letters.indexOf(c);
            byte expected = k >= 0 && c < 128 ? values[k] : e;
            assertEquals(expected, MysqlEscapes.unescape(e), "\\" + (char) c);
            assertEquals((char) (expected & 0xFF), MysqlEscapes.unescape((char) c), "the char view of \\" + (char) c);
        }
        assertEquals('\u20AC', MysqlEscapes.unescape('\u20AC'), "a character beyond a byte stands for itself");
    }

    @Test
    void aStringLiteralKeepsTheBackslashOfPercentAndUnderscore() {
        byte[] out = new byte[4];
        assertEquals(2, MysqlEscapes.unescapeLiteral((byte) '%', out, 0));
        assertEquals(4, MysqlEscapes.unescapeLiteral((byte) '_', out, 2));
        assertArrayEquals(new byte[] {'\\', '%', '\\', '_'}, out);
        assertEquals(1, MysqlEscapes.unescapeLiteral((byte) 'Z', out, 0));
        assertEquals(0x1A, out[0]);
    }

    @Test
    void writesABackslashBeforeWhatMysqldumpEscapes() {
        String escaped = "\0'\"\\\n\r\u001A";
        for (int c = 0; c < 256; c++) {
            byte letter = MysqlEscapes.escape((byte) c);
            assertEquals(escaped.indexOf(c) >= 0, letter != 0, "byte " + c);
            if (letter != 0) {
                assertEquals((byte) c, MysqlEscapes.unescape(letter), "the escape of byte " + c + " reads back");
            }
        }
    }

    /** Any bytes, escaped by the table, come back from the string decoder the readers share. */
    @Property(tries = 1000)
    void escapedBytesReadBackAsThemselves(@ForAll @Size(max = 300) byte[] value) {
        ByteArrayOutputStream lit = new ByteArrayOutputStream();
        for (byte c : value) {
            byte e = MysqlEscapes.escape(c);
            if (e != 0) {
                lit.write('\\');
                lit.write(e);
            } else {
                lit.write(c);
            }
        }
        lit.write('\'');
        byte[] b = lit.toByteArray();
        byte[] out = new byte[b.length];
        long r = Literals.unquote(b, 0, b.length, (byte) '\'', false, out, 0);
        assertEquals(b.length, Literals.inputEnd(r));
        assertArrayEquals(value, java.util.Arrays.copyOf(out, Literals.outputEnd(r)));
    }
}
