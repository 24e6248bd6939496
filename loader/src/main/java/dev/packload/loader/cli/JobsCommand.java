package dev.packload.loader.cli;

import dev.packload.loader.journal.Journal;
import dev.packload.loader.journal.JournalJobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code packload jobs}: the load jobs a target's journal holds, and removing the records of ended ones. */
@Command(name = "jobs", description = "List the load jobs recorded in a target's journal; --clean removes ended ones.")
public final class JobsCommand implements Callable<Integer> {

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--journal-schema", paramLabel = "SCHEMA", description = "Where the journal is (default: packload).")
    String schema = Journal.DEFAULT_SCHEMA;

    @Option(names = "--clean", description = "Remove the records of finished and abandoned jobs (or of --job only).")
    boolean clean;

    @Option(names = "--job", paramLabel = "ID", description = "With --clean: only this job.")
    Long job;

    @Option(names = "--include-interrupted", description = "With --clean: interrupted jobs too; they can't be resumed then.")
    boolean includeInterrupted;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (!connection.targetGiven()) {
            System.err.println("packload: name the target whose journal to read (-h/-P or --url)");
            return ExitCode.USAGE;
        }
        try (Connection c = connection.target().connect()) {
            if (clean) {
                int n = JournalJobs.clean(c, schema, job, includeInterrupted);
                out.printf(Locale.ROOT, "removed the records of %d job%s%n", n, n == 1 ? "" : "s");
                return ExitCode.OK;
            }
            List<JournalJobs.Job> jobs = JournalJobs.list(c, schema);
            if (jobs.isEmpty()) {
                out.println("no jobs in " + schema);
                return ExitCode.OK;
            }
            out.printf(Locale.ROOT, "%6s  %-11s  %-19s  %-19s  %13s  %s%n", "job", "state", "started", "last activity",
                    "rows", "inputs -> target");
            for (JournalJobs.Job j : jobs) {
                out.printf(Locale.ROOT, "%6d  %-11s  %-19.19s  %-19.19s  %,13d  %s%s -> %s%n", j.id(),
                        j.state().equals("running") ? "unfinished" : j.state(), j.started(), j.updated(),
                        j.rowsCommitted(), j.firstInput(), j.inputs() > 1 ? " and " + (j.inputs() - 1) + " more" : "",
                        j.target());
            }
            return ExitCode.OK;
        } catch (SQLException e) {
            System.err.println("packload: " + e.getMessage().lines().findFirst().orElse(""));
            return ExitCode.SERVER_FAILURE;
        }
    }
}
