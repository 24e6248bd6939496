package dev.packload.loader.pipeline;

import dev.packload.loader.report.LoadStats;
import dev.packload.loader.write.ExecutePacket;
import dev.packload.loader.write.InsertBuilder;
import dev.packload.loader.write.InsertShape;
import dev.packload.loader.write.PreparedInserts;
import dev.packload.loader.write.SessionNames;
import dev.packload.loader.write.SqlErrors;
import dev.packload.loader.write.SqlSession;
import dev.packload.loader.write.StatementBuffer;
import dev.packload.loader.write.TableMeta;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Sender}'s prepared path: a statement's rows as executions of server-side prepared multi-row INSERTs, built
 * straight from the text tuples where every value has an exact binary form ({@link ExecutePacket}). Used by the
 * sender's thread only, on its session; the rows it can't send so go back to the sender as text.
 */
final class PreparedSends {
    /** The fewest rows worth an execution of their own for a statement's leftover rows; fewer go as text. */
    static final int MIN_PREPARED_CHUNK = 64;

    private final Sender sender;
    private final SqlSession session;
    private final WriterOptions options;
    private final LoadStats stats;
    private final SessionNames names;
    private final int usualStatementBytes;
    private final PreparedInserts prepared;
    /**
     * The execution being built. Its buffer is kept at its largest: reallocating a multi-MiB one per BLOB statement
     * made old-generation garbage.
     */
    private final ExecutePacket execute;
    /** Rows of a statement that go as text beside its prepared executions. */
    private final StatementBuffer part;
    /**
     * Per statement shape, what kind of column each of its values goes into (ExecutePacket's kinds: a hex literal is a
     * binary string in a binary column, a float literal a double in a FLOAT or DOUBLE one, a bit literal bytes in a
     * BIT one). Cleared with the table descriptions.
     */
    private final Map<InsertShape, byte[]> columnKinds = new HashMap<>();
    /**
     * Per statement shape, the values per tuple, counted on the first row of its first statement whose rows went as
     * parameters at that count. Every tuple of a shape must hold as many (its INSERT names the columns, or the table
     * has them; the server refuses other tuples, and {@link ExecutePacket#appendTuple} takes a tuple only with exactly
     * that many values, leaving the others to go as text), so later statements' rows are not read once more just to
     * count them: with rows of megabytes that count was a whole extra pass over the data (BENCHMARKS.md, shape (b)).
     * Cleared with the table descriptions.
     */
    private final Map<InsertShape, Integer> arities = new HashMap<>();

    PreparedSends(Sender sender, SqlSession session, WriterOptions options, LoadStats stats, SessionNames names,
                  int usualStatementBytes) {
        this.sender = sender;
        this.session = session;
        this.options = options;
        this.stats = stats;
        this.names = names;
        this.usualStatementBytes = usualStatementBytes;
        this.prepared = new PreparedInserts(session);
        this.execute = new ExecutePacket(preparedPacketLimit(session, options));
        this.part = session.newStatementBuffer(4096, usualStatementBytes);
    }

    /** The tables the prepared INSERTs name may have changed: close them, and read column kinds anew. */
    void forget() throws SQLException {
        prepared.closeAll();
        columnKinds.clear();
        arities.clear();
    }

    /** The most bytes one prepared execution may take: the packet budget, and no more than a text statement holds. */
    private static int preparedPacketLimit(SqlSession session, WriterOptions options) {
        long limit = session.budget().statementBytes();
        if (options.statementBytes() > 0) {
            limit = Math.min(limit, options.statementBytes());
        }
        return (int) limit;
    }

