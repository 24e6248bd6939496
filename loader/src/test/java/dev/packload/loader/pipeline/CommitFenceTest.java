package dev.packload.loader.pipeline;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A writer's checked rows wait until every other writer has committed through the END_OF_TABLE before them. */
class CommitFenceTest {
    @Test
    void nothingToWaitForBeforeTheFirstEndOfTableNorForItself() {
        CommitFence fence = new CommitFence(3);
        RunState state = new RunState();
        assertTrue(fence.await(0, -1, state));
        fence.passed(1, 10);
        fence.passed(2, 10);
        assertTrue(fence.await(0, 10, state), "writer 0 itself has not passed 10: it is its own row that waits");
    }

    @Test
    void waitsUntilEveryOtherWriterHasPassed() throws Exception {
        CommitFence fence = new CommitFence(3);
        RunState state = new RunState();
        fence.passed(1, 7);
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> fence.await(0, 7, state));
        Thread.sleep(150);
        assertFalse(waiting.isDone(), "writer 2 has not passed 7");
        fence.passed(2, 5);
        Thread.sleep(150);
        assertFalse(waiting.isDone(), "5 is before 7");
        fence.passed(2, Long.MAX_VALUE); // its end of input
        assertTrue(waiting.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aStoppedRunEndsTheWait() throws Exception {
        CommitFence fence = new CommitFence(2);
        RunState state = new RunState();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> fence.await(0, 3, state));
        Thread.sleep(100);
        state.fail(RunState.Outcome.SERVER_FAILURE, "gone", null);
        assertFalse(waiting.get(5, TimeUnit.SECONDS));
    }
}
