package dev.packload.loader.write;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How binlog events are sized against replicas, per format and row image. */
class ReplicationTest {
    private static final long MIB = 1 << 20;
    private static final ReplicaLimit TWO_MIB = new ReplicaLimit("r:3306", 4 * MIB, 2 * MIB,
            "slave_max_allowed_packet");

    @Test
    void theTightestReplicaBoundsStatements() {
        ReplicaLimit big = new ReplicaLimit("big:3306", 64 * MIB, 64 * MIB, "slave_max_allowed_packet");
        Replication r = new Replication(true, "row", "full", List.of(big, TWO_MIB));
        assertEquals(TWO_MIB, r.tightest());
        assertTrue(r.statementCap() < 2 * MIB - Replication.EVENT_OVERHEAD, String.valueOf(r.statementCap()));
        PacketBudget b = PacketBudget.negotiate(16 * MIB, 16 * MIB, 1, 0, r);
        assertEquals(r.statementCap(), b.statementBytes());
        assertTrue(b.describe().contains("replica r:3306"), b.describe());
        assertEquals(0, new Replication(false, "ROW", "FULL", List.of(TWO_MIB)).statementCap(), "no binary log");
    }

    @Test
    void chunkedAppendsLogTheRowPerImage() {
        long row = 3 * MIB;
        assertEquals(2 * row, new Replication(true, "ROW", "FULL", List.of()).largestEvent(row, row, row, true));
        assertEquals(row, new Replication(true, "ROW", "MINIMAL", List.of()).largestEvent(row, row, row, true));
        assertEquals(row + 2 * 100, new Replication(true, "ROW", "NOBLOB", List.of())
                .largestEvent(row + 100, row, row, true));
        assertEquals(row, new Replication(true, "ROW", "FULL", List.of()).largestEvent(row, row, row, false),
                "one INSERT with long data logs the row once");
        assertEquals(row, new Replication(true, "STATEMENT", "FULL", List.of()).largestEvent(5 * row, row, row, true),
                "under STATEMENT the replica builds the value");
    }

    @Test
    void aRowTheReplicaCantTakeIsRefusedWithTheFix() {
        Replication r = new Replication(true, "ROW", "FULL", List.of(TWO_MIB));
        assertNull(r.refusal(MIB, true));
        String why = r.refusal(r.largestEvent(3 * MIB, 3 * MIB, 3 * MIB, true), true);
        assertNotNull(why);
        assertTrue(why.contains("replica r:3306 (max_allowed_packet=4194304, slave_max_allowed_packet=2097152)"), why);
        assertTrue(why.contains("SET GLOBAL slave_max_allowed_packet = 7340032"), why);
        assertTrue(why.contains("binlog_row_image = 'MINIMAL'"), why);
        assertTrue(why.contains("nothing of the row was sent"), why);
    }
}
