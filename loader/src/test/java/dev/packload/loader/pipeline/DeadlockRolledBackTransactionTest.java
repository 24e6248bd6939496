package dev.packload.loader.pipeline;

import dev.packload.loader.write.RecordingSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bug found by the deadlock trials (ServerFaultsIT): a deadlock (ERROR 1213) rolls back the writer's whole
 * transaction, but the commit the batcher had queued behind the failed statement still ran, and the journal recorded
 * the ranges of the transaction's earlier statements, which the deadlock had rolled back, as committed: the next
 * attempt skipped rows that were never loaded.
 */
class DeadlockRolledBackTransactionTest {
    /** Statements of 10 rows; a commit queued behind every few statements. */
    private static final WriterOptions OPTIONS = WriterOptions.builder().batchRows(10).commitBytes(300).build();

    @Test
    void aCommitQueuedBehindAStatementADeadlockRolledBackRecordsNothing() throws Exception {
        List<List<BatchLog.Range>> clean = RecordedLoad.of(new RecordingSession(1 << 20), OPTIONS, 100).commits();
        assertTrue(clean.size() >= 3, "several transactions: " + clean);
        List<BatchLog.Range> second = clean.get(1);
        assertTrue(second.size() >= 2, "the second transaction holds several statements: " + second);
        // the deadlock meets the second transaction's last statement, the one its commit is queued behind
        String lastRow = "(" + second.get(second.size() - 1).lastSeq() + ",'v')";
        RecordingSession session = new RecordingSession(1 << 20, 0, sql -> sql.contains(lastRow))
                .refusingWith(1213, "40001");
        RecordedLoad l = RecordedLoad.of(session, OPTIONS, 100);
        assertNotNull(l.failure(), "a deadlock fails the attempt (the job retries it)");
        assertEquals(RunState.Outcome.SERVER_FAILURE, l.failure().outcome());
        assertTrue(l.failure().message().contains("1213"), l.failure().message());
        assertEquals(List.of(clean.get(0)), l.commits(), "only the transaction before the deadlock's is recorded");
        assertEquals(1, session.commits(), "the rolled-back transaction is not committed");
    }
}
