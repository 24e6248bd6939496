package dev.packload.loader.write;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What one replica takes from its primary: its {@code max_allowed_packet} and its
 * {@code slave_max_allowed_packet} (MySQL 8.0.26+: {@code replica_max_allowed_packet}), read on the replica. The
 * replica's IO thread refuses a binlog event bigger than the latter ("Got a packet bigger than
 * 'slave_max_allowed_packet' bytes") and replication stops; the SQL thread applying a statement is bound by the former
 * (CONCAT past it returns NULL). {@link #limit()} is the smaller of the two, which every event and every value the
 * replica applies must stay under.
 *
 * @param label                  host:port as given with {@code --replica}
 * @param maxAllowedPacket       the replica's global {@code max_allowed_packet}
 * @param slaveMaxAllowedPacket  its {@code slave_max_allowed_packet} / {@code replica_max_allowed_packet}
 * @param slaveVariable          the name the server knows that setting by
 */
public record ReplicaLimit(String label, long maxAllowedPacket, long slaveMaxAllowedPacket, String slaveVariable) {

    /** The most bytes one binlog event, or one value applied, may hold on this replica. */
    public long limit() {
        return Math.min(maxAllowedPacket, slaveMaxAllowedPacket);
    }

    /** The setting that limits this replica: the one {@link #limit()} comes from. */
    public String limitingVariable() {
        return slaveMaxAllowedPacket <= maxAllowedPacket ? slaveVariable : "max_allowed_packet";
    }

    /** Reads the limits on a connection to the replica. */
    public static ReplicaLimit read(Connection replica, String label) throws SQLException {
        long max;
        long slave = -1;
        String name = "slave_max_allowed_packet";
        try (Statement st = replica.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT @@GLOBAL.max_allowed_packet")) {
                rs.next();
                max = rs.getLong(1);
            }
            try (ResultSet rs = st.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN "
                    + "('slave_max_allowed_packet', 'replica_max_allowed_packet')")) {
                while (rs.next()) {
                    if (slave < 0 || rs.getString(1).startsWith("replica")) {
                        name = rs.getString(1).toLowerCase(java.util.Locale.ROOT);
                        slave = rs.getLong(2);
                    }
                }
            }
        }
        if (slave < 0) {
            slave = max; // servers before slave_max_allowed_packet (5.5) read events under max_allowed_packet
            name = "max_allowed_packet";
        }
        return new ReplicaLimit(label, max, slave, name);
    }

    /**
     * The statements that raise this replica's limit to {@code bytes}, run on the replica; the IO thread takes the
     * new value when it restarts (MySQL 8.0.26+ names it REPLICA, which its variable name tells).
     */
    public String fixSql(long bytes) {
        String thread = slaveVariable.startsWith("replica") ? "REPLICA" : "SLAVE";
        return "SET GLOBAL " + slaveVariable + " = " + bytes + "; SET GLOBAL max_allowed_packet = GREATEST("
                + "@@GLOBAL.max_allowed_packet, " + bytes + "); STOP " + thread + "; START " + thread + ";";
    }

    /** The my.cnf line that keeps {@link #fixSql} over a restart of the replica. */
    public String fixCnf(long bytes) {
        return "[mysqld] " + slaveVariable + " = " + bytes;
    }

    /** Both, in one sentence. */
    public String fix(long bytes) {
        return "on replica " + label + ": " + fixSql(bytes) + " and in its my.cnf " + fixCnf(bytes);
    }

    @Override
    public String toString() {
        return label + " (max_allowed_packet=" + maxAllowedPacket + ", " + slaveVariable + "=" + slaveMaxAllowedPacket
                + ")";
    }
}
