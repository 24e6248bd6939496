/**
 * Delimited text (CSV, TSV, MySQL's {@code LOAD DATA} text) as a stream of records. The entry type is
 * {@link dev.packload.formats.csv.CsvReader}, configured by a {@link dev.packload.formats.csv.CsvDialect}.
 */
package dev.packload.formats.csv;
