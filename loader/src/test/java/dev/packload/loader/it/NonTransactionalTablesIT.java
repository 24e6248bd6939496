package dev.packload.loader.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packload.loader.cli.ExitCode;
import dev.packload.loader.testing.CliRun;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tables without transactions (MyISAM, Aria, MEMORY) can't take the journal's record atomically with their rows: the
 * load says so before their rows go and in its report, and a resumed load names them instead of vouching for them.
 */
class NonTransactionalTablesIT {
    @TempDir
    Path dir;

    private static final String DUMP = "CREATE TABLE m (id INT PRIMARY KEY, v VARCHAR(10)) ENGINE=MyISAM;\n"
            + "CREATE TABLE a (id INT PRIMARY KEY, v VARCHAR(10)) ENGINE=Aria;\n"
            + "CREATE TABLE i (id INT PRIMARY KEY, v VARCHAR(10)) ENGINE=InnoDB;\n"
            + "INSERT INTO i VALUES (1,'a'),(2,'b');\n"
            + "INSERT INTO m VALUES (1,'a'),(2,'b');\n"
            + "INSERT INTO a VALUES (1,'a');\n";

    private String[] args(TestDatabase db, Path dump, String... more) {
        String[] base = {"load", "-h", db.server().host(), "-P", String.valueOf(db.server().port()), "-u",
                db.server().user(), "-D", db.name(), "--no-progress", "--reject-file", dir.resolve("rejects.sql")
                .toString(), "--report", dir.resolve("report.json").toString(), "--journal-schema", db.name()
                + "_journal"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length + 1);
        System.arraycopy(more, 0, all, base.length, more.length);
        all[all.length - 1] = dump.toString();
        return all;
    }

    @Test
    void aLoadSaysBeforeTheRowsGoThatATableWithoutTransactionsCantBeResumedExactly() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestServers.local())) {
            try {
                Path dump = Files.writeString(dir.resolve("d.sql"), DUMP);
                CliRun r = CliRun.of(args(db, dump));
                assertEquals(ExitCode.OK, r.code(), r.all());
                assertTrue(r.err().contains("packload: note: m is a MyISAM table, which has no transactions"), r.err());
                assertTrue(r.err().contains("packload: note: a is a Aria table, which has no transactions"), r.err());
                assertFalse(r.err().contains("note: i is"), "InnoDB keeps its rows and their record together: "
                        + r.err());
                JsonNode notices = new ObjectMapper().readTree(dir.resolve("report.json").toFile()).path("notices");
                assertTrue(notices.toString().contains("m is a MyISAM table") && notices.toString()
                        .contains("resuming sends them again"), notices.toString());
            } finally {
                db.execute("DROP DATABASE IF EXISTS `" + db.name() + "_journal`");
            }
        }
    }

    @Test
    void aResumedLoadNamesTheTablesItCantVouchFor() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestServers.local())) {
            try {
                // a duplicate key stops the first run (--on-error stop) with the job unfinished
                Path dump = Files.writeString(dir.resolve("d.sql"), DUMP + "INSERT INTO i VALUES (2,'dup');\n");
                CliRun first = CliRun.of(args(db, dump, "--on-error", "stop"));
                assertEquals(ExitCode.ROWS_REJECTED, first.code(), first.all());
                assertFalse(first.err().contains("resuming job"), first.err());
                CliRun again = CliRun.of(args(db, dump, "--on-error", "stop"));
                assertTrue(again.err().contains("resuming job"), again.all());
                assertTrue(again.err().contains("packload: a (Aria), m (MyISAM) have no transactions: rows sent to "
                        + "them after the last commit may be there already"), again.err());
                assertEquals(2, db.count("m"), "the rows of the MyISAM table, committed and recorded, are not sent "
                        + "again");
            } finally {
                db.execute("DROP DATABASE IF EXISTS `" + db.name() + "_journal`");
            }
        }
    }
}
