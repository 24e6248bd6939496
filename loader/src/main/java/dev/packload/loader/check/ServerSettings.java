package dev.packload.loader.check;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;
import dev.packload.loader.write.NativeSqlSession;
import dev.packload.loader.write.PacketBudget;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a target says about the limits a load meets, read on one connection: its packet limits (global, as a new
 * connection gets it, and this session's), the driver's, the binary log's format and row image, whether it is
 * read-only or takes LOAD DATA LOCAL, and the replicas it knows of.
 *
 * @param version             {@code SELECT VERSION()}
 * @param globalMaxPacket     {@code @@GLOBAL.max_allowed_packet}
 * @param sessionMaxPacket    {@code @@SESSION.max_allowed_packet}
 * @param driverMaxPacket     Connector/J's effective {@code maxAllowedPacket}
 * @param headerBytes         the protocol's bytes before a query's SQL
 * @param netBufferLength     {@code @@net_buffer_length}
 * @param logBin              {@code @@log_bin}
 * @param binlogFormat        {@code @@GLOBAL.binlog_format}
 * @param binlogRowImage      {@code @@GLOBAL.binlog_row_image}
 * @param readOnly            {@code @@read_only}
 * @param localInfile         {@code @@local_infile}
 * @param knownReplicas       SHOW SLAVE HOSTS (SHOW REPLICAS): "server_id host:port" each, or null when not allowed
 * @param knownReplicasProblem why they could not be listed, or null
 */
public record ServerSettings(String version, long globalMaxPacket, long sessionMaxPacket, long driverMaxPacket,
                             int headerBytes, long netBufferLength, boolean logBin, String binlogFormat,
                             String binlogRowImage, boolean readOnly, boolean localInfile, List<String> knownReplicas,
                             String knownReplicasProblem) {

    /** Reads the settings through a session opened as a load's writers open theirs. */
    public static ServerSettings read(NativeSqlSession session) throws SQLException {
        Connection c = session.connection();
        PacketBudget b = session.budget();
        long driver = c.unwrap(JdbcConnection.class).getPropertySet().getIntegerProperty(PropertyKey.maxAllowedPacket)
                .getValue();
        try (Statement st = c.createStatement()) {
            String version;
            long global;
            long sessionPacket;
            long net;
            boolean logBin;
            String format;
            String image;
            boolean ro;
            boolean local;
            try (ResultSet rs = st.executeQuery("SELECT VERSION(), @@GLOBAL.max_allowed_packet, "
                    + "@@SESSION.max_allowed_packet, @@net_buffer_length, @@log_bin, @@GLOBAL.binlog_format, "
                    + "@@GLOBAL.binlog_row_image, @@read_only, @@local_infile")) {
                rs.next();
                version = rs.getString(1);
                global = rs.getLong(2);
                sessionPacket = rs.getLong(3);
                net = rs.getLong(4);
                logBin = rs.getBoolean(5);
                format = rs.getString(6).toUpperCase(Locale.ROOT);
                image = rs.getString(7).toUpperCase(Locale.ROOT);
                ro = rs.getBoolean(8);
                local = rs.getBoolean(9);
            }
            List<String> replicas = null;
            String problem = null;
            try {
                replicas = replicaHosts(st, "SHOW SLAVE HOSTS");
            } catch (SQLException e) {
                try {
                    replicas = replicaHosts(st, "SHOW REPLICAS");
                } catch (SQLException e2) {
                    problem = e.getMessage();
                }
            }
            return new ServerSettings(version, global, sessionPacket, driver, b.headerBytes(), net, logBin, format,
                    image, ro, local, replicas, problem);
        }
    }

    private static List<String> replicaHosts(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String host = rs.getString("Host");
                out.add("server_id " + rs.getString(1) + " " + (host == null || host.isEmpty() ? "(no report_host)"
                        : host) + ":" + rs.getString("Port"));
            }
        }
        return out;
    }
}
