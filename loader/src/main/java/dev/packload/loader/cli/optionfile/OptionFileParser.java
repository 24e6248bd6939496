package dev.packload.loader.cli.optionfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The syntax of one option file, as libmysqlclient / MariaDB's mysys reads it ({@code my_default.c}):
 *
 * <ul>
 *   <li>blank lines and lines starting with {@code #} or {@code ;} are skipped; leading blanks are skipped;</li>
 *   <li>{@code [group]}: the group ends at the first {@code ]}, blanks before it are dropped (not after {@code [});
 *       a line without {@code ]}, or an option before any group, is an error;</li>
 *   <li>{@code name = value}: the name is everything before the first {@code =}; a {@code #} outside quotes starts a
 *       comment ({@code ;} does not, after the start of a line); blanks around name and value are dropped; one pair of
 *       matching quotes ({@code '} or {@code "}) around the whole value is removed; then {@code \n \t \r \b \s \\ \"
 *       \'} become newline, tab, return, backspace, space, backslash and quotes, any other backslash is kept as
 *       written, quoted or not;</li>
 *   <li>{@code !include FILE} reads FILE (a relative name is taken from the working directory, as the client does)
 *       and a missing one is skipped; {@code !includedir DIR} reads DIR's {@code *.cnf} files in name order (on Unix
 *       the client reads no other extension), and a missing DIR is an error; an unknown {@code !word} is skipped;
 *       included files start without a group and nest at most {@value #MAX_DEPTH} deep;</li>
 *   <li>a world-writable file is skipped with a warning, as the client skips it.</li>
 * </ul>
 */
final class OptionFileParser {
    static final int MAX_DEPTH = 10;

    private final Consumer<OptionLine> sink;
    private final Consumer<String> warnings;

    OptionFileParser(Consumer<OptionLine> sink, Consumer<String> warnings) {
        this.sink = sink;
        this.warnings = warnings;
    }

    /**
     * Reads one file and what it includes. Returns false when the file does not exist or cannot be opened (the
     * caller decides whether that is an error), true when it was read or skipped as world-writable.
     */
    boolean read(Path file, int depth) {
        if (!Files.exists(file) || Files.isDirectory(file)) {
            return false;
        }
        if (worldWritable(file)) {
            warnings.accept("world-writable option file '" + file + "' is ignored (as the mysql client ignores it);"
                    + " run chmod o-w on it");
            return true;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new OptionFileException(file + ": not UTF-8 text; save the option file as UTF-8");
        } catch (IOException e) {
            return false;
        }
        String group = null;
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = strip(raw);
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
                continue;
            }
            if (line.charAt(0) == '!') {
                directive(file, lineNo, line.substring(1).stripLeading(), depth);
            } else if (line.charAt(0) == '[') {
                int end = line.indexOf(']');
                if (end < 0) {
                    throw new OptionFileException(file + ":" + lineNo + ": a group needs a closing ']': " + line);
                }
                group = line.substring(1, end).stripTrailing();
            } else if (group == null) {
                throw new OptionFileException(file + ":" + lineNo + ": an option before any [group]; put [client] "
                        + "or [packload] above it");
            } else {
                sink.accept(option(group, line, file, lineNo));
            }
        }
        return true;
    }

    private void directive(Path file, int lineNo, String rest, int depth) {
        boolean dir = keyword(rest, "includedir");
        if (!dir && !keyword(rest, "include")) {
            return; // the client skips a directive it does not know
        }
        String word = dir ? "includedir" : "include";
        if (depth >= MAX_DEPTH) {
            warnings.accept(file + ":" + lineNo + ": !" + word + " skipped: includes nest deeper than " + MAX_DEPTH);
            return;
        }
        String arg = strip(rest.substring(word.length()));
        if (arg.isEmpty()) {
            throw new OptionFileException(file + ":" + lineNo + ": !" + word + " needs a " + (dir ? "directory" : "file")
                    + " name");
        }
        Path target = Path.of(arg).toAbsolutePath();
        if (!dir) {
            if (!read(target, depth + 1)) {
                warnings.accept(file + ":" + lineNo + ": !include " + arg + ": no such file, skipped (as the mysql "
                        + "client skips it)");
            }
            return;
        }
        List<Path> cnf = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(target, "*.cnf")) {
            files.forEach(cnf::add);
        } catch (IOException e) {
            throw new OptionFileException(file + ":" + lineNo + ": !includedir " + arg + ": cannot read the directory ("
                    + e.getClass().getSimpleName() + ")");
        }
        cnf.sort(null);
        for (Path p : cnf) {
            if (Files.isRegularFile(p)) {
                read(p, depth + 1);
            }
        }
    }

    /** {@code rest} starts with the word, followed by a blank or the end of the line. */
    private static boolean keyword(String rest, String word) {
        return rest.startsWith(word) && (rest.length() == word.length() || isBlank(rest.charAt(word.length())));
    }

    static OptionLine option(String group, String line, Path file, int lineNo) {
        String content = withoutComment(line);
        int eq = content.indexOf('=');
        if (eq < 0) {
            return new OptionLine(group, strip(content), null, file, lineNo);
        }
        return new OptionLine(group, strip(content.substring(0, eq)), value(strip(content.substring(eq + 1))), file,
                lineNo);
    }

    /** Cuts a {@code #} comment that is outside quotes; inside quotes a backslash protects the next character. */
    static String withoutComment(String line) {
        char quote = 0;
        boolean escaped = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c == '\'' || c == '"') && !escaped) {
                if (quote == 0) {
                    quote = c;
                } else if (quote == c) {
                    quote = 0;
                }
            }
            if (quote == 0 && c == '#') {
                return line.substring(0, i);
            }
            escaped = quote != 0 && c == '\\' && !escaped;
        }
        return line;
    }

    /** Removes one pair of matching quotes around the whole value, then reads the escapes. */
    static String value(String v) {
        if (v.length() > 1 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(0) == v.charAt(v.length() - 1)) {
            v = v.substring(1, v.length() - 1);
        }
        StringBuilder out = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '\\' || i == v.length() - 1) {
                out.append(c);
                continue;
            }
            char next = v.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 's' -> out.append(' ');
                case '"', '\'', '\\' -> out.append(next);
                default -> out.append('\\').append(next);
            }
        }
        return out.toString();
    }

    /** Drops the blanks the client drops (space, tab, CR, LF, VT, FF) at both ends. */
    static String strip(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isBlank(s.charAt(from))) {
            from++;
        }
        while (to > from && isBlank(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x0b || c == '\f';
    }

    private static boolean worldWritable(Path file) {
        try {
            return Files.isRegularFile(file) && Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return false; // no POSIX permissions on this file system: nothing to check, as on Windows
        }
    }
}
