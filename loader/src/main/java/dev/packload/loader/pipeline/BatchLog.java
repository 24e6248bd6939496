package dev.packload.loader.pipeline;

import java.util.List;

/**
 * Hears which source rows each commit made durable. Every statement a writer sends holds one contiguous range of one
 * source's rows; a commit covers the ranges sent since the previous one. This is where an exactly-once resume record
 * will be written (in the same transaction, just before the commit).
 */
public interface BatchLog {

    /** One statement's rows: source, first and last row sequence number (inclusive), and how many were loaded. */
    record Range(SourceRef source, long firstSeq, long lastSeq, int rowsLoaded) {
    }

    /** Called just after writer {@code writer} committed these ranges. */
    void committed(int writer, List<Range> ranges);

    BatchLog NONE = (writer, ranges) -> { };
}
