package dev.packload.formats.csv;

import java.io.IOException;

/** Receives delimited text cut into runs of whole records (see {@link CsvReader#readChunks}). */
@FunctionalInterface
public interface CsvChunkHandler {
    /**
     * Records {@code b[off, off + len)}, line ends included, exactly as in the input. The array is reused after the
     * call: copy what must be kept.
     *
     * @param firstLine  1-based line of the first record
     * @param byteOffset offset of the first byte in the input
     * @param records    how many records the run holds
     */
    void chunk(byte[] b, int off, int len, long firstLine, long byteOffset, int records) throws IOException;
}
