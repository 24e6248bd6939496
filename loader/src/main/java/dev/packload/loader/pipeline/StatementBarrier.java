package dev.packload.loader.pipeline;

import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lines the writers up at an ordered statement: all arrive (their earlier rows committed), the statement runs, all
 * arrive again, then later rows flow. Waits give up as soon as the run has failed, so a dead writer never hangs the
 * others.
 */
final class StatementBarrier {
    private final Phaser phaser;
    private final RunState state;

    StatementBarrier(int writers, RunState state) {
        this.phaser = new Phaser(writers);
        this.state = state;
    }

    /** Waits for every writer; false when the run failed meanwhile. */
    boolean await() {
        int phase = phaser.arrive();
        while (true) {
            try {
                phaser.awaitAdvanceInterruptibly(phase, 50, TimeUnit.MILLISECONDS);
                return state.running();
            } catch (TimeoutException e) {
                if (!state.running()) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
