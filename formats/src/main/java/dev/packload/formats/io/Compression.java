package dev.packload.formats.io;

/** A compression format recognised by its magic bytes; {@link #NONE} for plain data. */
public enum Compression {
    NONE("plain"),
    GZIP("gzip"),
    BZIP2("bzip2"),
    XZ("xz"),
    ZSTD("zstd");

    private final String label;

    Compression(String label) {
        this.label = label;
    }

    /** Lower-case name for messages: {@code gzip}, {@code zstd}, ... */
    public String label() {
        return label;
    }
}
