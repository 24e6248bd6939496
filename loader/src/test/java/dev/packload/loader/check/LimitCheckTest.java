package dev.packload.loader.check;

import dev.packload.loader.check.Finding.Verdict;
import dev.packload.loader.source.DumpProfile;
import dev.packload.loader.write.ReplicaLimit;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdicts of packload check for settings that fit an input and settings that don't, without a server. */
class LimitCheckTest {
    private static final long MIB = 1 << 20;

    private static ServerSettings server(long maxPacket, boolean logBin, String format, String image,
                                         List<String> knownReplicas) {
        return new ServerSettings("11.4.5-MariaDB", maxPacket, maxPacket, maxPacket, 1, 16384, logBin, format, image,
                false, true, knownReplicas, null);
    }

    /** A dump of one table whose rows hold values of these sizes. */
    private static DumpProfile profile(int... valueBytes) throws IOException {
        StringBuilder sb = new StringBuilder("CREATE TABLE t (id INT PRIMARY KEY, v LONGBLOB);\n");
        for (int i = 0; i < valueBytes.length; i++) {
            sb.append("INSERT INTO t VALUES (").append(i).append(",'").append("x".repeat(valueBytes[i])).append("');\n");
        }
        DumpProfile p = new DumpProfile();
        p.add(new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.US_ASCII)), "d.sql", null);
        return p;
    }

    private static Finding find(LimitCheck c, String prefix) {
        return c.findings().stream().filter(f -> f.limit().startsWith(prefix)).findFirst().orElseThrow(
                () -> new AssertionError("no finding " + prefix + " in " + c.findings()));
    }

    @Test
    void aValueOverTheServersLimitFailsWithTheSetting() throws IOException {
        LimitCheck c = LimitCheck.of(server(4 * MIB, false, "ROW", "FULL", List.of()), List.of(), 0,
                profile(100, 5 * (int) MIB));
        assertFalse(c.passes());
        Finding f = find(c, "max_allowed_packet (global)");
        assertEquals(Verdict.FAIL, f.verdict());
        assertEquals("SET GLOBAL max_allowed_packet = 6291456;", f.fixes().get(0).sql());
        assertEquals("[mysqld] max_allowed_packet = 6291456", f.fixes().get(0).cnf());
        assertEquals(Verdict.FAIL, find(c, "largest value").verdict());
    }

    @Test
    void rowsThatFitTheServerButNotTheReplicaFailForTheReplica() throws IOException {
        ReplicaLimit replica = new ReplicaLimit("db2:3306", 16 * MIB, 2 * MIB, "slave_max_allowed_packet");
        ServerSettings s = server(16 * MIB, true, "ROW", "FULL", List.of("server_id 2 db2:3306"));
        LimitCheck fits = LimitCheck.of(s, List.of(replica), 0, profile(100, (int) MIB));
        assertTrue(fits.passes(), fits.findings().toString());
        assertEquals(Verdict.OK, find(fits, "replica db2:3306").verdict());
        assertTrue(fits.budget().statementBytes() < 2 * MIB, fits.budget().describe());

        LimitCheck fails = LimitCheck.of(s, List.of(replica), 0, profile(100, 3 * (int) MIB));
        assertFalse(fails.passes());
        Finding f = find(fails, "replica db2:3306");
        assertEquals(Verdict.FAIL, f.verdict());
        assertTrue(f.fixes().get(0).sql().startsWith("SET GLOBAL slave_max_allowed_packet = "), f.toString());
        assertEquals("replica db2:3306", f.fixes().get(0).where());
        // rows over the budget are appended, each append logging the row: a warning with the binlog it writes
        assertEquals(Verdict.WARN, find(fails, "binlog_row_image").verdict());
    }

    @Test
    void replicasTheServerKnowsButNotGivenAreAWarning() throws IOException {
        LimitCheck c = LimitCheck.of(server(16 * MIB, true, "ROW", "FULL", List.of("server_id 2 db2:3306")),
                List.of(), 0, profile(100));
        assertTrue(c.passes());
        Finding f = find(c, "replicas known to the server");
        assertEquals(Verdict.WARN, f.verdict());
        assertEquals("--replica HOST:PORT (once per replica)", f.fixes().get(0).sql());
    }

    @Test
    void statementBasedLoggingHalvesTheBudgetForTheReplicas() {
        ReplicaLimit replica = new ReplicaLimit("db2:3306", 4 * MIB, 4 * MIB, "slave_max_allowed_packet");
        LimitCheck row = LimitCheck.of(server(16 * MIB, true, "ROW", "FULL", List.of()), List.of(replica), 0, null);
        LimitCheck statement = LimitCheck.of(server(16 * MIB, true, "MIXED", "FULL", List.of()), List.of(replica), 0,
                null);
        assertNotNull(row.budget());
        assertEquals(row.budget().statementBytes() / 2, statement.budget().statementBytes(), 1);
    }

    @Test
    void aReadOnlyTargetFails() {
        ServerSettings ro = new ServerSettings("10.11", 16 * MIB, 16 * MIB, 16 * MIB, 1, 16384, false, "ROW", "FULL",
                true, false, List.of(), null);
        LimitCheck c = LimitCheck.of(ro, List.of(), 0, null);
        assertFalse(c.passes());
        assertEquals(Verdict.FAIL, find(c, "read_only").verdict());
        assertEquals(Verdict.NOTE, find(c, "local_infile").verdict());
    }
}
