package dev.packload.formats;

/**
 * Where something sits in an input: the source's display name, the 1-based line and the 0-based byte offset
 * into the (decompressed) stream.
 */
public record SourcePosition(String source, long line, long byteOffset) {

    @Override
    public String toString() {
        return source + ":" + line + " (byte " + byteOffset + ")";
    }
}
