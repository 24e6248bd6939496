package dev.packload.loader.check;

import dev.packload.loader.check.Finding.Fix;
import dev.packload.loader.check.Finding.Verdict;
import dev.packload.loader.source.DumpProfile;
import dev.packload.loader.write.PacketBudget;
import dev.packload.loader.write.ReplicaLimit;
import dev.packload.loader.write.Replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code packload check}'s verdicts: every limit a load into the target meets, each with what it is set to, whether
 * the load meets it (for the inputs' largest statement, row and value, when inputs are given), and the fix; then the
 * statement budget a load would work with. Pure: the settings are read elsewhere ({@link ServerSettings},
 * {@link ReplicaLimit#read}).
 *
 * @param findings every limit, in the order they are printed
 * @param budget   the statement budget a load's writers negotiate, or null when none could be (limits too small)
 * @param budgetProblem why there is none, or null
 */
public record LimitCheck(List<Finding> findings, PacketBudget budget, String budgetProblem) {

    /** Whether a load would meet every limit. */
    public boolean passes() {
        return budget != null && findings.stream().noneMatch(f -> f.verdict() == Verdict.FAIL);
    }

    /**
     * @param userCap  {@code --max-statement-bytes}, or 0
     * @param profile  the inputs' figures, or null when no input was given
     */
    public static LimitCheck of(ServerSettings s, List<ReplicaLimit> replicas, long userCap, DumpProfile profile) {
        List<Finding> out = new ArrayList<>();
        Replication replication = new Replication(s.logBin(), s.binlogFormat(), s.binlogRowImage(), replicas);
        PacketBudget budget = null;
        String problem = null;
        try {
            budget = PacketBudget.negotiate(s.sessionMaxPacket(), s.driverMaxPacket(), s.headerBytes(), userCap,
                    replication);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        long value = profile == null ? -1 : profile.largestValue();
        long row = profile == null ? -1 : profile.largestRow();
        long statement = profile == null ? -1 : profile.largestStatement();
        boolean chunked = budget != null && row > budget.statementBytes();

        // the server's own limit: what one value can be at most, whatever the client does
        long server = s.globalMaxPacket();
        if (value > server) {
            long need = Math.min(1L << 30, roundUpMiB(value + 64 * 1024));
            out.add(Finding.of("max_allowed_packet (global)", server, Verdict.FAIL, "the largest value ("
                    + n(value) + " bytes) is bigger: no client can store it, its rows would be rejected"
                    + (value > 1L << 30 ? "; no setting holds more than 1 GiB" : ""),
                    new Fix("primary", "SET GLOBAL max_allowed_packet = " + need + ";",
                            "[mysqld] max_allowed_packet = " + need)));
        } else {
            out.add(Finding.of("max_allowed_packet (global)", server, Verdict.OK, value < 0
                    ? "a new connection's packet limit: the budget follows it"
                    : "the largest value (" + n(value) + " bytes) fits"));
        }
        if (s.sessionMaxPacket() != server) {
            out.add(Finding.of("max_allowed_packet (session)", s.sessionMaxPacket(), Verdict.NOTE,
                    "differs from the global value (init_connect, or SET GLOBAL after connecting): the writers use "
                            + "what their own sessions get"));
        } else {
            out.add(Finding.of("max_allowed_packet (session)", s.sessionMaxPacket(), Verdict.OK,
                    "a new session gets the global value"));
        }
        if (s.driverMaxPacket() < s.sessionMaxPacket() && value > s.driverMaxPacket()) {
            long need = Math.min(s.sessionMaxPacket(), roundUpMiB(value + 64 * 1024));
            out.add(Finding.of("driver maxAllowedPacket", s.driverMaxPacket(), Verdict.FAIL, "the client's limit is"
                    + " under the largest value (" + n(value) + " bytes): rows with such values would be rejected",
                    new Fix("packload", "--max-allowed-packet=" + need, "[client] max_allowed_packet = " + need)));
        } else {
            out.add(Finding.of("driver maxAllowedPacket", s.driverMaxPacket(), Verdict.OK,
                    s.driverMaxPacket() < s.sessionMaxPacket() ? "the client's limit (--max-allowed-packet): "
                            + "statements stay under it" : "Connector/J takes the server's"));
        }
        out.add(Finding.of("net_buffer_length", s.netBufferLength(), Verdict.OK,
                "the connection buffer's starting size; it grows up to max_allowed_packet, so it limits nothing"));

        // the binary log and the replicas
        if (!s.logBin()) {
            out.add(Finding.of("log_bin", "OFF", Verdict.OK, "no binary log: no replica receives this load"
                    + (replicas.isEmpty() ? "" : " (the --replica servers do not replicate from it)")));
        } else {
            out.add(Finding.of("binlog_format", s.binlogFormat(), Verdict.OK, replication.rowBased()
                    ? "rows are logged as images: an event holds at most one large row, so statements are sized "
                    + "for the replicas by their rows"
                    : "statements are logged as text, prepared parameters as literals: statements are kept under "
                    + "half a replica's limit"));
            out.add(binlogRowImage(s, replication, profile, chunked, budget));
        }
        for (ReplicaLimit r : replicas) {
            out.add(replica(r, replication, profile, row, value, chunked));
        }
        out.add(knownReplicas(s, replicas));
        out.add(s.readOnly()
                ? Finding.of("read_only", "ON", Verdict.FAIL, "the target takes no writes from users without SUPER: "
                + "is it a replica? Load its primary",
                new Fix("primary", "SET GLOBAL read_only = OFF; -- only if this server is the primary", null))
                : Finding.of("read_only", "OFF", Verdict.OK, "writable"));
        out.add(s.localInfile()
                ? Finding.of("local_infile", "ON", Verdict.OK, "--method load-data can use LOAD DATA LOCAL INFILE")
                : Finding.of("local_infile", "OFF", Verdict.NOTE, "--method load-data falls back to INSERTs",
                new Fix("primary", "SET GLOBAL local_infile = ON;", "[mysqld] local_infile = ON")));

        if (profile != null) {
            ReplicaLimit tightest = replication.tightest();
            if (statement + 1 >= s.sessionMaxPacket()) {
                out.add(Finding.of("largest statement", n(statement), Verdict.NOTE, "`mysql < dump` would fail here "
                        + "(ERROR 1153/2006); packload re-batches the rows to the budget"));
            } else if (tightest != null && statement + Replication.EVENT_OVERHEAD >= tightest.limit()) {
                out.add(Finding.of("largest statement", n(statement), Verdict.NOTE, "fits the server as written, but "
                        + "`mysql < dump` would stop replica " + tightest.label() + "; packload re-batches the rows "
                        + "for it"));
            } else {
                out.add(Finding.of("largest statement", n(statement), Verdict.OK, "fits as written"));
            }
            out.add(chunked
                    ? Finding.of("largest row", n(row), Verdict.NOTE, "over the statement budget: such rows are "
                    + "loaded in chunks (INSERT, then UPDATE ... CONCAT)")
                    : Finding.of("largest row", n(row), Verdict.OK, "fits one statement"));
            out.add(Finding.of("largest value", n(value), value > server ? Verdict.FAIL : Verdict.OK,
                    value > server ? "over max_allowed_packet (see above)" : "fits max_allowed_packet"));
        }
        return new LimitCheck(out, budget, problem);
    }

    private static Finding binlogRowImage(ServerSettings s, Replication replication, DumpProfile profile,
                                          boolean chunked, PacketBudget budget) {
        if (!replication.rowBased()) {
            return Finding.of("binlog_row_image", s.binlogRowImage(), Verdict.OK, "applies to row-based logging only");
        }
        if (!chunked) {
            return Finding.of("binlog_row_image", s.binlogRowImage(), Verdict.OK, profile == null
                    ? "matters for rows loaded in chunks: give the inputs to see whether any are"
                    : "every row fits one statement: each is logged once");
        }
        // each append logs the row's image as it grows: about value^2 / chunk bytes in all (FULL: twice that)
        long v = profile.largestValue();
        long chunk = Math.max(1, budget.statementBytes() - 1024);
        long appends = (v + chunk - 1) / chunk;
        long perImage = s.binlogRowImage().equals("FULL") ? 2 : 1;
        long logged = perImage * (appends * (appends + 1) / 2) * Math.min(chunk, v);
        String note = "rows loaded in chunks are logged whole at every append: the largest value (" + n(v)
                + " bytes, " + appends + " appends) writes about " + n(logged) + " bytes of binlog. Limits that take "
                + "the row in one statement log it once";
        long need = Math.min(1L << 30, roundUpMiB(profile.largestRow() + 64 * 1024 + 1024));
        if (s.sessionMaxPacket() >= need) {
            // the primary takes the row: the budget is bounded by a replica (or --max-statement-bytes)
            return Finding.of("binlog_row_image", s.binlogRowImage(), Verdict.WARN, note + " (here the replicas' "
                    + "limits bound the budget: see their lines)");
        }
        return Finding.of("binlog_row_image", s.binlogRowImage(), Verdict.WARN, note,
                new Fix("primary", "SET GLOBAL max_allowed_packet = " + need + ";", "[mysqld] max_allowed_packet = "
                        + need));
    }

    private static Finding replica(ReplicaLimit r, Replication replication, DumpProfile profile, long row, long value,
                                   boolean chunked) {
        String name = "replica " + r.label() + " max_allowed_packet / " + r.slaveVariable();
        String setting = r.maxAllowedPacket() + " / " + r.slaveMaxAllowedPacket();
        if (!replication.logBin()) {
            return Finding.of(name, setting, Verdict.NOTE, "the target writes no binary log");
        }
        if (profile == null) {
            return Finding.of(name, setting, Verdict.OK, "statements are kept under " + n(replication.statementCap())
                    + " bytes for it; give the inputs to check their rows");
        }
        Replication alone = new Replication(true, replication.format(), replication.rowImage(), List.of(r));
        long event = chunked ? alone.largestEvent(row, value, value, true) : Math.max(row, value);
        if (alone.refusal(event, chunked) != null) {
            long need = Math.min(1L << 30, roundUpMiB(event + Replication.EVENT_OVERHEAD + 64 * 1024));
            return Finding.of(name, setting, Verdict.FAIL, "the largest row makes a binlog event of about " + n(event)
                            + " bytes" + (chunked && replication.rowBased() ? " (loaded in chunks, binlog_row_image="
                            + replication.rowImage() + ")" : "") + ", more than it takes: packload rejects such rows "
                            + "(without --replica, the load would stop its replication)",
                    new Fix("replica " + r.label(), r.fixSql(need), r.fixCnf(need)));
        }
        return Finding.of(name, setting, Verdict.OK, "the largest binlog event (about " + n(event) + " bytes) fits");
    }

    private static Finding knownReplicas(ServerSettings s, List<ReplicaLimit> given) {
        if (s.knownReplicas() == null) {
            return Finding.of("replicas known to the server", "?", Verdict.NOTE, "cannot list them (SHOW SLAVE HOSTS: "
                    + s.knownReplicasProblem() + ")");
        }
        List<String> known = s.knownReplicas();
        String value = known.isEmpty() ? "none" : String.join(", ", known);
        if (known.size() > given.size() && s.logBin()) {
            return Finding.of("replicas known to the server", value, Verdict.WARN, known.size() + " replica(s) "
                    + "connected, " + given.size() + " given with --replica: the limits of the others are not "
                    + "checked, and a load does not size its events for them",
                    new Fix("packload", "--replica HOST:PORT (once per replica)", null));
        }
        return Finding.of("replicas known to the server", value, Verdict.OK, known.isEmpty()
                ? "no replica is connected" : "each is given with --replica");
    }

    static long roundUpMiB(long bytes) {
        long mib = 1L << 20;
        return (bytes + mib - 1) / mib * mib;
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
