package dev.packload.loader.pipeline;

import dev.packload.loader.fk.ForeignKeyChecks;
import dev.packload.loader.index.DeferIndexes;
import dev.packload.loader.write.OnDuplicate;

import java.util.Objects;

/**
 * What every writer does the same way. Built once by a {@link Builder} that starts from the defaults {@code packload
 * load} runs with, checked there (a bad value fails with the option's name), and unchangeable after. The CLI, bench
 * and the tests start from the same {@link #defaults()}.
 */
public final class WriterOptions {

    /**
     * What {@code --prepared-rows} is unless given. Executions of 1,024 narrow rows cost MariaDB 10.11 20-40% less CPU
     * than the same rows as text INSERTs; 128-1,024 measured alike here, and 13,000-row executions cost more again
     * (BENCHMARKS.md).
     */
    public static final int DEFAULT_PREPARED_ROWS = 1024;

    /**
     * What {@code --statement-bytes} is unless given. Statements of 2-4 MiB cost MariaDB 10.11 about 10% less CPU
     * than statements of 16 MiB for the same rows (it parses a statement whole, and a 16 MiB one builds some 650,000
     * items at once), and let the two writers' statements overlap more finely (BENCHMARKS.md).
     */
    public static final long DEFAULT_STATEMENT_BYTES = 4L << 20;

    /** What {@code --commit-bytes} is unless given. */
    public static final long DEFAULT_COMMIT_BYTES = 32L << 20;
    /** Tables whose rows are known to stay under one statement's worth keep their indexes. */
    public static final long DEFAULT_DEFER_INDEXES_FROM = 4L << 20;

    private final OnDuplicate onDuplicate;
    private final int batchRows;
    private final long commitBytes;
    private final boolean stopOnReject;
    private final long maxErrors;
    private final long statementBytes;
    private final int preparedRows;
    private final DeferIndexes deferIndexes;
    private final long deferIndexesFrom;
    private final ForeignKeyChecks foreignKeyChecks;

    private WriterOptions(Builder b) {
        deferIndexesFrom = b.deferIndexesFrom;
        onDuplicate = b.onDuplicate;
        batchRows = b.batchRows;
        commitBytes = b.commitBytes;
        stopOnReject = b.stopOnReject;
        maxErrors = b.maxErrors;
        statementBytes = b.statementBytes;
        preparedRows = b.preparedRows;
        deferIndexes = b.deferIndexes;
        foreignKeyChecks = b.foreignKeyChecks;
    }

    /** What {@code packload load} does unless told otherwise. */
    public static WriterOptions defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to build others that differ in some. */
    public Builder toBuilder() {
        return new Builder().onDuplicate(onDuplicate).batchRows(batchRows).commitBytes(commitBytes)
                .stopOnReject(stopOnReject).maxErrors(maxErrors).statementBytes(statementBytes).preparedRows(preparedRows)
                .deferIndexes(deferIndexes).deferIndexesFrom(deferIndexesFrom).foreignKeyChecks(foreignKeyChecks);
    }

    /** The verb for rows whose key exists ({@code --on-duplicate}). */
    public OnDuplicate onDuplicate() {
        return onDuplicate;
    }

    /** Most rows in one statement, 0 for no cap: the budget alone decides ({@code --batch-rows}). */
    public int batchRows() {
        return batchRows;
    }

    /** Commit after this many statement bytes, and always at the end of a table ({@code --commit-bytes}). */
    public long commitBytes() {
        return commitBytes;
    }

    /** Stop the run at the first rejected row ({@code --on-error stop}). */
    public boolean stopOnReject() {
        return stopOnReject;
    }

    /** Stop the run once this many rows were rejected, 0 for no limit ({@code --max-errors}). */
    public long maxErrors() {
        return maxErrors;
    }

    /**
     * Start a new statement once one holds this many bytes of rows, 0 to fill each up to the packet budget
     * ({@code --statement-bytes}); a row bigger than this still goes whole, within the budget.
     */
    public long statementBytes() {
        return statementBytes;
    }

