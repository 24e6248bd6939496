package dev.packload.loader.fk;

import dev.packload.formats.sql.SqlWords;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.RejectFile;
import dev.packload.loader.report.TableStats;
import dev.packload.loader.write.TableMeta;
import dev.packload.loader.write.SideWork;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Checks the foreign keys of the tables whose rows went unchecked, and takes out the rows the server would have
 * refused.
 *
 * <pre>
 *   round: each table, on a connection of its own (up to --threads at once), per foreign key:
 *            SELECT COUNT(*) FROM child c LEFT JOIN parent p ON p.x = c.a … WHERE c.a IS NOT NULL … AND p.x IS NULL
 *          each table with orphans, one at a time, per foreign key, in one transaction:
 *            SELECT its columns, as literals, … FOR UPDATE  -> the reject file, each row with the constraint
 *            DELETE c FROM child c LEFT JOIN parent p …     -> exactly as many rows, else rolled back
 *          a table verified is marked so in the log
 *   next round: the tables whose foreign keys reference a table that lost rows (the client had refused their rows
 *               that reference a refused row too), recorded in the log before the rows go
 * </pre>
 *
 * The orphans are deleted with the verification's own checks off, so that no ON DELETE action runs: under the client
 * those rows never existed, and neither did any effect of them. A crash between the reject file and the DELETE leaves
 * the rows in the table and the table unverified in the log: the resumed run finds and rejects them again (the reject
 * file may then hold them twice, as it may hold any row rejected in a transaction an interruption undid).
 */
final class Verification implements AutoCloseable {
    /** Where a row refused after the load came from, in the reject file: its input line is not known any more. */
    static final String WHERE = "the foreign key check after the load (--foreign-key-checks deferred)";
    private static final Set<String> SPATIAL = Set.of("geometry", "point", "linestring", "polygon", "multipoint",
            "multilinestring", "multipolygon", "geometrycollection");

    private final CheckLog log;
    private final LoadStats stats;
    private final RejectFile rejects;
    private final SideWork work;
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();

    Verification(DeferredChecks.Connections connections, int threads, CheckLog log, LoadStats stats,
                 RejectFile rejects) {
        this.log = log;
        this.stats = stats;
        this.rejects = rejects;
        this.work = new SideWork("packload-fk-check", threads, connections::open);
    }

