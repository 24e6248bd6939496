package dev.packload.loader.bench;

import java.util.Arrays;
import java.util.List;

/** Durations recorded by one thread, in nanoseconds; summarised after the run, across threads. */
final class Latencies {
    private long[] nanos = new long[1024];
    private int count;

    void add(long n) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = n;
    }

    int count() {
        return count;
    }

    /** Percentiles by nearest rank over every recorded duration; all zero when there are none. */
    static BenchResult.Latency summarize(List<Latencies> all) {
        int n = all.stream().mapToInt(Latencies::count).sum();
        if (n == 0) {
            return new BenchResult.Latency(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = new long[n];
        int p = 0;
        for (Latencies l : all) {
            System.arraycopy(l.nanos, 0, sorted, p, l.count);
            p += l.count;
        }
        Arrays.sort(sorted);
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new BenchResult.Latency(n, millis(rank(sorted, 50)), millis(rank(sorted, 95)), millis(rank(sorted, 99)),
                millis(sorted[n - 1]), sum / n / 1e6);
    }

    /** The nearest-rank percentile: the smallest value with at least pct% of the values at or below it. */
    static long rank(long[] sorted, double pct) {
        int i = (int) Math.ceil(pct / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
