package dev.packload.loader.index;

import dev.packload.formats.sql.SqlWords;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an ordered statement says about tables, as far as deferred indexes care: the table a {@code CREATE TABLE}
 * creates, the table an {@code ALTER TABLE … ENABLE KEYS} or {@code DISABLE KEYS} names, the tables and columns its
 * {@code REFERENCES} clauses point at, and every other name it mentions. Names are read from the statement's tokens
 * (strings and comments skipped, versioned comments read as code), so a name that is also a column's or a string's is
 * at worst taken for a table's: a deferred table is then built before the statement, early but never wrong.
 */
public final class StatementTables {
    /** A table as a statement names it; {@code schema} null means the session's current database. */
    public record Name(String schema, String table) {
    }

    /** A {@code REFERENCES table (columns)} clause; {@code columns} empty when they could not be read. */
    record Reference(Name table, List<String> columns) {
    }

    /** {@code ALTER TABLE t ENABLE KEYS} (enable) or {@code … DISABLE KEYS}. */
    public record KeysToggle(Name table, boolean enable) {
    }

    private static final char WORD = 'w';
    private static final char IDENT = 'i';
    private static final char STRING = 's';

    private record Token(char kind, String text) {
        boolean isName() {
            return kind == WORD || kind == IDENT;
        }

        boolean is(String keyword) {
            return kind == WORD && text.equalsIgnoreCase(keyword);
        }
    }

    private final List<Token> tokens;
    private final List<Reference> references = new ArrayList<>();
    /** Lower-cased names mentioned outside REFERENCES clauses. */
    private final Set<String> mentioned = new HashSet<>();

