package dev.packload.loader.pipeline;

/**
 * A stop asked for from outside the run (Ctrl-C, SIGTERM): the reader stops at the next row, the writers commit what
 * they hold (with its journal record) and the run ends as {@link RunState.Outcome#INTERRUPTED}. Shared by the
 * attempts of one command; each attempt's run state is attached when its pipeline starts.
 */
public final class StopSignal {
    private volatile RunState state;
    private volatile String reason;

    /** The run the signal stops from now on; stopped at once if the signal came before. */
    public void attach(RunState run) {
        this.state = run;
        String why = reason;
        if (why != null) {
            run.fail(RunState.Outcome.INTERRUPTED, why, null);
        }
    }

    public void stop(String why) {
        reason = why;
        RunState run = state;
        if (run != null) {
            run.fail(RunState.Outcome.INTERRUPTED, why, null);
        }
    }

    public boolean stopped() {
        return reason != null;
    }
}
