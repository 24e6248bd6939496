/**
 * Deferred foreign key checks ({@code --foreign-key-checks deferred}): the rows of plain INSERTs into tables with
 * foreign keys go with the session's checks off, and each foreign key is checked once after the load, by an anti-join
 * that finds exactly the rows the server would have refused; those go to the reject file and are deleted. The entry
 * type is {@link dev.packload.loader.fk.DeferredChecks}; each writer's session has its
 * {@link dev.packload.loader.fk.SessionChecks}, and {@link dev.packload.loader.fk.CheckLog} (the journal) keeps the
 * tables to check across an interruption.
 */
package dev.packload.loader.fk;
