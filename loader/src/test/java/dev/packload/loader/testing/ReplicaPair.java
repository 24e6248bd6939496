package dev.packload.loader.testing;

import dev.packload.embedded.EmbeddedMariaDb;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A primary and a replica of our own: two mariadbd processes on loopback ports, each with its own data directory under
 * a temporary directory, the replica following the primary by GTID. The primary writes a binary log with the options
 * given (e.g. {@code --binlog-format=ROW}); the replica gets its own (e.g. a small
 * {@code --slave-max-allowed-packet}) and reports its address, so the primary's SHOW SLAVE HOSTS lists it.
 * {@link #close()} stops both and deletes their data.
 */
public final class ReplicaPair implements AutoCloseable {
    private final Path root;
    private final EmbeddedMariaDb primaryDb;
    private final EmbeddedMariaDb replicaDb;
    private final Server primary;
    private final Server replica;

    private ReplicaPair(Path root, EmbeddedMariaDb primaryDb, EmbeddedMariaDb replicaDb) {
        this.root = root;
        this.primaryDb = primaryDb;
        this.replicaDb = replicaDb;
        this.primary = new Server("primary", primaryDb.host(), primaryDb.port(), primaryDb.user(), primaryDb.password());
        this.replica = new Server("replica", replicaDb.host(), replicaDb.port(), replicaDb.user(), replicaDb.password());
    }

    /** Starts both servers and replication between them. */
    public static ReplicaPair start(List<String> primaryArgs, List<String> replicaArgs) throws IOException, SQLException {
        Path root = Files.createTempDirectory("packload-replication-");
        Path home = EmbeddedMariaDb.defaultHome();
        EmbeddedMariaDb p = null;
        EmbeddedMariaDb r = null;
        try {
            List<String> pa = new ArrayList<>(List.of("--server-id=1", "--log-bin=primary-bin", "--gtid-domain-id=0"));
            pa.addAll(primaryArgs);
            p = EmbeddedMariaDb.start(home, root.resolve("primary"), 0, pa);
            int replicaPort = freePort();
            List<String> ra = new ArrayList<>(List.of("--server-id=2", "--report-host=127.0.0.1",
                    "--report-port=" + replicaPort, "--skip-slave-start"));
            ra.addAll(replicaArgs);
            r = EmbeddedMariaDb.start(home, root.resolve("replica"), replicaPort, ra);
            ReplicaPair pair = new ReplicaPair(root, p, r);
            try (Connection c = pair.replica.connect(null); Statement st = c.createStatement()) {
                st.execute("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + p.port()
                        + ", MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos,"
                        + " MASTER_CONNECT_RETRY=1, MASTER_SSL=0");
                st.execute("START SLAVE");
            }
            if (!pair.awaitCaughtUp()) {
                throw new IllegalStateException("the replica did not start replicating: " + pair.status());
            }
            return pair;
        } catch (IOException | SQLException | RuntimeException e) {
            stop(r);
            stop(p);
            delete(root);
            throw e;
        }
    }

    public Server primary() {
        return primary;
    }

    public Server replica() {
        return replica;
    }

    /** Waits until the replica has applied everything the primary logged; false when it did not within 60 s. */
    public boolean awaitCaughtUp() throws SQLException {
        String pos;
        try (Connection c = primary.connect(null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT @@gtid_binlog_pos")) {
            rs.next();
            pos = rs.getString(1);
        }
        try (Connection c = replica.connect(null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MASTER_GTID_WAIT('" + pos + "', 60)")) {
            rs.next();
            return rs.getInt(1) == 0;
        }
    }

    /**
     * The replica's threads: "io=Yes sql=Yes" and the last errors, from SHOW SLAVE STATUS.
     */
    public Status status() throws SQLException {
        try (Connection c = replica.connect(null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW SLAVE STATUS")) {
            if (!rs.next()) {
                return new Status(false, false, -1, "not a replica", -1, "");
            }
            return new Status("Yes".equals(rs.getString("Slave_IO_Running")),
                    "Yes".equals(rs.getString("Slave_SQL_Running")), rs.getInt("Last_IO_Errno"),
                    rs.getString("Last_IO_Error"), rs.getInt("Last_SQL_Errno"), rs.getString("Last_SQL_Error"));
        }
    }

    /** What SHOW SLAVE STATUS says of the replica's threads. */
    public record Status(boolean ioRunning, boolean sqlRunning, int ioErrno, String ioError, int sqlErrno,
                         String sqlError) {
        public boolean healthy() {
            return ioRunning && sqlRunning && ioErrno == 0 && sqlErrno == 0;
        }
    }

    @Override
    public void close() {
        stop(replicaDb);
        stop(primaryDb);
        delete(root);
    }

    private static void stop(EmbeddedMariaDb db) {
        if (db != null) {
            try {
                db.close();
            } catch (RuntimeException ignored) {
                // keep stopping the other
            }
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // best effort: a temporary directory
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
