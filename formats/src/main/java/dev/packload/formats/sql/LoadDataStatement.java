package dev.packload.formats.sql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code LOAD DATA [LOCAL] INFILE} statement taken apart, so that a loader can read the file itself instead of
 * letting the server ask for it: the file name, the table, the character set and the {@code FIELDS}/{@code LINES}
 * clauses, {@code IGNORE n LINES} and the column list. Strings are read with MySQL's backslash escapes
 * ({@link MysqlEscapes}). What a loader cannot honour by reading the file itself ({@code SET col = expr}, user
 * variables in the column list, {@code PARTITION}) is refused by {@link #parse} with the reason.
 *
 * @param file          the file name as written
 * @param schema        the table's database when qualified, or null
 * @param table         the table
 * @param verb          INSERT, or REPLACE / IGNORE as the statement says
 * @param characterSet  {@code CHARACTER SET} in lower case, or null when the statement names none
 * @param fieldsTerminatedBy default tab
 * @param enclosedBy    "" for none (the default)
 * @param optionallyEnclosed {@code OPTIONALLY ENCLOSED BY}
 * @param escapedBy     default backslash; "" for none
 * @param linesStartingBy default ""
 * @param linesTerminatedBy default LF
 * @param ignoreLines   {@code IGNORE n LINES}, default 0
 * @param columns       the column list, empty when not given
 */
public record LoadDataStatement(String file, String schema, String table, InsertHeader.Verb verb,
                                String characterSet, String fieldsTerminatedBy, String enclosedBy,
                                boolean optionallyEnclosed, String escapedBy, String linesStartingBy,
                                String linesTerminatedBy, long ignoreLines, List<String> columns) {

    /** Not a LOAD DATA statement this reader can take, with the reason. */
    public static final class Unsupported extends IllegalArgumentException {
        Unsupported(String message) {
            super(message);
        }
    }

    /** True when the statement's first words are {@code LOAD DATA} (through comments). */
    public static boolean is(byte[] b, int off, int len) {
        SqlWords w = new SqlWords(b, off, off + len);
        return w.word().equals("LOAD") && w.word().equals("DATA");
    }

    /**
     * Takes the statement {@code b[off, off + len)} apart (the bytes are UTF-8 text).
     *
     * @throws Unsupported when it is no LOAD DATA statement or has a clause a file reader cannot honour
     */
    public static LoadDataStatement parse(byte[] b, int off, int len) {
        return new Parser(new String(b, off, len, StandardCharsets.UTF_8)).statement();
    }

    /** A small tokenizer over the statement's text: words, quoted strings and identifiers, punctuation. */
    private static final class Parser {
        private final String s;
        private int p;

        Parser(String s) {
            this.s = s;
        }

        LoadDataStatement statement() {
            expect("LOAD");
            expect("DATA");
            String w = word();
            while (w.equals("LOW_PRIORITY") || w.equals("CONCURRENT") || w.equals("LOCAL")) {
                w = word();
            }
            if (!w.equals("INFILE")) {
                throw unsupported("INFILE expected, found '" + w + "'");
            }
            String file = string();
            InsertHeader.Verb verb = InsertHeader.Verb.INSERT;
            w = word();
            if (w.equals("REPLACE")) {
                verb = InsertHeader.Verb.REPLACE;
                w = word();
            } else if (w.equals("IGNORE")) {
                verb = InsertHeader.Verb.INSERT_IGNORE;
                w = word();
            }
            if (!w.equals("INTO")) {
                throw unsupported("INTO expected, found '" + w + "'");
            }
            expect("TABLE");
            String schema = null;
            String table = identifier();
            if (peek() == '.') {
                p++;
                schema = table;
                table = identifier();
            }
            String charset = null;
            String fields = "\t";
            String enclosed = "";
            boolean optionally = false;
            String escaped = "\\";
            String starting = "";
            String terminated = "\n";
            long ignore = 0;
            List<String> columns = new ArrayList<>();
            while (true) {
                skipNoise();
                if (p >= s.length()) {
                    break;
                }
                if (peek() == '(') {
                    p++;
                    columns = columnList();
                    continue;
                }
                w = word();
                switch (w) {
                    case "CHARACTER" -> {
                        expect("SET");
                        charset = identifierOrString().toLowerCase(Locale.ROOT);
                    }
                    case "CHARSET" -> charset = identifierOrString().toLowerCase(Locale.ROOT);
                    case "FIELDS", "COLUMNS" -> {
                        while (true) {
                            int save = p;
                            String k = word();
                            if (k.equals("TERMINATED")) {
                                expect("BY");
                                fields = string();
                            } else if (k.equals("OPTIONALLY")) {
                                expect("ENCLOSED");
                                expect("BY");
                                enclosed = string();
                                optionally = true;
                            } else if (k.equals("ENCLOSED")) {
                                expect("BY");
                                enclosed = string();
                            } else if (k.equals("ESCAPED")) {
                                expect("BY");
                                escaped = string();
                            } else {
                                p = save;
                                break;
                            }
                        }
                    }
                    case "LINES" -> {
                        while (true) {
                            int save = p;
                            String k = word();
                            if (k.equals("STARTING")) {
                                expect("BY");
                                starting = string();
                            } else if (k.equals("TERMINATED")) {
                                expect("BY");
                                terminated = string();
                            } else {
                                p = save;
                                break;
                            }
                        }
                    }
                    case "IGNORE" -> {
                        skipNoise();
                        int st = p;
                        while (p < s.length() && Character.isDigit(s.charAt(p))) {
                            p++;
                        }
                        if (st == p) {
                            throw unsupported("a number of lines expected after IGNORE");
                        }
                        ignore = Long.parseLong(s.substring(st, p));
                        String unit = word();
                        if (!unit.equals("LINES") && !unit.equals("ROWS")) {
                            throw unsupported("LINES or ROWS expected after IGNORE " + ignore);
                        }
                    }
                    case "SET" -> throw unsupported("SET col = expr needs the server to compute values");
                    case "PARTITION" -> throw unsupported("PARTITION (...) is not supported");
                    default -> throw unsupported("unexpected '" + (w.isEmpty() ? String.valueOf(peek()) : w) + "'");
                }
            }
            return new LoadDataStatement(file, schema, table, verb, charset, fields, enclosed, optionally, escaped,
                    starting, terminated, ignore, List.copyOf(columns));
        }

        private List<String> columnList() {
            List<String> cols = new ArrayList<>();
            while (true) {
                skipNoise();
                if (peek() == '@') {
                    throw unsupported("user variables in the column list need the server to compute values");
                }
                cols.add(identifier());
                skipNoise();
                char c = peek();
                p++;
                if (c == ')') {
                    return cols;
                }
                if (c != ',') {
                    throw unsupported("',' or ')' expected in the column list, found '" + c + "'");
                }
            }
        }

        private void expect(String word) {
            String w = word();
            if (!w.equals(word)) {
                throw unsupported(word + " expected, found '" + w + "'");
            }
        }

        private char peek() {
            skipNoise();
            return p < s.length() ? s.charAt(p) : '\0';
        }

        private String word() {
            skipNoise();
            int st = p;
            while (p < s.length() && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_')) {
                p++;
            }
            return s.substring(st, p).toUpperCase(Locale.ROOT);
        }

        private String identifierOrString() {
            char c = peek();
            return c == '\'' || c == '"' ? string() : identifier();
        }

        private String identifier() {
            char c = peek();
            if (c == '`') {
                return quoted('`', false);
            }
            int st = p;
            while (p < s.length() && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_'
                    || s.charAt(p) == '$')) {
                p++;
            }
            if (st == p) {
                throw unsupported("a name expected, found '" + c + "'");
            }
            return s.substring(st, p);
        }

        private String string() {
            char c = peek();
            if (c != '\'' && c != '"') {
                throw unsupported("a quoted string expected, found '" + c + "'");
            }
            return quoted(c, true);
        }

        /** A quoted string or identifier at {@code p}: doubled quotes, and backslash escapes in strings. */
        private String quoted(char q, boolean escapes) {
            StringBuilder sb = new StringBuilder();
            p++;
            while (p < s.length()) {
                char c = s.charAt(p++);
                if (c == q) {
                    if (p < s.length() && s.charAt(p) == q) {
                        sb.append(q);
                        p++;
                        continue;
                    }
                    return sb.toString();
                }
                if (escapes && c == '\\' && p < s.length()) {
                    sb.append(MysqlEscapes.unescape(s.charAt(p++)));
                } else {
                    sb.append(c);
                }
            }
            throw unsupported("an unterminated " + q + "quoted text");
        }

        /** White space and comments; a versioned comment's content is code. */
        private void skipNoise() {
            while (p < s.length()) {
                char c = s.charAt(p);
                if (Character.isWhitespace(c)) {
                    p++;
                } else if (s.startsWith("/*!", p) || s.startsWith("/*M!", p)) {
                    p += s.charAt(p + 2) == 'M' ? 4 : 3;
                    while (p < s.length() && Character.isDigit(s.charAt(p))) {
                        p++;
                    }
                } else if (s.startsWith("*/", p)) {
                    p += 2;
                } else if (s.startsWith("/*", p)) {
                    int e = s.indexOf("*/", p + 2);
                    p = e < 0 ? s.length() : e + 2;
                } else if (c == '#' || s.startsWith("-- ", p)) {
                    int e = s.indexOf('\n', p);
                    p = e < 0 ? s.length() : e + 1;
                } else {
                    return;
                }
            }
        }

        private Unsupported unsupported(String why) {
            return new Unsupported("cannot read this LOAD DATA statement itself: " + why + " (at character " + p
                    + ")");
        }
    }
}
