/**
 * Readers of what packload loads, with no JDBC: dumps ({@code sql}), delimited text ({@code csv}) and the compressed
 * streams under them ({@code io}). The entry type here is {@link dev.packload.formats.FormatException}, the bad-input
 * error every reader throws, which says where ({@link dev.packload.formats.SourcePosition}) and shows an excerpt.
 */
package dev.packload.formats;
