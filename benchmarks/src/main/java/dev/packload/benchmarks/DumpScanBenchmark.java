package dev.packload.benchmarks;

import dev.packload.formats.SourcePosition;
import dev.packload.formats.sql.DumpHandler;
import dev.packload.formats.sql.DumpScanner;
import dev.packload.formats.sql.InsertHeader;
import dev.packload.loader.write.InsertBuilder;
import dev.packload.loader.write.InsertShape;
import dev.packload.loader.write.StatementBuffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * The reader's CPU path on an uncompressed dump held in memory, without a database:
 *
 * <pre>
 *  byte[] dump ──▶ DumpScanner ──▶ handler                                   {@link #scan}
 *  byte[] dump ──▶ DumpScanner ──▶ InsertBuilder (16 MiB budget)             {@link #scanRebatch}
 *  byte[] dump ──▶ DumpScanner ──▶ copy into a slot ──▶ InsertBuilder        {@link #scanCopyRebatch}
 * </pre>
 *
 * {@code scanCopyRebatch} adds the copy a row makes into its ring slot ({@code RowEvent.fill}) on the way from the
 * reader to a writer, so it is the single-core cost of everything packload does to a byte before the driver sends
 * it; the ring hand-off itself is left out.
 *
 * <p>The dump ({@link DumpGenerator}, fixed seed) is exactly {@value #DUMP_MIB} MiB and each invocation reads all
 * of it, so with {@code @OperationsPerInvocation(DUMP_MIB)} the throughput score in ops/s is <b>MiB/s of dump
 * input</b>. Each trial checks its own result first: the row count and tuple bytes the scanner reports, and that
 * re-batching puts every row in exactly one statement within the budget.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(DumpScanBenchmark.DUMP_MIB)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DumpScanBenchmark {

    static final int DUMP_MIB = 32;

    /** The statement budget: 16 MiB, MariaDB's default max_allowed_packet. */
    static final int BUDGET = 16 << 20;

    /** A {@link DumpGenerator.Shape}. */
    @Param({"EXTENDED", "HEX_BLOB", "SKIP_EXTENDED"})
    public String shape;

    private DumpGenerator.Dump dump;
    private final InsertShape insertShape = InsertShape.of(InsertHeader.Verb.INSERT, "`t`", null);
    /**
     * One writer's statement buffer and builder, reused across invocations as a writer reuses them across
     * statements (so the builder's per-row arrays have grown to their steady size).
     */
    private final InsertBuilder builder = new InsertBuilder(new StatementBuffer(1, BUDGET, 1 << 16));

    @Setup
    public void setUp() throws IOException {
        dump = DumpGenerator.generate(DumpGenerator.Shape.valueOf(shape), DUMP_MIB << 20);
        System.out.println("# dump " + dump);

        Counter counter = new Counter();
        new DumpScanner(new ByteArrayInputStream(dump.bytes()), "bench").scan(counter);
        failIfNot(counter.rows == dump.rows(), "scanned " + counter.rows + " rows, generated " + dump.rows());
        failIfNot(counter.tupleBytes == dump.tupleBytes(), "scanned " + counter.tupleBytes + " tuple bytes, generated "
                + dump.tupleBytes());

        for (boolean copy : new boolean[] {false, true}) {
            Rebatcher rebatcher = new Rebatcher(builder, insertShape, copy);
            rebatcher.run(dump.bytes());
            failIfNot(rebatcher.rowsSent == dump.rows(), "re-batched " + rebatcher.rowsSent + " rows, generated "
                    + dump.rows());
            failIfNot(rebatcher.largest <= BUDGET, "a statement of " + rebatcher.largest + " bytes");
            long minStatements = (dump.tupleBytes() + BUDGET - 1) / BUDGET;
            failIfNot(rebatcher.statements >= minStatements && rebatcher.statements <= minStatements + 1,
                    rebatcher.statements + " statements for " + dump.tupleBytes() + " tuple bytes");
            if (!copy) {
                System.out.println("# re-batched into " + rebatcher.statements + " statements, largest "
                        + rebatcher.largest + " bytes");
            }
        }
    }

    @Benchmark
    public long scan() throws IOException {
        Counter counter = new Counter();
        new DumpScanner(new ByteArrayInputStream(dump.bytes()), "bench").scan(counter);
        return counter.rows + counter.tupleBytes + counter.statements;
    }

    @Benchmark
    public long scanRebatch() throws IOException {
        Rebatcher rebatcher = new Rebatcher(builder, insertShape, false);
        rebatcher.run(dump.bytes());
        return rebatcher.statements + rebatcher.statementBytes;
    }

    @Benchmark
    public long scanCopyRebatch() throws IOException {
        Rebatcher rebatcher = new Rebatcher(builder, insertShape, true);
        rebatcher.run(dump.bytes());
        return rebatcher.statements + rebatcher.statementBytes;
    }

    static void failIfNot(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException("benchmark self-check failed: " + message);
        }
    }

    /** Counts what the scanner reports. */
    static class Counter implements DumpHandler {
        long rows;
        long tupleBytes;
        long statements;

        @Override
        public void statement(byte[] buf, int off, int len, SourcePosition at) {
            statements++;
        }

        @Override
        public void insertStart(InsertHeader header, SourcePosition at) {
        }

        @Override
        public void tuple(byte[] buf, int off, int len, long line, long byteOffset) {
            rows++;
            tupleBytes += len;
        }

        @Override
        public void insertEnd() {
        }
    }

    /**
     * Packs every tuple into statements of at most {@link #BUDGET} bytes, starting a new one when the next tuple
     * does not fit, as a writer does. With {@code copy}, each tuple first goes through a reused slot array the
     * way a row passes through its ring slot.
     */
    static final class Rebatcher implements DumpHandler {
        private final InsertBuilder builder;
        private final InsertShape shape;
        private final boolean copy;
        private byte[] slot = new byte[256];
        private long seq;
        long rowsSent;
        long statements;
        long statementBytes;
        int largest;

        Rebatcher(InsertBuilder builder, InsertShape shape, boolean copy) {
            this.builder = builder;
            this.shape = shape;
            this.copy = copy;
        }

        void run(byte[] dump) throws IOException {
            builder.start(shape);
            new DumpScanner(new ByteArrayInputStream(dump), "bench").scan(this);
            send();
        }

        @Override
        public void statement(byte[] buf, int off, int len, SourcePosition at) {
            // DDL and SET are barriers for the writers, not part of a row statement
        }

        @Override
        public void insertStart(InsertHeader header, SourcePosition at) {
            // one table: the shape stays; statement boundaries of the dump are not kept
        }

        @Override
        public void tuple(byte[] buf, int off, int len, long line, long byteOffset) {
            if (copy) {
                if (slot.length < len) {
                    slot = new byte[Math.max(len, 2 * slot.length)];
                }
                System.arraycopy(buf, off, slot, 0, len);
                buf = slot;
                off = 0;
            }
            seq++;
            if (!builder.tryAppend(buf, off, len, seq, line, byteOffset)) {
                send();
                builder.start(shape);
                if (!builder.tryAppend(buf, off, len, seq, line, byteOffset)) {
                    throw new IllegalStateException("a " + len + "-byte tuple does not fit the budget");
                }
            }
        }

        @Override
        public void insertEnd() {
        }

        private void send() {
            if (builder.rows() == 0) {
                return;
            }
            rowsSent += builder.rows();
            StatementBuffer s = builder.finish();
            statements++;
            statementBytes += s.length();
            largest = Math.max(largest, s.length());
        }
    }
}
