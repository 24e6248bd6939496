package dev.packload.loader.bench;

import dev.packload.loader.pipeline.WriterOptions;

/**
 * One configuration a bench run measures.
 *
 * @param label             e.g. {@code threads=2}, or {@code threads=4} for a run without a sweep
 * @param threads           writers, each with its own connection
 * @param maxStatementBytes {@code --max-statement-bytes}, 0 for the negotiated limit
 * @param preparedRows      rows per prepared execution ({@code --prepared-rows}), 0 for text INSERTs only
 */
public record Variant(String label, int threads, long maxStatementBytes, int preparedRows) {

    public Variant(String label, int threads, long maxStatementBytes) {
        this(label, threads, maxStatementBytes, WriterOptions.DEFAULT_PREPARED_ROWS);
    }
}
