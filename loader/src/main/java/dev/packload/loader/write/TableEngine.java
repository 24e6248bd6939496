package dev.packload.loader.write;

import java.util.Locale;

/**
 * A table's storage engine and whether that engine has transactions, as the server says
 * ({@code information_schema.ENGINES.TRANSACTIONS}): all a writer asks of a table whose rows go as text. A view, a
 * table that is not there, or an engine the server does not list has no engine ({@code engine} null) and counts as
 * transactional: there is nothing to warn about.
 */
public record TableEngine(String engine, boolean transactional) {
    static final TableEngine NONE = new TableEngine(null, true);

    /**
     * From the server's answers: the table's {@code ENGINE} (null for a view or a table that is not there) and that
     * engine's {@code information_schema.ENGINES.TRANSACTIONS} (null when the server does not list it). Only "NO" means
     * no transactions.
     */
    static TableEngine of(String engine, String transactions) {
        return engine == null ? NONE : new TableEngine(engine, !"NO".equalsIgnoreCase(transactions));
    }

    public boolean isInnoDb() {
        return engine != null && engine.toUpperCase(Locale.ROOT).equals("INNODB");
    }

    /**
     * What loading into this table means when it has no transactions (null when it has): said at the start of its
     * rows, and in the report, so a resumed load never claims more than it can keep.
     */
    public String nonTransactionalNotice(String name) {
        return transactional ? null : name + " is a " + engine + " table, which has no transactions: rows sent to it "
                + "stay even when their commit, and the journal's record of them, never happens. If this load is "
                + "interrupted, its rows sent since the writer's last commit are in the table without a record, and "
                + "resuming sends them again (twice in a table without a unique key, rejected as duplicates in one with "
                + "a key); a statement refused for a row's data may also keep the rows before that row. For "
                + "exactly-once loading, ALTER TABLE ... ENGINE=InnoDB first.";
    }
}
