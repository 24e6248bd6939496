package dev.packload.loader.fk;

import java.util.Locale;

/** When the foreign keys of a plain INSERT's rows are checked ({@code --foreign-key-checks}). */
public enum ForeignKeyChecks {
    /**
     * Row by row as the server inserts them: the session's {@code foreign_key_checks} stays as the dump set it, and a
     * row without its parent is refused with error 1452, as under the mysql client.
     */
    IMMEDIATE,
    /**
     * Once, after the load, by one anti-join per foreign key; rows the dump sends with checks on go with checks off.
     * The default: the per-row checks cost MariaDB a third of its CPU on a database of foreign keys (BENCHMARKS.md).
     */
    DEFERRED;

    /** {@code deferred} or {@code immediate}. */
    public static ForeignKeyChecks parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "deferred" -> DEFERRED;
            case "immediate" -> IMMEDIATE;
            default -> throw new IllegalArgumentException("--foreign-key-checks takes deferred or immediate, not '"
                    + value + "'");
        };
    }

    /** As the option is spelled. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }
}
