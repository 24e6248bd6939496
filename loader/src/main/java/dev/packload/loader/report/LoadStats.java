package dev.packload.loader.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Everything counted during a run: per table, plus the input bytes for progress. */
public final class LoadStats {
    private final Map<String, TableStats> tables = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();
    private final AtomicLong statementsRun = new AtomicLong();
    private final AtomicLong statementsSkipped = new AtomicLong();
    private final AtomicLong warnings = new AtomicLong();
    private final AtomicLong binaryNames = new AtomicLong();
    private final AtomicLong preparedRows = new AtomicLong();
    private final AtomicLong preparedExecutions = new AtomicLong();
    private final AtomicLong duplicatesIgnored = new AtomicLong();
    private final AtomicLong filteredOut = new AtomicLong();
    private final AtomicLong rowsResumed = new AtomicLong();
    private final AtomicLong statementsResumed = new AtomicLong();

    private final long startNanos = System.nanoTime();
    private final java.util.List<String> notices = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    private volatile java.util.function.Consumer<String> onNotice = text -> { };

    /** Something the user should know about the run that is not an error (a fallback taken, a server warning). */
    private final RiskyStatements risky = new RiskyStatements();

    /** Statements run that reach beyond the dump's data and objects (listed in the summary). */
    public RiskyStatements risky() {
        return risky;
    }

    public void notice(String text) {
        notices.add(text);
    }

    /**
     * A notice the user needs before the rows it is about go (a table without transactions), told to the
     * {@link #onNotice} listener at once; said once however many writers meet it.
     */
    public void noticeOnce(String text) {
        synchronized (notices) {
            if (notices.contains(text)) {
                return;
            }
            notices.add(text);
        }
        onNotice.accept(text);
    }

    /** Tells {@code listener} of each {@link #noticeOnce} notice as it is made (the command prints them at once). */
    public void onNotice(java.util.function.Consumer<String> listener) {
        this.onNotice = listener;
    }

    public java.util.List<String> notices() {
        synchronized (notices) {
            return java.util.List.copyOf(notices);
        }
    }

    public TableStats table(String name) {
        TableStats t = tables.get(name);
        if (t != null) {
            return t;
        }
        synchronized (order) {
            return tables.computeIfAbsent(name, n -> {
                order.add(n);
                return new TableStats(n);
            });
        }
    }

    /** The table's counters if it has any yet, else null (where {@link #table} would add it to the summary). */
    public TableStats find(String name) {
        return tables.get(name);
    }

    /** Tables in the order they were first seen. */
    public List<TableStats> tables() {
        synchronized (order) {
            return order.stream().map(tables::get).toList();
        }
    }

    public void statementRun() {
        statementsRun.incrementAndGet();
    }

    public void statementSkipped() {
        statementsSkipped.incrementAndGet();
    }

    /** An INSERT went under SET NAMES binary (see SessionNames). */
    public void binaryNamesStatement() {
        binaryNames.incrementAndGet();
    }

    /** INSERT statements sent under SET NAMES binary. */
    public long binaryNamesStatements() {
        return binaryNames.get();
    }

    /** One execution of a prepared INSERT sent {@code rows} rows (see ExecutePacket). */
    public void preparedExecution(int rows) {
        preparedExecutions.incrementAndGet();
        preparedRows.addAndGet(rows);
    }

    /** Rows sent in executions of prepared INSERTs rather than as text. */
    public long preparedRows() {
        return preparedRows.get();
    }

    public long preparedExecutions() {
        return preparedExecutions.get();
    }

    public void warnings(long n) {
        warnings.addAndGet(n);
    }

    /** Rows that INSERT IGNORE left out because their key was there (known for rows sent alone). */
    public void duplicatesIgnored(long n) {
        duplicatesIgnored.addAndGet(n);
    }

    public long duplicatesIgnored() {
        return duplicatesIgnored.get();
    }

    /** A statement or an INSERT (with all its rows) left out by the user's filters. */
    public void filterOut() {
        filteredOut.incrementAndGet();
    }

    /** A row an earlier, interrupted run of the same job committed: skipped, not sent again. */
    public void rowResumed() {
        rowsResumed.incrementAndGet();
    }

    public long rowsResumed() {
        return rowsResumed.get();
    }

    /** An ordered statement an earlier run of the same job recorded as run: skipped. */
    public void statementResumed() {
        statementsResumed.incrementAndGet();
    }

    public long statementsResumed() {
        return statementsResumed.get();
    }

    public long filteredOut() {
        return filteredOut.get();
    }

    public long statementsRun() {
        return statementsRun.get();
    }

    public long statementsSkipped() {
        return statementsSkipped.get();
    }

    public long warnings() {
        return warnings.get();
    }

    public long rowsRead() {
        return tables.values().stream().mapToLong(TableStats::rowsRead).sum();
    }

    public long rowsLoaded() {
        return tables.values().stream().mapToLong(TableStats::rowsLoaded).sum();
    }

    public long rowsRejected() {
        return tables.values().stream().mapToLong(TableStats::rowsRejected).sum();
    }

    public long bytes() {
        return tables.values().stream().mapToLong(TableStats::bytes).sum();
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
