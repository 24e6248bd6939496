package dev.packload.formats.io;

import static dev.packload.formats.io.DecompressionTest.compress;
import static dev.packload.formats.io.DecompressionTest.readAll;
import static dev.packload.formats.io.DecompressionTest.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {
    @TempDir
    Path dir;

    @Test
    void detectsByContentNotByFileName() throws IOException {
        byte[] data = sample(4, 20_000);
        Path gzipNamedSql = dir.resolve("dump.sql");
        Files.write(gzipNamedSql, compress(Compression.GZIP, data));
        Path plainNamedGz = dir.resolve("dump.sql.gz");
        Files.write(plainNamedGz, data);
        Path zstdNamedXz = dir.resolve("dump.sql.xz");
        Files.write(zstdNamedXz, compress(Compression.ZSTD, data));

        try (Input in = Inputs.open(gzipNamedSql)) {
            assertEquals(Compression.GZIP, in.compression());
            assertArrayEquals(data, in.readAllBytes());
        }
        try (Input in = Inputs.open(plainNamedGz)) {
            assertEquals(Compression.NONE, in.compression());
            assertArrayEquals(data, in.readAllBytes());
        }
        try (Input in = Inputs.open(zstdNamedXz)) {
            assertEquals(Compression.ZSTD, in.compression());
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void bigReadsReachTheRawSourceInSlicesOfAtMostAMebibyte() throws IOException {
        byte[] data = sample(8, 5 << 20);
        int[] largestAsk = {0};
        InputStream raw = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                largestAsk[0] = Math.max(largestAsk[0], len);
                return super.read(b, off, len);
            }
        };
        byte[] got = new byte[data.length];
        try (Input in = Inputs.open(raw, "big.sql", data.length)) {
            int n = 0;
            while (n < got.length) {
                int r = in.read(got, n, got.length - n); // one 5 MiB ask, as a scanner's grown buffer makes
                assertTrue(r > 0, "read " + r + " at " + n);
                n += r;
            }
            assertEquals(-1, in.read());
        }
        assertArrayEquals(data, got);
        assertTrue(largestAsk[0] <= Inputs.MAX_RAW_READ, "asked the source for " + largestAsk[0] + " bytes at once");
        assertTrue(largestAsk[0] > 64 * 1024, "big reads still bypass the 64 KiB buffer: " + largestAsk[0]);
    }

    @Test
    void countsCompressedBytesForProgress() throws IOException {
        byte[] packed = compress(Compression.BZIP2, sample(5, 200_000));
        Path file = dir.resolve("x.sql.bz2");
        Files.write(file, packed);
        try (Input in = Inputs.open(file)) {
            assertEquals(packed.length, in.compressedSize());
            assertTrue(in.compressedBytesRead() <= packed.length);
            in.readAllBytes();
            assertEquals(packed.length, in.compressedBytesRead());
            assertEquals(file.toString(), in.name());
        }
    }

    @Test
    void corruptGzipNamesTheFileAndSaysItIsCorrupt() throws IOException {
        byte[] packed = compress(Compression.GZIP, sample(6, 500_000));
        for (int i = packed.length / 2; i < packed.length / 2 + 64; i++) {
            packed[i] ^= 0x5a;
        }
        Path file = dir.resolve("x.sql.gz");
        Files.write(file, packed);
        IOException e = assertThrows(IOException.class, () -> readAll(Inputs.open(file)));
        assertTrue(e.getMessage().startsWith("corrupt gzip data in " + file + " after "), e.getMessage());
        assertTrue(e.getMessage().contains(" compressed bytes"), e.getMessage());
    }

    @Test
    void truncatedGzipIsReportedAsCorrupt() throws IOException {
        byte[] packed = compress(Compression.GZIP, sample(7, 100_000));
        Path file = dir.resolve("cut.sql.gz");
        Files.write(file, Arrays.copyOf(packed, packed.length - 100));
        IOException e = assertThrows(IOException.class, () -> readAll(Inputs.open(file)));
        assertTrue(e.getMessage().startsWith("corrupt gzip data in " + file), e.getMessage());
    }

    @Test
    void corruptZstdXzAndBzip2Too() throws IOException {
        for (Compression c : new Compression[] {Compression.ZSTD, Compression.XZ, Compression.BZIP2}) {
            byte[] packed = compress(c, sample(8, 300_000));
            for (int i = packed.length / 2; i < packed.length / 2 + 64; i++) {
                packed[i] ^= 0x5a;
            }
            IOException e = assertThrows(IOException.class,
                    () -> readAll(Inputs.open(new ByteArrayInputStream(packed), "in." + c, packed.length)), c.name());
            assertTrue(e.getMessage().startsWith("corrupt " + c.label() + " data in in." + c + " after "),
                    e.getMessage());
        }
    }

    @Test
    void readErrorsOfTheSourceKeepTheirOwnMeaning() throws IOException {
        InputStream failing = new InputStream() {
            private int calls;

            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (calls++ == 0) {
                    byte[] magic = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
                    int n = Math.min(len, magic.length);
                    System.arraycopy(magic, 0, b, off, n);
                    return n;
                }
                throw new IOException("disk on fire");
            }
        };
        IOException e = assertThrows(IOException.class, () -> readAll(Inputs.open(failing, "f.gz", -1)));
        assertEquals("error reading f.gz: disk on fire", e.getMessage());
    }

    @Test
    void dashMeansStandardInput() throws IOException {
        byte[] data = sample(9, 10_000);
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(compress(Compression.XZ, data)));
            try (Input in = Inputs.open(Path.of("-"))) {
                assertEquals("stdin", in.name());
                assertEquals(-1, in.compressedSize());
                assertEquals(Compression.XZ, in.compression());
                assertArrayEquals(data, in.readAllBytes());
            }
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void emptyFileIsEmpty() throws IOException {
        Path file = dir.resolve("empty.sql");
        Files.write(file, new byte[0]);
        try (Input in = Inputs.open(file)) {
            assertEquals(Compression.NONE, in.compression());
            assertEquals(-1, in.read());
        }
    }

    @Test
    void missingFile() {
        assertThrows(NoSuchFileException.class, () -> Inputs.open(dir.resolve("nope.sql")));
    }
}
