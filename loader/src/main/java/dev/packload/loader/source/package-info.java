/**
 * What {@code packload inspect} reads from inputs without loading them: the entry type is
 * {@link dev.packload.loader.source.DumpProfile} (tables, rows and the largest row and statement of a dump), with
 * {@link dev.packload.loader.source.SchemaInference} (column types from a sample of delimited text, also used by
 * {@code --create-table}). What a dump statement does is {@link dev.packload.formats.sql.StatementInfo}, shared with
 * the dump feed's filters. The feeds that load inputs are in {@code feed}.
 */
package dev.packload.loader.source;
