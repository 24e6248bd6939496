package dev.packload.loader.bench;

import dev.packload.loader.write.PacketBudget;

/**
 * What one variant measured. Rates are over the load's wall time: from the first row handed to the pipeline to the
 * last commit. {@code MB} is 2<sup>20</sup> bytes of the rows' SQL (VALUES tuples), as in the load progress line.
 *
 * @param label              the variant, e.g. {@code threads=2}
 * @param threads            writers, each with its own connection
 * @param maxStatementBytes  {@code --max-statement-bytes} asked for, 0 for none
 * @param preparedRows       rows per prepared execution ({@code --prepared-rows}), 0 for text INSERTs only
 * @param budget             the negotiated statement budget (the smallest of the writers')
 * @param rows               rows generated
 * @param rowsLoaded         rows committed
 * @param rowsRejected       rows rejected (e.g. a BLOB larger than the server's max_allowed_packet)
 * @param bytes              SQL bytes of the rows generated
 * @param statementBytes     SQL bytes of the statements sent (rows, plus INSERT prefixes and commas)
 * @param statements         statements sent (text INSERTs and prepared executions)
 * @param rowsPrepared       rows that went in prepared executions rather than as text
 * @param commits            commits
 * @param seconds            wall time of the load
 * @param generatorSeconds   of which the reader spent generating rows (the rest it spent handing them over)
 * @param statementLatency   time per statement sent
 * @param commitLatency      time per commit
 * @param failure            why the variant stopped early, or null
 */
public record BenchResult(String label, int threads, long maxStatementBytes, int preparedRows, Budget budget, long rows,
                          long rowsLoaded, long rowsRejected, long bytes, long statementBytes, long statements,
                          long rowsPrepared, long commits,
                          double seconds, double rowsPerSecond, double mbPerSecond, double statementsPerSecond,
                          double generatorSeconds, Latency statementLatency, Latency commitLatency, String failure) {

    /** Durations in milliseconds; percentiles by nearest rank. */
    public record Latency(long count, double p50Millis, double p95Millis, double p99Millis, double maxMillis,
                          double meanMillis) {
    }

    /** {@link PacketBudget} with its description, as the load summary prints it. */
    public record Budget(int statementBytes, long serverMaxAllowedPacket, long driverMaxAllowedPacket, int headerBytes,
                         long userCap, String description) {
        public static Budget of(PacketBudget b) {
            return new Budget(b.statementBytes(), b.serverMaxAllowedPacket(), b.driverMaxAllowedPacket(),
                    b.headerBytes(), b.userCap(), b.describe());
        }
    }
}
