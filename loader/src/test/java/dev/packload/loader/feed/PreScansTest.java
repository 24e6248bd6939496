package dev.packload.loader.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packload.formats.FormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scans started ahead of the load answer as the feed's own scan would, for the files they were started for. */
class PreScansTest {
    private static final Path HOSTILE = Path.of("src/test/resources/sourcing/hostile/hostile.sql");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    @Test
    void aRefusedFileThrowsWhatTheFeedsOwnScanThrows() throws Exception {
        FormatException inline = assertThrows(FormatException.class,
                () -> ClientCommandCheck.check(HOSTILE, HOSTILE.toString(), new SourceFiles(dir)));
        try (PreScans scans = new PreScans(new SourceFiles(dir))) {
            scans.start(List.of(HOSTILE), null);
            FormatException ahead = assertThrows(FormatException.class, () -> scans.await(HOSTILE));
            assertEquals(inline.getMessage(), ahead.getMessage());
            // asked again (a retried attempt), it answers the same without scanning again
            assertEquals(inline.getMessage(), assertThrows(FormatException.class, () -> scans.await(HOSTILE))
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
            assertThrows(IllegalStateException.class, () -> scans.start(List.of(HOSTILE), null));
        }
    }
}
