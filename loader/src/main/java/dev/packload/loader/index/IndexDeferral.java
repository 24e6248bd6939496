package dev.packload.loader.index;

import dev.packload.formats.sql.SqlWords;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.TableStats;
import dev.packload.loader.write.OnDuplicate;
import dev.packload.loader.write.SqlErrors;
import dev.packload.loader.write.SqlSession;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.stream.Collectors;

/**
 * Builds the secondary indexes of the tables a load creates after their rows ({@code --defer-indexes}).
 *
 * <pre>
 *   writer 0, around each ordered statement:
 *     before: ALTER TABLE t ENABLE/DISABLE KEYS of a deferred table  -> skipped; ENABLE starts t's build
 *             a statement that names a deferred table t or its db     -> t is built first (this thread waits)
 *             a statement that names a table tied to t by a foreign
 *             key, while t's build runs                               -> t's build is awaited first
 *             REFERENCES t (cols) that only a deferred index serves   -> t is built first
 *     after:  CREATE TABLE t -> SHOW CREATE TABLE t; the deferrable indexes are dropped while t is empty
 *   builder threads (a connection each): ALTER TABLE t ADD &lt;index line&gt;, ADD &lt;index line&gt;, ...
 *   end of the load: every table not yet built is built; the load waits for all
 * </pre>
 *
 * The writer that runs an ordered statement calls {@link #execute}: writer 0 for a statement every writer lines up
 * for, any writer for DDL of one table (several at once, each with the writers holding that table's rows lined up
 * behind it). Its bookkeeping before and after the statement is done under the deferral's lock, the statement itself
 * outside it, so tables' DDL still runs in parallel; {@link #finish} runs once the writers are done. The deferral reads
 * and drops indexes on a connection of its own (the planner) and builds them on others, all under the same fixed
 * session settings, so what the server printed is read back the same way whatever the dump did to a writer's session.
 */
public final class IndexDeferral implements AutoCloseable {
    /** Opens a connection for the deferral's own use. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    /** The ordered statement itself, run on writer 0's session. */
    @FunctionalInterface
    public interface Run {
        void run() throws SQLException;
    }

    private final DeferIndexes mode;
    private final boolean uniqueKeysDecideDuplicates;
    private final LoadStats stats;
    private final IndexBuilds builds;
    /** Tables whose indexes are not built yet (or whose build was not awaited yet), by `db`.`table`. */
    private final Map<String, DeferredTable> deferred = new LinkedHashMap<>();
    /**
     * The columns that foreign keys of the tables created so far reference, by `db`.`table`: a table created after a
     * table that references it keeps the indexes those keys need. (Keys of tables that were there before the load are
     * the server's to guard: the indexes are dropped with foreign key checks on, which refuses to drop such an index.)
     */
    private final Map<String, List<List<String>>> referencedBy = new HashMap<>();
    /**
     * The names of the tables each table's foreign keys tie it to, either way, by `db`.`table`: DDL on one of them
     * while the other's ALTER TABLE runs can fail the ALTER on a dictionary lock, so it waits for the build.
     */
    private final Map<String, Set<String>> related = new HashMap<>();
    /**
     * The planner connection of each writer thread that runs DDL: a table's indexes are read and dropped outside the
     * deferral's lock, so the DDL of other tables goes on meanwhile.
     */
    private final ThreadLocal<Connection> planners = new ThreadLocal<>();
    private final BuildLog log;

    private IndexDeferral(DeferIndexes mode, OnDuplicate onDuplicate, Connections connections, int builders,
                          LoadStats stats, BuildLog log) {
        this.log = log;
        this.mode = mode;
        this.uniqueKeysDecideDuplicates = onDuplicate == OnDuplicate.IGNORE || onDuplicate == OnDuplicate.REPLACE
                || onDuplicate == OnDuplicate.UPDATE;
        this.stats = stats;
        this.builds = new IndexBuilds(connections, builders, stats, log);
    }

    /**
     * The deferral of a load, or null with {@code --defer-indexes off}.
     *
     * @param builders how many tables may be built at once (each on a connection of its own)
     */
    public static IndexDeferral create(DeferIndexes mode, OnDuplicate onDuplicate, Connections connections,
                                       int builders, LoadStats stats) {
        return create(mode, onDuplicate, connections, builders, stats, BuildLog.NONE);
    }

    /** The same, telling {@code log} of every deferral and build (a journal). */
    public static IndexDeferral create(DeferIndexes mode, OnDuplicate onDuplicate, Connections connections,
                                       int builders, LoadStats stats, BuildLog log) {
        return mode == DeferIndexes.OFF ? null
                : new IndexDeferral(mode, onDuplicate, connections, builders, stats, log);
    }

