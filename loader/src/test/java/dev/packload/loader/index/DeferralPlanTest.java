package dev.packload.loader.index;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeferralPlanTest {
    private static final TableIndexes.Kind P = TableIndexes.Kind.PRIMARY;
    private static final TableIndexes.Kind U = TableIndexes.Kind.UNIQUE;
    private static final TableIndexes.Kind K = TableIndexes.Kind.PLAIN;
    private static final TableIndexes.Kind F = TableIndexes.Kind.FULLTEXT;

    private static TableIndexes.Index index(String name, TableIndexes.Kind kind, String... columns) {
        return new TableIndexes.Index(name, kind, List.of(columns), kind + " " + name);
    }

    private static TableIndexes table(String engine, String autoIncrement, List<List<String>> fks,
                                      TableIndexes.Index... indexes) {
        return new TableIndexes("db", "t", engine, List.of(indexes), autoIncrement, fks, List.of());
    }

    private static List<String> names(List<TableIndexes.Index> indexes) {
        List<String> out = new ArrayList<>();
        indexes.forEach(i -> out.add(i.name()));
        return out;
    }

    private static final TableIndexes.Index PK = index("PRIMARY", P, "id");

    @Test
    void nonUniqueDefersPlainFulltextAndSpatialAndKeepsUniqueKeys() {
        TableIndexes t = table("InnoDB", "id", List.of(), PK, index("u", U, "code"), index("k", K, "a"),
                index("sp", K, "pt"), index("ft", F, "body"));
        DeferralPlan plan = DeferralPlan.of(t, DeferIndexes.NON_UNIQUE, false);
        assertEquals(List.of("k", "sp", "ft"), names(plan.dropNow()));
        assertEquals(List.of("k", "sp", "ft"), names(plan.addAfter()));
        assertEquals(List.of(), plan.moved());
    }

    @Test
    void allDefersUniqueKeysUnlessTheyDecideDuplicatesOrThereIsNoPrimaryKey() {
        TableIndexes t = table("InnoDB", null, List.of(), PK, index("u", U, "code"), index("k", K, "a"));
        assertEquals(List.of("u", "k"), names(DeferralPlan.of(t, DeferIndexes.ALL, false).dropNow()));
        assertEquals(List.of("k"), names(DeferralPlan.of(t, DeferIndexes.ALL, true).dropNow()),
                "--on-duplicate ignore/replace/update: the unique key decides which rows survive");
        TableIndexes noPk = table("InnoDB", null, List.of(), index("u", U, "code"), index("k", K, "a"));
        assertEquals(List.of("k"), names(DeferralPlan.of(noPk, DeferIndexes.ALL, false).dropNow()),
                "without a primary key InnoDB clusters the rows by the unique key");
    }

    @Test
    void offAndOtherEnginesDeferNothing() {
        TableIndexes t = table("InnoDB", null, List.of(), PK, index("k", K, "a"));
        assertEquals(DeferralPlan.NONE, DeferralPlan.of(t, DeferIndexes.OFF, false));
        TableIndexes myIsam = table("MyISAM", null, List.of(), PK, index("k", K, "a"));
        assertEquals(DeferralPlan.NONE, DeferralPlan.of(myIsam, DeferIndexes.NON_UNIQUE, false));
    }

    @Test
    void indexesAForeignKeyNeedsStayAndMoveBehindTheDeferredOnesOfTheirClass() {
        // mariadb-dump of a table whose foreign key got its index implicitly: that index comes last
        TableIndexes t = table("InnoDB", null, List.of(List.of("cust_id")), PK, index("k_created", K, "created"),
                index("k_amount", K, "amount", "created"), index("fk_c", K, "cust_id", "created"),
                index("ft", F, "note"));
        DeferralPlan plan = DeferralPlan.of(t, DeferIndexes.NON_UNIQUE, false);
        assertEquals(List.of("k_created", "k_amount", "ft"), names(plan.dropNow()));
        assertEquals(List.of("k_created", "k_amount", "fk_c", "ft"), names(plan.addAfter()),
                "fk_c stays through the load and is added again after the others, where the source had it");
        assertEquals(List.of("fk_c"), names(plan.moved()));
    }

    @Test
    void aKeptIndexBeforeEveryDeferredOneStaysWhereItIs() {
        TableIndexes t = table("InnoDB", "seq", List.of(List.of("ref")), PK, index("fk", K, "ref"),
                index("ai", K, "seq", "x"), index("ai2", K, "seq"), index("k", K, "a"));
        DeferralPlan plan = DeferralPlan.of(t, DeferIndexes.NON_UNIQUE, false);
        assertEquals(List.of("ai2", "k"), names(plan.dropNow()),
                "the first index led by the AUTO_INCREMENT column stays; another one may wait");
        assertEquals(List.of(), plan.moved());
    }

    @Test
    void theReferencedSideOfAForeignKeyCounts() {
        // the foreign keys of TableIndexes hold both sides: here another table references (code, region)
        TableIndexes t = table("InnoDB", null, List.of(List.of("CODE", "region")), PK,
                index("k_code", K, "code", "region", "x"), index("k_code1", K, "code"));
        assertEquals(List.of("k_code1"), names(DeferralPlan.of(t, DeferIndexes.NON_UNIQUE, false).dropNow()),
                "column names compare case-insensitively; a shorter index does not serve a longer key");
    }
}