    /**
     * Most rows in one execution of a server-side prepared INSERT ({@code --prepared-rows}), 0 to send every INSERT as
     * text; a statement's rows go as prepared executions of a power of two rows each where their values allow, the
     * rest as text.
     */
    public int preparedRows() {
        return preparedRows;
    }

    /** Which secondary indexes of the tables the load creates are built after their rows ({@code --defer-indexes}). */
    public DeferIndexes deferIndexes() {
        return deferIndexes;
    }

    /**
     * A table's indexes wait only when its rows are not known to stay under this many bytes
     * ({@code --defer-indexes-from}): deferring costs a table two DDL statements and two commits, which a small table
     * never earns back.
     */
    public long deferIndexesFrom() {
        return deferIndexesFrom;
    }

    /** When the foreign keys of a plain INSERT's rows are checked ({@code --foreign-key-checks}). */
    public ForeignKeyChecks foreignKeyChecks() {
        return foreignKeyChecks;
    }

    /** Whether the run stops now that {@code rejected} rows were rejected. */
    public boolean stopAfter(long rejected) {
        return stopOnReject || (maxErrors > 0 && rejected >= maxErrors);
    }

    /** Collects the options; {@link #build()} checks them all. */
    public static final class Builder {
        private OnDuplicate onDuplicate = OnDuplicate.AS_WRITTEN;
        private int batchRows;
        private long commitBytes = DEFAULT_COMMIT_BYTES;
        private boolean stopOnReject;
        private long maxErrors;
        private long statementBytes = DEFAULT_STATEMENT_BYTES;
        private int preparedRows = DEFAULT_PREPARED_ROWS;
        private DeferIndexes deferIndexes = DeferIndexes.NON_UNIQUE;
        private long deferIndexesFrom = DEFAULT_DEFER_INDEXES_FROM;
        private ForeignKeyChecks foreignKeyChecks = ForeignKeyChecks.DEFERRED;

        private Builder() {
        }

        public Builder onDuplicate(OnDuplicate v) {
            onDuplicate = v;
            return this;
        }

        public Builder batchRows(int v) {
            batchRows = v;
            return this;
        }

        public Builder commitBytes(long v) {
            commitBytes = v;
            return this;
        }

        public Builder stopOnReject(boolean v) {
            stopOnReject = v;
            return this;
        }

        public Builder maxErrors(long v) {
            maxErrors = v;
            return this;
        }

        public Builder statementBytes(long v) {
            statementBytes = v;
            return this;
        }

        public Builder preparedRows(int v) {
            preparedRows = v;
            return this;
        }

        public Builder deferIndexes(DeferIndexes v) {
            deferIndexes = v;
            return this;
        }

        public Builder deferIndexesFrom(long v) {
            deferIndexesFrom = v;
            return this;
        }

        public Builder foreignKeyChecks(ForeignKeyChecks v) {
            foreignKeyChecks = v;
            return this;
        }

        /** @throws IllegalArgumentException naming the option whose value is out of range */
        public WriterOptions build() {
            Objects.requireNonNull(onDuplicate, "--on-duplicate");
            Objects.requireNonNull(deferIndexes, "--defer-indexes");
            Objects.requireNonNull(foreignKeyChecks, "--foreign-key-checks");
            if (deferIndexesFrom < 0) {
                throw new IllegalArgumentException("--defer-indexes-from must be 0 (every table) or positive, got "
                        + deferIndexesFrom);
            }
            if (batchRows < 0) {
                throw new IllegalArgumentException("--batch-rows must be 0 (no cap) or positive, got " + batchRows);
            }
            if (commitBytes < 1) {
                throw new IllegalArgumentException("--commit-bytes must be positive, got " + commitBytes);
            }
            if (maxErrors < 0) {
                throw new IllegalArgumentException("--max-errors can't be negative");
            }
            if (statementBytes < 0) {
                throw new IllegalArgumentException("--statement-bytes can't be negative");
            }
            if (preparedRows < 0) {
                throw new IllegalArgumentException("--prepared-rows can't be negative");
            }
            return new WriterOptions(this);
        }
    }
}
