package dev.packload.loader.write;

import java.io.ByteArrayOutputStream;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One session's server-side prepared multi-row INSERTs, one per (shape, columns, rows), kept until the dump changes
 * a table ({@link #closeAll}) and at most {@link #MAX_KEPT} at a time, the least recently used closed first, so a
 * data-only load of many tables stays far below the server's {@code max_prepared_stmt_count}.
 */
public final class PreparedInserts {
    /** Statements kept per session. */
    static final int MAX_KEPT = 64;
    /** Placeholders one statement may have (the protocol counts them in 2 bytes). */
    public static final int MAX_PARAMETERS = 65535;

    private record Key(InsertShape shape, int columns, int rows) {
    }

    private final SqlSession session;
    private final Map<Key, Long> ids = new LinkedHashMap<>(16, 0.75f, true);
    private long prepares;

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
        if (ids.size() > MAX_KEPT) {
            Iterator<Map.Entry<Key, Long>> eldest = ids.entrySet().iterator();
            long old = eldest.next().getValue();
            eldest.remove();
            session.closePrepared(old);
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
