package dev.packload.loader.write;

/**
 * How many SQL bytes one statement may hold on a connection, from the negotiated packet limits.
 *
 * <p>The server rejects a packet whose payload is not <em>smaller</em> than {@code max_allowed_packet}; the payload
 * of a query is the command header (COM_QUERY byte, plus the query-attribute prefix on servers that use it) followed by
 * the SQL. So the SQL may hold at most {@code limit - header - 1} bytes; we keep a further {@link #MARGIN} bytes back.
 *
 * @param serverMaxAllowedPacket the session's {@code @@max_allowed_packet}
 * @param driverMaxAllowedPacket Connector/J's effective {@code maxAllowedPacket}
 * @param headerBytes            bytes the protocol puts before the SQL in a COM_QUERY payload
 * @param userCap                {@code --max-statement-bytes}, or 0 when not given
 * @param statementBytes         the budget: the most SQL bytes one statement may have
 * @param replication            the binary log and the replicas named with {@code --replica}, whose limits the budget
 *                               also keeps under ({@link Replication#statementCap()})
 */
public record PacketBudget(long serverMaxAllowedPacket, long driverMaxAllowedPacket, int headerBytes, long userCap,
                           int statementBytes, Replication replication) {

    public PacketBudget(long serverMaxAllowedPacket, long driverMaxAllowedPacket, int headerBytes, long userCap,
                        int statementBytes) {
        this(serverMaxAllowedPacket, driverMaxAllowedPacket, headerBytes, userCap, statementBytes, Replication.NONE);
    }

    /** Bytes held back under the limit beyond the exact protocol overhead. */
    public static final int MARGIN = 64;

    /** The smallest budget packload works with; a server limit below this is a configuration error. */
    public static final int MIN_STATEMENT_BYTES = 4096;

    public static PacketBudget negotiate(long serverMaxAllowedPacket, long driverMaxAllowedPacket, int headerBytes,
                                         long userCap) {
        return negotiate(serverMaxAllowedPacket, driverMaxAllowedPacket, headerBytes, userCap, Replication.NONE);
    }

    /** The budget under the server's and driver's limits, {@code userCap}, and what the replicas take. */
    public static PacketBudget negotiate(long serverMaxAllowedPacket, long driverMaxAllowedPacket, int headerBytes,
                                         long userCap, Replication replication) {
        long limit = Math.min(serverMaxAllowedPacket, driverMaxAllowedPacket);
        long budget = limit - headerBytes - 1 - MARGIN;
        if (userCap > 0) {
            budget = Math.min(budget, userCap);
        }
        long replicaCap = replication.statementCap();
        if (replicaCap > 0) {
            budget = Math.min(budget, replicaCap);
        }
        budget = Math.min(budget, Integer.MAX_VALUE - 64);
        if (budget < MIN_STATEMENT_BYTES) {
            throw new IllegalArgumentException("statement budget of " + budget + " bytes is too small (server "
                    + "max_allowed_packet=" + serverMaxAllowedPacket + ", driver maxAllowedPacket=" + driverMaxAllowedPacket
                    + (userCap > 0 ? ", --max-statement-bytes=" + userCap : "")
                    + (replicaCap > 0 ? ", " + replication.describe() : "") + "); packload needs at least "
                    + MIN_STATEMENT_BYTES);
        }
        return new PacketBudget(serverMaxAllowedPacket, driverMaxAllowedPacket, headerBytes, userCap, (int) budget,
                replication);
    }

    /** The largest single value the server can hold in one column: CONCAT and long data both stop here. */
    public long largestValue() {
        return serverMaxAllowedPacket;
    }

    public String describe() {
        return "statement budget " + statementBytes + " bytes (server max_allowed_packet=" + serverMaxAllowedPacket
                + ", driver maxAllowedPacket=" + driverMaxAllowedPacket
                + (userCap > 0 ? ", --max-statement-bytes=" + userCap : "")
                + (replication.tightest() != null ? ", " + replication.describe() : "") + ")";
    }
}
