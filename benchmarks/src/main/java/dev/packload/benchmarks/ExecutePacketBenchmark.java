package dev.packload.benchmarks;

import dev.packload.formats.sql.DumpScanner;
import dev.packload.loader.write.ExecutePacket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sender thread's extra work when rows go as prepared executions: every tuple a writer holds, turned into the
 * parameters of a COM_STMT_EXECUTE ({@link ExecutePacket}) in chunks of {@value #ROWS} rows, as
 * {@code Sender.sendPrepared} does. The tuples are those of a {@value #DUMP_MIB} MiB generated dump
 * ({@link DumpGenerator}), found once in set-up; as in {@link DumpScanBenchmark}, the score in ops/s is <b>MiB/s of
 * dump input</b> (the tuples are nearly all of it). The set-up checks that every chunk is taken whole but the few
 * holding the generator's negative-zero decimals, which go as text.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExecutePacketBenchmark {
    static final int DUMP_MIB = 32;
    /** Rows per execution: packload's default {@code --prepared-rows}. */
    static final int ROWS = 1024;

    /** A {@link DumpGenerator.Shape} whose values all have a binary form. */
    @Param({"EXTENDED"})
    public String shape;

    private byte[] dump;
    private int[] offsets;
    private int[] lengths;
    private int rows;
    private int columns;
    private final ExecutePacket packet = new ExecutePacket(16 << 20);

    @Setup
    public void setUp() throws IOException {
        DumpGenerator.Dump d = DumpGenerator.generate(DumpGenerator.Shape.valueOf(shape), DUMP_MIB << 20);
        dump = d.bytes();
        Tuples t = new Tuples();
        new DumpScanner(new ByteArrayInputStream(dump), "bench").scan(t);
        rows = (int) t.rows;
        offsets = Arrays.copyOf(t.offsets, rows);
        lengths = Arrays.copyOf(t.lengths, rows);
        columns = ExecutePacket.arity(dump, offsets[0], lengths[0], false);
        DumpScanBenchmark.failIfNot(rows == d.rows(), "found " + rows + " tuples, generated " + d.rows());
        DumpScanBenchmark.failIfNot(columns > 0, "no arity for the first tuple");
        long taken = encode();
        // the generator writes a few negative-zero decimals (-0.00), which go as text: their chunks are refused
        DumpScanBenchmark.failIfNot(taken >= rows - 16L * ROWS, "only " + taken + " of " + rows + " rows taken");
        System.out.println("# " + rows + " tuples of " + columns + " values; " + taken + " taken as parameters");
    }

    @Benchmark
    @OperationsPerInvocation(DUMP_MIB)
    public long encodeChunks() {
        return encode();
    }

    /** Encodes every full chunk; returns the rows taken. */
    private long encode() {
        long taken = 0;
        for (int from = 0; from + ROWS <= rows; from += ROWS) {
            packet.start(1, ROWS * columns);
            boolean exact = true;
            for (int r = from; r < from + ROWS && exact; r++) {
                exact = packet.appendTuple(dump, offsets[r], lengths[r], columns, false);
            }
            if (exact && packet.complete()) {
                taken += ROWS;
            }
        }
        return taken + rows % ROWS;
    }

    /** Where each tuple of the dump is (the rest of what the scanner reports is counted, and not needed). */
    private static final class Tuples extends DumpScanBenchmark.Counter {
        int[] offsets = new int[1 << 16];
        int[] lengths = new int[1 << 16];

        @Override
        public void tuple(byte[] buf, int off, int len, long line, long byteOffset) {
            int row = (int) rows;
            if (row == offsets.length) {
                offsets = Arrays.copyOf(offsets, 2 * row);
                lengths = Arrays.copyOf(lengths, 2 * row);
            }
            // the scanner's buffer is its own: find the tuple in the dump by its byte offset
            offsets[row] = (int) byteOffset;
            lengths[row] = len;
            super.tuple(buf, off, len, line, byteOffset);
        }
    }
}
