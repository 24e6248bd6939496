package dev.packload.loader.write;

import dev.packload.formats.sql.SqlWords;
import com.mysql.cj.jdbc.JdbcConnection;
import dev.packload.formats.sql.TupleValues;
import dev.packload.formats.sql.TupleValues.Kind;
import dev.packload.formats.sql.TupleValues.Value;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Loads a row whose INSERT alone is bigger than the statement budget.
 *
 * <p>With a key that identifies the row: the row is inserted with its largest string and binary values empty, then
 * each of them is appended in chunks with {@code UPDATE t SET c = CONCAT(c, ?) WHERE key}, each chunk a server-side
 * prepared statement parameter that fits the budget. Everything sits behind a savepoint in the writer's transaction;
 * warnings (1301: CONCAT went past max_allowed_packet and returned NULL) and the final {@code LENGTH(c)} are checked.
 *
 * <p>Without such a key: one server-side prepared INSERT whose big values are streamed as long data
 * (COM_STMT_SEND_LONG_DATA) in chunks under the budget.
 *
 * <p>A single value larger than the server's {@code max_allowed_packet} fits no client method; the row is rejected
 * with the setting that would let it in.
 */
public final class OversizedRowWriter {
    private static final Set<String> UTF8 = Set.of("utf8", "utf8mb3", "utf8mb4");
    private static final Set<String> SINGLE_BYTE = Set.of("latin1", "latin2", "latin5", "latin7", "ascii", "cp1250",
            "cp1251", "cp1256", "cp1257", "cp850", "cp852", "cp866", "dec8", "greek", "hebrew", "hp8", "keybcs2",
            "koi8r", "koi8u", "macce", "macroman", "swe7", "tis620", "armscii8", "geostd8");
    /** Bytes kept back from the budget for the UPDATE's own text, the packet header and the key parameters. */
    private static final int APPEND_OVERHEAD = 512;

    private final SqlSession session;
    private final long serverVersion;
    private final StatementBuffer scratch;

    public enum Outcome {
        /** The row is in the table. */
        LOADED,
        /** INSERT IGNORE found the key already there: nothing was written, as asked. */
        IGNORED
    }

    /** What to load: the statement shape, the table, the explicit column list (may be empty) and the raw tuple. */
    public record Row(InsertShape shape, String quotedTable, List<String> explicitColumns, boolean ignoreDuplicates,
                      byte[] tuple, int off, int len, boolean noBackslashEscapes) {
    }

    public OversizedRowWriter(SqlSession session, long serverVersion) {
        this.session = session;
        this.serverVersion = serverVersion;
        this.scratch = new StatementBuffer(session.budget().headerBytes(), session.budget().statementBytes(), 4096);
    }

    public Outcome write(Row row, TableMeta meta) throws SQLException, RowRejectedException {
        List<Value> values;
        try {
            values = TupleValues.split(row.tuple(), row.off(), row.len(), row.noBackslashEscapes(), serverVersion);
        } catch (IllegalArgumentException e) {
            throw new RowRejectedException("malformed VALUES tuple: " + e.getMessage());
        }
        List<String> names = row.explicitColumns().isEmpty() ? meta.columnNames() : row.explicitColumns();
        if (values.size() != names.size()) {
            throw new RowRejectedException("the row has " + values.size() + " values but " + meta.table() + " takes "
                    + names.size() + " columns");
        }
        int limit = session.budget().statementBytes();
        boolean[] big = chooseBigValues(row, meta, values, names, limit);
        byte[][] decoded = new byte[values.size()][];
        for (int i = 0; i < values.size(); i++) {
            if (big[i]) {
                decoded[i] = TupleValues.decode(row.tuple(), values.get(i), row.noBackslashEscapes());
                checkValueFits(meta, names.get(i), decoded[i].length);
            }
        }
        TableMeta.Key key = usableKey(meta, values, names, big);
        checkReplicasTakeIt(values, big, decoded, key != null);
        session.execute("SAVEPOINT packload_row");
        try {
            Outcome outcome = key != null
                    ? insertThenAppend(row, meta, values, names, big, decoded, key)
                    : insertWithLongData(row, meta, values, names, big, decoded);
            session.execute("RELEASE SAVEPOINT packload_row");
            return outcome;
        } catch (SQLException e) {
            rollbackToSavepoint();
            if (SqlErrors.classify(e) == SqlErrors.Kind.DATA || SqlErrors.classify(e) == SqlErrors.Kind.STATEMENT) {
                throw new RowRejectedException(SqlErrors.describe(e), e);
            }
            throw e;
        } catch (RowRejectedException e) {
            rollbackToSavepoint();
            throw e;
        }
    }

