package dev.packload.loader.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code packload} command. */
@Command(name = "packload", versionProvider = Main.Version.class,
        description = "Loads MySQL/MariaDB dumps in statements sized just under the server's max_allowed_packet.",
        subcommands = {LoadCommand.class, InspectCommand.class, ServerCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

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

    /** Runs the command line and returns the exit code (no System.exit: tests call this). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("packload: " + ex.getMessage());
            if (System.getenv("PACKLOAD_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return ExitCode.INTERNAL;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"packload " + (v == null ? "dev" : v)};
        }
    }
}
