package dev.packload.formats.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DecompressionTest {

    /** Dump-like text plus every byte value, large enough for several compressor blocks. */
    static byte[] sample(long seed, int size) {
        Random r = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < size) {
            out.writeBytes(("INSERT INTO `t` VALUES (" + r.nextInt() + ",'it\\'s; (x)'),(2,NULL);\n").getBytes());
            out.write(r.nextInt(256));
        }
        return out.toByteArray();
    }

    static byte[] compress(Compression c, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compressor(c, bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static OutputStream compressor(Compression c, OutputStream to) throws IOException {
        switch (c) {
            case GZIP:
                return new GzipCompressorOutputStream(to);
            case BZIP2:
                return new BZip2CompressorOutputStream(to);
            case XZ:
                return new XZCompressorOutputStream(to);
            case ZSTD:
                // level 3 with a content checksum, like the zstd command line tool
                return new ZstdCompressorOutputStream(to, 3, false, true);
            default:
                return to;
        }
    }

    static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void roundTripsAndDetects(Compression c) throws IOException {
        byte[] data = sample(1, 300_000);
        byte[] packed = compress(c, data);
        assertEquals(c, Decompression.detect(packed, packed.length));
        assertArrayEquals(data, readAll(Decompression.open(new ByteArrayInputStream(packed))));
    }

    /** pigz, pbzip2, pzstd and {@code cat a.gz b.gz} write several members or frames: all must be read. */
    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void readsConcatenatedMembers(Compression c) throws IOException {
        byte[] a = sample(2, 100_000);
        byte[] b = sample(3, 50_000);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(compress(c, a));
        both.writeBytes(compress(c, b));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(a);
        expected.writeBytes(b);
        assertArrayEquals(expected.toByteArray(),
                readAll(Decompression.open(new ByteArrayInputStream(both.toByteArray()))));
    }

    /**
     * A pipe says nothing is available at a member boundary until the writer sends more; a decoder that asks
     * {@code available()} whether another member follows (the JDK's GZIPInputStream, on some JDK builds) ends there
     * and the rows after it are never read. Short reads that stop at each member's end, and an {@code available()}
     * of 0 throughout, as from a pipe whose writer pauses between members.
     */
    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void readsEveryMemberFromASourceThatNeverSaysMoreIsAvailable(Compression c) throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int[] ends = new int[3];
        for (int i = 0; i < ends.length; i++) {
            byte[] part = sample(20 + i, 70_000 + 10_000 * i);
            packed.writeBytes(compress(c, part));
            expected.writeBytes(part);
            ends[i] = packed.size();
        }
        InputStream pipe = new ByteArrayInputStream(packed.toByteArray()) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int room = Math.min(len, 997);
                for (int end : ends) {
                    if (pos < end) {
                        room = Math.min(room, end - pos);
                        break;
                    }
                }
                return super.read(b, off, room);
            }

            @Override
            public synchronized int available() {
                return 0;
            }
        };
        try (Input in = Inputs.open(pipe, "stdin", -1)) {
            assertArrayEquals(expected.toByteArray(), in.readAllBytes());
        }
    }

    @Test
    void emptyInputIsPlainAndEmpty() throws IOException {
        assertEquals(Compression.NONE, Decompression.detect(new byte[0], 0));
        assertArrayEquals(new byte[0], readAll(Decompression.open(new ByteArrayInputStream(new byte[0]))));
    }

    @Test
    void shortPlainInputsAreNotMistakenForCompressedOnes() throws IOException {
        for (String s : new String[] {"B", "BZ", "BZh", "BZhx;", "\u001f", "(", "SELECT 1;"}) {
            byte[] b = s.getBytes("ISO-8859-1");
            assertEquals(Compression.NONE, Decompression.detect(b, b.length), s);
            assertArrayEquals(b, readAll(Decompression.open(new ByteArrayInputStream(b))), s);
        }
    }

    @Test
    void detectionDoesNotConsumeTheMagicBytes() throws IOException {
        byte[] packed = compress(Compression.ZSTD, "SELECT 1;".getBytes());
        InputStream in = new java.io.BufferedInputStream(new ByteArrayInputStream(packed));
        assertEquals(Compression.ZSTD, Decompression.detect(in));
        assertArrayEquals(packed, in.readAllBytes());
    }
}
