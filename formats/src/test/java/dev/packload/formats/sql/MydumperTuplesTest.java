package dev.packload.formats.sql;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The tuples of mydumper 1.0's data files as the scanner and the value splitter read them: strings in double quotes
 * with backslash escapes, {@code _binary "…"}, raw tabs and raw bytes that are not UTF-8, and the 1.0 shape
 * ({@code VALUES(…)} then {@code ,(…)} lines, then {@code ;} alone). Nothing here is sent: this pins what the fixture
 * checksums of the loader's {@code MydumperFixturesIT} rely on.
 */
class MydumperTuplesTest {

    private static final byte[] DATA = ("/*!40101 SET NAMES binary*/;\n"
            + "INSERT INTO `bins` VALUES(1,_binary \"a\\0\\\"b),;\\n\\Z\",\"it's \\\\ \t tab\")\n"
            + ",(2,_binary \"\u00e9\u00ff\",NULL)\n"
            + ",(3,\"NULL\",\"\\\\N\")\n"
            + ";\n").getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void doubleQuotedAndBinaryStringsAreWholeTuplesWithTheBytesTheyDenote() throws IOException {
        List<byte[]> tuples = new ArrayList<>();
        DumpScanner scanner = new DumpScanner(new ByteArrayInputStream(DATA), "bins.00000.sql", 7);
        scanner.scan(new DumpHandler() {
            @Override
            public void statement(byte[] buf, int off, int len, dev.packload.formats.SourcePosition at) {
            }

            @Override
            public void insertStart(InsertHeader header, dev.packload.formats.SourcePosition at) {
                assertEquals("bins", header.table());
            }

            @Override
            public void tuple(byte[] buf, int off, int len, long line, long byteOffset) {
                tuples.add(java.util.Arrays.copyOfRange(buf, off, off + len));
            }

            @Override
            public void insertEnd() {
            }
        });
        assertEquals(3, tuples.size());
        List<TupleValues.Value> first = TupleValues.split(tuples.get(0), 0, tuples.get(0).length, false, 101119);
        assertEquals("_binary", first.get(1).introducer());
        assertArrayEquals("a\0\"b),;\n\u001a".getBytes(StandardCharsets.ISO_8859_1),
                TupleValues.decode(tuples.get(0), first.get(1), false));
        assertArrayEquals("it's \\ \t tab".getBytes(StandardCharsets.ISO_8859_1),
                TupleValues.decode(tuples.get(0), first.get(2), false));
        List<TupleValues.Value> second = TupleValues.split(tuples.get(1), 0, tuples.get(1).length, false, 101119);
        assertArrayEquals(new byte[] {(byte) 0xE9, (byte) 0xFF}, TupleValues.decode(tuples.get(1), second.get(1), false),
                "raw bytes stay as they are");
        assertEquals(TupleValues.Kind.NULL, second.get(2).kind());
        List<TupleValues.Value> third = TupleValues.split(tuples.get(2), 0, tuples.get(2).length, false, 101119);
        assertNull(third.get(1).introducer());
        assertArrayEquals("NULL".getBytes(StandardCharsets.US_ASCII), TupleValues.decode(tuples.get(2), third.get(1), false),
                "the text NULL is a string");
        assertArrayEquals("\\N".getBytes(StandardCharsets.US_ASCII), TupleValues.decode(tuples.get(2), third.get(2), false));
    }

    @Test
    void thePreparedPathLeavesDoubleQuotedStringsToTheText() {
        PlainLiterals.Binder any = new PlainLiterals.Binder() {
            @Override
            public boolean nullValue() {
                return true;
            }

            @Override
            public boolean integer(long value, boolean unsigned) {
                return true;
            }

            @Override
            public boolean decimal(byte[] b, int from, int to) {
                return true;
            }

            @Override
            public boolean real(double value) {
                return true;
            }

            @Override
            public int string(byte[] b, int from, int end, boolean noBackslashEscapes, boolean binary) {
                long r = Literals.unquote(b, from, end, (byte) '\'', noBackslashEscapes, new byte[end - from], 0);
                return r < 0 ? -1 : Literals.inputEnd(r);
            }

            @Override
            public boolean hex(byte[] b, int from, int to) {
                return true;
            }

            @Override
            public boolean bits(byte[] b, int from, int to) {
                return true;
            }
        };
        byte[] single = "(1,'x')".getBytes(StandardCharsets.US_ASCII);
        assertEquals(2, PlainLiterals.read(single, 0, single.length, false, 8, null, any), "single quotes are plain");
        byte[] t = "(1,\"x\")".getBytes(StandardCharsets.US_ASCII);
        assertEquals(-1, PlainLiterals.read(t, 0, t.length, false, 8, null, any),
                "a double-quoted string is sent as text, as written");
        byte[] b = "(_binary \"x\")".getBytes(StandardCharsets.US_ASCII);
        assertEquals(-1, PlainLiterals.read(b, 0, b.length, false, 8, null, any));
    }
}
