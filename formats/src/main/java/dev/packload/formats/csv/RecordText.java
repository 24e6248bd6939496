package dev.packload.formats.csv;

/** Where a record's original text is while the record is current: a reader's buffer, by stream position. */
interface RecordText {
    /** The text of [from, to); an invalid byte sequence shows as U+FFFD. */
    String text(long from, long to);

    /** The original bytes of [from, to). */
    byte[] bytes(long from, long to);
}
