package dev.packload.loader.faults;

import dev.packload.loader.cli.ExitCode;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of packload at random moments, then the same command again: every trial must end with each table's CHECKSUM
 * TABLE equal to a clean load's and no row twice, for a mariadb-dump, a mariadb-dump of 40 small tables, a CSV into a
 * table without a key, a mydumper directory, and a dump whose rows need chunked appends; a CSV directory and the mydumper directory again with three
 * readers ({@code --readers 3}). The number of trials per input comes from
 * {@code -Dpackload.faults.trials} (2 in the default build; the {@code faults} profile runs 20); each trial's outcome
 * is printed as a line of the README's reliability table.
 */
class KillTrialsIT {
    static final int TRIALS = Integer.getInteger("packload.faults.trials", 2);
    private static Inputs inputs;

    @TempDir
    static Path dir;

    @BeforeAll
    static void makeInputs() throws Exception {
        inputs = Inputs.make(dir, TestServers.local());
    }

    @AfterAll
    static void dropSources() {
        if (inputs != null) {
            inputs.close();
        }
    }

    @Test
    void aMariadbDump() throws Exception {
        trials("mariadb-dump", inputs.dump(), List.of(), inputs.dumpTables());
    }

    /** DROP TABLE IF EXISTS left out and recorded with the CREATE's commit, DDL of several tables at once. */
    @Test
    void aMariadbDumpOfManySmallTables() throws Exception {
        trials("small tables", inputs.smallTables(), List.of(), inputs.smallTablesExpected());
    }

    @Test
    void aCsvIntoATableWithoutAKey() throws Exception {
        trials("csv, no key", inputs.csv(), List.of("--table", "events"), inputs.csvTables());
    }

    @Test
    void aMydumperDirectory() throws Exception {
        trials("mydumper dir", inputs.mydumper(), List.of(), inputs.dumpTables());
    }

    /** --readers 3: later files are read ahead of their turn, and a resumed run skips exactly what the first loaded. */
    @Test
    void aCsvDirectoryReadByThreeReaders() throws Exception {
        trials("csv dir, 3 readers", inputs.csvDirectory(), List.of("--readers", "3"), inputs.csvTables());
    }

    @Test
    void aMydumperDirectoryReadByThreeReaders() throws Exception {
        trials("mydumper dir, 3 readers", inputs.mydumper(), List.of("--readers", "3"), inputs.dumpTables());
    }

    @Test
    void aDumpWhoseRowsNeedChunkedAppends() throws Exception {
        trials("chunked appends", inputs.bigRows(), List.of("--max-statement-bytes", "64K"), inputs.bigRowTables());
    }

    private void trials(String name, Path input, List<String> extra, Inputs.Expected expected) throws Exception {
        Random random = new Random(Long.getLong("packload.faults.seed", System.nanoTime()));
        int lost = 0;
        int duplicated = 0;
        int killedMidLoad = 0;
        List<String> lines = new ArrayList<>();
        long full = fullLoadMillis(input, extra, expected);
        for (int trial = 0; trial < TRIALS; trial++) {
            try (TestDatabase db = TestDatabase.create(TestServers.local(), "kill");
                 JournalSchema journal = JournalSchema.fresh(TestServers.local())) {
                expected.prepare(db);
                List<String> args = Trial.loadArgs(db, journal.schema(), dir.resolve("rejects-" + trial + ".sql"),
                        input, extra);
                long delay = 150 + random.nextInt((int) Math.max(1, full - 150));
                Trial.Killed killed = Trial.runAndKill(args, delay);
                if (killed.beforeEnd()) {
                    killedMidLoad++;
                }
                Trial.Finished again = Trial.run(args);
                int code = again.code();
                boolean refusedAsDone = code == ExitCode.USAGE && again.output().contains("already finished");
                if (code != ExitCode.OK && !refusedAsDone) {
                    throw new AssertionError(name + " trial " + trial + ": the second run exited " + code + ":\n"
                            + again.output());
                }
                Inputs.Difference d = expected.compare(db);
                lost += d.rowsLost();
                duplicated += d.rowsDuplicated();
                lines.add(String.format("| %s | %d | %d ms | %s | %d | %d |", name, trial + 1, delay,
                        killed.beforeEnd() ? "mid-load" : "after it ended", d.rowsLost(), d.rowsDuplicated()));
                assertEquals(Inputs.Difference.NONE, d, name + " trial " + trial + " (killed after " + delay + " ms)");
            }
        }
        lines.forEach(System.out::println);
        System.out.printf("| %s | an uninterrupted load took %d ms |%n", name, full);
        System.out.printf("| %s | %d trials | | %d killed mid-load | %d | %d |%n", name, TRIALS, killedMidLoad, lost,
                duplicated);
        // a trial killed after the load ended tests nothing but the second run's refusal
        assertTrue(TRIALS < 4 || killedMidLoad * 2 >= TRIALS, name + ": most kills should land mid-load: " + lines);
    }

    /**
     * How long an uninterrupted load of the input takes on this machine, from the process's start to its end, so that
     * the kills spread over the whole run: an estimate from the row count had kept pace with the loads of an earlier
     * time, and once they got faster one kill in two came after the end (14 of 28 mid-load over the 7 inputs).
     */
    private static long fullLoadMillis(Path input, List<String> extra, Inputs.Expected expected) throws Exception {
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "kill");
             JournalSchema journal = JournalSchema.fresh(TestServers.local())) {
            expected.prepare(db);
            List<String> args = Trial.loadArgs(db, journal.schema(), dir.resolve("rejects-full.sql"), input, extra);
            long t0 = System.nanoTime();
            Trial.Finished done = Trial.run(args);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(ExitCode.OK, done.code(), done.output());
            assertEquals(Inputs.Difference.NONE, expected.compare(db), "the uninterrupted load");
            return millis;
        }
    }
}