    private StatementTables(List<Token> tokens) {
        this.tokens = tokens;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("REFERENCES")) {
                i = reference(i + 1);
            } else if (t.isName()) {
                mentioned.add(t.text().toLowerCase(Locale.ROOT));
            }
        }
    }

    public static StatementTables of(byte[] b, int off, int len) {
        return new StatementTables(tokens(b, off, off + len));
    }

    /** Whether the statement names {@code table} anywhere but as the target of a REFERENCES clause. */
    boolean mentions(String table) {
        return mentioned.contains(table.toLowerCase(Locale.ROOT));
    }

    List<Reference> references() {
        return references;
    }

    /** The table a {@code CREATE [OR REPLACE] TABLE [IF NOT EXISTS]} creates; null for anything else, or TEMPORARY. */
    public Name createdTable() {
        int i = afterCreate();
        if (i < 0) {
            return null;
        }
        if (!word(i++, "TABLE")) {
            return null; // TEMPORARY (another session's table), VIEW, INDEX, ...
        }
        if (word(i, "IF") && word(i + 1, "NOT") && word(i + 2, "EXISTS")) {
            i += 3;
        }
        return name(i);
    }

    /**
     * Whether a CREATE TABLE may give the table an index other than its primary key, or a foreign key: it says
     * KEY, INDEX, UNIQUE, FULLTEXT or SPATIAL other than as PRIMARY KEY or FOREIGN KEY, or REFERENCES, LIKE or SELECT.
     * When not, there is nothing to defer or to remember, and the server need not be asked.
     */
    boolean mayHaveIndexes() {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("REFERENCES") || t.is("LIKE") || t.is("SELECT") || t.is("UNIQUE") || t.is("FULLTEXT")
                    || t.is("SPATIAL") || t.is("INDEX")
                    || t.is("KEY") && !(i > 0 && (tokens.get(i - 1).is("PRIMARY")
                    || tokens.get(i - 1).is("FOREIGN")))) {
                return true;
            }
        }
        return false;
    }

    /** {@code ALTER [ONLINE] [IGNORE] TABLE t ENABLE|DISABLE KEYS} and nothing more, or null. */
    public KeysToggle keysToggle() {
        int i = 0;
        if (!word(i++, "ALTER")) {
            return null;
        }
        while (word(i, "ONLINE") || word(i, "OFFLINE") || word(i, "IGNORE")) {
            i++;
        }
        if (!word(i++, "TABLE")) {
            return null;
        }
        Name n = name(i);
        if (n == null) {
            return null;
        }
        i += n.schema() == null ? 1 : 3;
        boolean enable = word(i, "ENABLE");
        if (!(enable || word(i, "DISABLE")) || !word(i + 1, "KEYS") || !onlySemicolonsFrom(i + 2)) {
            return null;
        }
        return new KeysToggle(n, enable);
    }

    /**
     * The one table of {@code DROP TABLE IF EXISTS t} and nothing more (as mysqldump and mariadb-dump write it before
     * each table), or null: for TEMPORARY, several tables, {@code WAIT}/{@code NOWAIT}, {@code RESTRICT}/{@code
     * CASCADE}, or any other statement.
     */
    public Name droppedIfExists() {
        if (!(word(0, "DROP") && word(1, "TABLE") && word(2, "IF") && word(3, "EXISTS"))) {
            return null;
        }
        Name n = name(4);
        return n != null && onlySemicolonsFrom(4 + (n.schema() == null ? 1 : 3)) ? n : null;
    }

    /** Whether the statement is {@code CREATE [OR REPLACE] TEMPORARY TABLE}: a table only its session sees. */
    public boolean createsTemporary() {
        int i = afterCreate();
        return i >= 0 && word(i, "TEMPORARY");
    }

    /** The token after {@code CREATE [OR REPLACE]}, or -1 when the statement is no CREATE. */
    private int afterCreate() {
        if (!word(0, "CREATE")) {
            return -1;
        }
        return word(1, "OR") && word(2, "REPLACE") ? 3 : 1;
    }

    /** Whether the statement has {@code keyword} as a word of its own (not in a string, a comment or a quoted name). */
    public boolean hasKeyword(String keyword) {
        return tokens.stream().anyMatch(t -> t.is(keyword));
    }

    private boolean onlySemicolonsFrom(int i) {
        for (int k = i; k < tokens.size(); k++) {
            if (tokens.get(k).kind() != ';') {
                return false;
            }
        }
        return true;
    }

    private boolean word(int i, String keyword) {
        return i < tokens.size() && tokens.get(i).is(keyword);
    }

    /** {@code name} or {@code schema.name} at token i, or null. */
    private Name name(int i) {
        if (i >= tokens.size() || !tokens.get(i).isName()) {
            return null;
        }
        if (i + 2 < tokens.size() && tokens.get(i + 1).kind() == '.' && tokens.get(i + 2).isName()) {
            return new Name(tokens.get(i).text(), tokens.get(i + 2).text());
        }
        return new Name(null, tokens.get(i).text());
    }

    /** Reads {@code table [(col, ...)]} from token i; returns the index of its last token. */
    private int reference(int i) {
        Name n = name(i);
        if (n == null) {
            return i - 1;
        }
        i += n.schema() == null ? 1 : 3;
        List<String> columns = new ArrayList<>();
        if (i < tokens.size() && tokens.get(i).kind() == '(') {
            int k = i + 1;
            while (k < tokens.size() && tokens.get(k).isName()) {
                columns.add(tokens.get(k).text());
                k++;
                if (k < tokens.size() && tokens.get(k).kind() == ',') {
                    k++;
                } else {
                    break;
                }
            }
            if (k < tokens.size() && tokens.get(k).kind() == ')') {
                i = k + 1;
            } else {
                columns.clear(); // not a plain column list: the caller assumes the worst
            }
        }
        references.add(new Reference(n, List.copyOf(columns)));
        return i - 1;
    }

    // ---- the tokens -------------------------------------------------------------------------------------------------

    private static List<Token> tokens(byte[] b, int p, int end) {
        List<Token> out = new ArrayList<>();
        while ((p = SqlWords.skipNoise(b, p, end)) < end) {
            byte c = b[p];
            if (c == '`') {
                StringBuilder sb = new StringBuilder();
                int s = ++p;
                while (p < end && !(b[p] == '`' && (p + 1 >= end || b[p + 1] != '`'))) {
                    if (b[p] == '`') { // a doubled backtick stands for one
                        sb.append(new String(b, s, p + 1 - s, StandardCharsets.UTF_8));
                        p += 2;
                        s = p;
                    } else {
                        p++;
                    }
                }
                sb.append(new String(b, s, Math.min(p, end) - s, StandardCharsets.UTF_8));
                p = Math.min(end, p + 1);
                out.add(new Token(IDENT, sb.toString()));
            } else if (c == '\'' || c == '"') {
                p++;
                while (p < end) {
                    if (b[p] == '\\') {
                        p += 2;
                    } else if (b[p] == c) {
                        if (p + 1 < end && b[p + 1] == c) {
                            p += 2;
                        } else {
                            break;
                        }
                    } else {
                        p++;
                    }
                }
                p = Math.min(end, p + 1);
                out.add(new Token(STRING, ""));
            } else if (isWordByte(c)) {
                int s = p;
                while (p < end && isWordByte(b[p])) {
                    p++;
                }
                out.add(new Token(WORD, new String(b, s, p - s, StandardCharsets.UTF_8)));
            } else {
                out.add(new Token((char) c, ""));
                p++;
            }
        }
        return out;
    }

    private static boolean isWordByte(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || (c & 0x80) != 0;
    }
}
