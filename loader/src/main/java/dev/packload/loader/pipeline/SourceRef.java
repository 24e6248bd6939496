package dev.packload.loader.pipeline;

/**
 * An input being loaded, as rows refer to it: its display name and index. A batch is identified by its source and
 * the range of row sequence numbers it holds.
 */
public record SourceRef(int index, String name) {
    @Override
    public String toString() {
        return name;
    }
}
