/**
 * Opening inputs: files or standard input, byte counting for progress, and decompression chosen by magic bytes. The
 * entry type is {@link dev.packload.formats.io.Inputs}, whose {@code open} gives an {@link dev.packload.formats.io.Input}.
 */
package dev.packload.formats.io;
