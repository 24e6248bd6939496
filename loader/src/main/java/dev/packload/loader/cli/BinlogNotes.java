package dev.packload.loader.cli;

import dev.packload.loader.check.ServerSettings;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.TableStats;
import dev.packload.loader.target.Target;
import dev.packload.loader.write.NativeSqlSession;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What a load says of the target's binary log: before it starts, that replicas are connected whose limits it does not
 * know (no {@code --replica}); after it, that rows loaded in chunks were logged whole at every append.
 */
final class BinlogNotes {
    private BinlogNotes() {
    }

    /** The target's settings (null when they can't be read), warning when replicas are connected but not named. */
    static ServerSettings before(Target target, boolean replicasGiven, PrintStream err) {
        ServerSettings s;
        try (NativeSqlSession session = NativeSqlSession.open(target.withoutDatabase().connect(), 0)) {
            s = ServerSettings.read(session);
        } catch (SQLException | RuntimeException e) {
            return null; // the load's own sessions say what is wrong with the server
        }
        if (!replicasGiven && s.logBin() && s.knownReplicas() != null && !s.knownReplicas().isEmpty()) {
            err.println("packload: warning: the target has " + s.knownReplicas().size() + " replica(s) connected ("
                    + String.join(", ", s.knownReplicas()) + ", binlog_format=" + s.binlogFormat() + ") and no "
                    + "--replica was given: their max_allowed_packet and slave_max_allowed_packet are not known, and a "
                    + "binlog event bigger than a replica takes stops its replication. Give --replica HOST:PORT for "
                    + "each (packload check shows their limits)");
        }
        return s;
    }

    /** After the load: rows appended in chunks under row-based logging wrote their image at every append. */
    static void after(ServerSettings s, LoadStats stats, PrintStream out) {
        long appended = stats.tables().stream().mapToLong(TableStats::appendedRows).sum();
        if (s == null || appended == 0 || !s.logBin() || !s.binlogFormat().equals("ROW")) {
            return;
        }
        out.printf(Locale.ROOT, "binlog: %,d rows were loaded in chunks under binlog_format=ROW (binlog_row_image=%s):"
                + " each append logged the row's image as it grew, so the binary log holds them many times over;"
                + " a max_allowed_packet that takes each row in one statement logs it once (packload check"
                + " estimates it)%n", appended, s.binlogRowImage());
    }
}
