package dev.packload.loader.cli;

import dev.packload.loader.check.ServerSettings;
import dev.packload.loader.target.Target;
import dev.packload.loader.write.NativeSqlSession;

import java.io.PrintStream;
import java.sql.SQLException;

/**
 * A load given no {@code --replica} into a server that writes a binary log and has replicas connected: their limits
 * are unknown, so the load can't size its events for them. Said before the load starts, with what to do.
 */
final class ReplicaWarning {
    private ReplicaWarning() {
    }

    static void unsized(Target target, PrintStream err) {
        ServerSettings s;
        try (NativeSqlSession session = NativeSqlSession.open(target.withoutDatabase().connect(), 0)) {
            s = ServerSettings.read(session);
        } catch (SQLException | RuntimeException e) {
            return; // the load's own sessions say what is wrong with the server
        }
        if (s.logBin() && s.knownReplicas() != null && !s.knownReplicas().isEmpty()) {
            err.println("packload: warning: the target has " + s.knownReplicas().size() + " replica(s) connected ("
                    + String.join(", ", s.knownReplicas()) + ", binlog_format=" + s.binlogFormat() + ") and no "
                    + "--replica was given: their max_allowed_packet and slave_max_allowed_packet are not known, and a "
                    + "binlog event bigger than a replica takes stops its replication. Give --replica HOST:PORT for "
                    + "each (packload check shows their limits)");
        }
    }
}
