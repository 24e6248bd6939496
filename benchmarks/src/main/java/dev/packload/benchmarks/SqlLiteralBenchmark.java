package dev.packload.benchmarks;

import dev.packload.loader.write.ByteSink;
import dev.packload.loader.write.SqlLiteral;
import dev.packload.loader.write.SqlLiteral.Temporal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link SqlLiteral} encoding into a reused {@link ByteSink}, the path typed inputs (CSV, LOAD DATA text) take to
 * become VALUES tuples. Each method encodes a fixed list of values (fixed seed) whose literals add up to exactly
 * {@value #OUT_MIB} MiB, so the throughput score in ops/s is <b>MiB/s of SQL output</b>:
 *
 * <ul>
 *   <li>{@link #strings}: names, e-mail addresses, statuses and notes, mostly 3–50 bytes, UTF-8; about one in
 *       eight has a byte to escape ({@code ' " \ \n});</li>
 *   <li>{@link #stringsMeasured}: the same, calling {@code stringLength} first as a writer does to check the
 *       budget before it appends;</li>
 *   <li>{@link #binary}: 1–64 random bytes as {@code 0x...} hex, half of them 16-byte digests;</li>
 *   <li>{@link #numbers}: ints, signed ints, decimals and exponent notation, validated and copied;</li>
 *   <li>{@link #temporals}: DATETIME, DATE, DATETIME(6), TIME and YEAR with their type known, validated and
 *       quoted.</li>
 * </ul>
 *
 * The exact total is reached by topping each list up with a few filler values of the same kind; the setup checks
 * that every method writes exactly {@value #OUT_MIB} MiB.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(SqlLiteralBenchmark.OUT_MIB)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SqlLiteralBenchmark {

    static final int OUT_MIB = 1;
    static final int OUT_BYTES = OUT_MIB << 20;

    private byte[][] stringValues;
    private byte[][] binaryValues;
    private String[] numberValues;
    private String[] temporalValues;
    private Temporal[] temporalTypes;
    private final ByteSink sink = new ByteSink(2 * OUT_BYTES);

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(DumpGenerator.SEED);
        stringValues = stringCorpus(random);
        binaryValues = binaryCorpus(random);
        numberValues = numberCorpus(random);
        temporalCorpus(random);
        DumpScanBenchmark.failIfNot(strings() == OUT_BYTES, "strings wrote " + sink.length());
        DumpScanBenchmark.failIfNot(stringsMeasured() == OUT_BYTES, "stringsMeasured wrote " + sink.length());
        DumpScanBenchmark.failIfNot(binary() == OUT_BYTES, "binary wrote " + sink.length());
        DumpScanBenchmark.failIfNot(numbers() == OUT_BYTES, "numbers wrote " + sink.length());
        DumpScanBenchmark.failIfNot(temporals() == OUT_BYTES, "temporals wrote " + sink.length());
        int escaped = 0;
        for (byte[] v : stringValues) {
            if (SqlLiteral.stringLength(v, 0, v.length, false) > v.length + 2) {
                escaped++;
            }
        }
        System.out.printf("# values per MiB: %d strings (%d with escapes), %d binaries, %d numbers, %d temporals%n",
                stringValues.length, escaped, binaryValues.length, numberValues.length, temporalValues.length);
    }

    @Benchmark
    public int strings() {
        ByteSink s = sink;
        s.setLength(0);
        for (byte[] v : stringValues) {
            SqlLiteral.appendString(s, v, 0, v.length, false);
        }
        return s.length();
    }

    @Benchmark
    public int stringsMeasured() {
        ByteSink s = sink;
        s.setLength(0);
        long room = OUT_BYTES;
        for (byte[] v : stringValues) {
            long n = SqlLiteral.stringLength(v, 0, v.length, false);
            if (n > room) {
                throw new IllegalStateException("over budget");
            }
            room -= n;
            SqlLiteral.appendString(s, v, 0, v.length, false);
        }
        return s.length();
    }

    @Benchmark
    public int binary() {
        ByteSink s = sink;
        s.setLength(0);
        for (byte[] v : binaryValues) {
            SqlLiteral.appendBinary(s, v, 0, v.length);
        }
        return s.length();
    }

    @Benchmark
    public int numbers() {
        ByteSink s = sink;
        s.setLength(0);
        for (String v : numberValues) {
            SqlLiteral.appendNumber(s, v);
        }
        return s.length();
    }

    @Benchmark
    public int temporals() {
        ByteSink s = sink;
        s.setLength(0);
        String[] values = temporalValues;
        Temporal[] types = temporalTypes;
        for (int i = 0; i < values.length; i++) {
            SqlLiteral.appendTemporal(s, values[i], types[i]);
        }
        return s.length();
    }

    // ---- corpora: random values until the output is nearly full, then fillers to the exact size ----

    private static byte[][] stringCorpus(SplittableRandom random) {
        List<byte[]> out = new ArrayList<>();
        long room = OUT_BYTES;
        for (;;) {
            String v = switch (random.nextInt(6)) {
                case 0, 1 -> pick(random, DumpGenerator.FIRST) + " " + pick(random, DumpGenerator.LAST);
                case 2 -> "user" + random.nextInt(1_000_000) + "@example.com";
                case 3 -> pick(random, DumpGenerator.STATUS);
                case 4 -> pick(random, DumpGenerator.NOTE);
                default -> "Order " + random.nextInt(100_000) + " for " + pick(random, DumpGenerator.FIRST)
                        + ", ships in " + (1 + random.nextInt(9)) + " days";
            };
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            long n = SqlLiteral.stringLength(b, 0, b.length, false);
            if (room - n < 2) {
                break;
            }
            out.add(b);
            room -= n;
        }
        out.add("x".repeat((int) room - 2).getBytes(StandardCharsets.US_ASCII)); // '' plus room - 2 plain bytes
        return out.toArray(new byte[0][]);
    }

    private static byte[][] binaryCorpus(SplittableRandom random) {
        List<byte[]> out = new ArrayList<>();
        long room = OUT_BYTES;
        for (;;) {
            byte[] b = new byte[random.nextBoolean() ? 16 : 1 + random.nextInt(64)];
            random.nextBytes(b);
            long n = SqlLiteral.binaryLength(b.length);
            if (room - n < 4) {
                break;
            }
            out.add(b);
            room -= n;
        }
        byte[] filler = new byte[(int) (room - 2) / 2]; // room stays even: every 0x literal has an even length
        random.nextBytes(filler);
        out.add(filler);
        return out.toArray(new byte[0][]);
    }

    private static String[] numberCorpus(SplittableRandom random) {
        List<String> out = new ArrayList<>();
        long room = OUT_BYTES;
        for (;;) {
            String v = switch (random.nextInt(5)) {
                case 0 -> Integer.toString(random.nextInt(1_000_000_000));
                case 1 -> Integer.toString(random.nextInt(2001) - 1000);
                case 2, 3 -> random.nextInt(10_000_000) + "." + pad(random.nextInt(100), 2);
                default -> (1 + random.nextInt(9)) + "." + pad(random.nextInt(1_000_000), 6) + "E"
                        + (random.nextBoolean() ? "-" : "") + pad(random.nextInt(20), 2);
            };
            if (room - v.length() < 1) {
                break;
            }
            out.add(v);
            room -= v.length();
        }
        while (room > 0) {
            int k = (int) Math.min(room, 9);
            out.add("123456789".substring(0, k));
            room -= k;
        }
        return out.toArray(new String[0]);
    }

    private void temporalCorpus(SplittableRandom random) {
        List<String> values = new ArrayList<>();
        List<Temporal> types = new ArrayList<>();
        long room = OUT_BYTES;
        for (;;) {
            int kind = random.nextInt(10);
            String date = (1970 + random.nextInt(60)) + "-" + two(1 + random.nextInt(12)) + "-"
                    + two(1 + random.nextInt(28));
            String time = two(random.nextInt(24)) + ":" + two(random.nextInt(60)) + ":" + two(random.nextInt(60));
            String v;
            Temporal t;
            if (kind < 5) {
                v = date + " " + time;
                t = Temporal.DATETIME;
            } else if (kind < 7) {
                v = date;
                t = Temporal.DATE;
            } else if (kind < 8) {
                v = date + " " + time + "." + pad(random.nextInt(1_000_000), 6);
                t = Temporal.DATETIME;
            } else if (kind < 9) {
                v = (random.nextBoolean() ? "-" : "") + random.nextInt(839) + ":" + two(random.nextInt(60)) + ":"
                        + two(random.nextInt(60));
                t = Temporal.TIME;
            } else {
                v = Integer.toString(1901 + random.nextInt(255));
                t = Temporal.YEAR;
            }
            long n = SqlLiteral.temporalLength(v);
            if (room - n < 40) {
                break;
            }
            values.add(v);
            types.add(t);
            room -= n;
        }
        // fillers: DATEs (12 bytes) down to 10..21 bytes, then one value of exactly that length
        while (room > 21) {
            values.add("2024-02-29");
            types.add(Temporal.DATE);
            room -= 12;
        }
        String last = switch ((int) room) {
            case 10 -> "12:34:56";
            case 11 -> "123:45:06";
            case 12, 13, 14, 15, 16, 17 -> "12:34:56." + "123456".substring(0, (int) room - 11);
            case 18 -> "123:45:06.123456";
            case 19, 20 -> {
                values.add("2024");
                types.add(Temporal.YEAR);
                room -= 6;
                yield "12:34:56." + "123456".substring(0, (int) room - 11);
            }
            default -> "2024-02-29 23:59:59"; // 21
        };
        values.add(last);
        types.add(last.length() == 19 ? Temporal.DATETIME : Temporal.TIME);
        temporalValues = values.toArray(new String[0]);
        temporalTypes = types.toArray(new Temporal[0]);
    }

    private static String pick(SplittableRandom random, String[] from) {
        return from[random.nextInt(from.length)];
    }

    private static String two(int v) {
        return pad(v, 2);
    }

    /** {@code v} in {@code digits} decimal digits, zero-padded. */
    private static String pad(int v, int digits) {
        String s = Integer.toString(v);
        return "0".repeat(Math.max(0, digits - s.length())) + s;
    }
}
