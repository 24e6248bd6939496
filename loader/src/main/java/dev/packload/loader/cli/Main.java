package dev.packload.loader.cli;

import dev.packload.loader.cli.optionfile.OptionFileException;
import dev.packload.loader.cli.optionfile.OptionFiles;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code packload} command. */
@Command(name = "packload", versionProvider = Main.Version.class,
        description = "Loads MySQL/MariaDB dumps in statements sized just under the server's max_allowed_packet.")
public final class Main implements Runnable {

    /**
     * The subcommands, added when the command line is built rather than declared on the class: picocli builds the
     * model of every declared subcommand, by reflection and in the interpreter, before it parses. A run builds only
     * the one it names (about 5% of a small load's client CPU); help, and an unknown name, get them all.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("load", LoadCommand::new);
        SUBCOMMANDS.put("inspect", InspectCommand::new);
        SUBCOMMANDS.put("check", CheckCommand::new);
        SUBCOMMANDS.put("server", ServerCommand::new);
        SUBCOMMANDS.put("bench", BenchCommand::new);
        SUBCOMMANDS.put("jobs", JobsCommand::new);
    }

    @CommandLine.Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    @CommandLine.Option(names = {"-V", "--version"}, versionHelp = true, description = "Show the version.")
    boolean version;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line and returns the exit code (no System.exit: tests call this). A command that connects to a
     * server first reads the option files (see {@link OptionFileSetup}); the files read are
     * {@link OptionFiles#standard()}'s.
     */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        Supplier<Object> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        String[] run = args;
        if (named != null) {
            cl.addSubcommand(args[0], named.get());
            CommandLine command = cl.getSubcommands().get(args[0]);
            if (OptionFileSetup.appliesTo(command)) {
                try {
                    OptionFileSetup files = OptionFileSetup.install(command, args, OptionFiles.standard(),
                            System.getenv(), System.err, key -> SUBCOMMANDS.entrySet().stream()
                                    .filter(c -> !c.getKey().equals(args[0]))
                                    .anyMatch(c -> new CommandLine(c.getValue().get()).getCommandSpec()
                                            .findOption("--" + key) != null));
                    if (files.printDefaults()) {
                        System.out.println(files.printed());
                        return ExitCode.OK;
                    }
                    run = files.commandLine();
                } catch (IllegalArgumentException | OptionFileException e) {
                    System.err.println("packload: " + e.getMessage());
                    return ExitCode.USAGE;
                }
            }
        } else {
            SUBCOMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
            cl.addSubcommand("help", new CommandLine.HelpCommand());
        }
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("packload: " + ex.getMessage());
            if (System.getenv("PACKLOAD_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return ExitCode.INTERNAL;
        });
        CommandLine.IParameterExceptionHandler parameterErrors = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, a) -> parameterErrors.handleParseException(
                OptionFileSetup.withOrigin(ex, a), a));
        return cl.execute(run);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {text()};
        }

        static String text() {
            String v = Main.class.getPackage().getImplementationVersion();
            return "packload " + (v == null ? "dev" : v);
        }
    }
}
