package dev.packload.loader.index;

import java.util.List;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A table whose indexes wait for its rows: what was dropped, what the build adds back, and the build once started. */
final class DeferredTable {
    final TableIndexes table;
    final DeferralPlan plan;
    /** The name the table's rows are counted under in the summary. */
    final String statsName;
    /** Rows of the table loaded or rejected when it was created. */
    final long settledAtCreate;
    /** The build, once started; only writer 0's thread (and the end of the load, after it) sets it. */
    Future<?> build;

    DeferredTable(TableIndexes table, DeferralPlan plan, String statsName, long settledAtCreate) {
        this.table = table;
        this.plan = plan;
        this.statsName = statsName;
        this.settledAtCreate = settledAtCreate;
    }

    /** `db`.`table`, the deferral's key for a table. */
    static String key(String db, String table) {
        return TableIndexes.quote(db) + "." + TableIndexes.quote(table);
    }

    String key() {
        return key(table.schema(), table.table());
    }

    /** The one ALTER TABLE that builds them: kept indexes that must move behind them are dropped and added too. */
    String addStatement() {
        return "ALTER TABLE " + table.quotedName() + " " + Stream.concat(
                plan.moved().stream().map(i -> "DROP INDEX " + TableIndexes.quote(i.name())),
                plan.addAfter().stream().map(i -> "ADD " + i.definition())).collect(Collectors.joining(", "));
    }

    /** The ALTER TABLE that drops them while the table is empty. */
    String dropStatement() {
        return "ALTER TABLE " + table.quotedName() + " " + plan.dropNow().stream()
                .map(i -> "DROP INDEX " + TableIndexes.quote(i.name())).collect(Collectors.joining(", "));
    }

    /** The deferred indexes' names, quoted. */
    String names() {
        return plan.dropNow().stream().map(i -> TableIndexes.quote(i.name())).collect(Collectors.joining(", "));
    }

    /** Whether an index that stays through the load serves a foreign key to {@code columns}. */
    boolean keptIndexServes(List<String> columns) {
        return !columns.isEmpty() && table.indexes().stream().filter(i -> !plan.dropNow().contains(i))
                .anyMatch(i -> i.startsWith(columns));
    }
}
