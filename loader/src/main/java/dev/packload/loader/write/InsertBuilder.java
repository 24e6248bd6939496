package dev.packload.loader.write;

import java.util.Arrays;

/**
 * Builds one multi-row INSERT in a reused {@link StatementBuffer}. A tuple goes in only if the exact length of the
 * finished statement with it (prefix, tuples, commas, suffix) stays within the budget: the check comes before the
 * append, never after. Remembers where each tuple sits and which source row it is, so a failed statement can be
 * replayed row by row, and a committed one knows its exact source range.
 */
public final class InsertBuilder {
    private final StatementBuffer buf;
    private InsertShape shape;
    private int rows;
    private int[] starts = new int[64];
    private int[] lengths = new int[64];
    private long[] seqs = new long[64];
    private long[] lines = new long[64];
    private long[] offsets = new long[64];
    private int tupleBytes;

    public InsertBuilder(StatementBuffer buf) {
        this.buf = buf;
    }

    /** Starts a new statement for the given shape, dropping whatever was there. */
    public void start(InsertShape shape) {
        this.shape = shape;
        buf.clear();
        buf.append(shape.prefix());
        rows = 0;
        tupleBytes = 0;
    }

    public InsertShape shape() {
        return shape;
    }

    /** True when a statement holding just this tuple fits the budget. */
    public static boolean fitsAlone(InsertShape shape, int tupleLength, int limit) {
        return (long) shape.prefix().length + tupleLength + shape.suffix().length <= limit;
    }

    /**
     * Appends the tuple if the finished statement with it stays within the budget.
     *
     * @return false, with nothing written, when it would not fit
     */
    public boolean tryAppend(byte[] tuple, int off, int len, long seq, long line, long byteOffset) {
        long need = (rows > 0 ? 1L : 0L) + len + shape.suffix().length;
        if (!buf.fits(need)) {
            return false;
        }
        if (rows > 0) {
            buf.append((byte) ',');
        }
        if (rows == starts.length) {
            grow();
        }
        starts[rows] = buf.length();
        lengths[rows] = len;
        seqs[rows] = seq;
        lines[rows] = line;
        offsets[rows] = byteOffset;
        buf.append(tuple, off, len);
        rows++;
        tupleBytes += len;
        return true;
    }

    private void grow() {
        int n = starts.length * 2;
        starts = Arrays.copyOf(starts, n);
        lengths = Arrays.copyOf(lengths, n);
        seqs = Arrays.copyOf(seqs, n);
        lines = Arrays.copyOf(lines, n);
        offsets = Arrays.copyOf(offsets, n);
    }

    public int rows() {
        return rows;
    }

    public int tupleBytes() {
        return tupleBytes;
    }

    /** Adds the suffix and returns the finished statement; tuples appended so far are kept for replay. */
    public StatementBuffer finish() {
        buf.append(shape.suffix());
        return buf;
    }

    /** The bytes of tuple {@code i} live in {@code statement().array()} at this offset (after the header). */
    public int tupleOffset(int i) {
        return buf.headerBytes() + starts[i];
    }

    public int tupleLength(int i) {
        return lengths[i];
    }

    public long seq(int i) {
        return seqs[i];
    }

    public long line(int i) {
        return lines[i];
    }

    public long byteOffset(int i) {
        return offsets[i];
    }

    public StatementBuffer statement() {
        return buf;
    }

    public void reset() {
        rows = 0;
        tupleBytes = 0;
        buf.clear();
    }
}
