package dev.packload.loader.feed;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packload.formats.FormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-scan: what it refuses before anything is sent, and what it leaves to the load. */
class ClientCommandCheckTest {
    private static final Path HOSTILE = Path.of("src/test/resources/sourcing/hostile");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private void check(Path file) throws IOException {
        ClientCommandCheck.check(file, file.getFileName().toString(), new SourceFiles(dir));
    }

    @Test
    void theHostileFixtureIsRefusedNamingEveryCommandAndLine() {
        FormatException e = assertThrows(FormatException.class, () -> ClientCommandCheck.check(
                HOSTILE.resolve("hostile.sql"), "hostile.sql", new SourceFiles(dir)));
        String m = e.getMessage();
        assertTrue(m.startsWith("hostile.sql:5 (byte "), m);
        for (String s : List.of("client command \\! (runs a shell command) is not allowed",
                "hostile.sql:7: client command system (runs a shell command)",
                "hostile.sql:9: client command connect (opens another connection)",
                "hostile.sql:11: client command \\! (runs a shell command)", "Nothing of hostile.sql was sent")) {
            assertTrue(m.contains(s), s + " in " + m);
        }
    }

    @Test
    void theLookAlikesPass() {
        assertDoesNotThrow(() -> ClientCommandCheck.check(HOSTILE.resolve("benign-lookalikes.sql"),
                "benign-lookalikes.sql", new SourceFiles(dir)));
    }

    @Test
    void aShellLineInASourcedFileRefusesTheTopInput() throws IOException {
        Path top = write("top.sql", "CREATE TABLE t (id INT);\nsource sub/a.sql\n");
        write("sub/a.sql", "INSERT INTO t VALUES (1);\n  system rm -rf /tmp/nothing\n");
        FormatException e = assertThrows(FormatException.class, () -> check(top));
        assertTrue(e.getMessage().startsWith("sub/a.sql:2 (byte "), e.getMessage());
    }

    @Test
    void aMalformedInputIsLeftToTheLoadWhichStopsAtTheSamePlace() throws IOException {
        assertDoesNotThrow(() -> check(write("cut.sql", "CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1),(2")));
        // a refused command before the bad spot still refuses it
        Path bad = write("bad.sql", "\\! ls\nINSERT INTO t VALUES (1),(2");
        assertTrue(assertThrows(FormatException.class, () -> check(bad)).getMessage().contains("\\!"));
    }

    @Test
    void aMissingSourcedFileOrACycleIsRefused() throws IOException {
        Path missing = write("m.sql", "source nowhere.sql ;\n");
        assertThrows(SourceFiles.SourceError.class, () -> check(missing));
        Path a = write("a.sql", "source b.sql\n");
        write("b.sql", "source a.sql\n");
        String m = assertThrows(SourceFiles.SourceError.class, () -> check(a)).getMessage();
        assertTrue(m.startsWith("b.sql:1 (byte 0): source cycle: "), m);
    }

    @Test
    void theWalkSeesEveryCommandInOrderAcrossSourcedFilesWithTheirDelimiters() throws IOException {
        Path top = write("top.sql", "DELIMITER //\nsource a.sql\nSELECT 1 ;\nwarnings\n");
        write("a.sql", "SELECT 2 //\n\\W\nDELIMITER ;\n");
        List<String> seen = new ArrayList<>();
        ClientCommandCheck.walk(top, "top.sql", new SourceFiles(dir), c -> seen.add(c.at().source() + ":"
                + c.at().line() + " " + c.kind() + " " + c.name()));
        assertEquals(List.of("top.sql:2 SOURCE source", "a.sql:2 DISPLAY \\W", "top.sql:4 DISPLAY warnings"), seen);
        // warnings is found only because a.sql's DELIMITER ; holds in top.sql afterwards, as in the client: under //,
        // "SELECT 1 ;" and the warnings line would be one statement
    }

    /** The scans started ahead of the load ({@link PreScans}) answer as the feed's own scan would. */
    @Nested
    class StartedAhead {
        private final Path hostileSql = HOSTILE.resolve("hostile.sql");

        @Test
        void aRefusedFileThrowsWhatTheFeedsOwnScanThrows() throws Exception {
            FormatException inline = assertThrows(FormatException.class,
                    () -> ClientCommandCheck.check(hostileSql, hostileSql.toString(), new SourceFiles(dir)));
            try (PreScans scans = new PreScans(new SourceFiles(dir))) {
                scans.start(List.of(hostileSql), null);
                FormatException ahead = assertThrows(FormatException.class, () -> scans.await(hostileSql));
                assertEquals(inline.getMessage(), ahead.getMessage());
                // asked again (a retried attempt), it answers the same without scanning again
                assertEquals(inline.getMessage(), assertThrows(FormatException.class, () -> scans.await(hostileSql))
                        .getMessage());
            }
        }

        @Test
        void aMissingSourcedFileIsTheSameErrorAsInline() throws Exception {
            Path top = write("top.sql", "CREATE TABLE t (id INT);\nsource sub/missing.sql\n");
            SourceFiles files = new SourceFiles(dir);
            SourceFiles.SourceError inline = assertThrows(SourceFiles.SourceError.class,
                    () -> ClientCommandCheck.check(top, top.toString(), files));
            try (PreScans scans = new PreScans(files)) {
                scans.start(List.of(top), null);
                Exception ahead = assertThrows(Exception.class, () -> scans.await(top));
                assertEquals(inline.getClass(), ahead.getClass());
                assertEquals(inline.getMessage(), ahead.getMessage());
            }
        }

        @Test
        void aCleanFileIsClearedAndOnlySqlFilesAreScannedAhead() throws Exception {
            Path clean = write("clean.sql", "CREATE TABLE t (id INT);\nsource part.sql\n");
            write("part.sql", "INSERT INTO t VALUES (1);\n");
            Path csv = write("t.csv", "id\n1\n");
            try (PreScans scans = new PreScans(new SourceFiles(dir))) {
                scans.start(List.of(clean, csv, Path.of("-"), dir), null);
                assertTrue(scans.await(clean));
                assertFalse(scans.await(csv), "a CSV file has no client commands to scan for");
                assertFalse(scans.await(Path.of("-")), "standard input is scanned by its feed, once spooled");
                assertFalse(scans.await(dir), "a directory's files are scanned by their feeds");
            }
            try (PreScans scans = new PreScans(new SourceFiles(dir))) {
                scans.start(List.of(csv), "sql");
                assertTrue(scans.await(csv), "--format sql: every file is SQL");
            }
        }

        @Test
        void startingTwiceIsAMistake() {
            try (PreScans scans = new PreScans(new SourceFiles(dir))) {
                scans.start(List.of(), null);
                assertThrows(IllegalStateException.class, () -> scans.start(List.of(hostileSql), null));
            }
        }
    }
}
