package dev.packload.loader.cli;

import dev.packload.formats.FormatException;
import dev.packload.formats.io.Input;
import dev.packload.formats.io.Inputs;
import dev.packload.loader.check.Finding;
import dev.packload.loader.check.LimitCheck;
import dev.packload.loader.check.ServerSettings;
import dev.packload.loader.feed.InputPlan;
import dev.packload.loader.report.Summary;
import dev.packload.loader.source.DumpProfile;
import dev.packload.loader.target.Target;
import dev.packload.loader.write.NativeSqlSession;
import dev.packload.loader.write.ReplicaLimit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code packload check}: every limit a load into the target meets (the server's, the driver's, the binary log's, each
 * replica's), a verdict for each against the inputs' largest statement, row and value, the statement budget, and the
 * fixes as statements and my.cnf lines.
 */
@Command(name = "check", sortOptions = false,
        description = {"Check every limit a load into the target meets: max_allowed_packet (global, session, driver),",
                "net_buffer_length, each replica's max_allowed_packet and slave_max_allowed_packet, binlog_format and",
                "binlog_row_image, read_only, local_infile and the replicas the server knows; with inputs, their largest",
                "statement, row and value against them. Prints a verdict for each, the statement budget and the fixes."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every limit is met (notes and warnings may be printed)", "2:bad command line",
                "4:an input can't be read", "5:the target or a replica can't be reached",
                "7:a limit is not met: a load would reject rows, stop, or break a replica; the fixes are printed"})
public final class CheckCommand implements Callable<Integer> {

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    @Parameters(arity = "0..*", paramLabel = "INPUT", description = "Dumps or mydumper directories to measure against the limits.")
    List<Path> inputs = List.of();

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    ReplicaOptions replicas = new ReplicaOptions();

    @Option(names = "--max-statement-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "The cap the load will be given, if any.")
    long maxStatementBytes;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (!connection.targetGiven()) {
            err.println("packload: check needs a target: -h/-P, -S or --url (or host/port in an option file)");
            return ExitCode.USAGE;
        }
        DumpProfile profile = null;
        List<String> notMeasured = new ArrayList<>();
        if (!inputs.isEmpty()) {
            try {
                profile = profile(inputs, notMeasured);
            } catch (FormatException | IOException e) {
                err.println("packload: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
        }
        Target target;
        ServerSettings settings;
        List<ReplicaLimit> limits;
        try {
            target = connection.target();
            limits = replicas.read(target);
            try (NativeSqlSession s = NativeSqlSession.open(target.withoutDatabase().connect(), 0)) {
                settings = ServerSettings.read(s);
            }
        } catch (IllegalArgumentException e) {
            err.println("packload: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (SQLException e) {
            err.println("packload: cannot connect: " + e.getMessage());
            return ExitCode.SERVER_FAILURE;
        }
        LimitCheck check = LimitCheck.of(settings, limits, maxStatementBytes, profile);
        print(out, target, settings, check, profile, notMeasured);
        return check.passes() ? ExitCode.OK : ExitCode.LIMIT_NOT_MET;
    }

    /** The figures of the SQL inputs, as {@code packload inspect} measures them; delimited files are listed apart. */
    static DumpProfile profile(List<Path> inputs, List<String> notMeasured) throws IOException {
        DumpProfile profile = new DumpProfile();
        for (InputPlan.Item item : InputPlan.expand(inputs)) {
            if (item.format() != InputPlan.Format.SQL) {
                notMeasured.add(item.path().toString());
                continue;
            }
            try (Input in = Inputs.open(item.path())) {
                profile.add(in, in.name(), item.database());
            }
        }
        return profile;
    }

    static void print(PrintStream out, Target target, ServerSettings s, LimitCheck check, DumpProfile profile,
                      List<String> notMeasured) {
        out.println("target: " + target + " (" + s.version() + ")");
        int width = check.findings().stream().mapToInt(f -> f.limit().length()).max().orElse(10);
        int valueWidth = check.findings().stream().mapToInt(f -> f.value().length()).max().orElse(10);
        String fmt = "%-5s %-" + width + "s %-" + Math.min(40, valueWidth) + "s %s%n";
        out.printf(Locale.ROOT, fmt, "", "limit", "value", "");
        for (Finding f : check.findings()) {
            out.printf(Locale.ROOT, fmt, f.verdict().name().toLowerCase(Locale.ROOT), f.limit(), f.value(), f.note());
        }
        if (profile != null) {
            out.printf(Locale.ROOT, "inputs: %,d statements, %,d rows, %s%n", profile.statements(), profile.rows(),
                    Summary.bytes(profile.tables().stream().mapToLong(DumpProfile.Table::bytes).sum()));
        }
        if (!notMeasured.isEmpty()) {
            out.println("not measured (delimited text; see packload inspect): " + String.join(", ", notMeasured));
        }
        if (check.budget() != null) {
            out.println("budget: " + check.budget().describe());
        } else {
            out.println("budget: none: " + check.budgetProblem());
        }
        Set<String> sql = new LinkedHashSet<>();
        Set<String> cnf = new LinkedHashSet<>();
        for (Finding f : check.findings()) {
            for (Finding.Fix x : f.fixes()) {
                if (x.sql() != null) {
                    sql.add("  " + x.where() + ": " + x.sql());
                }
                if (x.cnf() != null) {
                    cnf.add("  " + x.where() + ": " + x.cnf());
                }
            }
        }
        if (!sql.isEmpty()) {
            out.println("fixes, now:");
            sql.forEach(out::println);
        }
        if (!cnf.isEmpty()) {
            out.println("fixes, kept over a restart (my.cnf):");
            cnf.forEach(out::println);
        }
        out.println(check.passes() ? "verdict: a load meets every limit"
                : "verdict: a load would not meet every limit (exit 7)");
    }
}
