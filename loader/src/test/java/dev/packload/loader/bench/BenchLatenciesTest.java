package dev.packload.loader.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BenchLatenciesTest {

    @Test
    void percentilesAreNearestRankAcrossWriters() {
        Latencies a = new Latencies();
        Latencies b = new Latencies();
        for (int i = 1; i <= 100; i++) {
            (i % 2 == 0 ? a : b).add(i * 1_000_000L); // 1 ms .. 100 ms, split over two writers
        }
        BenchResult.Latency l = Latencies.summarize(List.of(a, b));
        assertEquals(100, l.count());
        assertEquals(50.0, l.p50Millis());
        assertEquals(95.0, l.p95Millis());
        assertEquals(99.0, l.p99Millis());
        assertEquals(100.0, l.maxMillis());
        assertEquals(50.5, l.meanMillis(), 1e-9);
    }

    @Test
    void oneSampleIsEveryPercentileAndNoneIsZero() {
        Latencies one = new Latencies();
        one.add(3_000_000);
        BenchResult.Latency l = Latencies.summarize(List.of(one, new Latencies()));
        assertEquals(3.0, l.p50Millis());
        assertEquals(3.0, l.p99Millis());
        assertEquals(new BenchResult.Latency(0, 0, 0, 0, 0, 0), Latencies.summarize(List.of(new Latencies())));
    }

    @Test
    void growsPastItsFirstArray() {
        Latencies l = new Latencies();
        for (int i = 0; i < 5_000; i++) {
            l.add(i);
        }
        assertEquals(5_000, l.count());
        assertEquals(4_999 / 1e6, Latencies.summarize(List.of(l)).maxMillis());
    }
}
