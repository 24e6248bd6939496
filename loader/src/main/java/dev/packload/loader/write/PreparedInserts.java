package dev.packload.loader.write;

import java.io.ByteArrayOutputStream;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One session's server-side prepared multi-row INSERTs, one per (shape, columns, rows), kept until the dump changes
 * a table ({@link #closeAll}). The server holds each one's parsed form, about 450 bytes per placeholder on MariaDB
 * 10.11 (a 1,024-row INSERT of 50 columns: 23 MB), so at most {@link #MAX_KEPT_PARAMETERS} placeholders and
 * {@link #MAX_KEPT} statements are kept, the least recently used closed first: a data-only load of many tables stays
 * within some 30 MB of server memory per writer and far below {@code max_prepared_stmt_count}.
 */
public final class PreparedInserts {
    /** Statements kept per session. */
    static final int MAX_KEPT = 64;
    /** Placeholders kept per session, over all its statements. */
    static final int MAX_KEPT_PARAMETERS = 1 << 16;
    /** The most placeholders packload puts in one statement (about 7 MB of server memory while it is kept). */
    public static final int MAX_STATEMENT_PARAMETERS = 1 << 14;
    /** Placeholders one statement may have (the protocol counts them in 2 bytes). */
    public static final int MAX_PARAMETERS = 65535;

    private record Key(InsertShape shape, int columns, int rows) {
    }

    private final SqlSession session;
    private final Map<Key, Long> ids = new LinkedHashMap<>(16, 0.75f, true);
    private long prepares;
    private long keptParameters;

    public PreparedInserts(SqlSession session) {
        this.session = session;
    }

    /** The statement for these rows if it is prepared already, else null. */
    public Long cached(InsertShape shape, int columns, int rows) {
        return ids.get(new Key(shape, columns, rows));
    }

    /** Prepares {@code shape}'s INSERT with {@code rows} tuples of {@code columns} placeholders; returns its id. */
    public long prepare(InsertShape shape, int columns, int rows) throws SQLException {
        Key key = new Key(shape, columns, rows);
        Long known = ids.get(key);
        if (known != null) {
            return known;
        }
        long id = session.prepare(sql(shape, columns, rows), columns * rows);
        prepares++;
        ids.put(key, id);
        keptParameters += (long) columns * rows;
        Iterator<Map.Entry<Key, Long>> eldest = ids.entrySet().iterator();
        while (ids.size() > 1 && (ids.size() > MAX_KEPT || keptParameters > MAX_KEPT_PARAMETERS)) {
            Map.Entry<Key, Long> e = eldest.next();
            keptParameters -= (long) e.getKey().columns() * e.getKey().rows();
            eldest.remove();
            session.closePrepared(e.getValue());
        }
        return id;
    }

    /** Statements prepared so far. */
    public long prepares() {
        return prepares;
    }

    /** Closes every statement: the tables they name may have changed. */
    public void closeAll() throws SQLException {
        for (long id : ids.values()) {
            session.closePrepared(id);
        }
        ids.clear();
        keptParameters = 0;
    }

    /** Placeholders of the statements kept now. */
    long keptParameters() {
        return keptParameters;
    }

    /** Statements kept now. */
    int kept() {
        return ids.size();
    }

    /** {@code <prefix>(?,?),(?,?)<suffix>}: the shape's own bytes around the placeholders. */
    static byte[] sql(InsertShape shape, int columns, int rows) {
        if ((long) columns * rows > MAX_PARAMETERS) {
            throw new IllegalArgumentException(columns + " columns x " + rows + " rows is more than "
                    + MAX_PARAMETERS + " parameters");
        }
        byte[] tuple = new byte[2 * columns + 1];
        tuple[0] = '(';
        for (int c = 0; c < columns; c++) {
            tuple[1 + 2 * c] = '?';
            tuple[2 + 2 * c] = (byte) (c + 1 < columns ? ',' : ')');
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(shape.prefix().length + rows * (tuple.length + 1)
                + shape.suffix().length);
        out.writeBytes(shape.prefix());
        for (int r = 0; r < rows; r++) {
            if (r > 0) {
                out.write(',');
            }
            out.writeBytes(tuple);
        }
        out.writeBytes(shape.suffix());
        return out.toByteArray();
    }
}
