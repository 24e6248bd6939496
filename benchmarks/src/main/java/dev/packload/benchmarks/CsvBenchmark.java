package dev.packload.benchmarks;

import dev.packload.formats.csv.CsvDialect;
import dev.packload.formats.csv.CsvHandler;
import dev.packload.formats.csv.CsvReader;
import dev.packload.formats.csv.CsvRecord;
import dev.packload.loader.write.ByteSink;
import dev.packload.loader.write.SqlLiteral;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * CSV parsing, and parsing plus literal encoding, over {@value #IN_MIB} MiB of RFC 4180 CSV in memory: the narrow
 * rows of {@code benchmarks/e2e/gen-narrow-csv.sh} ({@code id,name,amount,created,note}, the note quoted because it
 * holds a comma), about 90 bytes a row. One operation reads the whole input, so <b>ops/s are MiB/s of CSV input</b>.
 *
 * <ul>
 *   <li>{@link #parse}: {@link CsvReader}, the handler only counts records and field characters;</li>
 *   <li>{@link #parseEncode}: each record also becomes a VALUES tuple in a reused {@link ByteSink}, with the calls the
 *       loader's CSV source makes for these column types (BIGINT, VARCHAR, DECIMAL, DATETIME, VARCHAR):
 *       {@code appendNumber(v.trim())}, {@code appendString(v.getBytes(UTF_8))},
 *       {@code appendTemporal(v.trim(), DATETIME)}.</li>
 * </ul>
 * {@code reader=bytes} is the byte-level reader packload uses for UTF-8 and ISO-8859-1; {@code reader=commons} is the
 * commons-csv path it uses for other encodings. The setup checks the row count and a sum over the fields.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(CsvBenchmark.IN_MIB)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CsvBenchmark {
    static final int IN_MIB = 32;

    @Param({"bytes", "commons"})
    public String reader;

    private byte[] input;
    private long rows;
    private final ByteSink sink = new ByteSink(1 << 16);
    private final CsvDialect dialect = CsvDialect.rfc4180();

    @Setup
    public void setUp() throws IOException {
        StringBuilder b = new StringBuilder("id,name,amount,created,note\n");
        int limit = IN_MIB << 20;
        long i = 0;
        while (true) {
            i++;
            String row = String.format("%d,customer name %d,%d.%02d,2024-%02d-%02d 12:%02d:%02d,"
                    + "\"note for row %d, with some text\"\n", i, i, i % 100000, i % 100, 1 + i % 12, 1 + i % 28,
                    i % 60, i % 60, i);
            if (b.length() + row.length() > limit - 2) {
                break;
            }
            b.append(row);
        }
        b.append("x".repeat(limit - b.length() - 1)).append('\n'); // one last 1-field record makes it exact
        input = b.toString().getBytes(StandardCharsets.US_ASCII);
        rows = i; // i - 1 rows and the filler record
        DumpScanBenchmark.failIfNot(input.length == limit, "input is " + input.length + " bytes");
        long[] seen = count();
        DumpScanBenchmark.failIfNot(seen[0] == rows, "parse saw " + seen[0] + " records, expected " + rows);
        long encoded = parseEncode();
        DumpScanBenchmark.failIfNot(encoded > input.length, "encoded only " + encoded + " bytes");
        System.out.printf("# %d records, %d field characters, %d bytes of tuples%n", seen[0], seen[1], encoded);
    }

    private CsvReader reader() {
        CsvReader r = new CsvReader(new ByteArrayInputStream(input), "bench.csv", dialect, StandardCharsets.UTF_8);
        return reader.equals("commons") ? r.useCommonsCsv() : r;
    }

    private long[] count() throws IOException {
        long[] n = new long[2];
        reader().read(new CsvHandler() {
            @Override
            public void header(List<String> names) {
            }

            @Override
            public void record(CsvRecord r) {
                n[0]++;
                for (int k = 0; k < r.size(); k++) {
                    n[1] += r.get(k).length();
                }
            }
        });
        return n;
    }

    @Benchmark
    public long parse() throws IOException {
        return count()[1];
    }

    @Benchmark
    public long parseEncode() throws IOException {
        long[] total = {0};
        reader().read(new CsvHandler() {
            @Override
            public void header(List<String> names) {
            }

            @Override
            public void record(CsvRecord r) {
                if (r.size() != 5) {
                    return; // the filler
                }
                ByteSink s = sink;
                s.setLength(0);
                s.append((byte) '(');
                SqlLiteral.appendNumber(s, r.get(0).trim());
                s.append((byte) ',');
                byte[] name = r.get(1).getBytes(StandardCharsets.UTF_8);
                SqlLiteral.appendString(s, name, 0, name.length, false);
                s.append((byte) ',');
                SqlLiteral.appendNumber(s, r.get(2).trim());
                s.append((byte) ',');
                SqlLiteral.appendTemporal(s, r.get(3).trim(), SqlLiteral.Temporal.DATETIME);
                s.append((byte) ',');
                byte[] note = r.get(4).getBytes(StandardCharsets.UTF_8);
                SqlLiteral.appendString(s, note, 0, note.length, false);
                s.append((byte) ')');
                total[0] += s.length();
            }
        });
        return total[0];
    }
}