    /**
     * Runs an ordered statement on writer 0 with the deferral around it (see the class comment).
     *
     * @param parsed     the statement's names if already read, or null
     * @param smallTable for a CREATE TABLE: its rows are all read and under {@code --defer-indexes-from}, so it keeps
     *                   its indexes
     * @return false when the statement was not sent: {@code ENABLE KEYS} or {@code DISABLE KEYS} of a deferred table,
     *         which InnoDB ignores, and which would wait for the table's build
     * @throws DeferredIndexException when a build the statement waited for failed
     */
    public boolean execute(SqlSession session, byte[] b, int len, StatementTables parsed, Run statement,
                           boolean smallTable) throws SQLException {
        StatementTables names = parsed;
        synchronized (this) {
            if (!deferred.isEmpty()) {
                settleFinished();
                startLoaded();
                if (names == null) {
                    names = StatementTables.of(b, 0, len);
                }
                StatementTables.KeysToggle toggle = names.keysToggle();
                DeferredTable d = toggle == null ? null : find(session, toggle.table());
                if (d != null) {
                    if (toggle.enable()) {
                        start(d); // the table's rows are in: build while the next tables load
                    }
                    return false;
                }
                awaitNeeded(session, names);
            }
        }
        try {
            statement.run();
        } catch (SQLException e) {
            synchronized (this) {
                if (!refusedForAMissingIndex(e) || deferred.isEmpty()) {
                    throw e;
                }
                awaitAll(); // a foreign key to a deferred index the names above did not show: build all, then again
            }
            statement.run();
        }
        if (startsWithCreate(b, len)) {
            StatementTables created = names != null ? names : StatementTables.of(b, 0, len);
            if (created.createdTable() != null && created.mayHaveIndexes() && !smallTable) {
                deferIndexesOf(session, created.createdTable());
            }
        }
        return true;
    }

    /**
     * Builds every table not built yet and waits for all builds; called once the writers are done. The load must not
     * report success before this returns.
     *
     * @throws DeferredIndexException naming each table whose build failed
     */
    public synchronized void finish() throws DeferredIndexException {
        List<DeferredTable> all = new ArrayList<>(deferred.values());
        all.forEach(this::start);
        List<String> failures = new ArrayList<>();
        DeferredIndexException first = null;
        for (DeferredTable d : all) {
            try {
                await(d);
            } catch (DeferredIndexException e) {
                failures.add(e.getMessage());
                first = first == null ? e : first;
            }
        }
        if (failures.size() > 1) {
            throw new DeferredIndexException(String.join("\n", failures), (SQLException) first.getCause());
        }
        if (first != null) {
            throw first;
        }
    }

    /** Ends the builder threads and closes the deferral's connections; call after {@link #finish}. */
    @Override
    public void close() {
        builds.close();
    }

    // ---- on writer 0's sender thread ----------------------------------------------------------------------------

    private DeferredTable find(SqlSession session, StatementTables.Name name) throws SQLException {
        String db = name.schema() != null ? name.schema() : session.currentDatabase();
        return db == null ? null : deferred.get(DeferredTable.key(db, name.table()));
    }

    /**
     * Waits for the tables the statement names (or whose database it names: DROP DATABASE), for those being built
     * that a table it names has a foreign key with, and for those whose deferred index a new foreign key needs (or that
     * are being built).
     */
    private void awaitNeeded(SqlSession session, StatementTables names) throws SQLException {
        for (DeferredTable d : new ArrayList<>(deferred.values())) {
            boolean related = d.build != null && this.related.getOrDefault(d.key(), Set.of()).stream()
                    .anyMatch(names::mentions);
            if (names.mentions(d.table.table()) || names.mentions(d.table.schema()) || related) {
                await(d);
            }
        }
        for (StatementTables.Reference r : names.references()) {
            DeferredTable d = find(session, r.table());
            if (d != null && (d.build != null || !d.keptIndexServes(r.columns()))) {
                await(d);
            }
        }
    }

    private void awaitAll() throws DeferredIndexException {
        for (DeferredTable d : new ArrayList<>(deferred.values())) {
            await(d);
        }
    }

    /** Takes finished builds off the list; a failed one fails the load now rather than at its end. */
    private void settleFinished() throws DeferredIndexException {
        for (DeferredTable d : new ArrayList<>(deferred.values())) {
            if (d.build != null && d.build.isDone()) {
                await(d);
            }
        }
    }

    /**
     * Starts the build of every table that got rows since it was created and has none in flight (every row read of it
     * is loaded or rejected): no table's rows come after a statement that is not theirs, so a dump without
     * {@code ENABLE KEYS}, such as {@code mariadb-dump --compact}, gets its builds started at a later table's DDL. (The
     * writers run tables' DDL in parallel, so rows read before this statement may still be on their way: those tables
     * wait for a later statement, or for {@link #finish}.)
     */
    private void startLoaded() {
        for (DeferredTable d : deferred.values()) {
            TableStats t = stats.find(d.statsName);
            if (d.build == null && t != null && settled(t) > d.settledAtCreate && settled(t) == t.rowsRead()) {
                start(d);
            }
        }
    }

