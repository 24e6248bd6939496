package dev.packload.loader.check;

import java.util.List;

/**
 * One limit a load meets, what it is set to, and the verdict for this load.
 *
 * @param limit   the setting, as the server names it ("max_allowed_packet (global)", "replica db2:3306 ...")
 * @param value   what it is set to
 * @param verdict whether a load meets it
 * @param note    why, in one line
 * @param fixes   what would make it right: statements and my.cnf lines, empty when nothing need change
 */
public record Finding(String limit, String value, Verdict verdict, String note, List<Fix> fixes) {

    public enum Verdict {
        /** The load meets it. */
        OK,
        /** Worth knowing, nothing fails. */
        NOTE,
        /** The load succeeds, at a cost or with a risk the note names. */
        WARN,
        /** The load would reject rows, stop, or leave a replica broken. */
        FAIL
    }

    /**
     * A fix, on one server.
     *
     * @param where   "primary" or "replica HOST:PORT", or "packload" for an option of the load
     * @param sql     the statement to run there now (null: none)
     * @param cnf     the my.cnf line that keeps it after a restart, with its group (null: none)
     */
    public record Fix(String where, String sql, String cnf) {
    }

    public Finding {
        fixes = List.copyOf(fixes);
    }

    static Finding of(String limit, Object value, Verdict verdict, String note, Fix... fixes) {
        return new Finding(limit, String.valueOf(value), verdict, note, List.of(fixes));
    }
}
