package dev.packload.loader.feed;

import dev.packload.formats.io.Input;
import dev.packload.formats.sql.InsertHeader;
import dev.packload.formats.sql.StatementRisk;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.ResumePoint;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.pipeline.StatementClassifier;
import dev.packload.loader.pipeline.TableRef;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.write.LoadDataSession;
import dev.packload.loader.write.OnDuplicate;
import dev.packload.loader.write.TableMeta;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sink a {@link ReadAhead} reader runs a feed against: it records the feed's calls ({@link Recording}) and answers
 * as the real sink would, without touching the run. {@link #running()} reads the run's real state; a row or statement
 * is taken while the run goes on; {@link #open} and {@link #table} return placeholders that the replay maps to the
 * real references.
 *
 * <p>What needs the run as it stands at the feed's turn ({@link #catalog()}, {@link #stats()}, LOAD DATA
 * connections, the batch log, the resume point, and table metadata the read-ahead cannot vouch for) is a call made at
 * that turn: the reader waits until every call recorded before it is replayed, the replaying thread makes the call on
 * the real sink and hands back its answer, and the reader goes on recording. Only the replaying thread ever calls the
 * real sink's single-threaded side. Table metadata is read early, without waiting, when {@link ReadAhead#early} says
 * nothing still to run can change it.
 */
final class RecordingSink implements Sink {
    private final ReadAhead run;
    private final Recording rec;
    private final Sink real;
    private final boolean keepsTables;
    private final Map<TableRef, TableRef> placeholders = new HashMap<>();
    private final Map<TableRef, Integer> numbers = new IdentityHashMap<>();
    private TableRef lastTable;
    private int lastNumber;
    private String sourceName = "";

    RecordingSink(ReadAhead run, Recording rec, Sink real, boolean keepsTables) {
        this.run = run;
        this.rec = rec;
        this.real = real;
        this.keepsTables = keepsTables;
    }

    @Override
    public boolean running() {
        return !run.aborted() && real.running();
    }

    @Override
    public SourceRef open(Input in) {
        return open(Recording.OPEN_INPUT, in, in.name());
    }

    @Override
    public SourceRef open(String name) {
        return open(Recording.OPEN_NAME, name, name);
    }

    private SourceRef open(byte kind, Object what, String name) {
        SourceRef placeholder = new SourceRef(-1, name);
        sourceName = name;
        record(kind, what, placeholder);
        return placeholder;
    }

    @Override
    public TableRef table(String schema, String table, List<String> columns, InsertHeader.Verb verb) {
        TableRef probe = new TableRef(schema, table, List.copyOf(columns), verb, null);
        TableRef known = placeholders.get(probe);
        if (known == null) {
            // interned as the real sink interns: the first call is the one that counts (the summary's table order)
            known = new TableRef(schema, table, List.copyOf(columns), verb, null);
            placeholders.put(probe, known);
            numbers.put(known, numbers.size());
            record(Recording.TABLE, known);
        }
        return known;
    }

    @Override
    public boolean row(TableRef table, byte[] b, int off, int len, long line, long byteOffset,
                       boolean noBackslashEscapes) throws InterruptedException {
        if (table != lastTable) {
            Integer n = numbers.get(table);
            if (n == null) {
                throw new IllegalArgumentException("a table reference this sink did not hand out: " + table);
            }
            lastTable = table;
            lastNumber = n;
        }
        return running() && rec.row(lastNumber, b, off, len, line, byteOffset, noBackslashEscapes);
    }

    @Override
    public boolean statement(byte[] b, int off, int len, long line, long byteOffset) {
        return statement(b, off, len, line, byteOffset, false);
    }

    @Override
    public boolean statement(byte[] b, int off, int len, long line, long byteOffset, boolean vertical) {
        if (keepsTables && StatementClassifier.effect(b, off, len) == StatementClassifier.Effect.TABLES) {
            rec.changedTables = true;
        }
        try {
            return running() && rec.statement(b, off, len, line, byteOffset, vertical);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void continueAs(String name) {
        record(Recording.CONTINUE_AS, name);
    }

    @Override
    public void endTable() {
        record(Recording.END_TABLE);
    }

    @Override
    public boolean reject(TableRef table, SourceRef source, long line, long byteOffset, String reason,
                          String rawText) {
        try {
            return running() && rec.reject(table, source, line, byteOffset, reason, rawText);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void notice(String text) {
        record(Recording.NOTICE, text);
    }

    @Override
    public void filteredOut() {
        record(Recording.FILTERED_OUT);
    }

    @Override
    public void risky(StatementRisk risk, String at) {
        record(Recording.RISKY, risk, at);
    }

    /** Counters are read as they stand at the feed's turn. */
    @Override
    public LoadStats stats() {
        return atTurn(Sink::stats);
    }

    @Override
    public Connection catalog() throws SQLException {
        return atTurnSql(Sink::catalog);
    }

    /**
     * Early when {@link ReadAhead#early} can vouch for it (recorded, so that the replay can check it again where it
     * could not), else at the feed's turn. A table that is missing early is asked for again at the turn: an earlier
     * feed may create it ({@code --create-table}).
     */
    @Override
    public TableMeta tableMeta(String schema, String table) throws SQLException {
        if (keepsTables && !rec.changedTables) {
            try {
                TableMeta meta = run.early(rec, schema, table);
                if (meta != null) {
                    record(Recording.EARLY_META, schema, table, meta, sourceName);
                    return meta;
                }
            } catch (SQLException e) {
                // asked again at the turn, where the answer is the one a sequential run gets
            }
        }
        return atTurnSql(s -> s.tableMeta(schema, table));
    }

    @Override
    public TableMeta tableMetaNow(String schema, String table) throws SQLException {
        return real.tableMetaNow(schema, table);
    }

    @Override
    public OnDuplicate onDuplicate() {
        return real.onDuplicate();
    }

    @Override
    public List<LoadDataSession> openLoadData(boolean perWriter) throws SQLException {
        return atTurnSql(s -> s.openLoadData(perWriter));
    }

    @Override
    public BatchLog batchLog() {
        return atTurn(Sink::batchLog);
    }

    @Override
    public ResumePoint resumePoint() {
        return atTurn(Sink::resumePoint);
    }

    /** Records an event without a return value; once the run stopped, nothing is recorded (nor replayed). */
    private void record(byte kind, Object... objects) {
        try {
            rec.event(kind, objects);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A call the replaying thread makes on the real sink once it has replayed everything recorded before it. */
    @FunctionalInterface
    interface AtTurn<T> {
        T call(Sink real) throws SQLException;
    }

    /**
     * Makes {@code call} on the real sink at the feed's turn: records it, and waits until the replaying thread, having
     * replayed every call before it, has made it. Throws {@link ReadAhead.Abandoned} when the run stops first: the
     * feed's reading is of no use then.
     */
    private <T> T atTurnSql(AtTurn<T> call) throws SQLException {
        try {
            Recording.Request request = new Recording.Request(call);
            if (!rec.event(Recording.AT_TURN, request) || !rec.flush() || !run.awaitTurn(request)) {
                throw new ReadAhead.Abandoned();
            }
            @SuppressWarnings("unchecked")
            T result = (T) request.result();
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadAhead.Abandoned();
        }
    }

    /** The same, for a call that throws nothing checked. */
    private <T> T atTurn(AtTurn<T> call) {
        try {
            return atTurnSql(call);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The feed returned (failure null) or threw: the replay gets it at the end of the recording. */
    void finish(Throwable failure) throws InterruptedException {
        if (rec.event(Recording.END, failure)) {
            rec.flush();
        }
    }
}
