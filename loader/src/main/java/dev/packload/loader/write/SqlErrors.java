package dev.packload.loader.write;

import java.sql.SQLException;
import java.util.Set;

/**
 * The one place where server and driver errors are sorted: the row's fault, a transient conflict, a lost
 * connection, or a packet the server refused. Everything else is a statement the server rejected.
 */
public final class SqlErrors {

    public enum Kind {
        /** The row's data is wrong for the table (duplicate key, out of range, too long, bad value...). */
        DATA,
        /** Deadlock or lock wait timeout: the work may succeed if retried. */
        TRANSIENT,
        /** The connection is gone (2006, 2013, SQLState 08...). */
        CONNECTION,
        /** ERROR 1153: a packet bigger than max_allowed_packet. packload's budget exists so this never happens. */
        PACKET_TOO_BIG,
        /** Any other error: the statement itself is refused (syntax, missing table, privileges...). */
        STATEMENT
    }

    private static final Set<Integer> DATA = Set.of(
            1048, // column cannot be null
            1062, // duplicate entry
            1136, // column count doesn't match value count
            1264, // out of range value
            1265, // data truncated
            1292, // incorrect datetime / truncated incorrect value
            1366, // incorrect string/integer value
            1367, // illegal value
            1364, // field doesn't have a default value
            1406, // data too long
            1411, // incorrect value for function
            1416, // cannot get geometry object from data
            1451, 1452, // foreign key constraint
            1690, // value is out of range
            1859, // duplicate entry for key (MySQL)
            3140, // invalid JSON text (MySQL)
            3819, // check constraint violated (MySQL)
            4025, // CONSTRAINT failed (MariaDB)
            4038  // syntax error in JSON text (MariaDB)
    );

    private static final Set<Integer> TRANSIENT = Set.of(1205, 1213, 1614);
    private static final Set<Integer> CONNECTION = Set.of(1053, 1077, 1078, 1079, 1080, 1152, 1154, 1155, 1156, 1157,
            1158, 1159, 1160, 1161, 1927, 2002, 2003, 2006, 2013, 2055);

    /**
     * Errors that say a statement's effect is already there: what a DDL statement run a second time meets when its
     * first run committed (CREATE of something that exists, DROP of something that doesn't, a column or key added
     * twice).
     */
    private static final Set<Integer> ALREADY_DONE = Set.of(
            1007, // database exists
            1008, // can't drop database; it doesn't exist
            1050, // table (or view) already exists
            1051, // unknown table (DROP)
            1060, // duplicate column name
            1061, // duplicate key name
            1091, // can't DROP column/key; check that it exists
            1304, // procedure/function already exists
            1305, // procedure/function does not exist
            1359, // trigger already exists
            1360, // trigger does not exist
            1537, // event already exists
            1539, // unknown event
            1826  // duplicate foreign key constraint name (MySQL)
    );

    private SqlErrors() {
    }

    /** Whether the error says the statement's effect already exists (see {@link #ALREADY_DONE}). */
    public static boolean alreadyDone(SQLException e) {
        return ALREADY_DONE.contains(e.getErrorCode());
    }

    public static Kind classify(SQLException e) {
        int code = e.getErrorCode();
        String state = e.getSQLState();
        if (code == 1153 || e instanceof com.mysql.cj.jdbc.exceptions.PacketTooBigException) {
            return Kind.PACKET_TOO_BIG;
        }
        if (CONNECTION.contains(code) || (state != null && state.startsWith("08"))
                || e instanceof com.mysql.cj.jdbc.exceptions.CommunicationsException) {
            return Kind.CONNECTION;
        }
        if (TRANSIENT.contains(code) || "40001".equals(state)) {
            return Kind.TRANSIENT;
        }
        if (DATA.contains(code) || (state != null && state.startsWith("22"))) {
            return Kind.DATA;
        }
        return Kind.STATEMENT;
    }

    /** "ERROR 1062 (23000): Duplicate entry ..." as the mysql client prints it. */
    public static String describe(SQLException e) {
        return "ERROR " + e.getErrorCode() + " (" + e.getSQLState() + "): " + e.getMessage();
    }
}
