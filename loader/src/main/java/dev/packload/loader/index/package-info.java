/**
 * Deferred secondary indexes: a table the load creates loses its deferrable indexes right after its CREATE TABLE,
 * gets its rows, and has them back in one {@code ALTER TABLE … ADD …, ADD …} on a connection of its own. The entry
 * type is {@link dev.packload.loader.index.IndexDeferral}, which writer 0 consults around every ordered statement and
 * whose {@link dev.packload.loader.index.IndexBuilds} run the builds;
 * {@link dev.packload.loader.index.DeferralPlan} decides which indexes may wait, from the server's own view of the
 * table ({@link dev.packload.loader.index.TableIndexes}); {@link dev.packload.loader.index.StatementTables} tells
 * which deferred tables a later statement needs.
 */
package dev.packload.loader.index;
