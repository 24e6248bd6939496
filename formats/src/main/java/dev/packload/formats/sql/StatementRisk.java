package dev.packload.formats.sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a dump statement may do beyond loading data and objects into its database: change accounts and grants, the
 * server's global state, plugins, replication; read or write the server's files; or reach into another database. A
 * trusted dump runs them, as the mysql client would; an untrusted one is refused for them before anything is sent.
 *
 * <p>Every token of the statement is looked at (see {@link SqlTokens}), twice: with backslash escapes in strings and
 * without, so that no reading of a string can hide a keyword behind a quote. A statement is flagged when either
 * reading finds something.
 *
 * @param kind what it does
 * @param what the words that say so, e.g. "GRANT", "SELECT ... INTO OUTFILE", "names database mysql"
 */
public record StatementRisk(Kind kind, String what) {

    public enum Kind {
        /** GRANT, REVOKE, CREATE/ALTER/DROP/RENAME USER or ROLE, SET PASSWORD, SET [DEFAULT] ROLE. */
        ACCOUNTS("accounts and privileges"),
        /** SET GLOBAL / PERSIST, SET @@GLOBAL.x, SET sql_log_bin (which keeps the load from the replicas). */
        SERVER_STATE("the server's global state"),
        /** INSTALL / UNINSTALL PLUGIN or SONAME, a function from a shared library (SONAME). */
        PLUGINS("server plugins"),
        /** CHANGE MASTER, START/STOP SLAVE, RESET MASTER/SLAVE, PURGE, BINLOG. */
        REPLICATION("replication"),
        /** LOAD DATA / LOAD XML, SELECT ... INTO OUTFILE or DUMPFILE, LOAD_FILE(), DATA/INDEX DIRECTORY. */
        FILES("files on the server or client"),
        /** FLUSH, KILL, SHUTDOWN, CREATE/ALTER/DROP SERVER, tables on FEDERATED, CONNECT or SPIDER. */
        ADMINISTRATION("server administration and outside connections"),
        /** EXECUTE IMMEDIATE, PREPARE ... FROM: SQL built when it runs, which no reading of the dump can check. */
        DYNAMIC_SQL("SQL built at run time"),
        /** A name qualified by a database other than the target, or by a system database. */
        OTHER_DATABASE("another database");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private static final Set<String> SYSTEM_SCHEMAS = Set.of("MYSQL", "INFORMATION_SCHEMA", "PERFORMANCE_SCHEMA",
            "SYS");
    /** Words after which a name is a table's. */
    private static final Set<String> TABLE_POSITIONS = Set.of("FROM", "JOIN", "INTO", "UPDATE", "TABLE", "TABLES",
            "REFERENCES", "VIEW", "TRIGGER", "PROCEDURE", "FUNCTION", "EVENT", "CALL");
    private static final Set<String> OUTSIDE_ENGINES = Set.of("FEDERATED", "FEDERATEDX", "CONNECT", "SPIDER");

    /**
     * What the statement {@code b[off, off + len)} does beyond its database, or null when nothing.
     *
     * @param targetDatabase the one database the dump may name (a {@code db.table} elsewhere is flagged), or null to
     *                       flag only the system databases
     */
    public static StatementRisk of(byte[] b, int off, int len, String targetDatabase) {
        StatementRisk r = of(SqlTokens.of(b, off, len, false), targetDatabase);
        return r != null ? r : of(SqlTokens.of(b, off, len, true), targetDatabase);
    }