    /** A table's foreign keys and how many of its rows each one refuses. */
    private record Checked(ForeignKey.TableName table, String statsName, List<ForeignKey> keys, long[] orphans) {
        boolean clean() {
            for (long n : orphans) {
                if (n > 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Verifies {@code tables} (with their figures' names), and the tables that the removals concern in turn. */
    void run(Map<ForeignKey.TableName, String> tables) throws SQLException {
        Map<ForeignKey.TableName, String> round = new LinkedHashMap<>(tables);
        Connection main = own();
        while (!round.isEmpty()) {
            List<Future<Checked>> counts = new ArrayList<>();
            for (Map.Entry<ForeignKey.TableName, String> e : round.entrySet()) {
                counts.add(work.submit(() -> count(e.getKey(), e.getValue())));
            }
            Map<ForeignKey.TableName, String> next = new LinkedHashMap<>();
            for (Future<Checked> f : counts) {
                Checked c = await(f);
                if (!c.clean()) {
                    for (ForeignKey.TableName r : ForeignKey.referencing(main, c.table())) {
                        String name = statsName(r, tables);
                        log.deferred(main, new CheckLog.Pending(r, name)); // before its parent loses rows
                        next.put(r, name);
                    }
                    long t0 = System.nanoTime();
                    for (int i = 0; i < c.keys().size(); i++) {
                        if (c.orphans()[i] > 0) {
                            removeOrphans(main, c.keys().get(i), c.statsName());
                        }
                    }
                    stats.table(c.statsName()).foreignKeysVerified(0, System.nanoTime() - t0);
                }
                if (!next.containsKey(c.table())) {
                    log.verified(main, c.table());
                }
            }
            round = next;
        }
    }

    /** On a verification thread: counts the rows each foreign key of the table refuses. */
    private Checked count(ForeignKey.TableName table, String statsName) throws SQLException {
        Connection c = connection.get();
        if (c == null) {
            c = own();
            connection.set(c);
        }
        long t0 = System.nanoTime();
        List<ForeignKey> keys = ForeignKey.of(c, table);
        long[] orphans = new long[keys.size()];
        try (Statement st = c.createStatement()) {
            for (int i = 0; i < keys.size(); i++) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*)" + keys.get(i).orphansFrom())) {
                    rs.next();
                    orphans[i] = rs.getLong(1);
                }
            }
        }
        stats.table(statsName).foreignKeysVerified(keys.size(), System.nanoTime() - t0);
        return new Checked(table, statsName, keys, orphans);
    }

    /**
     * Takes out the rows {@code key} refuses, in one transaction: each to the reject file, as the server's error 1452
     * would have put it, then one DELETE of the same rows.
     */
    private void removeOrphans(Connection c, ForeignKey key, String statsName) throws SQLException {
        TableMeta meta = TableMeta.load(c, key.child().schema(), key.child().table());
        List<TableMeta.Column> columns = meta.columns().stream().filter(col -> !col.generated()).toList();
        StringBuilder select = new StringBuilder("SELECT ");
        StringBuilder head = new StringBuilder("INSERT INTO ").append(key.child().quoted()).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            select.append(i == 0 ? "" : ", ").append(literal(columns.get(i)));
            head.append(i == 0 ? "" : ",").append(SqlWords.quoteIdentifier(columns.get(i).name()));
        }
        byte[] insertHead = head.append(") VALUES ").toString().getBytes(StandardCharsets.UTF_8);
        String reason = reason(key);
        TableStats table = stats.table(statsName);
        c.setAutoCommit(false);
        try {
            long rows = 0;
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(select + key.orphansFrom() + " FOR UPDATE")) {
                while (rs.next()) {
                    StringBuilder tuple = new StringBuilder("(");
                    for (int i = 1; i <= columns.size(); i++) {
                        tuple.append(i == 1 ? "" : ",").append(rs.getString(i));
                    }
                    byte[] b = tuple.append(')').toString().getBytes(StandardCharsets.UTF_8);
                    rejects.reject(WHERE, statsName, reason, insertHead, b, 0, b.length);
                    rows++;
                }
            }
            long deleted;
            try (Statement st = c.createStatement()) {
                deleted = st.executeLargeUpdate("DELETE c" + key.orphansFrom());
            }
            if (deleted != rows) {
                c.rollback();
                throw new SQLException("the foreign key check of " + key.child() + " found " + rows + " rows without "
                        + "a parent, but the DELETE of them matched " + deleted + "; nothing was deleted");
            }
            c.commit();
            table.orphansRemoved(rows);
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The reason a row refused after the load gets: the server's own words for error 1452, and where it was found. */
    static String reason(ForeignKey key) {
        return "ERROR 1452 (23000): Cannot add or update a child row: a foreign key constraint fails ("
                + key.child().quoted() + ", " + key.describe() + "); found by the check after the load "
                + "(--foreign-key-checks deferred): no row of " + key.parent().quoted() + " has these values";
    }

    /**
     * The column's value as SQL that inserts it again: text, numbers and times as {@code QUOTE()} writes them
     * ({@code NULL} unquoted), binary and spatial values in hex, BIT in binary digits.
     */
    static String literal(TableMeta.Column col) {
        String c = "c." + SqlWords.quoteIdentifier(col.name());
        if (col.dataType().equals("bit")) {
            return "IF(" + c + " IS NULL, 'NULL', CONCAT('b''', BIN(" + c + "), ''''))";
        }
        if (col.isBinary() || SPATIAL.contains(col.dataType())) {
            return "IF(" + c + " IS NULL, 'NULL', CONCAT('X''', HEX(" + c + "), ''''))";
        }
        return "QUOTE(" + c + ")";
    }

    /** The name a table's figures go under: as the load named it, else `db`.`table`'s plain parts. */
    private static String statsName(ForeignKey.TableName t, Map<ForeignKey.TableName, String> known) {
        String name = known.get(t);
        if (name != null) {
            return name;
        }
        boolean sameDatabase = known.keySet().stream().anyMatch(k -> k.schema().equals(t.schema())
                && known.get(k).equals(k.table()));
        return sameDatabase ? t.table() : t.schema() + "." + t.table();
    }

    private Connection own() throws SQLException {
        return work.open();
    }

    private static Checked await(Future<Checked> f) throws SQLException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while the foreign keys were checked", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof SQLException q ? q : new SQLException(String.valueOf(c), c);
        }
    }

    @Override
    public void close() {
        work.close();
    }
}
