package dev.packload.loader.bench;

import dev.packload.loader.pipeline.TableRef;
import dev.packload.loader.target.Target;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The database a bench run loads into: {@code packload_bench_<random hex>}, created for the run and dropped after. */
public final class ScratchDatabase {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Target server;
    private final String name;
    private final String serverVersion;
    private final Set<Long> loading = ConcurrentHashMap.newKeySet();

    private ScratchDatabase(Target server, String name, String serverVersion) {
        this.server = server;
        this.name = name;
        this.serverVersion = serverVersion;
    }

    /** Creates a database with a new random name on the server (a target with no database). */
    public static ScratchDatabase create(Target server) throws SQLException {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        String name = "packload_bench_" + HexFormat.of().formatHex(b);
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            String version;
            try (ResultSet rs = st.executeQuery("SELECT VERSION()")) {
                rs.next();
                version = rs.getString(1);
            }
            st.execute("CREATE DATABASE " + TableRef.quote(name) + " CHARACTER SET utf8mb4");
            return new ScratchDatabase(server, name, version);
        }
    }

    public String name() {
        return name;
    }

    /** {@code SELECT VERSION()}, e.g. 10.11.19-MariaDB-0+deb12u1. */
    public String serverVersion() {
        return serverVersion;
    }

    public Target server() {
        return server;
    }

    /** A writer connection loading into this database now (its {@code CONNECTION_ID()}). */
    void loading(long connectionId) {
        loading.add(connectionId);
    }

    void doneLoading(long connectionId) {
        loading.remove(connectionId);
    }

    /**
     * Drops the database. Writers still loading into it (when the run is interrupted) are killed first, so their
     * transactions roll back and let go of the tables; then waits at most {@code lockWaitSeconds} for the tables (a
     * session setting: the server's global variables are never changed).
     */
    public void drop(int lockWaitSeconds) throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            for (long id : loading) {
                try {
                    st.execute("KILL CONNECTION " + id);
                } catch (SQLException ignored) {
                    // already gone
                }
            }
            st.execute("SET SESSION lock_wait_timeout = " + lockWaitSeconds);
            st.execute("DROP DATABASE IF EXISTS " + TableRef.quote(name));
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
