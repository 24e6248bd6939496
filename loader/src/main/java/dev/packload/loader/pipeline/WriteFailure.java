package dev.packload.loader.pipeline;

/** A failure that ends the run, thrown on a writer's threads, with the outcome it maps to. */
final class WriteFailure extends RuntimeException {
    final RunState.Outcome outcome;

    WriteFailure(RunState.Outcome outcome, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }
}