    static StatementRisk of(List<SqlTokens.Token> t, String target) {
        if (t.isEmpty()) {
            return null;
        }
        String first = word(t, 0);
        String second = word(t, 1);
        switch (first) {
            case "GRANT", "REVOKE" -> {
                return new StatementRisk(Kind.ACCOUNTS, first);
            }
            case "CREATE", "ALTER", "DROP", "RENAME" -> {
                // CREATE [OR REPLACE] USER|ROLE|SERVER
                String w = second.equals("OR") ? word(t, 3) : second;
                if (w.equals("USER") || w.equals("ROLE")) {
                    return new StatementRisk(Kind.ACCOUNTS, first + " " + w);
                }
                if (w.equals("SERVER")) {
                    return new StatementRisk(Kind.ADMINISTRATION, first + " SERVER");
                }
            }
            case "SET" -> {
                StatementRisk r = set(t, second);
                if (r != null) {
                    return r;
                }
            }
            case "INSTALL", "UNINSTALL" -> {
                return new StatementRisk(Kind.PLUGINS, first + " " + second);
            }
            case "CHANGE", "PURGE", "BINLOG" -> {
                return new StatementRisk(Kind.REPLICATION, (first + " " + second).trim());
            }
            case "START", "STOP", "RESET" -> {
                if (!second.equals("TRANSACTION") && !second.isEmpty()) {
                    return new StatementRisk(Kind.REPLICATION, first + " " + second);
                }
            }
            case "LOAD" -> {
                boolean local = t.stream().limit(6).anyMatch(x -> x.is("LOCAL"));
                return new StatementRisk(Kind.FILES, local ? "LOAD " + second + " LOCAL INFILE (a file of this "
                        + "machine)" : "LOAD " + second + " INFILE (a file on the server)");
            }
            case "FLUSH", "KILL", "SHUTDOWN", "RESTART" -> {
                return new StatementRisk(Kind.ADMINISTRATION, first);
            }
            case "EXECUTE", "PREPARE", "DEALLOCATE" -> {
                return new StatementRisk(Kind.DYNAMIC_SQL, first + " " + second);
            }
            default -> {
            }
        }
        for (int i = 0; i < t.size(); i++) {
            SqlTokens.Token x = t.get(i);
            StatementRisk inside = inside(t, i);
            if (inside != null) {
                return inside;
            }
            if (x.is("INTO") && (word(t, i + 1).equals("OUTFILE") || word(t, i + 1).equals("DUMPFILE"))) {
                return new StatementRisk(Kind.FILES, "SELECT ... INTO " + word(t, i + 1));
            }
            if (x.is("LOAD_FILE") && i + 1 < t.size() && t.get(i + 1).isPunct('(')) {
                return new StatementRisk(Kind.FILES, "LOAD_FILE()");
            }
            if (x.is("SONAME")) {
                return new StatementRisk(Kind.PLUGINS, "SONAME (a function from a shared library)");
            }
            if ((x.is("DATA") || x.is("INDEX")) && word(t, i + 1).equals("DIRECTORY")) {
                return new StatementRisk(Kind.FILES, x.text() + " DIRECTORY");
            }
            if (x.is("ENGINE") && i + 2 < t.size() && t.get(i + 1).isPunct('=')
                    && OUTSIDE_ENGINES.contains(name(t.get(i + 2)))) {
                return new StatementRisk(Kind.ADMINISTRATION, "ENGINE=" + name(t.get(i + 2)));
            }
            if (x.type() == SqlTokens.Type.VARIABLE && x.text().startsWith("@@GLOBAL")) {
                return new StatementRisk(Kind.SERVER_STATE, x.text());
            }
            StatementRisk other = otherDatabase(t, i, target);
            if (other != null) {
                return other;
            }
        }
        return null;
    }

    /**
     * The statements a routine, trigger or event body may hold that are flagged wherever they appear, by words that
     * can't be anything else there (reserved words, or pairs): such an object, defined by the loading account, would
     * run them with its rights.
     */
    private static StatementRisk inside(List<SqlTokens.Token> t, int i) {
        String w = word(t, i);
        String next = word(t, i + 1);
        switch (w) {
            case "GRANT", "REVOKE" -> {
                return new StatementRisk(Kind.ACCOUNTS, w);
            }
            case "CREATE", "ALTER", "DROP", "RENAME" -> {
                if (next.equals("USER") || next.equals("ROLE")) {
                    return new StatementRisk(Kind.ACCOUNTS, w + " " + next);
                }
            }
            case "SET" -> {
                if (next.equals("PASSWORD") || next.equals("ROLE")) {
                    return new StatementRisk(Kind.ACCOUNTS, w + " " + next);
                }
                if (next.equals("GLOBAL") || next.equals("PERSIST") || next.equals("PERSIST_ONLY")) {
                    return new StatementRisk(Kind.SERVER_STATE, w + " " + next);
                }
            }
            case "INSTALL", "UNINSTALL" -> {
                if (next.equals("PLUGIN") || next.equals("SONAME")) {
                    return new StatementRisk(Kind.PLUGINS, w + " " + next);
                }
            }
            case "CHANGE" -> {
                if (next.equals("MASTER") || next.equals("REPLICATION")) {
                    return new StatementRisk(Kind.REPLICATION, w + " " + next);
                }
            }
            case "START", "STOP", "RESET" -> {
                if (next.equals("SLAVE") || next.equals("REPLICA") || next.equals("MASTER") || next.equals("ALL")) {
                    return new StatementRisk(Kind.REPLICATION, w + " " + next);
                }
            }
            case "LOAD" -> {
                if (next.equals("DATA") || next.equals("XML")) {
                    return new StatementRisk(Kind.FILES, "LOAD " + next + " INFILE");
                }
            }
            case "EXECUTE" -> {
                if (next.equals("IMMEDIATE")) {
                    return new StatementRisk(Kind.DYNAMIC_SQL, "EXECUTE IMMEDIATE");
                }
            }
            case "PREPARE" -> {
                if (word(t, i + 2).equals("FROM")) {
                    return new StatementRisk(Kind.DYNAMIC_SQL, "PREPARE ... FROM");
                }
            }
            default -> {
            }
        }
        return null;
    }

