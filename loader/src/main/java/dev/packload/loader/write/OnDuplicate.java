package dev.packload.loader.write;

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
    UPDATE
}
