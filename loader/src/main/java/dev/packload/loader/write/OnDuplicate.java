package dev.packload.loader.write;

import dev.packload.formats.sql.InsertHeader;

/** What a row whose key already exists does ({@code --on-duplicate}). */
public enum OnDuplicate {
    /** Keep the verb the input wrote (INSERT, INSERT IGNORE or REPLACE). The default. */
    AS_WRITTEN,
    /** INSERT: a duplicate is an error, and the row is rejected. */
    ERROR,
    /** INSERT IGNORE: the existing row stays. */
    IGNORE,
    /** REPLACE: the existing row is deleted and the new one inserted. */
    REPLACE,
    /** INSERT ... ON DUPLICATE KEY UPDATE every column to the new value. */
    UPDATE;

    /** The verb a row the input wrote with {@code written} is sent with. */
    public InsertHeader.Verb verbFor(InsertHeader.Verb written) {
        return switch (this) {
            case AS_WRITTEN -> written;
            case ERROR, UPDATE -> InsertHeader.Verb.INSERT;
            case IGNORE -> InsertHeader.Verb.INSERT_IGNORE;
            case REPLACE -> InsertHeader.Verb.REPLACE;
        };
    }
}