    private static StatementRisk set(List<SqlTokens.Token> t, String second) {
        if (second.equals("PASSWORD") || second.equals("ROLE") || second.equals("DEFAULT")) {
            return new StatementRisk(Kind.ACCOUNTS, "SET " + second);
        }
        for (int i = 0; i < t.size(); i++) {
            SqlTokens.Token x = t.get(i);
            if (x.is("GLOBAL") || x.is("PERSIST") || x.is("PERSIST_ONLY")) {
                return new StatementRisk(Kind.SERVER_STATE, "SET " + x.text());
            }
            // SET sql_log_bin = 0 (or @@SESSION.sql_log_bin, @@sql_log_bin) keeps what follows from the binary log;
            // reading it (SET @saved = @@SESSION.SQL_LOG_BIN) does not
            boolean logBin = x.is("SQL_LOG_BIN") || x.text().equals("@@SQL_LOG_BIN");
            if (logBin && i + 1 < t.size() && (t.get(i + 1).isPunct('=') || t.get(i + 1).isPunct(':'))) {
                return new StatementRisk(Kind.SERVER_STATE, "SET sql_log_bin (keeps the load from the replicas)");
            }
        }
        return null;
    }

    /** {@code db.name} at token {@code i}: a system database anywhere, another database where a table is named. */
    private static StatementRisk otherDatabase(List<SqlTokens.Token> t, int i, String target) {
        SqlTokens.Token x = t.get(i);
        if (x.type() != SqlTokens.Type.WORD && x.type() != SqlTokens.Type.IDENTIFIER) {
            return null;
        }
        if (i + 2 >= t.size() || !t.get(i + 1).isPunct('.')
                || t.get(i + 2).type() != SqlTokens.Type.WORD && t.get(i + 2).type() != SqlTokens.Type.IDENTIFIER
                && !t.get(i + 2).isPunct('*')) {
            return null;
        }
        if (i > 0 && t.get(i - 1).isPunct('.')) {
            return null; // the middle of a.b.c was seen at a
        }
        String schema = x.type() == SqlTokens.Type.WORD ? x.text() : x.text().toUpperCase(Locale.ROOT);
        boolean threeParts = i + 4 < t.size() && t.get(i + 3).isPunct('.');
        boolean tablePosition = i > 0 && TABLE_POSITIONS.contains(word(t, i - 1));
        if (SYSTEM_SCHEMAS.contains(schema)) {
            return new StatementRisk(Kind.OTHER_DATABASE, "names the system database " + schema.toLowerCase(Locale.ROOT));
        }
        if (target != null && (threeParts || tablePosition) && !x.text().equalsIgnoreCase(target)) {
            return new StatementRisk(Kind.OTHER_DATABASE, "names database " + x.text() + " (not " + target + ")");
        }
        return null;
    }

    private static String word(List<SqlTokens.Token> t, int i) {
        return i < t.size() && t.get(i).type() == SqlTokens.Type.WORD ? t.get(i).text() : "";
    }

    private static String name(SqlTokens.Token x) {
        return x.text().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return what + " (" + kind.description() + ")";
    }
}
