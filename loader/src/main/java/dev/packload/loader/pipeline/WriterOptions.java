package dev.packload.loader.pipeline;

import dev.packload.loader.index.DeferIndexes;
import dev.packload.loader.write.OnDuplicate;

/**
 * What every writer does the same way.
 *
 * @param onDuplicate  the verb for rows whose key exists
 * @param batchRows    most rows in one statement, 0 for no cap (the budget alone decides)
 * @param commitBytes  commit after this many statement bytes (and always at the end of a table)
 * @param stopOnReject stop the run at the first rejected row ({@code --on-error stop})
 * @param maxErrors    stop the run once this many rows were rejected, 0 for no limit ({@code --max-errors})
 * @param statementBytes start a new statement once one holds this many bytes of rows, 0 to fill each up to the packet
 *                     budget ({@code --statement-bytes}); a row bigger than this still goes whole, within the budget
 * @param preparedRows most rows in one execution of a server-side prepared INSERT ({@code --prepared-rows}), 0 to send
 *                     every INSERT as text; a statement's rows go as prepared executions of a power of two rows each
 *                     where their values allow, the rest as text
 * @param deferIndexes which secondary indexes of the tables the load creates are built after their rows
 *                     ({@code --defer-indexes})
 */
public record WriterOptions(OnDuplicate onDuplicate, int batchRows, long commitBytes, boolean stopOnReject,
                            long maxErrors, long statementBytes, int preparedRows, DeferIndexes deferIndexes) {

    public WriterOptions(OnDuplicate onDuplicate, int batchRows, long commitBytes, boolean stopOnReject,
                         long maxErrors, long statementBytes, int preparedRows) {
        this(onDuplicate, batchRows, commitBytes, stopOnReject, maxErrors, statementBytes, preparedRows,
                DeferIndexes.NON_UNIQUE);
    }

    /**
     * What {@code --prepared-rows} is unless given. Executions of 1,024 narrow rows cost MariaDB 10.11 20-40% less CPU
     * than the same rows as text INSERTs; 128-1,024 measured alike here, and 13,000-row executions cost more again
     * (BENCHMARKS.md).
     */
    public static final int DEFAULT_PREPARED_ROWS = 1024;

    public WriterOptions(OnDuplicate onDuplicate, int batchRows, long commitBytes, boolean stopOnReject,
                         long maxErrors, long statementBytes) {
        this(onDuplicate, batchRows, commitBytes, stopOnReject, maxErrors, statementBytes, DEFAULT_PREPARED_ROWS);
    }

    /**
     * What {@code --statement-bytes} is unless given. Statements of 2-4 MiB cost MariaDB 10.11 about 10% less CPU
     * than statements of 16 MiB for the same rows (it parses a statement whole, and a 16 MiB one builds some 650,000
     * items at once), and let the two writers' statements overlap more finely (BENCHMARKS.md).
     */
    public static final long DEFAULT_STATEMENT_BYTES = 4L << 20;

    public WriterOptions(OnDuplicate onDuplicate, int batchRows, long commitBytes, boolean stopOnReject,
                         long maxErrors) {
        this(onDuplicate, batchRows, commitBytes, stopOnReject, maxErrors, 0);
    }

    public WriterOptions(OnDuplicate onDuplicate, int batchRows, long commitBytes, boolean stopOnReject) {
        this(onDuplicate, batchRows, commitBytes, stopOnReject, 0);
    }

    public WriterOptions withStatementBytes(long bytes) {
        return new WriterOptions(onDuplicate, batchRows, commitBytes, stopOnReject, maxErrors, bytes, preparedRows,
                deferIndexes);
    }

    public WriterOptions withPreparedRows(int rows) {
        return new WriterOptions(onDuplicate, batchRows, commitBytes, stopOnReject, maxErrors, statementBytes, rows,
                deferIndexes);
    }

    public WriterOptions withDeferIndexes(DeferIndexes mode) {
        return new WriterOptions(onDuplicate, batchRows, commitBytes, stopOnReject, maxErrors, statementBytes,
                preparedRows, mode);
    }

    /** Whether the run stops now that {@code rejected} rows were rejected. */
    public boolean stopAfter(long rejected) {
        return stopOnReject || (maxErrors > 0 && rejected >= maxErrors);
    }
}