    /**
     * Sends the statement's rows as executions of a prepared INSERT of a power of two rows each (chunks of the chosen
     * size, then halving chunks for what is left, down to {@link #MIN_PREPARED_CHUNK} rows), where every value of a
     * chunk has an exact binary form ({@link ExecutePacket}); chunks that have not (consecutive ones together) and
     * the last few rows go as text, in their place, and a statement none of whose chunks qualify goes whole as the
     * text it is. Returns the rows loaded, or -1, with nothing sent, when the statement is not worth preparing: too few
     * rows, rows too wide, a character set whose strings can't be unescaped byte by byte.
     */
    int send(InsertBuilder full, TableRef table, SourceRef source, boolean noBackslashEscapes)
            throws SQLException {
        int rows = full.rows();
        byte[] buf = full.statement().array();
        int widest = 0;
        for (int i = 0; i < rows; i++) {
            widest = Math.max(widest, full.tupleLength(i));
        }
        Integer known = arities.get(full.shape());
        int columns = known != null ? known
                : ExecutePacket.arity(buf, full.tupleOffset(0), full.tupleLength(0), noBackslashEscapes);
        int n = columns <= 0 ? 0 : chunkRows(columns, widest);
        if (n == 0 || rows < n || !names.clientEscapesLikeAscii()) {
            return -1;
        }
        byte[] kinds = columnKinds(full.shape(), table, columns);
        int loaded = 0;
        int from = 0;
        int textFrom = -1; // refused chunks in a row go out together, as one text INSERT, in their place
        boolean namesSet = false;
        boolean binaryNames = false;
        // chunks of n rows, then the rest in halving chunks while they are worth a statement, then text
        while (rows - from >= Math.min(n, MIN_PREPARED_CHUNK)) {
            int k = Math.min(n, Integer.highestOneBit(rows - from));
            Long cached = prepared.cached(full.shape(), columns, k);
            long stmt = cached != null ? cached : preparedStatement(full.shape(), columns, k, table);
            if (stmt < 0) {
                break;
            }
            if (cached == null || !namesSet) { // preparing put the session back under the dump's names
                binaryNames |= names.beforeInsert(table.schema(), table.table(), full.statement().length());
                namesSet = true;
            }
            execute.start(stmt, k * columns);
            boolean exact = true;
            for (int r = from; r < from + k && exact; r++) {
                exact = execute.appendTuple(buf, full.tupleOffset(r), full.tupleLength(r), columns, noBackslashEscapes,
                        kinds);
            }
            if (exact) {
                if (known == null) {
                    known = columns; // rows of this many values went as parameters: the shape's count, kept
                    arities.put(full.shape(), columns);
                }
                if (textFrom >= 0) {
                    loaded += sendTextPart(full, table, source, textFrom, from);
                    textFrom = -1;
                }
                loaded += sender.sendRows(() -> session.execute(execute), true, full, table, source, from, from + k);
            } else if (textFrom < 0) {
                textFrom = from;
            }
            from += k;
        }
        int rest = textFrom >= 0 ? textFrom : from;
        if (rest == 0) {
            return sender.sendText(full, table, source); // nothing went as parameters: the statement as it was built
        }
        if (binaryNames) {
            stats.binaryNamesStatement();
        }
        if (rest < rows) {
            loaded += sendTextPart(full, table, source, rest, rows);
        }
        return loaded;
    }

    /**
     * What kind of column each of a statement's {@code columns} values goes into, from the table's description and the
     * INSERT's column list (or all the table's columns); all {@link ExecutePacket#OTHER_COLUMN} where the two don't
     * line up or the table can't be described (its INSERT will say what is wrong). Read once per shape.
     */
    private byte[] columnKinds(InsertShape shape, TableRef table, int columns) throws SQLException {
        byte[] known = columnKinds.get(shape);
        if (known != null && known.length == columns) {
            return known;
        }
        byte[] kinds = new byte[columns];
        names.restore(); // read the description under the dump's names
        try {
            TableMeta meta = session.describe(table.schema(), table.table());
            List<String> target = table.columns().isEmpty() ? meta.columnNames() : table.columns();
            if (target.size() == columns) {
                for (int i = 0; i < columns; i++) {
                    kinds[i] = ExecutePacket.kindOf(meta.column(target.get(i)));
                }
            }
        } catch (SQLException e) {
            if (SqlErrors.classify(e) == SqlErrors.Kind.CONNECTION) {
                throw sender.failure(e, "reading the columns of " + table.displayName());
            }
        }
        columnKinds.put(shape, kinds);
        return kinds;
    }

    /**
     * Prepares the INSERT of {@code rows} tuples on this session (under the dump's names, as its text would be read)
     * and returns its id; -1 when the server won't prepare it, and the rows go as text, whose error says what is
     * wrong.
     */
    private long preparedStatement(InsertShape shape, int columns, int rows, TableRef table) throws SQLException {
        names.restore();
        try {
            return prepared.prepare(shape, columns, rows);
        } catch (SQLException ex) {
            SqlErrors.Kind kind = SqlErrors.classify(ex);
            if (kind != SqlErrors.Kind.DATA && kind != SqlErrors.Kind.STATEMENT) {
                throw sender.failure(ex, "preparing an INSERT of " + rows + " rows into " + table.displayName());
            }
            return -1;
        }
    }

    /**
     * Rows per prepared execution: {@code --prepared-rows}, fewer when that many would pass 16,384 parameters (the
     * server keeps some 450 bytes per placeholder while the statement is prepared) or the packet limit at the widest
     * row's size, rounded down to a power of two so a table needs few statements. 0 when not even one row fits.
     */
    private int chunkRows(int columns, int widestTuple) {
        long cap = Math.min(options.preparedRows(), PreparedInserts.MAX_STATEMENT_PARAMETERS / columns);
        // a value's binary form is at most its text plus 11 bytes: a 2-byte type, a length prefix of up to 9
        long perRow = widestTuple + 11L * columns + 1;
        cap = Math.min(cap, (preparedPacketLimit(session, options) - 16) / perRow);
        return cap < 1 ? 0 : Integer.highestOneBit((int) cap);
    }

    /** Sends rows [from, to) of the statement as one text INSERT (they fit: the whole statement did). */
    private int sendTextPart(InsertBuilder full, TableRef table, SourceRef source, int from, int to)
            throws SQLException {
        Sender.fillRows(part, full, from, to);
        try {
            return sender.sendRows(() -> session.execute(part), false, full, table, source, from, to);
        } finally {
            // kept at up to a usual statement's size: trimmed to 1 MiB after each, it was grown again for the next,
            // and with 300 KB rows those steps were 70% of the bytes a load allocated (benchmarks/HISTORY.md)
            part.clear();
            part.trimTo(usualStatementBytes);
        }
    }
}
