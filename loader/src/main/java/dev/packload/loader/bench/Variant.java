package dev.packload.loader.bench;

/**
 * One configuration a bench run measures.
 *
 * @param label             e.g. {@code threads=2}, or {@code threads=4} for a run without a sweep
 * @param threads           writers, each with its own connection
 * @param maxStatementBytes {@code --max-statement-bytes}, 0 for the negotiated limit
 */
public record Variant(String label, int threads, long maxStatementBytes) {
}
