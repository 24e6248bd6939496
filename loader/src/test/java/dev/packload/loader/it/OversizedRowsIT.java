package dev.packload.loader.it;

import dev.packload.loader.LoadConfig;
import dev.packload.loader.LoadJob;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.WriterOptions;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.target.Target;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import dev.packload.loader.write.OnDuplicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packet promise on a real server started with {@code --max-allowed-packet=1M}: rows that fit go in multi-row
 * statements, rows that don't go in through chunked appends or long data, values larger than the server's limit are
 * rejected with the fix, and nothing ever trips ERROR 1153 or loses the connection. Contents are compared byte for
 * byte with the source values.
 */
class OversizedRowsIT {
    private static final int KB = 1024;
    private static final long ONE_MIB = 1 << 20;

    @TempDir
    Path dir;
    private TestDatabase db;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create(TestServers.embedded("--max-allowed-packet=1M"));
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    private LoadJob.Result load(Path dump, int threads, OnDuplicate onDuplicate) throws SQLException {
        Target target = Target.of(db.server().host(), db.server().port(), db.server().user(),
                db.server().password() == null ? null : db.server().password().toCharArray(), db.name());
        LoadConfig config = LoadConfig.builder().inputs(dump).threads(threads)
                .writer(WriterOptions.builder().onDuplicate(onDuplicate).build()).rejectFile(dir.resolve("rejects.sql"))
                .build();
        return LoadJob.run(config, LoadJob.sessions(target), new LoadStats(), BatchLog.NONE, in -> { });
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** UTF-8 text of about n bytes with 1-, 2- and 4-byte characters, quotes, backslashes and newlines. */
    private static byte[] text(Random r, int n) {
        String[] parts = {"a", "Z", "é", "😀", "'", "\\", "\"", "\n", "ß", "漢", " "};
        StringBuilder sb = new StringBuilder();
        int bytes = 0;
        while (bytes < n) {
            String p = parts[r.nextInt(parts.length)];
            sb.append(p);
            bytes += p.getBytes(StandardCharsets.UTF_8).length;
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private List<byte[]> column(String sql) throws SQLException {
        List<byte[]> out = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getBytes(1));
            }
        }
        return out;
    }

