package dev.packload.formats.sql;

import java.nio.charset.StandardCharsets;

/**
 * The client's command table, as {@code mariadb --help} and {@code help} list it (MariaDB client 15.1): each command's
 * long name, its one-character short form after a backslash, whether it takes an argument, and what it does. The
 * scanner looks commands up here by name at the start of a line or statement, and by character after a backslash.
 */
final class ClientCommands {

    /** What a command does; the first ones are the scanner's own, the rest reach the handler as a kind. */
    enum Action { DELIMITER, GO, EGO, CLEAR, COMMAND }

    /** One row of the table. */
    record Entry(String name, char shortForm, boolean takesArgument, Action action, ClientCommand.Kind kind) {
    }

    private static final Entry[] TABLE = {
        command("?", '?', true, ClientCommand.Kind.DISPLAY),
        new Entry("clear", 'c', false, Action.CLEAR, null),
        command("connect", 'r', true, ClientCommand.Kind.CONNECT),
        new Entry("delimiter", 'd', true, Action.DELIMITER, null),
        command("edit", 'e', false, ClientCommand.Kind.EDITOR),
        new Entry("ego", 'G', false, Action.EGO, null),
        command("exit", 'q', false, ClientCommand.Kind.QUIT),
        new Entry("go", 'g', false, Action.GO, null),
        command("help", 'h', true, ClientCommand.Kind.DISPLAY),
        command("nopager", 'n', false, ClientCommand.Kind.DISPLAY),
        command("notee", 't', false, ClientCommand.Kind.DISPLAY),
        command("pager", 'P', true, ClientCommand.Kind.DISPLAY),
        command("print", 'p', false, ClientCommand.Kind.DISPLAY),
        command("prompt", 'R', true, ClientCommand.Kind.DISPLAY),
        command("quit", 'q', false, ClientCommand.Kind.QUIT),
        command("rehash", '#', false, ClientCommand.Kind.DISPLAY),
        command("source", '.', true, ClientCommand.Kind.SOURCE),
        command("status", 's', false, ClientCommand.Kind.DISPLAY),
        command("system", '!', true, ClientCommand.Kind.SHELL),
        command("tee", 'T', true, ClientCommand.Kind.DISPLAY),
        command("use", 'u', true, ClientCommand.Kind.USE),
        command("charset", 'C', true, ClientCommand.Kind.CHARSET),
        command("warnings", 'W', false, ClientCommand.Kind.DISPLAY),
        command("nowarning", 'w', false, ClientCommand.Kind.DISPLAY),
        // MariaDB 10.11.8+: the sandbox mode of a dump's first line; the scanner also skips that line whole
        command("sandbox", '-', false, ClientCommand.Kind.DISPLAY),
    };

    private static final Entry[] BY_CHAR = new Entry[128];
    /** Bytes a long name starts with, either case. */
    private static final boolean[] NAME_START = new boolean[256];

    static {
        for (Entry e : TABLE) {
            if (BY_CHAR[e.shortForm()] == null) { // exit and quit share \q: the first wins, as in the client
                BY_CHAR[e.shortForm()] = e;
            }
            char c = e.name().charAt(0);
            NAME_START[c] = true;
            NAME_START[Character.toUpperCase(c)] = true;
        }
    }

    private static Entry command(String name, char shortForm, boolean takesArgument, ClientCommand.Kind kind) {
        return new Entry(name, shortForm, takesArgument, Action.COMMAND, kind);
    }

    private ClientCommands() {
    }

    /** The command {@code \c} names, or null when {@code c} is none (then the client keeps {@code \c} as text). */
    static Entry byChar(int c) {
        return c >= 0 && c < 128 && c != 'N' ? BY_CHAR[c] : null;
    }

    /** Whether a command's long name may start with this byte: a cheap test before {@link #byName}. */
    static boolean mayStartName(int c) {
        return c >= 0 && NAME_START[c];
    }

    /** The command whose long name is {@code b[off, off + len)} in any case (the client compares latin1), or null. */
    static Entry byName(byte[] b, int off, int len) {
        for (Entry e : TABLE) {
            String n = e.name();
            if (n.length() != len) {
                continue;
            }
            int i = 0;
            while (i < len && Character.toLowerCase((char) (b[off + i] & 0xff)) == n.charAt(i)) {
                i++;
            }
            if (i == len) {
                return e;
            }
        }
        return null;
    }

    /**
     * The first word of an argument as the client's {@code get_arg} takes it for {@code use} and {@code charset}: up
     * to a space, or between quotes ({@code '}, {@code "} or a backquote) when it starts with one.
     */
    static String firstWord(String argument) {
        String s = argument.strip();
        if (s.isEmpty()) {
            return s;
        }
        char q = s.charAt(0);
        if (q == '\'' || q == '"' || q == '`') {
            int end = s.indexOf(q, 1);
            return end < 0 ? s.substring(1) : s.substring(1, end);
        }
        int end = 0;
        while (end < s.length() && s.charAt(end) != ' ' && s.charAt(end) != '\t') {
            end++;
        }
        return s.substring(0, end);
    }

    /** Bytes as the text of an argument: trimmed of spaces and control bytes at both ends, as the client does. */
    static String argument(byte[] b, int from, int to) {
        while (from < to && (b[from] & 0xff) <= ' ') {
            from++;
        }
        while (to > from && ((b[to - 1] & 0xff) <= ' ' || b[to - 1] == 0x7f)) {
            to--;
        }
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
}
