package dev.packload.loader.index;

import java.sql.SQLException;

/**
 * A deferred index build that failed, or a table whose indexes may have been lost on the way: the message names the
 * table and its indexes and says what to do; the server's error, if any, is the cause (and gives the error code).
 */
public final class DeferredIndexException extends SQLException {
    DeferredIndexException(String message, SQLException cause) {
        super(message, cause == null ? null : cause.getSQLState(), cause == null ? 0 : cause.getErrorCode(), cause);
    }
}
