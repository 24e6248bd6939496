package dev.packload.loader.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputPlanTest {
    @TempDir
    Path dir;

    @Test
    void mydumperFilesAreReadInMyloadersOrderWithTheirDatabase() throws IOException {
        for (String f : List.of("metadata", "shop-schema-create.sql", "shop.t-schema.sql", "shop.t.00001.sql.gz",
                "shop.t.00000.sql.gz", "shop.u-schema-triggers.sql", "shop.u-schema.sql", "shop.u.sql",
                "shop.v-schema-view.sql", "shop.v-schema.sql", "shop-schema-post.sql")) {
            Files.writeString(dir.resolve(f), "");
        }
        List<String> order = InputPlan.expand(List.of(dir)).stream()
                .map(i -> i.path().getFileName() + "@" + i.database()).toList();
        // myloader 0.10's order: routines and events before views (a view may call a function), triggers last
        assertEquals(List.of("shop-schema-create.sql@null", "shop.t-schema.sql@shop", "shop.u-schema.sql@shop",
                "shop.v-schema.sql@shop", "shop.t.00000.sql.gz@shop", "shop.t.00001.sql.gz@shop", "shop.u.sql@shop",
                "shop-schema-post.sql@shop", "shop.v-schema-view.sql@shop", "shop.u-schema-triggers.sql@shop"), order);
    }

    @Test
    void chunksOfEveryEraInOrderAndTheDatabaseOfADottedNameAndOfAPerDatabaseTriggerFile() throws IOException {
        Files.writeString(dir.resolve("my.db-schema-create.sql"), "CREATE DATABASE `my.db`;\n");
        for (String f : List.of("metadata", "my.db-schema-triggers.sql", "my.db.w.00001.sql", "my.db.w.00000.00001.sql",
                "my.db.w.00000.sql", "my.db.t.dot.sql", "my.db.w.00000.00002.sql.zst")) {
            Files.writeString(dir.resolve(f), "");
        }
        List<String> order = InputPlan.expand(List.of(dir)).stream()
                .map(i -> i.path().getFileName() + "@" + i.database()).toList();
        assertEquals(List.of("my.db-schema-create.sql@null", "my.db.t.dot.sql@my.db", "my.db.w.00000.sql@my.db",
                "my.db.w.00000.00001.sql@my.db", "my.db.w.00000.00002.sql.zst@my.db", "my.db.w.00001.sql@my.db",
                "my.db-schema-triggers.sql@my.db"), order);
    }

    @Test
    void aFileMydumperDoesNotWriteIsAnError() throws IOException {
        Files.writeString(dir.resolve("metadata"), "");
        Files.writeString(dir.resolve("shop-schema-create.sql"), "");
        Files.writeString(dir.resolve("README"), "");
        IOException e = assertThrows(IOException.class, () -> InputPlan.expand(List.of(dir)));
        assertTrue(e.getMessage().contains("README") && e.getMessage().contains("not a file mydumper writes"),
                e.getMessage());
    }

    @Test
    void aPlainDirectoryIsAClearError() throws IOException {
        Files.writeString(dir.resolve("a.sql"), "");
        IOException e = assertThrows(IOException.class, () -> InputPlan.expand(List.of(dir)));
        assertTrue(e.getMessage().contains("no mydumper output"), e.getMessage());
    }

    @Test
    void aMysqldumpTabDirectoryRunsTheSchemaFilesThenTheData() throws IOException {
        for (String f : List.of("b.txt", "a.sql", "a.txt", "b.sql")) {
            Files.writeString(dir.resolve(f), "");
        }
        List<String> order = InputPlan.expand(List.of(dir)).stream()
                .map(i -> i.path().getFileName() + ":" + i.format() + ":" + i.dialect()).toList();
        assertEquals(List.of("a.sql:SQL:null", "b.sql:SQL:null", "a.txt:DELIMITED:mysql", "b.txt:DELIMITED:mysql"), order);
    }

    @Test
    void aFileOfAnotherKindInATabDirectoryIsAnError() throws IOException {
        for (String f : List.of("a.sql", "a.txt", "a.sql.bak")) {
            Files.writeString(dir.resolve(f), "");
        }
        IOException e = assertThrows(IOException.class, () -> InputPlan.expand(List.of(dir)));
        assertTrue(e.getMessage().contains("a.sql.bak") && e.getMessage().contains("nothing was loaded"),
                e.getMessage());
    }

    @Test
    void theFormatOfAFileComesFromItsExtensionBeneathCompression() {
        assertEquals("csv", InputPlan.byExtension(Path.of("x/orders.csv.gz"), null).dialect());
        assertEquals("tsv", InputPlan.byExtension(Path.of("orders.TSV"), null).dialect());
        assertEquals(InputPlan.Format.SQL, InputPlan.byExtension(Path.of("dump.sql.zst"), null).format());
        assertEquals(InputPlan.Format.SQL, InputPlan.byExtension(Path.of("-"), null).format());
    }
}
