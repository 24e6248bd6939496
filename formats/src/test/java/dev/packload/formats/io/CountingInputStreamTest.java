package dev.packload.formats.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CountingInputStreamTest {
    @Test
    void countsReadsAndSkips() throws IOException {
        CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(new byte[100]));
        in.read();
        assertEquals(1, in.count());
        in.read(new byte[10], 0, 10);
        assertEquals(11, in.count());
        in.skip(9);
        assertEquals(20, in.count());
        in.readAllBytes();
        assertEquals(100, in.count());
        assertEquals(-1, in.read());
        assertEquals(100, in.count());
        assertFalse(in.markSupported());
    }

    @Test
    void countIsVisibleToAnotherThread() throws Exception {
        CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(new byte[1 << 20]));
        Thread reader = new Thread(() -> {
            try {
                byte[] b = new byte[4096];
                while (in.read(b, 0, b.length) > 0) {
                    // keep reading
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        reader.start();
        reader.join();
        assertEquals(1 << 20, in.count());
    }
}
