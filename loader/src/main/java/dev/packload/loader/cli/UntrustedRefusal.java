package dev.packload.loader.cli;

import dev.packload.formats.FormatException;
import dev.packload.loader.report.RiskyStatements;
import dev.packload.loader.source.UntrustedInputs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code packload load --untrusted}, before anything is sent: reads every input ({@link UntrustedInputs}) and refuses
 * the load when a statement reaches beyond the data and objects of the {@code -D} database, printing the first ones
 * with their file and line, then each kind with its count and first place.
 */
final class UntrustedRefusal {
    /** Statements printed one by one; the rest are counted by kind. */
    static final int SHOWN = 20;

    private UntrustedRefusal() {
    }

    /** Null when the load may go on, else its exit code ({@link ExitCode#REFUSED}, or a usage or input error). */
    static Integer check(List<Path> inputs, String database, PrintStream err) {
        if (database == null) {
            err.println("packload: --untrusted needs -D/--database: the one database the dump may write");
            return ExitCode.USAGE;
        }
        if (inputs.stream().anyMatch(p -> p.toString().equals("-"))) {
            err.println("packload: --untrusted reads the inputs once before loading them: standard input can't be "
                    + "read twice; save it to a file");
            return ExitCode.USAGE;
        }
        List<UntrustedInputs.Refusal> refusals;
        try {
            refusals = UntrustedInputs.scan(inputs, database);
        } catch (IOException | FormatException e) {
            err.println("packload: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        if (refusals.isEmpty()) {
            return null;
        }
        int shown = Math.min(refusals.size(), SHOWN);
        for (UntrustedInputs.Refusal r : refusals.subList(0, shown)) {
            err.println("packload: refused: " + r);
        }
        RiskyStatements all = new RiskyStatements();
        refusals.forEach(r -> all.add(r.risk(), r.at()));
        err.printf(Locale.ROOT, "packload: --untrusted: %,d statement(s) reach beyond loading data and objects into "
                + "%s%s; nothing was sent:%n", refusals.size(), database, refusals.size() > shown
                ? " (the first " + shown + " shown above)" : "");
        all.lines().forEach(l -> err.println("packload:   " + l));
        err.println("packload: remove them from the dump, or load it without --untrusted if you trust it");
        return ExitCode.REFUSED;
    }
}
