package dev.packload.loader.pipeline;

import dev.packload.loader.write.OnDuplicate;

/**
 * What every writer does the same way.
 *
 * @param onDuplicate  the verb for rows whose key exists
 * @param batchRows    most rows in one statement, 0 for no cap (the budget alone decides)
 * @param commitBytes  commit after this many statement bytes (and always at the end of a table)
 * @param stopOnReject stop the run at the first rejected row ({@code --on-error stop})
 * @param maxErrors    stop the run once this many rows were rejected, 0 for no limit ({@code --max-errors})
 */
public record WriterOptions(OnDuplicate onDuplicate, int batchRows, long commitBytes, boolean stopOnReject,
                            long maxErrors) {

    public WriterOptions(OnDuplicate onDuplicate, int batchRows, long commitBytes, boolean stopOnReject) {
        this(onDuplicate, batchRows, commitBytes, stopOnReject, 0);
    }

    /** Whether the run stops now that {@code rejected} rows were rejected. */
    public boolean stopAfter(long rejected) {
        return stopOnReject || (maxErrors > 0 && rejected >= maxErrors);
    }
}
