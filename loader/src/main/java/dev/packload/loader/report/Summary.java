package dev.packload.loader.report;

import dev.packload.loader.write.PacketBudget;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;

/** The end-of-run table: per table rows read, loaded, rejected, bytes, statements and time, then the totals. */
public final class Summary {
    private Summary() {
    }

    /**
     * Prints the table to {@code target} in one write: formatted straight onto an auto-flushing stream (System.out),
     * every padding space was a write of its own, 105,000 system calls after a load of 1,000 tables.
     */
    public static void print(PrintStream target, LoadStats stats, PacketBudget budget) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            print(out, stats, budget);
        }
        target.print(text);
        target.flush();
    }

    private static void print(PrintWriter out, LoadStats stats, PacketBudget budget) {
        // last columns for the indexes built after the rows (--defer-indexes) and the foreign keys checked after
        // them (--foreign-key-checks deferred), when there were any
        boolean deferred = stats.tables().stream().anyMatch(t -> t.indexesBuilt() > 0);
        boolean checked = stats.tables().stream().anyMatch(t -> t.foreignKeysChecked() > 0);
        String fmt = "%-32s %12s %12s %9s %11s %10s %9s %8s" + (deferred ? " %16s" : "%s") + (checked ? " %16s%n" : "%s%n");
        out.printf(Locale.ROOT, fmt, "table", "rows read", "loaded", "rejected", "bytes", "statements", "appended", "time",
                deferred ? "indexes after" : "", checked ? "fk checked after" : "");
        for (TableStats t : stats.tables()) {
            out.printf(Locale.ROOT, fmt, shorten(t.name(), 32), n(t.rowsRead()), n(t.rowsLoaded()), n(t.rowsRejected()),
                    bytes(t.bytes()), n(t.statements()), n(t.appendedRows()), String.format(Locale.ROOT, "%.1fs", t.seconds()),
                    !deferred ? "" : t.indexesBuilt() == 0 ? "-" : String.format(Locale.ROOT, "%d in %.1fs",
                            t.indexesBuilt(), t.indexSeconds()),
                    !checked ? "" : t.foreignKeysChecked() == 0 ? "-" : String.format(Locale.ROOT, "%d in %.1fs",
                            t.foreignKeysChecked(), t.foreignKeySeconds()));
        }
        out.printf(Locale.ROOT, fmt, "total", n(stats.rowsRead()), n(stats.rowsLoaded()), n(stats.rowsRejected()),
                bytes(stats.bytes()), n(stats.tables().stream().mapToLong(TableStats::statements).sum()),
                n(stats.tables().stream().mapToLong(TableStats::appendedRows).sum()),
                String.format(Locale.ROOT, "%.1fs", stats.elapsedSeconds()), !deferred ? "" : String.format(Locale.ROOT,
                        "%d in %.1fs", stats.tables().stream().mapToLong(TableStats::indexesBuilt).sum(),
                        stats.tables().stream().mapToDouble(TableStats::indexSeconds).sum()),
                !checked ? "" : String.format(Locale.ROOT, "%d in %.1fs",
                        stats.tables().stream().mapToLong(TableStats::foreignKeysChecked).sum(),
                        stats.tables().stream().mapToDouble(TableStats::foreignKeySeconds).sum()));
        if (deferred) {
            out.println("indexes after: secondary indexes built after their table's rows, in one ALTER TABLE per table"
                    + " (--defer-indexes)");
        }
        if (checked) {
            out.println("fk checked after: foreign keys whose rows went unchecked, checked by one query each after the"
                    + " load (--foreign-key-checks deferred)");
        }
        long notSettled = stats.rowsRead() - stats.rowsLoaded() - stats.rowsRejected();
        if (notSettled > 0) {
            out.printf(Locale.ROOT, "%,d rows read were not loaded because the run stopped before they were committed%n",
                    notSettled);
        }
        if (budget != null) {
            out.println("packet: " + budget.describe());
        }
        out.printf(Locale.ROOT, "other statements run: %,d; not sent (LOCK TABLES, transaction control, what would "
                + "change nothing here): %,d%n", stats.statementsRun(), stats.statementsSkipped());
        if (stats.filteredOut() > 0) {
            out.printf(Locale.ROOT, "statements and INSERTs left out by --tables/--exclude-tables/--schema-only/--data-only: %,d%n",
                    stats.filteredOut());
        }
        if (stats.preparedRows() > 0) {
            out.printf(Locale.ROOT, "prepared INSERTs: %,d of the rows loaded went in %,d executions of server-side"
                    + " prepared statements (--prepared-rows), the rest as text%n", stats.preparedRows(),
                    stats.preparedExecutions());
        }
        stats.notices().forEach(n -> out.println("note: " + n));
        if (!stats.risky().isEmpty()) {
            out.println("statements run that reach beyond the data (--untrusted refuses them):");
            stats.risky().lines().forEach(l -> out.println("  " + l));
        }
        if (stats.warnings() > 0) {
            out.printf(Locale.ROOT, "server warnings: %,d (the server changed some values as it stored them; see --verbose)%n",
                    stats.warnings());
        }
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : "…" + s.substring(s.length() - max + 1);
    }

    /** 1536 → "1.5 KiB". */
    public static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
