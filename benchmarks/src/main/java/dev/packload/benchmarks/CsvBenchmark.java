package dev.packload.benchmarks;

import dev.packload.formats.csv.CsvDialect;
import dev.packload.formats.csv.CsvHandler;
import dev.packload.formats.csv.CsvReader;
import dev.packload.formats.csv.CsvRecord;
import dev.packload.loader.feed.CsvOptions;
import dev.packload.loader.feed.RecordEncoder;
import dev.packload.loader.write.TableMeta;
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
 *   <li>{@link #parseEncode}: each record also becomes a VALUES tuple through the loader's own
 *       {@link RecordEncoder}, for the e2e table's column types (BIGINT, VARCHAR, DECIMAL, DATETIME, VARCHAR).</li>
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
    /** The e2e narrow table: {@code id BIGINT, name VARCHAR(64), amount DECIMAL(12,2), created DATETIME, note VARCHAR(64)}. */
    private static final TableMeta.Column[] COLUMNS = {
        new TableMeta.Column("id", "bigint", null, false, false),
        new TableMeta.Column("name", "varchar", "utf8mb4", true, false),
        new TableMeta.Column("amount", "decimal", null, true, false),
        new TableMeta.Column("created", "datetime", null, true, false),
        new TableMeta.Column("note", "varchar", "utf8mb4", true, false),
    };
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
        RecordEncoder encoder = new RecordEncoder(COLUMNS, false, CsvOptions.BinaryEncoding.HEX,
                StandardCharsets.UTF_8, true, false);
        reader().read(new CsvHandler() {
            @Override
            public void header(List<String> names) {
            }

            @Override
            public void record(CsvRecord r) {
                if (r.size() != COLUMNS.length) {
                    return; // the filler
                }
                String reason = encoder.encode(r);
                if (reason != null) {
                    throw new IllegalStateException(reason);
                }
                total[0] += encoder.tuple().length();
            }
        });
        return total[0];
    }
}
