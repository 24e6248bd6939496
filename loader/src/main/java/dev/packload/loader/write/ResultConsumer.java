package dev.packload.loader.write;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Takes the result sets a statement returns (a SELECT's rows, each of a CALL's), one at a time, in order. */
@FunctionalInterface
public interface ResultConsumer {
    /** One result set, readable only during the call. */
    void accept(ResultSet rows) throws SQLException;
}
