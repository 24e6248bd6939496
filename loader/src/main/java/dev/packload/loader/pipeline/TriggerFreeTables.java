package dev.packload.loader.pipeline;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables this load created, and put no trigger on since: rows sent to them run no code on a writer's session
 * ({@link SessionVariables}), which is known without asking the server (a look at {@code information_schema.TRIGGERS}
 * cost the server 0.2 CPU-s per 1,000 tables here). Every other table is asked about once per writer.
 *
 * <p>Kept with what a statement can tell: a table is added when a {@code CREATE [OR REPLACE] TABLE} without
 * {@code IF NOT EXISTS} ran (with IF NOT EXISTS, a table that was there stays as it was); a trigger's table, by name in
 * any database, is taken out when a trigger statement names it, and every table when one names none (DROP TRIGGER) or
 * when a statement renames or drops tables or columns (a name may then stand for another table). Shared by the writers:
 * a table's rows wait for its CREATE TABLE, and a trigger statement waits for the rows before it.
 */
final class TriggerFreeTables {
    private final Set<String> tables = ConcurrentHashMap.newKeySet();

    void created(String schema, String table) {
        tables.add(key(schema, table));
    }

    /** A trigger statement on {@code table} (in whichever database) ran, or one on tables it can't tell (null). */
    void triggerOn(String table) {
        if (table == null) {
            tables.clear();
            return;
        }
        // by name, whatever its case: a name the server may read as the same table's is taken out too
        String suffix = "\u0000" + table.toLowerCase(Locale.ROOT);
        tables.removeIf(k -> k.toLowerCase(Locale.ROOT).endsWith(suffix));
    }

    /** Tables may have been renamed: none is known any more. */
    void forgetAll() {
        tables.clear();
    }

    boolean contains(String schema, String table) {
        return tables.contains(key(schema, table));
    }

    /** As written: on a server that tells names by case, {@code t} and {@code T} are two tables. */
    private static String key(String schema, String table) {
        return schema + "\u0000" + table;
    }
}
