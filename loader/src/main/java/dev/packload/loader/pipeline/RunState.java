package dev.packload.loader.pipeline;

import dev.packload.loader.write.SqlErrors;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the run goes on: the one place every stop goes through. The first failure or stop wins; every thread checks
 * it and drains instead of working once it is set, so nothing waits forever on a writer that has gone.
 *
 * <p>A stop comes two ways. {@link #fail} stops everyone now (a writer's failure, a stop on a row the server rejected).
 * {@link #stopReading} stops only the reading: the writers still load every row read before, as the mysql client
 * would have, and the stop becomes the run's failure once they are done ({@link #settle}).
 */
public final class RunState {

    public enum Outcome {
        RUNNING,
        /** A row was rejected and {@code --on-error stop} asked to stop: committed work stays. */
        STOPPED_ON_REJECT,
        /** The input is bad (format error, a statement the server refused). */
        BAD_INPUT,
        /** The server or the connection failed. */
        SERVER_FAILURE,
        /** Ctrl-C or SIGTERM: the reader stopped, the writers committed what they held. */
        INTERRUPTED,
        /** A bug or an unexpected exception. */
        INTERNAL_ERROR;

        /**
         * The one mapping of a server error's kind to the run's outcome: the input's fault (a row's data, or a
         * statement the server refuses) is bad input; a lost connection, a lock conflict or a refused packet is the
         * server's side.
         */
        public static Outcome of(SqlErrors.Kind kind) {
            return switch (kind) {
                case DATA, STATEMENT -> BAD_INPUT;
                case CONNECTION, TRANSIENT, PACKET_TOO_BIG -> SERVER_FAILURE;
            };
        }
    }

    public record Failure(Outcome outcome, String message, Throwable cause) {
    }

    private final AtomicReference<Failure> failure = new AtomicReference<>();
    private final AtomicReference<Failure> readerStop = new AtomicReference<>();

    /** Records the first failure; later ones are ignored (the first is the cause). */
    public void fail(Outcome outcome, String message, Throwable cause) {
        failure.compareAndSet(null, new Failure(outcome, message, cause));
    }

    public boolean running() {
        return failure.get() == null;
    }

    /**
     * Ends the reading early (bad input, a record rejected at the source with {@code --on-error stop}, a reader that
     * failed): nothing more is read, and every row read before is still loaded. The first stop wins.
     */
    public void stopReading(Outcome outcome, String message, Throwable cause) {
        readerStop.compareAndSet(null, new Failure(outcome, message, cause));
    }

    /** Whether the reader goes on: the run is running and the reading was not stopped. */
    public boolean reading() {
        return running() && readerStop.get() == null;
    }

    /** Once the writers are done: a stop of the reading becomes the run's failure, unless one came first. */
    void settle() {
        Failure stop = readerStop.get();
        if (stop != null) {
            fail(stop.outcome(), stop.message(), stop.cause());
        }
    }

    /**
     * True when writers should commit what they hold and stop taking rows: a stop on reject, bad input (the rows
     * before the bad spot are good, and the mysql client would have loaded them too), or a stop from outside. Not
     * after a server failure or a
     * bug, where nothing more is sent.
     */
    public boolean stoppedCleanly() {
        Failure f = failure.get();
        return f != null && (f.outcome() == Outcome.STOPPED_ON_REJECT || f.outcome() == Outcome.BAD_INPUT
                || f.outcome() == Outcome.INTERRUPTED);
    }

    public Failure failure() {
        return failure.get();
    }
}