    private void rollbackToSavepoint() throws SQLException {
        session.execute("ROLLBACK TO SAVEPOINT packload_row");
        session.execute("RELEASE SAVEPOINT packload_row");
    }

    /** Marks the largest string/binary values to be sent apart, until the rest of the row fits one statement. */
    private boolean[] chooseBigValues(Row row, TableMeta meta, List<Value> values, List<String> names, int limit)
            throws RowRejectedException {
        long size = row.shape().prefix().length + row.shape().suffix().length + 2L + Math.max(0, values.size() - 1);
        for (Value v : values) {
            size += v.len();
        }
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Kind k = values.get(i).kind();
            TableMeta.Column col = meta.column(names.get(i));
            if ((k == Kind.STRING || k == Kind.HEX) && col != null && col.isAppendable() && !col.generated()) {
                candidates.add(i);
            }
        }
        candidates.sort(Comparator.comparingInt((Integer i) -> values.get(i).len()).reversed());
        boolean[] big = new boolean[values.size()];
        for (int i : candidates) {
            if (size <= limit - APPEND_OVERHEAD) {
                break;
            }
            big[i] = true;
            size -= values.get(i).len() - 2; // the value becomes ''
        }
        if (size > limit - APPEND_OVERHEAD) {
            throw new RowRejectedException("the row is " + size + " bytes even with its string and binary values sent "
                    + "apart, over the statement budget of " + limit + " bytes; raise max_allowed_packet");
        }
        return big;
    }

    /**
     * Refuses the row, before anything of it is sent, when a binlog event its chunked load writes would be bigger than
     * a replica named with {@code --replica} takes ({@link Replication#largestEvent}).
     */
    private void checkReplicasTakeIt(List<Value> values, boolean[] big, byte[][] decoded, boolean appended)
            throws RowRejectedException {
        Replication replication = session.budget().replication();
        if (replication.tightest() == null) {
            return;
        }
        long row = 0;
        long bigBytes = 0;
        long largest = 0;
        for (int i = 0; i < values.size(); i++) {
            long n = big[i] ? decoded[i].length : values.get(i).len();
            row += n;
            if (big[i]) {
                bigBytes += n;
                largest = Math.max(largest, n);
            }
        }
        String refusal = replication.refusal(replication.largestEvent(row, bigBytes, largest, appended), appended);
        if (refusal != null) {
            throw new RowRejectedException(refusal);
        }
    }

    private void checkValueFits(TableMeta meta, String column, long size) throws RowRejectedException {
        long limit = session.budget().largestValue();
        if (size > limit) {
            throw new RowRejectedException(valueTooLargeMessage(meta.schema() + "." + meta.table(), column, size, limit));
        }
    }

    /** The message for a value no client can store, with the server setting that would let it in. */
    public static String valueTooLargeMessage(String table, String column, long size, long limit) {
        long maxSetting = 1L << 30;
        String fix;
        if (size > maxSetting) {
            fix = "no server setting can hold it: max_allowed_packet is at most 1073741824 (1 GiB)";
        } else {
            long mib = 1L << 20;
            long suggested = Math.min(maxSetting, ((size + 64 * 1024) + mib - 1) / mib * mib);
            fix = "fix: SET GLOBAL max_allowed_packet = " + suggested + "; (also on replicas, and "
                    + "slave/replica_max_allowed_packet), then reconnect and re-load the reject file";
        }
        return "value too large for the server: column " + table + "." + column + " holds " + size
                + " bytes, but the server's max_allowed_packet is " + limit + " bytes, so no client can store it; " + fix;
    }

    /** A primary or unique key whose columns all have plain, non-NULL values in this row and are not sent apart. */
    private static TableMeta.Key usableKey(TableMeta meta, List<Value> values, List<String> names, boolean[] big) {
        for (TableMeta.Key key : meta.keys()) {
            if (key.prefixed()) {
                continue;
            }
            boolean ok = true;
            for (String kc : key.columns()) {
                int i = indexOf(names, kc);
                if (i < 0 || big[i]) {
                    ok = false;
                    break;
                }
                Kind kind = values.get(i).kind();
                if (kind != Kind.NUMBER && kind != Kind.STRING && kind != Kind.HEX && kind != Kind.BIT) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return key;
            }
        }
        return null;
    }

    private static int indexOf(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private Outcome insertThenAppend(Row row, TableMeta meta, List<Value> values, List<String> names, boolean[] big,
                                     byte[][] decoded, TableMeta.Key key) throws SQLException, RowRejectedException {
        scratch.clear();
        scratch.append(row.shape().prefix());
        scratch.append((byte) '(');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                scratch.append((byte) ',');
            }
            Value v = values.get(i);
            if (big[i]) {
                scratch.append((byte) '\'');
                scratch.append((byte) '\'');
            } else {
                scratch.append(row.tuple(), v.off(), v.len());
            }
        }
        scratch.append((byte) ')');
        scratch.append(row.shape().suffix());
        long inserted = session.execute(scratch);
        scratch.trimTo(4096);
        if (inserted == 0 && row.ignoreDuplicates()) {
            return Outcome.IGNORED;
        }
        String clientCharset = clientCharset();
        StringBuilder where = new StringBuilder(" WHERE ");
        List<byte[]> keyParams = new ArrayList<>();
        int keyBytes = 0;
        for (int k = 0; k < key.columns().size(); k++) {
            int i = indexOf(names, key.columns().get(k));
            Value v = values.get(i);
            where.append(k == 0 ? "" : " AND ").append(quote(names.get(i))).append(" = ");
            if (v.kind() == Kind.NUMBER) {
                where.append(new String(row.tuple(), v.off(), v.len(), StandardCharsets.US_ASCII));
            } else {
                byte[] kb = TupleValues.decode(row.tuple(), v, row.noBackslashEscapes());
                keyParams.add(kb);
                keyBytes += kb.length + 9;
                TableMeta.Column col = meta.column(names.get(i));
                where.append(col != null && col.isText() ? "CONVERT(? USING " + charsetOf(v, clientCharset) + ")" : "?");
            }
        }
        int chunkLimit = session.budget().statementBytes() - APPEND_OVERHEAD - keyBytes - where.length();
        if (chunkLimit < 1024) {
            throw new RowRejectedException("the row's key is too large to append its values in chunks under the "
                    + "statement budget of " + session.budget().statementBytes() + " bytes");
        }
        StringBuilder lengths = new StringBuilder("SELECT ");
        List<Long> expected = new ArrayList<>();
        JdbcConnection jdbc = session.connection().unwrap(JdbcConnection.class);
        for (int i = 0; i < values.size(); i++) {
            if (!big[i]) {
                continue;
            }
            TableMeta.Column col = meta.column(names.get(i));
            String cs = col.isText() ? charsetOf(values.get(i), clientCharset) : null;
            String param = cs == null ? "?" : "CONVERT(? USING " + cs + ")";
            String sql = "UPDATE " + row.quotedTable() + " SET " + quote(col.name()) + " = CONCAT(" + quote(col.name())
                    + ", " + param + ")" + where;
            try (PreparedStatement ps = jdbc.serverPrepareStatement(sql)) {
                byte[] value = decoded[i];
                int pos = 0;
                while (pos < value.length) {
                    int end = chunkEnd(value, pos, chunkLimit, cs);
                    ps.setBytes(1, Arrays.copyOfRange(value, pos, end));
                    for (int p = 0; p < keyParams.size(); p++) {
                        ps.setBytes(2 + p, keyParams.get(p));
                    }
                    int n = ps.executeUpdate();
                    checkNoWarnings(ps.getWarnings(), meta, col.name());
                    if (n != 1) {
                        throw new RowRejectedException("appending to " + col.name() + " matched " + n + " rows by key "
                                + key.name() + " instead of 1");
                    }
                    pos = end;
                }
            }
            lengths.append(expected.isEmpty() ? "" : ", ")
                    .append(cs == null ? "LENGTH(" + quote(col.name()) + ")"
                            : "LENGTH(CONVERT(" + quote(col.name()) + " USING " + cs + "))");
            expected.add((long) decoded[i].length);
        }
        lengths.append(" FROM ").append(row.quotedTable()).append(where);
        verifyLengths(lengths.toString(), keyParams, expected, meta);
        return Outcome.LOADED;
    }

    private void verifyLengths(String sql, List<byte[]> keyParams, List<Long> expected, TableMeta meta)
            throws SQLException, RowRejectedException {
        try (PreparedStatement ps = session.connection().unwrap(JdbcConnection.class).serverPrepareStatement(sql)) {
            for (int p = 0; p < keyParams.size(); p++) {
                ps.setBytes(1 + p, keyParams.get(p));
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new RowRejectedException("the appended row could not be found again by its key");
                }
                for (int i = 0; i < expected.size(); i++) {
                    long got = rs.getLong(i + 1);
                    if (rs.wasNull() || got != expected.get(i)) {
                        throw new RowRejectedException("after appending, a value of " + meta.table() + " holds "
                                + (rs.wasNull() ? "NULL" : got + " bytes") + " instead of " + expected.get(i)
                                + " bytes; the server cut it (max_allowed_packet?)");
                    }
                }
            }
        }
    }

    private Outcome insertWithLongData(Row row, TableMeta meta, List<Value> values, List<String> names, boolean[] big,
                                       byte[][] decoded) throws SQLException, RowRejectedException {
        String clientCharset = clientCharset();
        StringBuilder sql = new StringBuilder(row.shape().verb().sql()).append(" INTO ").append(row.quotedTable()).append(" (");
        for (int i = 0; i < names.size(); i++) {
            sql.append(i == 0 ? "" : ",").append(quote(names.get(i)));
        }
        sql.append(") VALUES (");
        List<Object[]> binds = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Value v = values.get(i);
            sql.append(i == 0 ? "" : ",");
            switch (v.kind()) {
                case NULL, NUMBER -> sql.append(new String(row.tuple(), v.off(), v.len(), StandardCharsets.US_ASCII));
                case STRING, HEX, BIT -> {
                    TableMeta.Column col = meta.column(names.get(i));
                    boolean text = col != null && col.isText() && v.kind() == Kind.STRING;
                    sql.append(text ? "CONVERT(? USING " + charsetOf(v, clientCharset) + ")" : "?");
                    byte[] b = big[i] ? decoded[i] : TupleValues.decode(row.tuple(), v, row.noBackslashEscapes());
                    binds.add(new Object[] {b, big[i]});
                }
                default -> {
                    String expr = new String(row.tuple(), v.off(), v.len(), StandardCharsets.ISO_8859_1);
                    if (!expr.chars().allMatch(ch -> ch < 128)) {
                        throw new RowRejectedException("the row is too large for one statement, its table has no "
                                + "primary or NOT NULL unique key, and value " + (i + 1) + " is an expression with "
                                + "non-ASCII bytes that cannot be sent as a parameter");
                    }
                    sql.append(expr);
                }
            }
        }
        sql.append(')').append(row.shape().suffixText());
        try (PreparedStatement ps = session.connection().unwrap(JdbcConnection.class).serverPrepareStatement(sql.toString())) {
            for (int p = 0; p < binds.size(); p++) {
                byte[] b = (byte[]) binds.get(p)[0];
                if ((Boolean) binds.get(p)[1]) {
                    ps.setBinaryStream(p + 1, new ByteArrayInputStream(b), b.length);
                } else {
                    ps.setBytes(p + 1, b);
                }
            }
            int n = ps.executeUpdate();
            checkNoWarnings(ps.getWarnings(), meta, null);
            return n == 0 && row.ignoreDuplicates() ? Outcome.IGNORED : Outcome.LOADED;
        }
    }

    private static void checkNoWarnings(SQLWarning w, TableMeta meta, String column) throws RowRejectedException {
        if (w != null) {
            throw new RowRejectedException("the server warned while loading " + meta.table()
                    + (column == null ? "" : "." + column) + ": " + w.getErrorCode() + " " + w.getMessage());
        }
    }

    /** End of the next chunk: at most {@code limit} bytes, never cutting a character of a multi-byte charset. */
    static int chunkEnd(byte[] value, int pos, int limit, String charset) throws RowRejectedException {
        int end = (int) Math.min(value.length, (long) pos + limit);
        if (end == value.length || charset == null || SINGLE_BYTE.contains(charset) || "binary".equals(charset)) {
            return end;
        }
        if (!UTF8.contains(charset)) {
            throw new RowRejectedException("appending a value in chunks is supported for binary, single-byte and UTF-8 "
                    + "text, not for character set " + charset);
        }
        while (end > pos && (value[end] & 0xC0) == 0x80) {
            end--;
        }
        return end;
    }

    private String clientCharset() throws SQLException {
        try (Statement st = session.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT @@character_set_client")) {
            rs.next();
            return safeCharset(rs.getString(1));
        }
    }

    private static String charsetOf(Value v, String clientCharset) {
        String intro = v.introducer();
        if (intro != null && intro.length() > 1 && !"_binary".equalsIgnoreCase(intro)) {
            return safeCharset(intro.substring(1));
        }
        return clientCharset;
    }

    private static String safeCharset(String cs) {
        String c = cs.toLowerCase(Locale.ROOT);
        if (!c.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("unexpected character set name: " + cs);
        }
        return c;
    }

    private static String quote(String id) {
        return SqlWords.quoteIdentifier(id);
    }
}
