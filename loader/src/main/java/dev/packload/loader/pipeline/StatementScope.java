package dev.packload.loader.pipeline;

/** How an ordered statement runs across the writers' connections. */
public enum StatementScope {
    /** Runs once, on one connection (DDL, most statements). */
    ONCE,
    /** Runs on every writer connection: session state such as SET NAMES, SET time_zone, USE. */
    EVERY_SESSION,
    /** Not sent: transaction control and table locks, which packload manages itself across its connections. */
    SKIPPED
}
