package dev.packload.loader.write;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Sends large INSERTs under {@code SET NAMES binary} where that stores exactly the same bytes as the dump's own
 * character set, because the server then reads string literals byte for byte instead of character by character:
 * on a BLOB-heavy mariadb-dump (utf8mb4 session, binary values) that cut the server's CPU time to about a quarter
 * (BENCHMARKS.md), as myloader's sessions get by always using binary.
 *
 * <p>It is the same only when every character column of the table is in the session's client character set (so the
 * server would not convert anyway), that character set escapes like ASCII (a backslash or quote byte is never part of
 * a multi-byte character: not GBK, Big5, SJIS), and the table has no JSON (MySQL refuses binary strings there) or
 * spatial column. Numbers, temporals and binary columns read the same text either way. Anything else is sent under
 * the dump's own names.
 *
 * <p>One per writer session; used by whichever thread owns the session at the time. The session is put back under the
 * dump's names ({@link #restore}) before anything else runs on it.
 */
public final class SessionNames {
    /** Statements at least this big are worth a switch; small ones (many small tables) are not. */
    public static final int MIN_STATEMENT_BYTES = 256 << 10;
    private static final Set<String> ASCII_SAFE = Set.of("utf8mb4", "utf8mb3", "utf8", "latin1", "ascii", "binary");
    private static final Set<String> SPATIAL = Set.of("geometry", "point", "linestring", "polygon", "multipoint",
            "multilinestring", "multipolygon", "geometrycollection", "geomcollection");

    private final SqlSession session;
    /** The dump's names: character_set_client, character_set_connection, collation_connection, character_set_results. */
    private String[] names;
    private boolean binary;
    private final Map<String, Boolean> eligible = new HashMap<>();
    private long switched;

    public SessionNames(SqlSession session) {
        this.session = session;
    }

    /**
     * Before an INSERT of {@code bytes} into a table: switches to binary names or back, as the table allows. Returns
     * whether the statement goes under binary names.
     */
    public boolean beforeInsert(String schema, String table, int bytes) throws SQLException {
        boolean want = bytes >= MIN_STATEMENT_BYTES && eligible(schema, table);
        if (want && !binary) {
            session.execute("SET NAMES binary");
            binary = true;
        } else if (!want) {
            restore();
        }
        if (want) {
            switched++;
        }
        return want;
    }

    /** Puts the session back under the dump's names (a no-op when it is). */
    public void restore() throws SQLException {
        if (binary) {
            session.execute("SET character_set_client = " + names[0] + ", character_set_connection = " + names[1]
                    + ", collation_connection = " + names[2] + ", character_set_results = "
                    + (names[3] == null ? "NULL" : names[3]));
            binary = false;
        }
    }

    /**
     * The dump ran a statement: its names, the current database or a table may have changed. Call with the session
     * restored.
     */
    public void forget() {
        names = null;
        eligible.clear();
    }

    /**
     * Whether the dump's client character set escapes like ASCII: a backslash or quote byte is never part of a
     * multi-byte character, so a string literal can be unescaped byte by byte ({@link ExecutePacket}).
     */
    public boolean clientEscapesLikeAscii() throws SQLException {
        if (names == null) {
            restore();
            readNames();
        }
        return ASCII_SAFE.contains(names[0]);
    }

    /** INSERT statements sent under binary names so far. */
    public long statementsSwitched() {
        return switched;
    }

    private boolean eligible(String schema, String table) throws SQLException {
        String key = (schema == null ? "" : schema) + "\u0000" + table;
        Boolean known = eligible.get(key);
        if (known != null) {
            return known;
        }
        restore(); // metadata is read under the dump's names
        if (names == null) {
            readNames();
        }
        boolean ok = ASCII_SAFE.contains(names[0]) && names[0].equals(names[1]) && !names[0].equals("binary");
        if (ok) {
            TableMeta meta;
            try {
                meta = session.describe(schema, table);
            } catch (SQLException e) {
                eligible.put(key, false); // the INSERT itself will say what is wrong
                return false;
            }
            for (TableMeta.Column c : meta.columns()) {
                String type = c.dataType().toLowerCase(java.util.Locale.ROOT);
                if (type.equals("json") || SPATIAL.contains(type)
                        || c.isText() && !sameCharset(c.charset(), names[0])) {
                    ok = false;
                    break;
                }
            }
        }
        eligible.put(key, ok);
        return ok;
    }

    private void readNames() throws SQLException {
        try (Statement st = session.connection().createStatement(); ResultSet rs = st.executeQuery(
                "SELECT @@character_set_client, @@character_set_connection, @@collation_connection,"
                        + " @@character_set_results")) {
            rs.next();
            names = new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
        }
    }

    private static boolean sameCharset(String column, String client) {
        if (column == null) {
            return false;
        }
        return column.equals(client) || utf8mb3(column) && utf8mb3(client);
    }

    private static boolean utf8mb3(String cs) {
        return cs.equals("utf8") || cs.equals("utf8mb3");
    }
}
