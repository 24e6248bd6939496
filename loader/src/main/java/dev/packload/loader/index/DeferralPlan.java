package dev.packload.loader.index;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of a table's indexes may be built after its rows. Never the primary key; unique keys only under
 * {@code --defer-indexes all}, when no duplicate handling depends on them and the table has a primary key (else InnoDB
 * clusters the rows by the first NOT NULL unique key). Kept as well: every index a foreign key needs (the key's columns
 * as a left prefix, on either side), and the first index whose first column is the AUTO_INCREMENT column.
 *
 * <p>The server keeps indexes sorted: unique ones first (the primary key leading), then plain ones (SPATIAL among
 * them), then fulltext ones, each class in the order the indexes were added. An index added later goes to the end of
 * its class; so that the table ends with its indexes in the source's order (SHOW CREATE TABLE equal, and so the next
 * dump of it), a kept index that follows a deferred one of its class is dropped and added again in the same final
 * ALTER TABLE, in its place. It was there all through the load, and the server builds it in the same pass as the
 * others.
 *
 * @param dropNow  the indexes dropped while the table is empty
 * @param addAfter the indexes the final ALTER TABLE adds, in the table's order: those dropped now, and the kept ones
 *                 that follow one of them in their class (dropped and added again in that statement)
 */
record DeferralPlan(List<TableIndexes.Index> dropNow, List<TableIndexes.Index> addAfter) {

    static final DeferralPlan NONE = new DeferralPlan(List.of(), List.of());

    /** The indexes added again after the rows that stayed through the load. */
    List<TableIndexes.Index> moved() {
        return addAfter.stream().filter(i -> !dropNow.contains(i)).toList();
    }

    static DeferralPlan of(TableIndexes t, DeferIndexes mode, boolean uniqueKeysDecideDuplicates) {
        if (mode == DeferIndexes.OFF || !t.innoDb()) {
            return NONE;
        }
        boolean uniqueMayWait = mode == DeferIndexes.ALL && !uniqueKeysDecideDuplicates && t.hasPrimaryKey();
        Set<String> kept = new HashSet<>();
        for (TableIndexes.Index i : t.indexes()) {
            boolean deferrable = switch (i.kind()) {
                case PRIMARY -> false;
                case UNIQUE -> uniqueMayWait;
                case PLAIN, FULLTEXT -> true;
            };
            if (!deferrable || t.foreignKeys().stream().anyMatch(i::startsWith)) {
                kept.add(i.name());
            }
        }
        if (t.autoIncrementColumn() != null) {
            t.indexes().stream().filter(i -> i.startsWith(List.of(t.autoIncrementColumn()))).findFirst()
                    .ifPresent(i -> kept.add(i.name()));
        }
        List<TableIndexes.Index> dropNow = new ArrayList<>();
        List<TableIndexes.Index> addAfter = new ArrayList<>();
        for (TableIndexes.Kind k : List.of(TableIndexes.Kind.UNIQUE, TableIndexes.Kind.PLAIN,
                TableIndexes.Kind.FULLTEXT)) {
            boolean afterDeferred = false;
            for (TableIndexes.Index i : t.indexes()) {
                if (sortClass(i.kind()) != k) {
                    continue;
                }
                if (!kept.contains(i.name())) {
                    dropNow.add(i);
                    addAfter.add(i);
                    afterDeferred = true;
                } else if (afterDeferred) {
                    addAfter.add(i); // PRIMARY never gets here: it leads its class
                }
            }
        }
        return dropNow.isEmpty() ? NONE : new DeferralPlan(List.copyOf(dropNow), List.copyOf(addAfter));
    }

    /** PRIMARY and UNIQUE sort as one class. */
    private static TableIndexes.Kind sortClass(TableIndexes.Kind k) {
        return k == TableIndexes.Kind.PRIMARY ? TableIndexes.Kind.UNIQUE : k;
    }
}
