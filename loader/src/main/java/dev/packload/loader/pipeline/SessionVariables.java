package dev.packload.loader.pipeline;

import dev.packload.formats.sql.SqlTokens;
import dev.packload.formats.sql.StatementInfo;
import dev.packload.loader.index.StatementTables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one writer session's variables hold, as far as the dump's own {@code SET} statements tell, so that a
 * {@code SET} that would change nothing need not be sent. Every mariadb-dump and mysqldump table carries three:
 * <pre>
 *   SET @saved_cs_client = @@character_set_client;
 *   SET character_set_client = utf8mb4;
 *   CREATE TABLE ...;
 *   SET character_set_client = @saved_cs_client;
 * </pre>
 * which every writer runs on its own session. Under the dump's {@code SET NAMES utf8mb4} each of them sets a variable
 * to the value it already holds: on a dump of 1,000 small tables they were 6,000 of the server's 16,000 statements.
 *
 * <p>Only what is sure is known:
 * <ul>
 *   <li>A {@code SET} is read only when every assignment is to a user variable or a session variable, from a bare
 *   word or number, a quoted string without a backslash, a user variable or a session variable read with {@code @@};
 *   and no assignment reads what another one of the same statement sets. {@code SET NAMES x} sets
 *   {@code character_set_client} and {@code character_set_results} to x. Any other {@code SET} is sent and makes
 *   everything unknown.</li>
 *   <li>Of session variables, only {@link #TRACKED}'s are ever known: those whose assignment has no effect but their
 *   value (not {@code character_set_connection}, which also resets {@code collation_connection}, nor
 *   {@code insert_id}, which the next INSERT uses up), and which no other variable's assignment changes.</li>
 *   <li>Values are compared as the dump wrote them: {@code utf8mb4} and {@code 'utf8mb4'} are two values here, and
 *   the server may store either as a third (utf8 as utf8mb3); a variable read with {@code @@} holds whatever the
 *   variable held, under the same name. Two values named the same are the same; two named differently are taken as
 *   different, and the statement is sent.</li>
 *   <li>Anything that may run code on the session makes everything unknown: a stored procedure or a trigger may set
 *   variables. That is every statement but table DDL without a SELECT, CREATE DATABASE and the definitions of views,
 *   triggers, routines and events ({@link #runsNoCode}), and rows sent to a table that has triggers
 *   ({@link #beforeRows}).</li>
 * </ul>
 * packload's own session settings ({@code SET NAMES binary} for large INSERTs, {@code foreign_key_checks} for
 * deferred rows) are put back before any of the dump's statements runs, and are not among the tracked variables.
 *
 * <p>Used by the thread that owns the session at the time, as the session is.
 */
final class SessionVariables {
    /** Session variables whose assignment changes nothing but their own value. */
    static final Set<String> TRACKED = Set.of("CHARACTER_SET_CLIENT", "CHARACTER_SET_RESULTS", "SQL_MODE",
            "TIME_ZONE", "SQL_NOTES");

    /**
     * A value as the dump wrote it: a word ({@code W:UTF8MB4}, {@code W:0}) or a string ({@code S:+00:00}); {@code read}
     * for a user variable that holds a session variable's value (a string or a number, whichever the server gives).
     */
    private record Value(String label, boolean read) {
    }

    /** One assignment of a SET: its target ({@code @NAME} or {@code NAME}) and where its value comes from. */
    private record Assignment(String target, Value literal, String source) {
        boolean toUser() {
            return target.startsWith("@");
        }
    }

    /** By {@code @NAME} (user variables, upper-cased: their names ignore case) or {@code NAME} (session variables). */
    private final Map<String, Value> known = new HashMap<>();

    /** Whether the SET statement would leave every variable it assigns as it is. */
    boolean changesNothing(byte[] b, int len) {
        List<Assignment> set = parse(b, len);
        if (set == null || set.isEmpty()) {
            return false;
        }
        for (Assignment a : set) {
            if (a.target.equals("NAMES")) {
                return false;
            }
            Value now = known.get(a.target);
            Value next = valueOf(a);
            if (now == null || next == null) {
                return false;
            }
            if (a.toUser() ? !now.equals(next) : !now.label.equals(next.label)) {
                return false;
            }
        }
        return true;
    }

    /** The SET statement was sent: what it assigned is now known, or unknown. */
    void ran(byte[] b, int len) {
        List<Assignment> set = parse(b, len);
        if (set == null) {
            forgetAll();
            return;
        }
        Map<String, Value> next = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Assignment a : set) {
            if (a.target.equals("NAMES")) {
                next.put("CHARACTER_SET_CLIENT", a.literal);
                next.put("CHARACTER_SET_RESULTS", a.literal);
                continue;
            }
            if (!a.toUser() && !TRACKED.contains(a.target)) {
                continue; // never known, so never compared
            }
            Value v = valueOf(a);
            if (v == null) {
                unknown.add(a.target);
            } else {
                next.put(a.target, v);
            }
        }
        unknown.forEach(known::remove);
        known.putAll(next);
    }

    /**
     * Another statement (not a SET) ran on the session: everything is unknown unless it runs no code
     * ({@link #runsNoCode}). Returns whether it may have changed the session's variables.
     */
    boolean afterStatement(StatementInfo.Kind kind, StatementTables names) {
        if (runsNoCode(kind, names)) {
            return false;
        }
        forgetAll();
        return true;
    }

    /** Before rows go to a table: its triggers may set variables. */
    void beforeRows(boolean tableHasTriggers) {
        if (tableHasTriggers) {
            forgetAll();
        }
    }

    void forgetAll() {
        known.clear();
    }

    /**
     * Whether a statement (other than SET) can't run code that sets session variables: table DDL without a SELECT
     * (CREATE TABLE ... SELECT can call a stored function), CREATE DATABASE, and the definitions of views, triggers,
     * routines and events (defined, not run). {@code names}: the statement's names, read for table DDL.
     */
    static boolean runsNoCode(StatementInfo.Kind kind, StatementTables names) {
        return switch (kind) {
            case TABLE_DDL -> !names.hasKeyword("SELECT");
            case CREATE_DATABASE, VIEW_DDL, TRIGGER_DDL, ROUTINE_DDL, EVENT_DDL -> true;
            default -> false;
        };
    }

    /**
     * The value an assignment gives, or null when not known; a session variable's read into a user variable is marked
     * as read (the server gives it as a string or a number, not as the dump wrote it).
     */
    private Value valueOf(Assignment a) {
        if (a.literal != null) {
            return a.literal;
        }
        Value v = known.get(a.source);
        if (v == null) {
            return null;
        }
        return a.source.startsWith("@") ? v : new Value(v.label, true);
    }

    /**
     * The assignments of a SET statement, or null when it is not one this reads (an expression, a function, DEFAULT,
     * GLOBAL, a backslash or double quote anywhere, an assignment reading what another one of it sets). A session
     * variable that is not {@link #TRACKED} is read as any other, but never known: a SET of it is always sent, and a
     * user variable set from it is unknown.
     */
    static List<Assignment> parse(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] == '\\' || b[i] == '"') {
                return null; // how the server reads it depends on sql_mode
            }
            if (b[i] == '/' && i + 2 < len && b[i + 1] == '*' && (b[i + 2] == '!' || b[i + 2] == 'M')
                    && !runsOnEveryServer(b, i + 3, len)) {
                return null; // a server older than the comment's version would not run it
            }
        }
        List<SqlTokens.Token> t = SqlTokens.of(b, 0, len, false);
        int end = t.size();
        while (end > 0 && t.get(end - 1).isPunct(';')) {
            end--;
        }
        if (end < 2 || !t.get(0).is("SET")) {
            return null;
        }
        List<Assignment> out = new ArrayList<>();
        Set<String> assigned = new java.util.HashSet<>();
        int p = 1;
        while (true) {
            int[] at = {p};
            Assignment a = assignment(t, at, end);
            if (a == null || a.source != null && assigned.contains(a.source) || !assigned.add(a.target)
                    || a.target.equals("NAMES") && !(assigned.add("CHARACTER_SET_CLIENT")
                    && assigned.add("CHARACTER_SET_RESULTS"))) {
                return null;
            }
            out.add(a);
            p = at[0];
            if (p == end) {
                return out;
            }
            if (!t.get(p).isPunct(',')) {
                return null;
            }
            p++;
        }
    }

    private static Assignment assignment(List<SqlTokens.Token> t, int[] at, int end) {
        int p = at[0];
        if (p >= end) {
            return null;
        }
        SqlTokens.Token first = t.get(p);
        if (first.is("NAMES")) {
            if (p + 1 >= end || p + 2 != end && !(p + 2 < end && t.get(p + 2).isPunct(','))) {
                return null; // COLLATE, DEFAULT follow-ups
            }
            Value v = literal(t.get(p + 1), false);
            if (v == null) {
                return null;
            }
            at[0] = p + 2;
            return new Assignment("NAMES", v, null);
        }
        String target;
        if (first.type() == SqlTokens.Type.VARIABLE) {
            String name = variable(t, p, end);
            if (name == null) {
                return null;
            }
            target = name;
            p += name.startsWith("@") || !first.text().equals("@@SESSION") && !first.text().equals("@@LOCAL") ? 1 : 3;
        } else if (first.is("SESSION") || first.is("LOCAL")) {
            if (p + 1 >= end || t.get(p + 1).type() != SqlTokens.Type.WORD) {
                return null;
            }
            target = t.get(p + 1).text();
            p += 2;
        } else if (first.type() == SqlTokens.Type.WORD) {
            target = first.text();
            p++;
        } else {
            return null;
        }
        // = or :=
        if (p < end && t.get(p).isPunct(':')) {
            p++;
        }
        if (p >= end || !t.get(p).isPunct('=')) {
            return null;
        }
        p++;
        if (p >= end) {
            return null;
        }
        SqlTokens.Token v = t.get(p);
        Assignment a;
        if (v.type() == SqlTokens.Type.VARIABLE) {
            String source = variable(t, p, end);
            if (source == null) {
                return null;
            }
            p += source.startsWith("@") || !v.text().equals("@@SESSION") && !v.text().equals("@@LOCAL") ? 1 : 3;
            a = new Assignment(target, null, source);
        } else {
            Value literal = literal(v, target.startsWith("@"));
            if (literal == null) {
                return null;
            }
            p++;
            a = new Assignment(target, literal, null);
        }
        at[0] = p;
        return a;
    }

    /**
     * The variable at {@code t[p]}: {@code @NAME} for a user variable, {@code NAME} for a session variable
     * ({@code @@NAME}, {@code @@SESSION.NAME}, {@code @@LOCAL.NAME}); null for {@code @@GLOBAL.NAME} and the like.
     */
    private static String variable(List<SqlTokens.Token> t, int p, int end) {
        String text = t.get(p).text();
        if (!text.startsWith("@@")) {
            return text.length() > 1 ? text : null; // @'quoted' names: not read
        }
        if (text.equals("@@SESSION") || text.equals("@@LOCAL")) {
            if (p + 2 < end && t.get(p + 1).isPunct('.')
                    && t.get(p + 2).type() == SqlTokens.Type.WORD) {
                return t.get(p + 2).text();
            }
            return null;
        }
        if (text.equals("@@GLOBAL") || text.length() == 2 || p + 1 < end && t.get(p + 1).isPunct('.')) {
            return null;
        }
        return text.substring(2);
    }

    /** A bare word or number, or a quoted string; for a user variable only a number or a string (a word is a column). */
    private static Value literal(SqlTokens.Token v, boolean toUser) {
        if (v.type() == SqlTokens.Type.STRING) {
            return new Value("S:" + v.text(), false);
        }
        if (v.type() != SqlTokens.Type.WORD || v.is("DEFAULT")) {
            return null;
        }
        if (toUser && !v.text().chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return new Value("W:" + v.text(), false);
    }

    /**
     * Whether a versioned comment opening at {@code b[p]} ({@code /*!NNNNN}, after the {@code !}) runs on MySQL 5.7 and
     * every MariaDB: a version up to 5.7; not {@code /*M!} (MariaDB's alone) nor a later MySQL's.
     */
    private static boolean runsOnEveryServer(byte[] b, int p, int len) {
        if (b[p - 1] != '!') {
            return false;
        }
        int version = 0;
        int digits = 0;
        while (p < len && b[p] >= '0' && b[p] <= '9' && digits < 6) {
            version = version * 10 + (b[p++] - '0');
            digits++;
        }
        return digits == 0 || digits == 5 && version < 50800;
    }
}
