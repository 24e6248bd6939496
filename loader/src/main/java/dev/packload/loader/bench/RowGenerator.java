package dev.packload.loader.bench;

import dev.packload.loader.write.ByteSink;
import dev.packload.loader.write.SqlLiteral;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * Writes the rows of a {@link BenchData} set, in order, as VALUES tuples encoded by {@link SqlLiteral}:
 * {@code (id,n,amount,'created','body',payload)}. The same data set always gives the same bytes (fixed seed); the
 * body is random text sized so that each tuple has exactly its planned length. Reuses its buffers: one generator per
 * reader thread.
 */
public final class RowGenerator {
    private static final byte[] TEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -"
            .getBytes(StandardCharsets.US_ASCII);
    private static final long FIRST_SECOND = LocalDateTime.of(2020, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final int SECONDS_SPAN = 5 * 365 * 86_400;

    private final BenchData data;
    private final SplittableRandom random = new SplittableRandom(BenchData.SEED);
    private final StringBuilder text = new StringBuilder(32);
    private final int maxSpread;
    private byte[] body = new byte[256];
    private byte[] blob;
    private long next;
    private int table;
    private long pairSpread;
    private boolean lastHadBlob;

    public RowGenerator(BenchData data) {
        this.data = data;
        this.maxSpread = (int) Math.min(data.rowBytes() / 2, data.rowBytes() - BenchData.MIN_ROW_BYTES);
        this.blob = data.blobBytes() > 0 ? new byte[(int) data.blobBytes()] : null;
    }

    public boolean hasNext() {
        return next < data.rows();
    }

    /** Index (0-based) of the row the next call to {@link #next} writes. */
    public long nextRow() {
        return next;
    }

    /** Whether the last row written carries a BLOB. */
    public boolean lastHadBlob() {
        return lastHadBlob;
    }

    /**
     * Clears {@code sink} and writes the next row's tuple into it.
     *
     * @return the table (0-based) the row belongs to
     */
    public int next(ByteSink sink) {
        long i = next++;
        while (table + 1 < data.tables() && i >= data.firstRow(table + 1)) {
            table++;
        }
        // pairs of rows: one longer, one shorter by the same amount, so the average is exact
        long target;
        if ((i & 1) == 0) {
            pairSpread = i + 1 < data.rows() ? random.nextInt(maxSpread + 1) : 0;
            target = data.rowBytes() + pairSpread;
        } else {
            target = data.rowBytes() - pairSpread;
        }
        lastHadBlob = data.hasBlob(i);
        sink.setLength(0);
        sink.append((byte) '(');
        number(sink, i + 1);
        sink.append((byte) ',');
        number(sink, random.nextInt(1_000_000_000));
        sink.append((byte) ',');
        long cents = random.nextLong(10_000_000_000L);
        text.setLength(0);
        text.append(cents / 100).append('.').append((char) ('0' + cents / 10 % 10)).append((char) ('0' + cents % 10));
        SqlLiteral.appendNumber(sink, text);
        sink.append((byte) ',');
        created(sink, FIRST_SECOND + random.nextInt(SECONDS_SPAN));
        sink.append((byte) ',');
        // what is left of the target once the body's quotes, the comma, the NULL and the closing parenthesis are in
        int bodyLength = (int) (target - sink.length() - 2 - 1 - SqlLiteral.NULL_LENGTH - 1);
        body(sink, bodyLength);
        sink.append((byte) ',');
        if (lastHadBlob) {
            random.nextBytes(blob);
            SqlLiteral.appendBinary(sink, blob, 0, blob.length);
        } else {
            SqlLiteral.appendNull(sink);
        }
        sink.append((byte) ')');
        return table;
    }

    private void number(ByteSink sink, long v) {
        text.setLength(0);
        text.append(v);
        SqlLiteral.appendNumber(sink, text);
    }

    private void created(ByteSink sink, long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        text.setLength(0);
        text.append(t.getYear()).append('-');
        two(t.getMonthValue()).append('-');
        two(t.getDayOfMonth()).append(' ');
        two(t.getHour()).append(':');
        two(t.getMinute()).append(':');
        two(t.getSecond());
        SqlLiteral.appendTemporal(sink, text, SqlLiteral.Temporal.DATETIME);
    }

    private StringBuilder two(int v) {
        return text.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /** Random text of 64 plain characters, none of which needs escaping: ten characters per random long. */
    private void body(ByteSink sink, int length) {
        if (body.length < length) {
            body = new byte[Math.max(length, body.length * 2)];
        }
        byte[] b = body;
        int p = 0;
        while (p < length) {
            long r = random.nextLong();
            for (int k = 0; k < 10 && p < length; k++, r >>>= 6) {
                b[p++] = TEXT[(int) (r & 63)];
            }
        }
        SqlLiteral.appendString(sink, b, 0, length, false);
    }
}
