package dev.packload.formats.csv;

import java.util.List;

/**
 * Receives what a {@link CsvReader} reads, in input order. The {@link CsvRecord} passed to {@link #record} is reused
 * for the next record: read it (or {@link CsvRecord#copy() copy} it) during the call.
 */
public interface CsvHandler {

    /**
     * The column names, when the dialect has a header: the first record after the skipped lines, with quotes and
     * escapes decoded, and nothing else changed (no trimming, no NULL conversion). Called at most once, before any
     * record; not called for an empty input.
     */
    void header(List<String> names);

    /** One record. Valid only during the call. */
    void record(CsvRecord r);
}
