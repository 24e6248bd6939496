package dev.packload.benchmarks;

import com.github.luben.zstd.Zstd;
import dev.packload.formats.io.Compression;
import dev.packload.formats.io.Decompression;
import dev.packload.formats.sql.DumpScanner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
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
 * Reading the {@link DumpGenerator.Shape#EXTENDED} dump of {@link DumpScanBenchmark} compressed, as a reference
 * ceiling for the reader thread on compressed input:
 *
 * <pre>
 *  compressed byte[] ──▶ Decompression.open ──▶ read into 256 KiB                {@link #decompress}
 *  compressed byte[] ──▶ Decompression.open ──▶ DumpScanner ──▶ count            {@link #decompressScan}
 *  gzip byte[]       ──▶ java.util.zip.GZIPInputStream ──▶ read into 256 KiB     {@link #jdkGzip} (reference)
 * </pre>
 *
 * gzip is written by {@link GZIPOutputStream} at its default level (6, as the {@code gzip} command), zstd by
 * zstd-jni at level 3 (the {@code zstd} command's default). Every invocation decompresses the whole dump, exactly
 * {@value DumpScanBenchmark#DUMP_MIB} MiB, so the throughput score in ops/s is <b>MiB/s of decompressed
 * output</b>. The setup checks that each path gives back the original bytes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(DumpScanBenchmark.DUMP_MIB)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecompressionBenchmark {

    /** The dump compressed by one codec. */
    @State(Scope.Benchmark)
    public static class Compressed {
        @Param({"gzip", "zstd"})
        public String codec;

        byte[] data;
        final byte[] buffer = new byte[DumpScanner.DEFAULT_BUFFER_SIZE];

        @Setup
        public void setUp() throws IOException {
            byte[] dump = DumpGenerator.generate(DumpGenerator.Shape.EXTENDED, DumpScanBenchmark.DUMP_MIB << 20).bytes();
            data = switch (codec) {
                case "gzip" -> gzip(dump);
                case "zstd" -> Zstd.compress(dump, 3);
                default -> throw new IllegalArgumentException("codec " + codec);
            };
            Compression detected = Decompression.detect(data, data.length);
            DumpScanBenchmark.failIfNot(detected.label().equals(codec), "detected " + detected.label());
            DumpScanBenchmark.failIfNot(Arrays.equals(readAll(Decompression.open(new ByteArrayInputStream(data))),
                    dump), codec + " did not round-trip");
            System.out.printf("# %s: %d -> %d bytes (ratio %.2f)%n", codec, dump.length, data.length,
                    (double) dump.length / data.length);
        }
    }

    /** The dump gzipped, for the JDK's own decoder. */
    @State(Scope.Benchmark)
    public static class Gzipped {
        byte[] data;
        final byte[] buffer = new byte[DumpScanner.DEFAULT_BUFFER_SIZE];

        @Setup
        public void setUp() throws IOException {
            byte[] dump = DumpGenerator.generate(DumpGenerator.Shape.EXTENDED, DumpScanBenchmark.DUMP_MIB << 20).bytes();
            data = gzip(dump);
            DumpScanBenchmark.failIfNot(Arrays.equals(readAll(new GZIPInputStream(new ByteArrayInputStream(data))),
                    dump), "gzip did not round-trip");
        }
    }

    @Benchmark
    public long decompress(Compressed c) throws IOException {
        try (InputStream in = Decompression.open(new ByteArrayInputStream(c.data))) {
            return drain(in, c.buffer);
        }
    }

    @Benchmark
    public long decompressScan(Compressed c) throws IOException {
        try (InputStream in = Decompression.open(new ByteArrayInputStream(c.data))) {
            DumpScanBenchmark.Counter counter = new DumpScanBenchmark.Counter();
            new DumpScanner(in, "bench").scan(counter);
            return counter.rows + counter.tupleBytes;
        }
    }

    @Benchmark
    public long jdkGzip(Gzipped g) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(g.data), 64 * 1024)) {
            return drain(in, g.buffer);
        }
    }

    private static long drain(InputStream in, byte[] buffer) throws IOException {
        long total = 0;
        int n;
        while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
            total += n;
        }
        return total;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length / 4);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes, 64 * 1024)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
