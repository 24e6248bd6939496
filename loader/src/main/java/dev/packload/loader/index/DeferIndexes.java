package dev.packload.loader.index;

import java.util.Locale;

/** Which secondary indexes a load builds after the rows ({@code --defer-indexes}). */
public enum DeferIndexes {
    /** Every index is built as the table is created, and maintained row by row. */
    OFF,
    /** Non-unique indexes (including FULLTEXT and SPATIAL) wait for the rows; unique keys stay. The default. */
    NON_UNIQUE,
    /**
     * Unique keys wait too, unless a unique key decides which rows survive ({@code --on-duplicate} ignore, replace or
     * update): a duplicate then fails the build of the whole table instead of rejecting its row.
     */
    ALL;

    /** {@code off}, {@code non-unique} or {@code all}. */
    public static DeferIndexes parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "off" -> OFF;
            case "non-unique" -> NON_UNIQUE;
            case "all" -> ALL;
            default -> throw new IllegalArgumentException("--defer-indexes takes off, non-unique or all, not '"
                    + value + "'");
        };
    }

    /** As the option is spelled. */
    public String option() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
