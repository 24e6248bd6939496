package dev.packload.loader.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TriggerFreeTablesTest {
    private final TriggerFreeTables tables = new TriggerFreeTables();

    @Test
    void aTableIsTriggerFreeFromItsCreateUntilATriggerNamesIt() {
        assertFalse(tables.contains("db", "t"));
        tables.created("db", "t");
        tables.created("db", "u");
        tables.created("other", "t");
        assertTrue(tables.contains("db", "t"));
        assertFalse(tables.contains("db", "T"), "names as written: on some servers T is another table");
        assertFalse(tables.contains("db2", "t"));
        tables.triggerOn("T"); // by name in every database, whatever its case
        assertFalse(tables.contains("db", "t"));
        assertFalse(tables.contains("other", "t"));
        assertTrue(tables.contains("db", "u"));
    }

    @Test
    void aTriggerStatementWithoutATableOrARenameForgetsEveryTable() {
        tables.created("db", "t");
        tables.triggerOn(null);
        assertFalse(tables.contains("db", "t"));
        tables.created("db", "t");
        tables.forgetAll();
        assertFalse(tables.contains("db", "t"));
    }
}
