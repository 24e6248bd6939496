package dev.packload.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports {@code ·cpu.share}: CPU time the benchmark JVM used per wall-clock second of each iteration, in cores.
 * The benchmarks here run one thread, so about 1.0 means the thread had a core to itself; clearly less means it
 * was starved by other load on the machine, and its wall-clock score understates it. Dividing the score by the
 * share gives throughput per CPU-second of the whole JVM (JIT and GC threads included), which is what a
 * "per core" target asks about. {@code run-jmh.sh} turns it on and prints that column.
 *
 * <p>Use: {@code -prof dev.packload.benchmarks.CpuShareProfiler}.
 */
public final class CpuShareProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM per wall-clock second (1.0 = one core)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        double share = (double) (os.getProcessCpuTime() - cpuStart) / (System.nanoTime() - wallStart);
        return List.of(new ScalarResult("cpu.share", share, "cores", AggregationPolicy.AVG));
    }
}
