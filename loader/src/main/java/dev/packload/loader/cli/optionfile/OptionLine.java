package dev.packload.loader.cli.optionfile;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One option of an option file: {@code key=value} (or a bare {@code key}) in {@code [group]}, where it was read.
 *
 * @param group the group as written between the brackets
 * @param name  the option name as written
 * @param value the value after unquoting and unescaping, or null for a bare name
 * @param file  the file it was read from
 * @param line  its line in that file, from 1
 */
public record OptionLine(String group, String name, String value, Path file, int line) {

    /** The name as options are matched: lower case, {@code _} read as {@code -} (the client treats them alike). */
    public String key() {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code file:line}, for messages. */
    public String origin() {
        return file + ":" + line;
    }

    @Override
    public String toString() {
        return origin() + ": [" + group + "] " + name + (value == null ? "" : "=...");
    }
}