    private String rejectReasons() {
        try {
            return Files.readAllLines(dir.resolve("rejects.sql"), StandardCharsets.ISO_8859_1).stream()
                    .filter(l -> l.startsWith("-- ")).toList().toString();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test
    void binaryAndTextValuesOf10k600k900kLoadByteForByte() throws Exception {
        Random r = new Random(42);
        int[] sizes = {10 * KB, 600 * KB, 900 * KB};
        List<byte[]> blobs = new ArrayList<>();
        List<byte[]> texts = new ArrayList<>();
        DumpBuilder d = new DumpBuilder().sql("SET NAMES utf8mb4")
                .sql("CREATE TABLE hexblobs (id INT PRIMARY KEY, v LONGBLOB NOT NULL)")
                .sql("CREATE TABLE rawblobs (id INT PRIMARY KEY, v LONGBLOB)")
                .sql("CREATE TABLE texts (id INT PRIMARY KEY, v LONGTEXT CHARACTER SET utf8mb4 NOT NULL)");
        for (int i = 0; i < sizes.length; i++) {
            blobs.add(randomBytes(r, sizes[i]));
            texts.add(text(r, sizes[i]));
        }
        // one INSERT per table holding all rows, as an extended-insert dump made on a server with a big limit would
        d.insert("hexblobs");
        for (int i = 0; i < sizes.length; i++) {
            d.raw(i == 0 ? "(" : ",(").number(i).raw(",").hex(blobs.get(i)).raw(")");
        }
        d.raw(";\n").insert("rawblobs");
        for (int i = 0; i < sizes.length; i++) {
            d.raw(i == 0 ? "(" : ",(").number(i).raw(",").string(blobs.get(i), true).raw(")");
        }
        d.raw(";\n").insert("texts");
        for (int i = 0; i < sizes.length; i++) {
            d.raw(i == 0 ? "(" : ",(").number(i).raw(",").string(texts.get(i), false).raw(")");
        }
        d.raw(";\n");
        Path dump = d.write(dir, "values.sql");
        assertTrue(Files.size(dump) > 4 * ONE_MIB, "the dump's statements are far over the 1 MiB limit");

        LoadJob.Result result = load(dump, 2, OnDuplicate.AS_WRITTEN);

        assertNull(result.failure(), () -> result.failure().message());
        assertEquals(0, result.rejects().count());
        assertEquals(9, result.stats().rowsLoaded());
        assertEquals(1048576, result.budget().serverMaxAllowedPacket());
        // hex doubles 600k and 900k past the 1 MiB budget; 900k of UTF-8 text with quotes and backslashes escapes
        // past it too; 900k of escaped random bytes still fits one statement
        assertEquals(List.of("hexblobs=2", "rawblobs=0", "texts=1"), result.stats().tables().stream()
                .map(t -> t.name() + "=" + t.appendedRows()).toList());
        List<byte[]> hex = column("SELECT v FROM hexblobs ORDER BY id");
        List<byte[]> raw = column("SELECT v FROM rawblobs ORDER BY id");
        List<byte[]> txt = column("SELECT v FROM texts ORDER BY id");
        for (int i = 0; i < sizes.length; i++) {
            assertArrayEquals(blobs.get(i), hex.get(i), "hex blob " + i);
            assertArrayEquals(blobs.get(i), raw.get(i), "escaped blob " + i);
            assertArrayEquals(texts.get(i), txt.get(i), "text " + i);
        }
    }

    @Test
    void valuesOf3MbAnd20MbAreRejectedWithTheComputedFixAndTheRestLoads() throws Exception {
        Random r = new Random(7);
        byte[] small = randomBytes(r, 1000);
        DumpBuilder d = new DumpBuilder().sql("CREATE TABLE docs (id INT PRIMARY KEY, body LONGBLOB)")
                .insert("docs").raw("(1,").hex(small).raw(")").raw(";\n")
                .insert("docs").raw("(2,").hex(randomBytes(r, 3 * (1 << 20))).raw(")").raw(";\n")
                .insert("docs").raw("(3,").hex(randomBytes(r, 20 * (1 << 20))).raw(")").raw(";\n")
                .insert("docs").raw("(4,").hex(small).raw(")").raw(";\n");
        Path dump = d.write(dir, "too-big.sql");

        LoadJob.Result result = load(dump, 1, OnDuplicate.AS_WRITTEN);

        assertNull(result.failure(), () -> result.failure().message());
        assertEquals(2, result.stats().rowsLoaded());
        assertEquals(2, result.stats().rowsRejected());
        assertEquals(2, result.rejects().count());
        String rejects = Files.readString(dir.resolve("rejects.sql"), StandardCharsets.ISO_8859_1);
        assertTrue(rejects.contains("-- source: " + dump + ":3"), rejects.substring(0, 600));
        assertTrue(rejects.contains("column " + db.name() + ".docs.body holds 3145728 bytes, but the server's "
                + "max_allowed_packet is 1048576 bytes"), rejects.substring(0, 800));
        assertTrue(rejects.contains("SET GLOBAL max_allowed_packet = 4194304"), "3 MiB needs a 4 MiB limit");
        assertTrue(rejects.contains("holds 20971520 bytes") && rejects.contains("SET GLOBAL max_allowed_packet = 22020096"),
                "20 MiB needs a 21 MiB limit");
        assertTrue(rejects.contains("INSERT INTO `" + db.name() + "`.`docs` VALUES (2,0x"), "the row's original text");
        List<byte[]> ids = column("SELECT id FROM docs ORDER BY id");
        assertEquals(List.of("1", "4"), ids.stream().map(b -> new String(b, StandardCharsets.US_ASCII)).toList());
    }

    @Test
    void manyNarrowRowsAroundEachStatementBoundary() throws Exception {
        Random r = new Random(3);
        DumpBuilder d = new DumpBuilder().sql("CREATE TABLE narrow (id INT PRIMARY KEY, v VARBINARY(8000))");
        List<byte[]> values = new ArrayList<>();
        // sizes drawn so that statements of the 1 MiB budget end on every kind of boundary
        for (int i = 0; i < 3000; i++) {
            values.add(randomBytes(r, i % 97 == 0 ? 7000 + r.nextInt(900) : r.nextInt(400)));
        }
        d.insert("narrow");
        for (int i = 0; i < values.size(); i++) {
            d.raw(i == 0 ? "(" : ",(").number(i).raw(",").hex(values.get(i)).raw(")");
        }
        d.raw(";\n");
        LoadJob.Result result = load(d.write(dir, "narrow.sql"), 3, OnDuplicate.AS_WRITTEN);

        assertNull(result.failure(), () -> result.failure().message());
        assertEquals(3000, result.stats().rowsLoaded());
        assertTrue(result.stats().tables().get(0).statements() >= 2, "re-batched into several statements");
        List<byte[]> got = column("SELECT v FROM narrow ORDER BY id");
        for (int i = 0; i < values.size(); i++) {
            assertArrayEquals(values.get(i), got.get(i), "row " + i);
        }
    }

    @Test
    void aTableWithoutKeyTakesBigValuesAsLongData() throws Exception {
        Random r = new Random(11);
        byte[] big = randomBytes(r, 900 * KB);
        byte[] text = text(r, 700 * KB);
        DumpBuilder d = new DumpBuilder().sql("SET NAMES utf8mb4")
                .sql("CREATE TABLE nokey (n INT, b LONGBLOB, t LONGTEXT CHARACTER SET utf8mb4)")
                .insert("nokey").raw("(1,").hex(big).raw(",").string(text, false).raw(")").raw(";\n");
        LoadJob.Result result = load(d.write(dir, "nokey.sql"), 1, OnDuplicate.AS_WRITTEN);

        assertNull(result.failure(), () -> result.failure().message());
        assertEquals(1, result.stats().rowsLoaded());
        assertArrayEquals(big, column("SELECT b FROM nokey").get(0));
        assertArrayEquals(text, column("SELECT t FROM nokey").get(0));
    }

    @Test
    void insertIgnoreOfAnOversizedDuplicateLeavesTheExistingRowAlone() throws Exception {
        Random r = new Random(5);
        byte[] first = randomBytes(r, 700 * KB);
        byte[] second = randomBytes(r, 700 * KB);
        DumpBuilder d = new DumpBuilder().sql("CREATE TABLE docs (id INT PRIMARY KEY, body LONGBLOB)")
                .insert("docs").raw("(1,").hex(first).raw(")").raw(";\n")
                .raw("INSERT IGNORE INTO `docs` VALUES (1,").hex(second).raw(")").raw(";\n");
        LoadJob.Result result = load(d.write(dir, "dup.sql"), 1, OnDuplicate.AS_WRITTEN);

        assertNull(result.failure(), () -> result.failure().message());
        assertEquals(0, result.rejects().count(), () -> rejectReasons());
        assertArrayEquals(first, column("SELECT body FROM docs").get(0), "not appended onto the existing row");
        assertEquals(1, result.stats().duplicatesIgnored());
    }

    @Test
    void onDuplicateReplaceSwapsAnOversizedRowWhole() throws Exception {
        Random r = new Random(9);
        byte[] first = randomBytes(r, 700 * KB);
        byte[] second = randomBytes(r, 650 * KB);
        DumpBuilder d = new DumpBuilder().sql("CREATE TABLE docs (id INT PRIMARY KEY, body LONGBLOB)")
                .insert("docs").raw("(1,").hex(first).raw(")").raw(";\n")
                .insert("docs").raw("(1,").hex(second).raw(")").raw(";\n");
        LoadJob.Result result = load(d.write(dir, "replace.sql"), 1, OnDuplicate.REPLACE);

        assertNull(result.failure(), () -> result.failure().message());
        assertArrayEquals(second, column("SELECT body FROM docs").get(0));
    }
}
