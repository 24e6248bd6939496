package dev.packload.loader.pipeline;

/**
 * What an interrupted run of the same job already made durable, so the reader skips it: rows inside committed ranges
 * are not sent again, ordered statements recorded as run are not run again. {@link #NONE} for a new job.
 */
public interface ResumePoint {

    /** Whether row {@code seq} of the source at {@code sourceIndex} was committed (or rejected) by an earlier run. */
    boolean rowDone(int sourceIndex, long seq);

    /** What an earlier run did with the {@code statementNo}th ordered statement of a source. */
    StatementState statement(int sourceIndex, long statementNo);

    enum StatementState {
        /** Not reached before: run it. */
        NEW,
        /** Recorded as run: skip it. */
        DONE,
        /**
         * The first statement after the last recorded one, or one before it that is not recorded (the writers run DDL
         * of different tables at once): it may have run just before the interruption, after the server committed it
         * and before its record was written. Run it again, taking "already exists" and "does not exist" for what they
         * are: the earlier run's work.
         */
        MAYBE_RUN
    }

    ResumePoint NONE = new ResumePoint() {
        @Override
        public boolean rowDone(int sourceIndex, long seq) {
            return false;
        }

        @Override
        public StatementState statement(int sourceIndex, long statementNo) {
            return StatementState.NEW;
        }
    };
}
