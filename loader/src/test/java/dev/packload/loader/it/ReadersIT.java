package dev.packload.loader.it;

import dev.packload.loader.cli.ExitCode;
import dev.packload.loader.testing.CliRun;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --readers}: inputs of several files load into the same tables with several readers as with one (CHECKSUM
 * TABLE of every table equal), a failure in a later file stops the load as with one reader after the earlier files'
 * rows, and no reader thread outlives the load.
 */
class ReadersIT {
    @TempDir
    Path dir;

    private static String[] args(TestDatabase db, Path rejects, List<String> more) {
        List<String> a = new ArrayList<>(List.of("load", "-h", db.server().host(), "-P",
                String.valueOf(db.server().port()), "-u", db.server().user(), "-D", db.name(), "--no-progress",
                "--reject-file", rejects.toString()));
        a.addAll(more);
        return a.toArray(new String[0]);
    }

    /** Every table of the database with its row count and CHECKSUM TABLE. */
    private static Map<String, String> tables(TestDatabase db) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        try (var c = db.connect(); var st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = "
                        + "'BASE TABLE' ORDER BY TABLE_NAME")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        for (String t : names) {
            out.put(t, db.count(t) + " rows, checksum " + db.checksum(t));
        }
        return out;
    }

    private record Loaded(CliRun run, Map<String, String> tables) {
    }

    /** Loads with {@code --readers n} into a fresh database made by {@code ddl}, which is dropped after. */
    private Loaded load(int readers, List<String> ddl, List<String> more) throws Exception {
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "readers" + readers)) {
            if (!ddl.isEmpty()) {
                db.execute(ddl.toArray(new String[0]));
            }
            List<String> a = new ArrayList<>(List.of("--readers", String.valueOf(readers)));
            a.addAll(more);
            CliRun r = CliRun.of(args(db, dir.resolve("rejects-" + readers + ".sql"), a));
            assertNoReaderLeft();
            return new Loaded(r, tables(db));
        }
    }

    private static void assertNoReaderLeft() {
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("packload-reader-") && t.isAlive()), "a reader thread is left");
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(ReadersIT.class.getResource("/mydumper/" + name + "/dump").toURI());
    }

    @Test
    void mydumperChunksLoadTheSameWithThreeReaders() throws Exception {
        for (String c : List.of("v1.0-chunked", "v1.0-load-data", "v0.10-chunked")) {
            Loaded one = load(1, List.of(), List.of(fixture(c).toString()));
            Loaded three = load(3, List.of(), List.of(fixture(c).toString()));
            assertEquals(ExitCode.OK, one.run().code(), one.run().all());
            assertEquals(ExitCode.OK, three.run().code(), three.run().all());
            assertFalse(one.tables().isEmpty(), c);
            assertEquals(one.tables(), three.tables(), c);
        }
    }

    /** Six files into three tables, two files each, with a row of every file at a file's end, and a header. */
    private Path csvDirectory(int rowsPerFile) throws Exception {
        Path csv = Files.createDirectories(dir.resolve("csv"));
        for (int f = 0; f < 6; f++) {
            try (BufferedWriter w = Files.newBufferedWriter(csv.resolve("t" + (f % 3) + ".part" + f + ".csv"),
                    StandardCharsets.UTF_8)) {
                w.write("id,name,amount\n");
                for (int i = 0; i < rowsPerFile; i++) {
                    int id = f * rowsPerFile + i;
                    w.write(id + ",\"name " + id + (id % 7 == 0 ? ", with a comma" : "") + "\"," + (id % 1000) / 10.0
                            + "\n");
                }
            }
        }
        return csv;
    }

    private static final List<String> CSV_TABLES = List.of(
            "CREATE TABLE t0 (id INT, name VARCHAR(40), amount DECIMAL(10,2))",
            "CREATE TABLE t1 (id INT, name VARCHAR(40), amount DECIMAL(10,2))",
            "CREATE TABLE t2 (id INT, name VARCHAR(40), amount DECIMAL(10,2))");

    @Test
    void aCsvDirectoryLoadsTheSameWithThreeReaders() throws Exception {
        Path csv = csvDirectory(20_000);
        Loaded one = load(1, CSV_TABLES, List.of(csv.toString()));
        Loaded three = load(3, CSV_TABLES, List.of(csv.toString()));
        assertEquals(ExitCode.OK, one.run().code(), one.run().all());
        assertEquals(ExitCode.OK, three.run().code(), three.run().all());
        assertTrue(one.tables().get("t2").startsWith("40000 rows"), one.tables().toString());
        assertEquals(one.tables(), three.tables());
    }

    @Test
    void severalCsvInputsIntoOneTableLoadTheSameWithThreeReaders() throws Exception {
        Path csv = csvDirectory(20_000);
        List<String> more = new ArrayList<>(List.of("--table", "t0"));
        try (var s = Files.list(csv)) {
            s.sorted().forEach(p -> more.add(p.toString()));
        }
        Loaded one = load(1, CSV_TABLES, more);
        Loaded three = load(3, CSV_TABLES, more);
        assertEquals(ExitCode.OK, one.run().code(), one.run().all());
        assertEquals(ExitCode.OK, three.run().code(), three.run().all());
        assertTrue(one.tables().get("t0").startsWith("120000 rows"), one.tables().toString());
        assertEquals(one.tables(), three.tables());
    }

    @Test
    void aTableCreatedFromTheFirstFileServesTheNextOnes() throws Exception {
        Path csv = csvDirectory(3_000);
        List<String> more = List.of("--table", "made", "--create-table", csv.toString());
        Loaded one = load(1, List.of(), more);
        Loaded three = load(3, List.of(), more);
        assertEquals(ExitCode.OK, one.run().code(), one.run().all());
        assertEquals(ExitCode.OK, three.run().code(), three.run().all());
        assertTrue(one.tables().get("made").startsWith("18000 rows"), one.tables().toString());
        assertEquals(one.tables(), three.tables());
    }

    @Test
    void aBadLineInALaterFileStopsTheLoadAfterTheEarlierFilesRows() throws Exception {
        Path csv = csvDirectory(5_000);
        Path bad = csv.resolve("t1.part4.csv");
        String text = Files.readString(bad);
        int cut = text.indexOf('\n', text.length() / 2) + 1;
        Files.writeString(bad, text.substring(0, cut) + "4242,\"a quote that never ends\n" + text.substring(cut));
        Loaded one = load(1, CSV_TABLES, List.of(csv.toString()));
        Loaded three = load(3, CSV_TABLES, List.of(csv.toString()));
        assertEquals(ExitCode.BAD_INPUT, one.run().code(), one.run().all());
        assertEquals(ExitCode.BAD_INPUT, three.run().code(), three.run().all());
        assertTrue(three.run().err().contains("t1.part4.csv"), three.run().all());
        assertEquals(errorLine(one.run()), errorLine(three.run()));
        assertEquals(one.tables(), three.tables());
        assertTrue(three.tables().get("t0").startsWith("10000 rows"), three.tables().toString());
    }

    private static String errorLine(CliRun r) {
        return r.err().lines().filter(l -> l.contains("t1.part4.csv")).findFirst().orElse(r.err());
    }
}
