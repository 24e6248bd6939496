package dev.packload.loader.cli;

import dev.packload.loader.cli.optionfile.DefaultsArgs;
import dev.packload.loader.cli.optionfile.OptionFiles;
import dev.packload.loader.cli.optionfile.OptionLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Option files for a command that connects to a server: reads the {@code [client]} and {@code [packload]} groups
 * (and their {@code --defaults-group-suffix} variants) and installs them as the command's defaults.
 *
 * @param defaults      the command's option-file defaults
 * @param args          the command line without its option-file options, the command's name first
 * @param printDefaults whether {@code --print-defaults} asked only to see them
 */
record OptionFileSetup(OptionFileDefaults defaults, List<String> args, boolean printDefaults) {

    /** The groups read, before any suffix: the client's shared group, then packload's own. */
    static final List<String> GROUPS = List.of("client", "packload");

    /** Whether the command takes option files: those that mix in the connection options. */
    static boolean appliesTo(CommandLine command) {
        return command.getCommandSpec().mixins().values().stream()
                .anyMatch(m -> m.userObject() instanceof ConnectionOptions);
    }

    /**
     * Reads the files for {@code args} (the whole command line, the command's name first) and sets the command's
     * default values from them; warnings go to {@code err}. A [packload] key this command lacks but
     * {@code otherCommandHas} is left to that command.
     *
     * @throws IllegalArgumentException or {@link dev.packload.loader.cli.optionfile.OptionFileException}: a misplaced
     *                                  option-file option, or a file that can't be used
     */
    static OptionFileSetup install(CommandLine command, String[] args, OptionFiles files, Map<String, String> env,
                                   PrintStream err, Predicate<String> otherCommandHas) {
        String name = "packload " + args[0];
        DefaultsArgs d = DefaultsArgs.parse(Arrays.asList(args).subList(1, args.length), name, env);
        List<OptionLine> lines = files.read(d, GROUPS, w -> err.println("packload: warning: " + w));
        OptionFileDefaults defaults = OptionFileDefaults.of(command.getCommandSpec(), lines, otherCommandHas);
        command.setDefaultValueProvider(defaults);
        List<String> rest = new ArrayList<>();
        rest.add(args[0]);
        rest.addAll(d.rest());
        return new OptionFileSetup(defaults, List.copyOf(rest), d.printDefaults());
    }

    /** The command line to run. */
    String[] commandLine() {
        return args.toArray(new String[0]);
    }

    /**
     * What {@code --print-defaults} prints, in the client's words: the file options taken, in the order read, then
     * the command line. Unlike the mysql/mariadb client, which prints a password as it is, packload masks it.
     */
    String printed() {
        List<String> all = new ArrayList<>(defaults.arguments());
        List<String> cli = args.subList(1, args.size());
        for (int i = 0; i < cli.size(); i++) {
            String a = cli.get(i);
            boolean bare = a.equals("-p") || a.equals("--password");
            if (a.startsWith("--password=")) {
                all.add("--password=" + OptionFileDefaults.MASK);
            } else if (a.startsWith("-p") && !a.startsWith("--") && a.length() > 2) {
                all.add("-p" + OptionFileDefaults.MASK);
            } else {
                all.add(a);
                if (bare && i + 1 < cli.size() && !cli.get(i + 1).startsWith("-")) {
                    all.add(OptionFileDefaults.MASK); // -p VALUE: the value is the password
                    i++;
                }
            }
        }
        return "packload " + args.get(0) + " would have been started with the following arguments:\n" + String.join(" ", all);
    }

    /**
     * A parameter error about a value that came from a file, with the file and line added; others as they are.
     */
    static CommandLine.ParameterException withOrigin(CommandLine.ParameterException ex, String[] args) {
        if (!(ex.getCommandLine().getDefaultValueProvider() instanceof OptionFileDefaults d)
                || !(ex.getArgSpec() instanceof OptionSpec o) || d.origin(o) == null || given(o, args)) {
            return ex;
        }
        return new CommandLine.ParameterException(ex.getCommandLine(), ex.getMessage() + " (from "
                + d.origin(o).origin() + ")", ex, ex.getArgSpec(), ex.getValue());
    }

    private static boolean given(OptionSpec o, String[] args) {
        for (String a : args) {
            for (String n : o.names()) {
                if (a.equals(n) || a.startsWith(n + "=") || (!n.startsWith("--") && a.startsWith(n))) {
                    return true;
                }
            }
        }
        return false;
    }
}
