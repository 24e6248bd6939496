package dev.packload.loader.index;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The lines of SHOW CREATE TABLE that are indexes, as MariaDB 10.11 and MySQL 8 print them. */
class TableIndexesTest {
    private static final Map<String, List<String>> COLUMNS = Map.of("PRIMARY", List.of("id"), "k`1", List.of("a"),
            "ft", List.of("body"));

    @Test
    void eachKindOfIndexLineIsReadWithItsNameAndKeptWhole() {
        assertEquals(new TableIndexes.Index("PRIMARY", TableIndexes.Kind.PRIMARY, List.of("id"), "PRIMARY KEY (`id`)"),
                TableIndexes.index("PRIMARY KEY (`id`)", COLUMNS));
        String line = "KEY `k``1` (`a`(10) DESC) USING BTREE COMMENT 'by `a`' IGNORED";
        assertEquals(new TableIndexes.Index("k`1", TableIndexes.Kind.PLAIN, List.of("a"), line),
                TableIndexes.index(line, COLUMNS));
        assertEquals(TableIndexes.Kind.UNIQUE, TableIndexes.index("UNIQUE KEY `u` (`b`) USING HASH", COLUMNS).kind());
        assertEquals(TableIndexes.Kind.PLAIN, TableIndexes.index("SPATIAL KEY `sp` (`pt`)", COLUMNS).kind());
        TableIndexes.Index ft = TableIndexes.index("FULLTEXT KEY `ft` (`body`) /*!50100 WITH PARSER `ngram` */ ",
                COLUMNS);
        assertEquals(TableIndexes.Kind.FULLTEXT, ft.kind());
        assertEquals(List.of("body"), ft.columns());
        assertEquals(TableIndexes.Kind.PLAIN, TableIndexes.index("KEY `inv` (`c`) /*!80000 INVISIBLE */", COLUMNS)
                .kind());
    }

    @Test
    void columnsAndConstraintsAreNotIndexes() {
        assertNull(TableIndexes.index("`key` int(11) DEFAULT NULL", COLUMNS));
        assertNull(TableIndexes.index("CONSTRAINT `fk` FOREIGN KEY (`a`) REFERENCES `p` (`id`)", COLUMNS));
        assertNull(TableIndexes.index("CONSTRAINT `c` CHECK (`a` > 0)", COLUMNS));
    }
}
