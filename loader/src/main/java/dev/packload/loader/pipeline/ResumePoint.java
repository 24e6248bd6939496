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
         * Not recorded by an earlier run: each writer may have run one statement just before the interruption, after
         * the server committed it and before its record was written, and the writers run DDL of different tables at
         * once. Run it again, taking "already exists" and "does not exist" for what they are: the earlier run's work
         * (a CREATE TABLE's "already exists" only while the table holds no rows).
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
