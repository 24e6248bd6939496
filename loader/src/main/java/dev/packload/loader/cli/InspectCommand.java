package dev.packload.loader.cli;

import dev.packload.formats.FormatException;
import dev.packload.formats.io.Input;
import dev.packload.formats.io.Inputs;
import dev.packload.loader.report.Summary;
import dev.packload.loader.feed.CsvOptions;
import dev.packload.loader.source.DumpProfile;
import dev.packload.loader.source.SchemaInference;
import dev.packload.loader.feed.InputPlan;
import dev.packload.loader.write.NativeSqlSession;
import dev.packload.loader.write.OversizedRowWriter;
import dev.packload.loader.write.PacketBudget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code packload inspect}: streams a dump without a server and says what it holds, and whether a server can take it. */
@Command(name = "inspect", sortOptions = false,
        description = {"Measure dumps without loading them: per table rows, bytes, largest statement, row and value.",
                "With a target (-h/-P/--url), also say whether its max_allowed_packet is enough, and what to set if not."})
public final class InspectCommand implements Callable<Integer> {

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Dump files or mydumper directories; - reads stdin.")
    List<Path> inputs;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--format", paramLabel = "FMT", description = "sql, csv, excel, tsv or mysql; default by extension.")
    String format;

    @Option(names = "--header", negatable = true, description = "Whether delimited text starts with a header (default: as the format says).")
    Boolean header;

    @Option(names = "--delimiter", paramLabel = "C", description = "Field separator of delimited text.")
    Character delimiter;

    @Option(names = "--table", paramLabel = "NAME", description = "Table name for the inferred CREATE TABLE (default: the file's name).")
    String table;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        DumpProfile profile = new DumpProfile();
        boolean anySql = false;
        try {
            for (InputPlan.Item item : InputPlan.expand(inputs)) {
                boolean delimited = format != null ? !format.equalsIgnoreCase("sql")
                        : item.format() == InputPlan.Format.DELIMITED;
                try (Input in = Inputs.open(item.path())) {
                    if (delimited) {
                        inspectDelimited(out, in, item);
                    } else {
                        anySql = true;
                        profile.add(in, in.name(), item.database());
                    }
                }
            }
        } catch (FormatException e) {
            System.err.println("packload: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } catch (IOException e) {
            System.err.println("packload: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        if (!anySql) {
            return ExitCode.OK;
        }
        String fmt = "%-32s %12s %11s %17s %13s %15s%n";
        out.printf(Locale.ROOT, fmt, "table", "rows", "bytes", "largest statement", "largest row", "largest value");
        for (DumpProfile.Table t : profile.tables()) {
            out.printf(Locale.ROOT, fmt, t.name(), String.format(Locale.ROOT, "%,d", t.rows()), Summary.bytes(t.bytes()),
                    Summary.bytes(t.largestStatement()), Summary.bytes(t.largestRow()), Summary.bytes(t.largestValue()));
        }
        out.printf(Locale.ROOT, "%,d statements, %,d rows; largest statement %,d bytes, largest row %,d bytes, "
                + "largest value %,d bytes%n", profile.statements(), profile.rows(), profile.largestStatement(),
                profile.largestRow(), profile.largestValue());
        profile.tables().stream().filter(t -> t.largestValue() == profile.largestValue() && t.largestValueAt() != null)
                .findFirst().ifPresent(t -> out.println("largest value: " + t.name() + " at " + t.largestValueAt()));
        if (!connection.targetGiven()) {
            out.printf(Locale.ROOT, "a server needs max_allowed_packet >= %,d for `mysql < dump` (its largest statement), "
                    + "and >= %,d for packload (its largest value). Give -h/-P or --url to check a server.%n",
                    profile.largestStatement() + 2, Math.max(profile.largestValue(), PacketBudget.MIN_STATEMENT_BYTES));
            return ExitCode.OK;
        }
        try (NativeSqlSession s = NativeSqlSession.open(connection.target().withoutDatabase().connect(), 0)) {
            verdict(out, profile, s.budget());
        } catch (SQLException e) {
            System.err.println("packload: cannot connect: " + e.getMessage());
            return ExitCode.SERVER_FAILURE;
        }
        return ExitCode.OK;
    }

    /** Delimited text: every record read, each column's inferred type, NULLs and largest value, and the DDL. */
    private void inspectDelimited(PrintStream out, Input in, InputPlan.Item item) throws IOException {
        CsvOptions opts = CsvOptions.builder().dialect(format == null ? null : format.toLowerCase(Locale.ROOT))
                .delimiter(delimiter == null ? null : delimiter.toString()).header(header).table(table).build();
        SchemaInference s = SchemaInference.sample(in, in.name(), opts.dialect(item.dialect()), opts.encoding(),
                List.of(), 0);
        String name = opts.tableFor(item.path().getFileName() == null ? "stdin" : item.path().getFileName().toString());
        out.printf(Locale.ROOT, "%s: %,d records, %d columns%n", in.name(), s.sampled(), s.columns().size());
        String fmt = "  %-30s %-16s %-9s %15s%n";
        out.printf(Locale.ROOT, fmt, "column", "type", "nulls", "largest value");
        for (SchemaInference.Column c : s.columns()) {
            out.printf(Locale.ROOT, fmt, c.name(), c.type(), c.nullable() ? "yes" : "no", Summary.bytes(c.maxBytes()));
        }
        out.println(s.createTable(null, name) + ";");
    }

    static void verdict(PrintStream out, DumpProfile profile, PacketBudget budget) {
        long limit = budget.serverMaxAllowedPacket();
        out.println("target: " + budget.describe());
        if (profile.largestStatement() + 1 >= limit) {
            out.printf(Locale.ROOT, "- `mysql < dump` would fail on this server (ERROR 1153/2006): its largest statement is "
                    + "%,d bytes; packload re-batches the rows to the budget%n", profile.largestStatement());
        }
        long tooBigForOneStatement = profile.largestRow();
        if (tooBigForOneStatement > budget.statementBytes()) {
            out.printf(Locale.ROOT, "- rows up to %,d bytes don't fit one statement: packload loads them with chunked appends%n",
                    tooBigForOneStatement);
        }
        if (profile.largestValue() > limit) {
            out.println("- NOT ENOUGH: " + OversizedRowWriter.valueTooLargeMessage("the dump", "value",
                    profile.largestValue(), limit) + "; rows with such values would be rejected");
        } else {
            out.printf(Locale.ROOT, "- enough: every value fits the server's max_allowed_packet (largest value %,d of %,d bytes)%n",
                    profile.largestValue(), limit);
        }
    }
}
