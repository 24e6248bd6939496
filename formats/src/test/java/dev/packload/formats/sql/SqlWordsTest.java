package dev.packload.formats.sql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SqlWordsTest {

    @Test
    void theWordRuleIsMysqls() {
        for (int c = 0; c < 256; c++) {
            boolean word = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                    || c >= 0x80;
            assertEquals(word, SqlWords.isWordByte((byte) c), "byte " + c);
        }
    }

    /** Regression: {@code $} and the bytes of a non-ASCII letter ended a keyword, so {@code ON$1} read as {@code ON}. */
    @Test
    void dollarAndNonAsciiBytesDoNotEndAWord() {
        byte[] b = "CREATE INDEX on$1 ON t$1 (a)".getBytes(UTF_8);
        SqlWords w = new SqlWords(b, 0, b.length);
        assertEquals("CREATE", w.word());
        assertEquals("INDEX", w.word());
        assertEquals("ON$1", w.word());
        assertEquals("ON", w.word());
        assertEquals("t$1", w.identifier());
        byte[] nordic = "SELECT på".getBytes(UTF_8);
        SqlWords n = new SqlWords(nordic, 0, nordic.length);
        n.word();
        assertEquals("PÅ", n.word());
    }
}
