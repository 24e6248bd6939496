/**
 * {@code packload bench}: how fast packload loads into a server. The entry type is
 * {@link dev.packload.loader.bench.BenchRun}, one variant end to end: the {@link dev.packload.loader.bench.GeneratorFeed}
 * feeds the rows of a {@link dev.packload.loader.bench.BenchData} set through the load pipeline over
 * {@link dev.packload.loader.bench.TimedSession}s, and the run checks its own result. {@link dev.packload.loader.bench.Sweep}
 * makes the variants, and {@link dev.packload.loader.bench.BenchReport} and
 * {@link dev.packload.loader.bench.ThroughputChart} write what was measured.
 */
package dev.packload.loader.bench;
