package dev.packload.loader.feed;

import dev.packload.loader.write.TableMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line's inputs go through the read-ahead: a CSV directory and a mydumper directory's data files are read
 * on reader threads with {@code readers > 1}, and the sink hears what it hears with one reader.
 */
class InputsFeedReadersTest {
    @TempDir
    Path dir;

    private static ReadAheadTest.LoggingSink load(List<Path> inputs, int readers) throws Exception {
        ReadAheadTest.LoggingSink sink = new ReadAheadTest.LoggingSink(-1, -1);
        sink.columns = List.of(new TableMeta.Column("a", "int", null, true, false),
                new TableMeta.Column("b", "varchar", "utf8mb4", true, false));
        new InputsFeed(inputs, null, DumpFilter.ALL, CsvOptions.defaults(), null, ClientContext.defaults(), readers)
                .feed(sink);
        ReadAheadTest.assertNoReaderLeft();
        return sink;
    }

    private static boolean readAhead(ReadAheadTest.LoggingSink sink) {
        return sink.askedBy.stream().anyMatch(n -> n.startsWith("packload-reader-"));
    }

    @Test
    void aCsvDirectoryIsReadByReadersAndLoadsAsWithOne() throws Exception {
        Path csv = Files.createDirectories(dir.resolve("csv"));
        for (int f = 0; f < 4; f++) {
            StringBuilder sb = new StringBuilder("a,b\n");
            for (int i = 0; i < 500; i++) {
                sb.append(f * 1000 + i).append(",\"text ").append(i).append("\"\n");
            }
            Files.writeString(csv.resolve("t" + (f % 2) + "." + f + ".csv"), sb);
        }
        ReadAheadTest.LoggingSink one = load(List.of(csv), 1);
        ReadAheadTest.LoggingSink three = load(List.of(csv), 3);
        assertFalse(readAhead(one));
        assertTrue(readAhead(three), "no reader thread read: " + three.askedBy);
        assertEquals(2000, three.log.stream().filter(l -> l.startsWith("row")).count());
        assertEquals(one.log, three.log);
    }

    @Test
    void mydumperDataFilesAreReadByReadersAndLoadAsWithOne() throws Exception {
        Path dump = Path.of(getClass().getResource("/mydumper/v0.10-chunked/dump").toURI());
        ReadAheadTest.LoggingSink one = load(List.of(dump), 1);
        ReadAheadTest.LoggingSink three = load(List.of(dump), 3);
        assertTrue(readAhead(three), "no reader thread read: " + three.askedBy);
        assertTrue(one.log.stream().filter(l -> l.startsWith("row")).count() > 100, one.log.toString());
        assertEquals(one.log, three.log);
    }
}
