package dev.packload.loader.cli;

import dev.packload.loader.target.Target;
import dev.packload.loader.write.ReplicaLimit;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --replica HOST:PORT}, repeatable: the target's replicas, whose packet limits a load keeps every binlog event
 * under and {@code packload check} reports. Each is reached with the target's user and password.
 */
public final class ReplicaOptions {

    @Option(names = "--replica", paramLabel = "HOST:PORT", split = ",",
            description = "A replica of the target (repeatable): statements and chunked rows are sized so that every "
                    + "binlog event fits its max_allowed_packet and slave_max_allowed_packet; a row that can't is "
                    + "rejected before anything of it is sent. Reached with the target's user and password.")
    List<String> replicas = List.of();

    public List<String> given() {
        return replicas;
    }

    /** Connects to each replica and reads its limits. */
    public List<ReplicaLimit> read(Target primary) throws SQLException {
        List<ReplicaLimit> limits = new ArrayList<>();
        for (String r : replicas) {
            HostPort hp = HostPort.parse(r);
            try (Connection c = primary.atHost(hp.host(), hp.port()).connect()) {
                limits.add(ReplicaLimit.read(c, hp.toString()));
            } catch (SQLException e) {
                throw new SQLException("replica " + hp + ": " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
            }
        }
        return limits;
    }

    /** A replica's address: HOST:PORT, HOST (port 3306), or [IPv6]:PORT. */
    record HostPort(String host, int port) {
        static HostPort parse(String s) {
            String host = s;
            int port = 3306;
            int colon = s.lastIndexOf(':');
            if (s.startsWith("[")) {
                int close = s.indexOf(']');
                host = s.substring(1, Math.max(1, close));
                colon = close >= 0 && close + 1 < s.length() && s.charAt(close + 1) == ':' ? close + 1 : -1;
            } else if (colon >= 0) {
                host = s.substring(0, colon);
            }
            if (colon >= 0) {
                try {
                    port = Integer.parseInt(s.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -1;
                }
            }
            if (host.isEmpty() || port < 1 || port > 65535) {
                throw new IllegalArgumentException("--replica takes HOST:PORT, not '" + s + "'");
            }
            return new HostPort(host, port);
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
