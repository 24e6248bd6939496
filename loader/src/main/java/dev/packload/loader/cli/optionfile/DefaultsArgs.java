package dev.packload.loader.cli.optionfile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The option-file options of a command line, taken off its front as the mysql client takes them
 * ({@code get_defaults_options} and {@code load_defaults} in mysys):
 *
 * <ul>
 *   <li>{@code --no-defaults} counts only as the very first argument;</li>
 *   <li>otherwise {@code --defaults-file=F}, {@code --defaults-extra-file=F} and {@code --defaults-group-suffix=S}, in
 *       any order, each once, only in the {@code --name=value} form;</li>
 *   <li>then {@code --print-defaults}.</li>
 * </ul>
 *
 * Anywhere else the client rejects them as unknown options; packload says where they go. Without
 * {@code --defaults-group-suffix} the suffix comes from {@code MYSQL_GROUP_SUFFIX}, as in the client. Relative file
 * names are taken from the working directory.
 *
 * @param rest the arguments after them, for the command itself
 */
public record DefaultsArgs(boolean noDefaults, Path defaultsFile, Path extraFile, String groupSuffix,
                           boolean printDefaults, List<String> rest) {

    public static final DefaultsArgs NONE = new DefaultsArgs(false, null, null, null, false, List.of());

    private static final List<String> NAMES = List.of("--no-defaults", "--defaults-file", "--defaults-extra-file",
            "--defaults-group-suffix", "--print-defaults");

    /**
     * Takes the option-file options off the front of {@code args} (the arguments after the command's name).
     *
     * @param command the command's name for messages, e.g. {@code packload load}
     * @throws IllegalArgumentException when one of them is given later, twice, or without {@code =}
     */
    public static DefaultsArgs parse(List<String> args, String command, Map<String, String> env) {
        int i = 0;
        boolean noDefaults = false;
        Path file = null;
        Path extra = null;
        String suffix = null;
        if (!args.isEmpty() && args.get(0).equals("--no-defaults")) {
            noDefaults = true;
            i = 1;
        } else {
            for (; i < args.size(); i++) {
                String a = args.get(i);
                if (file == null && a.startsWith("--defaults-file=")) {
                    file = path(a);
                } else if (extra == null && a.startsWith("--defaults-extra-file=")) {
                    extra = path(a);
                } else if (suffix == null && a.startsWith("--defaults-group-suffix=")) {
                    suffix = a.substring(a.indexOf('=') + 1);
                } else {
                    break;
                }
            }
        }
        boolean print = i < args.size() && args.get(i).equals("--print-defaults");
        if (print) {
            i++;
        }
        List<String> rest = args.subList(i, args.size());
        for (String a : rest) {
            if (a.equals("--")) {
                break;
            }
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (NAMES.contains(name)) {
                throw new IllegalArgumentException(misplaced(name, a, command));
            }
        }
        if (suffix == null && env.get("MYSQL_GROUP_SUFFIX") != null && !noDefaults) {
            suffix = env.get("MYSQL_GROUP_SUFFIX");
        }
        return new DefaultsArgs(noDefaults, file, extra, suffix, print, List.copyOf(rest));
    }

    private static String misplaced(String name, String arg, String command) {
        if (!arg.contains("=") && !name.equals("--no-defaults") && !name.equals("--print-defaults")) {
            return name + " takes its value after '=' (" + name + "=...) and goes first: " + command + " " + name
                    + "=... [other options]";
        }
        return name + " must come first, right after '" + command + "' (as with the mysql client: --no-defaults "
                + "alone, or --defaults-file=, --defaults-extra-file=, --defaults-group-suffix=, each once; then "
                + "--print-defaults)";
    }

    private static Path path(String arg) {
        String f = arg.substring(arg.indexOf('=') + 1);
        if (f.isEmpty()) {
            throw new IllegalArgumentException(arg + " needs a file name");
        }
        return Path.of(f).toAbsolutePath().normalize();
    }
}