    /** Rows of a table loaded or rejected so far; rows read but not yet settled don't count. */
    private long settled(String statsName) {
        TableStats t = stats.find(statsName);
        return t == null ? 0 : settled(t);
    }

    private static long settled(TableStats t) {
        return t.rowsLoaded() + t.rowsRejected();
    }

    /**
     * Errors a CREATE or ALTER TABLE gets for a foreign key whose referenced table lacks the index (MariaDB 1005 with
     * errno 150, MySQL 1215 and 1822).
     */
    private static boolean refusedForAMissingIndex(SQLException e) {
        return (e.getErrorCode() == 1005 && String.valueOf(e.getMessage()).contains("150"))
                || e.getErrorCode() == 1215 || e.getErrorCode() == 1822;
    }

    private static boolean startsWithCreate(byte[] b, int len) {
        return new SqlWords(b, 0, len).word().equals("CREATE");
    }

    /**
     * After a CREATE TABLE: drops the indexes that may wait, while the table is still empty. The server is asked on
     * the calling thread's planner outside the lock; nothing else touches the table meanwhile (its rows and later DDL
     * wait for this statement, and a statement of several tables lines every writer up).
     */
    private void deferIndexesOf(SqlSession session, StatementTables.Name created) throws SQLException {
        String db = created.schema() != null ? created.schema() : session.currentDatabase();
        if (db == null) {
            return;
        }
        String key = DeferredTable.key(db, created.table());
        List<List<String>> referencing;
        synchronized (this) {
            deferred.remove(key); // built before the statement ran (it names the table)
            referencing = List.copyOf(referencedBy.getOrDefault(key, List.of()));
        }
        Connection c;
        TableIndexes table;
        try {
            c = planner();
            table = TableIndexes.read(c, db, created.table(), referencing);
        } catch (SQLException e) {
            stats.notice("--defer-indexes: could not read the indexes of " + key + "; they are built with the table: "
                    + SqlErrors.describe(e));
            return;
        }
        synchronized (this) {
            for (TableIndexes.Reference r : table.references()) {
                String referenced = DeferredTable.key(r.schema(), r.table());
                referencedBy.computeIfAbsent(referenced, k -> new ArrayList<>()).add(r.columns());
                related.computeIfAbsent(referenced, k -> new HashSet<>()).add(table.table());
                related.computeIfAbsent(key, k -> new HashSet<>()).add(r.table());
            }
        }
        DeferralPlan plan = DeferralPlan.of(table, mode, uniqueKeysDecideDuplicates);
        if (plan.dropNow().isEmpty() || hasRows(c, table)) {
            return; // CREATE TABLE … SELECT, or IF NOT EXISTS of a table that was there
        }
        String statsName = created.schema() == null ? created.table() : created.schema() + "." + created.table();
        DeferredTable d = new DeferredTable(table, plan, statsName, settled(statsName));
        try {
            log.deferred(c, d.key(), d.addStatement()); // first: a build the journal knows of survives an interruption
            IndexBuilds.execute(c, d.dropStatement());
        } catch (SQLException e) {
            if (SqlErrors.classify(e) == SqlErrors.Kind.CONNECTION) {
                throw new DeferredIndexException("lost the connection while dropping the indexes of "
                        + table.quotedName() + " to build them after its rows; the table may lack " + plan.dropNow()
                        .stream().map(TableIndexes.Index::definition).collect(Collectors.joining(", ")) + ": check it"
                        + " with SHOW CREATE TABLE and load again: " + SqlErrors.describe(e), e);
            }
            stats.notice("--defer-indexes: the server would not drop the indexes of " + table.quotedName()
                    + " to build them after its rows, so they are built with the table: " + SqlErrors.describe(e));
            return;
        }
        synchronized (this) {
            deferred.put(d.key(), d);
        }
    }

    private Connection planner() throws SQLException {
        Connection c = planners.get();
        if (c == null) {
            c = builds.open(); // closed with the builders' connections
            planners.set(c);
        }
        return c;
    }

    private static boolean hasRows(Connection c, TableIndexes t) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1 FROM " + t.quotedName()
                + " LIMIT 1")) {
            return rs.next();
        }
    }

    private void start(DeferredTable d) {
        builds.start(d);
    }

    /** Waits for a table's build (starting it if need be) and takes it off the list. */
    private void await(DeferredTable d) throws DeferredIndexException {
        try {
            builds.await(d);
        } finally {
            deferred.remove(d.key());
        }
    }
}
