package dev.packload.formats.sql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packload.formats.sql.TupleValues.Kind;
import dev.packload.formats.sql.TupleValues.Value;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TupleValuesTest {

    private static final long MARIADB = 101119;
    private static final long MYSQL = 80035;

    // ---- splitting and kinds ----

    @Test
    void splitsEveryLiteralKind() {
        String tuple = "(1,'it\\'s',0x00FF,NULL,_binary 'a\\0b',b'101',-1.5e3,X'0a', 'x' COLLATE utf8mb4_bin,"
                + " NOW(), DEFAULT)";
        assertEquals(List.of("NUMBER 1", "STRING 'it\\'s'", "HEX 0x00FF", "NULL NULL", "STRING _binary 'a\\0b'",
                "BIT b'101'", "NUMBER -1.5e3", "HEX X'0a'", "STRING 'x' COLLATE utf8mb4_bin", "OTHER NOW()",
                "OTHER DEFAULT"), describe(tuple, false, MARIADB));
    }

    @Test
    void decodesEveryLiteralKind() {
        byte[] buf = bytes("(1,'it\\'s',0x00FF,NULL,_binary 'a\\0b',b'101',X'0a','x' COLLATE utf8mb4_bin,0b1)");
        List<Value> v = TupleValues.split(buf, 0, buf.length, false, MARIADB);
        assertArrayEquals(bytes("it's"), TupleValues.decode(buf, v.get(1), false));
        assertArrayEquals(new byte[] {0, (byte) 0xFF}, TupleValues.decode(buf, v.get(2), false));
        assertArrayEquals(new byte[] {'a', 0, 'b'}, TupleValues.decode(buf, v.get(4), false));
        assertArrayEquals(new byte[] {5}, TupleValues.decode(buf, v.get(5), false));
        assertArrayEquals(new byte[] {10}, TupleValues.decode(buf, v.get(6), false));
        assertArrayEquals(bytes("x"), TupleValues.decode(buf, v.get(7), false));
        assertArrayEquals(new byte[] {1}, TupleValues.decode(buf, v.get(8), false));
    }

    @Test
    void spansAreAbsoluteOffsetsIntoTheBuffer() {
        byte[] buf = bytes("INSERT INTO t VALUES (1, 'ab') ,(2,'c');");
        int off = 21;
        List<Value> v = TupleValues.split(buf, off, 9, false, MARIADB);
        assertEquals(2, v.size());
        assertEquals(22, v.get(0).off());
        assertEquals(1, v.get(0).len());
        assertEquals(25, v.get(1).off());
        assertEquals(4, v.get(1).len());
        assertEquals(29, v.get(1).end());
        assertEquals("'ab'", v.get(1).text(buf));
    }

    @Test
    void numbers() {
        assertEquals(List.of("NUMBER 0", "NUMBER -12", "NUMBER +3", "NUMBER .5", "NUMBER 1.", "NUMBER 1.5E-10",
                "NUMBER 007", "NUMBER 1e+5"), describe("(0,-12,+3,.5,1.,1.5E-10,007,1e+5)", false, MARIADB));
    }

    @Test
    void notQuiteNumbersAreOther() {
        assertEquals(List.of("OTHER - 1", "OTHER 1+1", "OTHER 123abc", "OTHER 1e", "OTHER 0x", "OTHER 0X1F",
                "OTHER -0x10", "OTHER - -1", "OTHER 1--1", "OTHER TRUE", "OTHER `col`", "OTHER @v"),
                describe("(- 1,1+1,123abc,1e,0x,0X1F,-0x10,- -1,1--1,TRUE,`col`,@v)", false, MARIADB));
    }

    @Test
    void nullIsCaseInsensitiveAndDistinctFromEmptyString() {
        byte[] buf = bytes("('', NULL, null, 'NULL', \"\", Null)");
        List<Value> v = TupleValues.split(buf, 0, buf.length, false, MARIADB);
        assertEquals(List.of(Kind.STRING, Kind.NULL, Kind.NULL, Kind.STRING, Kind.STRING, Kind.NULL),
                v.stream().map(Value::kind).toList());
        assertArrayEquals(new byte[0], TupleValues.decode(buf, v.get(0), false));
        assertArrayEquals(bytes("NULL"), TupleValues.decode(buf, v.get(3), false));
        assertArrayEquals(new byte[0], TupleValues.decode(buf, v.get(4), false));
    }

    @Test
    void introducersAreReportedLowerCased() {
        byte[] buf = bytes("(_binary 'a', _UTF8MB4'b', _binary 0x41, _latin1 X'42', _binary b'1000011', N'n', "
                + "n'm', 'plain', _utf8mb4 'x' COLLATE utf8mb4_bin)");
        List<Value> v = TupleValues.split(buf, 0, buf.length, false, MARIADB);
        assertEquals(List.of("_binary", "_utf8mb4", "_binary", "_latin1", "_binary", "N", "N"),
                v.subList(0, 7).stream().map(Value::introducer).toList());
        assertNull(v.get(7).introducer());
        assertEquals("_utf8mb4", v.get(8).introducer());
        List<String> decoded = v.stream().map(x -> new String(TupleValues.decode(buf, x, false), UTF_8)).toList();
        assertEquals(List.of("a", "b", "A", "B", "C", "n", "m", "plain", "x"), decoded);
    }

    @Test
    void introducerWithoutLiteralIsOther() {
        assertEquals(List.of("OTHER _binary", "OTHER _binary NULL", "OTHER _binary N'x'", "OTHER 0x41 'b'",
                "OTHER 'a' COLLATE", "OTHER 1 COLLATE x"),
                describe("(_binary,_binary NULL,_binary N'x',0x41 'b','a' COLLATE,1 COLLATE x)", false, MARIADB));
    }

    @Test
    void nestedParenthesesInFunctionCalls() {
        assertEquals(List.of("OTHER CONCAT('a,(', LEFT('b)', 1))", "OTHER ST_GeomFromText('POINT(1 2)', 4326)",
                "OTHER (2)", "NUMBER 3"),
                describe("(CONCAT('a,(', LEFT('b)', 1)),ST_GeomFromText('POINT(1 2)', 4326),(2),3)", false,
                        MARIADB));
    }

    @Test
    void whitespaceAndNewlinesAreTrimmed() {
        byte[] buf = bytes("  \r\n\t(\n  1 \t,\r\n  'a'\n  'b'  \n,\f\u000BNULL\n)\n ");
        List<Value> v = TupleValues.split(buf, 0, buf.length, false, MARIADB);
        assertEquals(List.of("NUMBER 1", "STRING 'a'\n  'b'", "NULL NULL"), describe(buf, v));
        assertArrayEquals(bytes("ab"), TupleValues.decode(buf, v.get(1), false));
    }

    @Test
    void emptyTupleHasNoValues() {
        assertEquals(List.of(), describe("()", false, MARIADB));
        assertEquals(List.of(), describe(" ( /* nothing */ ) ", false, MARIADB));
    }

    // ---- strings and escapes ----

    @Test
    void everyBackslashEscape() {
        byte[] buf = bytes("('\\0\\'\\\"\\b\\n\\r\\t\\Z\\\\\\%\\_\\a\\z\\N\\é')");
        Value v = TupleValues.split(buf, 0, buf.length, false, MARIADB).get(0);
        byte[] expected = concat(new byte[] {0, '\'', '"', '\b', '\n', '\r', '\t', 0x1A, '\\', '\\', '%', '\\', '_',
            'a', 'z', 'N'}, bytes("é"));
        assertArrayEquals(expected, TupleValues.decode(buf, v, false));
    }

    @Test
    void doubledQuotesAndOtherQuoteInside() {
        byte[] buf = bytes("('it''s', \"say \"\"hi\"\"\", 'a\"b', \"a'b\")");
        List<Value> v = TupleValues.split(buf, 0, buf.length, false, MARIADB);
        assertEquals(List.of("it's", "say \"hi\"", "a\"b", "a'b"),
                v.stream().map(x -> new String(TupleValues.decode(buf, x, false), UTF_8)).toList());
    }

    @Test
    void adjacentStringsConcatenateAcrossCommentsAndQuoteStyles() {
        byte[] buf = bytes("('a' \"b\" /* c */ 'c'\n-- d\n'd' # e\n 'e', N'f' 'g')");
        List<Value> v = TupleValues.split(buf, 0, buf.length, false, MARIADB);
        assertEquals(2, v.size());
        assertEquals(Kind.STRING, v.get(0).kind());
        assertArrayEquals(bytes("abcde"), TupleValues.decode(buf, v.get(0), false));
        assertArrayEquals(bytes("fg"), TupleValues.decode(buf, v.get(1), false));
    }

    @Test
    void stringsHidingSyntax() {
        assertEquals(List.of("STRING 'a,b)'", "STRING '/* no */'", "STRING '#x'", "STRING '-- y'", "NUMBER 2"),
                describe("('a,b)','/* no */','#x','-- y',2)", false, MARIADB));
    }

    @Test
    void noBackslashEscapesMode() {
        byte[] buf = bytes("('a\\', 'b\\n', 'it''s', '\\\\', \"q\"\"\\\")");
        List<Value> v = TupleValues.split(buf, 0, buf.length, true, MARIADB);
        assertEquals(List.of("a\\", "b\\n", "it's", "\\\\", "q\"\\"),
                v.stream().map(x -> new String(TupleValues.decode(buf, x, true), UTF_8)).toList());
    }

    @Test
    void backslashQuoteIsUnterminatedUnderNoBackslashEscapesOnlyWhenItShouldBe() {
        byte[] buf = bytes("('a\\', 1)");
        // normal mode: \' escapes the quote, so the string runs on to the end
        assertThrows(IllegalArgumentException.class, () -> TupleValues.split(buf, 0, buf.length, false, MARIADB));
        assertEquals(2, TupleValues.split(buf, 0, buf.length, true, MARIADB).size());
    }

    @Test
    void rawNonUtf8BytesInsideStrings() {
        byte[] body = {(byte) 0xFF, (byte) 0x80, (byte) 0xC3, 0x28, 0x01, 0x7F, (byte) 0xFE};
        byte[] buf = concat(bytes("(1,_binary '"), body, bytes("\\'\\\\"), body, bytes("',2)"));
        List<Value> v = TupleValues.split(buf, 0, buf.length, false, MARIADB);
        assertEquals(3, v.size());
        assertEquals(Kind.STRING, v.get(1).kind());
        assertArrayEquals(concat(body, bytes("'\\"), body), TupleValues.decode(buf, v.get(1), false));
    }

    // ---- hex and bit ----

    @Test
    void hexLiterals() {
        byte[] buf = bytes("(0xABC, 0x0, X'', x'dEaD', 0x00000001)");
        List<Value> v = TupleValues.split(buf, 0, buf.length, false, MARIADB);
        assertEquals(List.of("0abc", "00", "", "dead", "00000001"),
                v.stream().map(x -> HexFormat.of().formatHex(TupleValues.decode(buf, x, false))).toList());
    }

    @Test
    void bitLiterals() {
        byte[] buf = bytes("(0b1, b'', B'1000000001', b'00000000', 0b11111111)");
        List<Value> v = TupleValues.split(buf, 0, buf.length, false, MARIADB);
        assertTrue(v.stream().allMatch(x -> x.kind() == Kind.BIT));
        assertEquals(List.of("01", "", "0201", "00", "ff"),
                v.stream().map(x -> HexFormat.of().formatHex(TupleValues.decode(buf, x, false))).toList());
    }

    @Test
    void badHexOrBitLiteralsAreRejected() {
        for (String bad : List.of("(X'abc')", "(X'zz')", "(b'102')")) {
            byte[] buf = bytes(bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TupleValues.split(buf, 0, buf.length, false, MARIADB), bad);
            assertTrue(e.getMessage().contains("literal"), e.getMessage());
        }
    }

    @Test
    void decodeRefusesValuesWithoutLiteralBytes() {
        byte[] buf = bytes("(NULL, 1, NOW())");
        for (Value v : TupleValues.split(buf, 0, buf.length, false, MARIADB)) {
            assertThrows(IllegalArgumentException.class, () -> TupleValues.decode(buf, v, false), v.toString());
        }
    }

    // ---- comments ----

    @Test
    void versionedCommentIsCodeOnlyFromItsVersion() {
        assertEquals(List.of("NUMBER 1", "HEX 0x0101", "NUMBER 2"),
                describe("(1,/*!50705 0x0101,*/ 2)", false, MYSQL));
        assertEquals(List.of("NUMBER 1", "NUMBER 2"), describe("(1,/*!50705 0x0101,*/ 2)", false, 50000));
        assertEquals(List.of("NUMBER 1", "NUMBER 2"), describe("(1,/*!50705 0x0101,*/ 2)", false, 50704));
        assertEquals(3, describe("(1,/*!50705 0x0101,*/ 2)", false, 50705).size());
        assertEquals(2, describe("(1,/*!80036 0x0101,*/ 2)", false, MYSQL).size());
    }

    /** As MariaDB 10.11.19 and 11.4.5 answer {@code SELECT 1 /*!50705 +1*}{@code /}: 1. */
    @Test
    void mariadbSkipsCommentsVersionedForMySql57AndLater() {
        assertEquals(List.of("NUMBER 1", "NUMBER 2"), describe("(1,/*!50705 0x0101,*/ 2)", false, MARIADB));
        assertEquals(List.of("NUMBER 1", "NUMBER 2"), describe("(1,/*!99999 0x0101,*/ 2)", false, MARIADB));
        assertEquals(3, describe("(1,/*M!50705 0x0101,*/ 2)", false, MARIADB).size());
        assertEquals(3, describe("(1,/*!50699 0x0101,*/ 2)", false, MARIADB).size());
        assertEquals(3, describe("(1,/*!100000 0x0101,*/ 2)", false, MARIADB).size());
        assertEquals(3, describe("(1,/*!101119 0x0101,*/ 2)", false, MARIADB).size());
        assertEquals(2, describe("(1,/*!101120 0x0101,*/ 2)", false, MARIADB).size());
    }

    @Test
    void mariadbVersionedComments() {
        String t = "(1 /*M!100500 , 'maria'*/ /*M! , 'any maria'*/)";
        assertEquals(List.of("NUMBER 1", "STRING 'maria'", "STRING 'any maria'"), describe(t, false, MARIADB));
        assertEquals(List.of("NUMBER 1", "STRING 'any maria'"), describe(t, false, 100400));
        assertEquals(List.of("NUMBER 1"), describe(t, false, MYSQL));
    }

    @Test
    void unversionedBangCommentIsAlwaysCode() {
        assertEquals(List.of("NUMBER 1", "NUMBER 2"), describe("(1/*! ,2*/)", false, 40000));
    }

    @Test
    void plainCommentsAreSkipped() {
        assertEquals(List.of("NUMBER 1", "STRING 'x'", "NUMBER 3"),
                describe("(/* a, b */ 1, # c, d )\n 'x' -- e,f)\n,/*+ hint */3)", false, MARIADB));
    }

    @Test
    void skippedVersionedCommentMayNestOnePlainComment() {
        assertEquals(List.of("NUMBER 1", "NUMBER 2"),
                describe("(1, /*!999999 'x', /* inner */ 'y', */ 2)", false, MARIADB));
    }

    @Test
    void stringsInsideVersionedCodeMayHoldCommentEnd() {
        assertEquals(List.of("NUMBER 1", "STRING 'a*/b'"), describe("(1 /*!40000 ,'a*/b' */)", false, MARIADB));
    }

    @Test
    void valueCutByVersionedCommentIsOther() {
        assertEquals(List.of("OTHER 'a' /*!50000 'b'"), describe("('a' /*!50000 'b' */)", false, MARIADB));
        assertEquals(List.of("OTHER -/*!50000 1"), describe("(-/*!50000 1*/)", false, MARIADB));
        // a versioned comment around the whole value leaves it clean
        assertEquals(List.of("STRING 'a'"), describe("(/*!50000 'a' */)", false, MARIADB));
    }

    @Test
    void dashDashNeedsWhitespaceToStartAComment() {
        assertEquals(List.of("OTHER 1--1", "NUMBER 2"), describe("(1--1,2 --\n)", false, MARIADB));
        assertEquals(List.of("NUMBER 1"), describe("(1 --\t, 2\n)", false, MARIADB));
    }

    // ---- malformed input ----

    @Test
    void malformedTuplesAreRejectedWithAClearMessage() {
        assertMalformed("(1,'abc)", "unterminated string literal");
        assertMalformed("(1,\"abc)", "unterminated string literal");
        assertMalformed("(`a,1)", "unterminated quoted identifier");
        assertMalformed("(1,2", "not closed");
        assertMalformed("((1),2", "not closed");
        assertMalformed("(f(1,2)", "not closed");
        assertMalformed("1,2)", "must start with '('");
        assertMalformed("", "must start with '('");
        assertMalformed("(1,2))", "after the tuple");
        assertMalformed("(1) x", "after the tuple");
        assertMalformed("(1,,2)", "empty value");
        assertMalformed("(1,)", "empty value");
        assertMalformed("(,1)", "empty value");
        assertMalformed("(1 /* x )", "unterminated comment");
        assertMalformed("(1 /*!40000 ,2)", "unterminated versioned comment");
        assertMalformed("(1 /*!999999 ,2)", "unterminated comment");
        assertMalformed("(1 /*!40000 /*!40000 2 */ */)", "nested versioned comment");
    }

    // ---- properties ----

    @Property
    void escapedStringRoundTrips(@ForAll @Size(max = 300) byte[] data, @ForAll Random random) {
        byte[] buf = tuple(random, "_binary ", encodeString(data, random, false));
        List<Value> v = TupleValues.split(buf, 0, buf.length, false, MARIADB);
        Value value = v.get(1);
        assertEquals(Kind.STRING, value.kind());
        assertArrayEquals(data, TupleValues.decode(buf, value, false));
    }

    @Property
    void noBackslashEscapesStringRoundTrips(@ForAll @Size(max = 300) byte[] data, @ForAll Random random) {
        byte[] buf = tuple(random, "", encodeString(data, random, true));
        Value value = TupleValues.split(buf, 0, buf.length, true, MARIADB).get(1);
        assertEquals(Kind.STRING, value.kind());
        assertArrayEquals(data, TupleValues.decode(buf, value, true));
    }

    @Property
    void hexRoundTrips(@ForAll @Size(max = 300) byte[] data, @ForAll Random random) {
        String hex = HexFormat.of().withUpperCase().formatHex(data);
        String literal = data.length == 0 || random.nextBoolean() ? "X'" + hex + "'" : "0x" + hex;
        byte[] buf = tuple(random, random.nextBoolean() ? "_binary " : "", bytes(literal));
        Value value = TupleValues.split(buf, 0, buf.length, false, MARIADB).get(1);
        assertEquals(Kind.HEX, value.kind());
        assertArrayEquals(data, TupleValues.decode(buf, value, false));
    }

    @Property
    void bitRoundTrips(@ForAll @Size(min = 1, max = 40) byte[] data, @ForAll Random random) {
        StringBuilder bits = new StringBuilder();
        for (byte b : data) {
            bits.append(String.format("%8s", Integer.toBinaryString(b & 0xFF)).replace(' ', '0'));
        }
        String literal = random.nextBoolean() ? "b'" + bits + "'" : "0b" + bits;
        byte[] buf = tuple(random, "", bytes(literal));
        Value value = TupleValues.split(buf, 0, buf.length, false, MARIADB).get(1);
        assertEquals(Kind.BIT, value.kind());
        assertArrayEquals(data, TupleValues.decode(buf, value, false));
    }

    @Property
    void mixedTupleRoundTrips(@ForAll @Size(max = 12) List<@Size(max = 40) byte[]> cells, @ForAll Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("("));
        for (int i = 0; i < cells.size(); i++) {
            out.writeBytes(bytes(i == 0 ? noise(random) : "," + noise(random)));
            byte[] cell = cells.get(i);
            if (random.nextBoolean()) {
                out.writeBytes(encodeString(cell, random, false));
            } else {
                out.writeBytes(bytes("X'" + HexFormat.of().formatHex(cell) + "'"));
            }
            out.writeBytes(bytes(noise(random)));
        }
        out.writeBytes(bytes(")"));
        byte[] buf = out.toByteArray();
        List<Value> v = TupleValues.split(buf, 0, buf.length, false, MARIADB);
        assertEquals(cells.size(), v.size());
        for (int i = 0; i < cells.size(); i++) {
            assertArrayEquals(cells.get(i), TupleValues.decode(buf, v.get(i), false));
        }
    }

    // ---- helpers ----

    /** {@code (<noise>-7<noise>,<noise><intro><literal><noise>,<noise>NULL<noise>)}. */
    private static byte[] tuple(Random random, String introducer, byte[] literal) {
        return concat(bytes("(" + noise(random) + "-7," + noise(random) + introducer), literal,
                bytes(noise(random) + "," + noise(random) + "NULL" + noise(random) + ")"));
    }

    private static String noise(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> " ";
            case 2 -> "\n  ";
            case 3 -> " /* c, ) ' */ ";
            case 4 -> " # x, ')\n";
            default -> " -- y\n";
        };
    }

    /**
     * Encodes bytes as a quoted literal, picking at random among the forms the server reads the same way: either
     * quote, escaping or doubling, optional escapes of harmless bytes, and splitting into adjacent strings.
     */
    static byte[] encodeString(byte[] data, Random random, boolean noBackslashEscapes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte quote = random.nextBoolean() ? (byte) '\'' : (byte) '"';
        out.write(quote);
        for (byte b : data) {
            if (random.nextInt(20) == 0) {
                out.write(quote);
                out.writeBytes(bytes(random.nextBoolean() ? " " : "\n/**/ "));
                out.write(quote);
            }
            if (b == quote) {
                if (noBackslashEscapes || random.nextBoolean()) {
                    out.write(quote);
                } else {
                    out.write('\\');
                }
                out.write(b);
                continue;
            }
            if (noBackslashEscapes) {
                out.write(b);
                continue;
            }
            switch (b) {
                case 0 -> out.writeBytes(bytes(random.nextBoolean() ? "\\0" : "\0"));
                case '\\' -> out.writeBytes(bytes("\\\\"));
                case '\n' -> out.writeBytes(bytes(random.nextBoolean() ? "\\n" : "\n"));
                case '\r' -> out.writeBytes(bytes(random.nextBoolean() ? "\\r" : "\r"));
                case '\t' -> out.writeBytes(bytes(random.nextBoolean() ? "\\t" : "\t"));
                case '\b' -> out.writeBytes(bytes(random.nextBoolean() ? "\\b" : "\b"));
                case 0x1A -> out.writeBytes(bytes(random.nextBoolean() ? "\\Z" : "\u001A"));
                case '0', 'b', 'n', 'r', 't', 'Z', '%', '_' -> out.write(b); // escaping these changes them
                default -> {
                    if (random.nextInt(4) == 0) {
                        out.write('\\'); // unknown escape: \x is x
                    }
                    out.write(b);
                }
            }
        }
        out.write(quote);
        return out.toByteArray();
    }

    private static List<String> describe(String tuple, boolean nbe, long version) {
        byte[] buf = bytes(tuple);
        return describe(buf, TupleValues.split(buf, 0, buf.length, nbe, version));
    }

    private static List<String> describe(byte[] buf, List<Value> values) {
        return values.stream().map(v -> v.kind() + " " + v.text(buf)).collect(Collectors.toList());
    }

    private static void assertMalformed(String tuple, String expected) {
        byte[] buf = bytes(tuple);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TupleValues.split(buf, 0, buf.length, false, MARIADB), tuple);
        assertTrue(e.getMessage().contains(expected), () -> tuple + " gave: " + e.getMessage());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
