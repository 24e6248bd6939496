package dev.packload.loader.write;

/**
 * A row that cannot be loaded as it is: bad data, a value too large for the server, a key that is already there.
 * It goes to the reject file with this reason; the run goes on or stops as {@code --on-error} says. Never used for
 * system failures (lost connection, server down), which stop or retry the run instead.
 */
public class RowRejectedException extends Exception {
    public RowRejectedException(String reason) {
        super(reason);
    }

    public RowRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
