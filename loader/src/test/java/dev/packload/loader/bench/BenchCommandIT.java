package dev.packload.loader.bench;

import dev.packload.loader.testing.CliRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packload.loader.cli.ExitCode;
import dev.packload.loader.testing.Server;
import dev.packload.loader.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code packload bench} as a user runs it, against the local MariaDB. */
class BenchCommandIT {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @TempDir
    Path dir;


    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static String[] bench(Server s, String... more) {
        List<String> a = new ArrayList<>(List.of("bench", "-h", s.host(), "-P", String.valueOf(s.port()), "-u", s.user()));
        if (!s.password().isEmpty()) {
            a.add("--password=" + s.password());
        }
        a.addAll(Arrays.asList(more));
        return a.toArray(new String[0]);
    }

    private static boolean databaseExists(Server s, String name) throws SQLException {
        try (Connection c = s.connect(null); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    @Test
    void aThreadsSweepReportsEveryFigureDrawsAPngAndDropsTheScratchDatabase() throws Exception {
        Server s = TestServers.local();
        Path report = dir.resolve("bench.json");
        Path png = dir.resolve("bench.png");
        CliRun r = run(bench(s, "--rows", "20000", "--sweep", "threads=1,2", "--report", report.toString(),
                "--chart", png.toString()));
        assertEquals(ExitCode.OK, r.code(), r.all());
        assertTrue(r.out().contains("threads=1") && r.out().contains("threads=2") && r.out().contains("statement budget"),
                r.out());

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        String db = json.path("database").asText();
        assertTrue(db.matches("packload_bench_[0-9a-f]{8}"), db);
        assertFalse(json.path("databaseKept").asBoolean());
        assertEquals(0, json.path("exitCode").asInt());
        assertTrue(json.path("failure").isNull());
        assertEquals("threads", json.path("sweep").asText());
        assertEquals(20_000, json.path("data").path("rows").asLong());
        assertEquals(20_000L * 200, json.path("data").path("sqlBytes").asLong());
        JsonNode variants = json.path("variants");
        assertEquals(2, variants.size(), json.toPrettyString());
        for (int i = 0; i < 2; i++) {
            JsonNode v = variants.get(i);
            assertEquals("threads=" + (i + 1), v.path("label").asText());
            assertEquals(i + 1, v.path("threads").asInt());
            assertEquals(20_000, v.path("rowsLoaded").asLong());
            assertEquals(0, v.path("rowsRejected").asLong());
            assertEquals(20_000L * 200, v.path("bytes").asLong(), "the same rows in every variant");
            assertTrue(v.path("statementBytes").asLong() > v.path("bytes").asLong());
            assertTrue(v.path("statements").asLong() >= 1);
            assertTrue(v.path("commits").asLong() >= 1);
            for (String rate : List.of("seconds", "rowsPerSecond", "mbPerSecond", "statementsPerSecond")) {
                assertTrue(v.path(rate).asDouble() > 0, rate + " in " + v);
            }
            JsonNode l = v.path("statementLatency");
            assertEquals(v.path("statements").asLong(), l.path("count").asLong());
            assertTrue(l.path("p50Millis").asDouble() > 0, l.toString());
            assertTrue(l.path("p50Millis").asDouble() <= l.path("p95Millis").asDouble());
            assertTrue(l.path("p95Millis").asDouble() <= l.path("p99Millis").asDouble());
            JsonNode budget = v.path("budget");
            assertTrue(budget.path("statementBytes").asLong() >= 4096, budget.toString());
            assertTrue(budget.path("description").asText().startsWith("statement budget "), budget.toString());
        }

        byte[] head = Arrays.copyOf(Files.readAllBytes(png), PNG_MAGIC.length);
        assertArrayEquals(PNG_MAGIC, head, "a PNG");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image);
        assertTrue(image.getWidth() > image.getHeight() && image.getHeight() >= 300, image.toString());

        assertFalse(databaseExists(s, db), db + " was dropped");
        assertTrue(r.err().contains("dropped database " + db), r.err());
    }

    /** Text INSERTs against prepared executions on the user's server: the report says which rows went which way. */
    @Test
    void aPreparedRowsSweepComparesTextWithPreparedExecutions() throws Exception {
        Server s = TestServers.local();
        Path report = dir.resolve("prepared.json");
        CliRun r = run(bench(s, "--rows", "20000", "--blob-bytes", "1K", "--blob-share", "0.2", "--threads", "2",
                "--sweep", "prepared-rows=0,1024", "--report", report.toString(), "--chart",
                dir.resolve("prepared.png").toString()));
        assertEquals(ExitCode.OK, r.code(), r.all());
        JsonNode variants = new ObjectMapper().readTree(report.toFile()).path("variants");
        JsonNode text = variants.get(0);
        JsonNode prepared = variants.get(1);
        assertEquals("prepared-rows=0", text.path("label").asText());
        assertEquals(0, text.path("preparedRows").asInt());
        assertEquals(0, text.path("rowsPrepared").asLong(), "no row went as parameters");
        assertEquals(1024, prepared.path("preparedRows").asInt());
        assertEquals(20_000, prepared.path("rowsLoaded").asLong());
        assertTrue(prepared.path("rowsPrepared").asLong() > 15_000, prepared.toPrettyString());
        assertTrue(prepared.path("statements").asLong() > text.path("statements").asLong(),
                "executions of 1024 rows are more, smaller statements than 4 MiB text INSERTs");
    }

    @Test
    void aStatementBytesSweepWithKeepLeavesTheLastVariantsRowsAndDrawsAnSvg() throws Exception {
        Server s = TestServers.local();
        Path report = dir.resolve("keep.json");
        Path svg = dir.resolve("keep.svg");
        CliRun r = run(bench(s, "--rows", "3000", "--tables", "2", "--blob-bytes", "2K", "--blob-share", "0.1",
                "--threads", "2", "--sweep", "statement-bytes=8K,1M", "--keep", "--report", report.toString(),
                "--chart", svg.toString()));
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        String db = json.path("database").asText();
        try {
            assertEquals(ExitCode.OK, r.code(), r.all());
            assertTrue(json.path("databaseKept").asBoolean());
            JsonNode small = json.path("variants").get(0);
            JsonNode large = json.path("variants").get(1);
            assertEquals(8192, small.path("budget").path("statementBytes").asLong());
            assertEquals(8192, small.path("maxStatementBytes").asLong());
            assertTrue(small.path("statements").asLong() > 10 * large.path("statements").asLong(),
                    small.path("statements") + " vs " + large.path("statements"));
            assertEquals(300, json.path("data").path("blobRows").asLong());
            assertTrue(Files.readString(svg).contains("<svg"), "an SVG");
            assertTrue(databaseExists(s, db));
            try (Connection c = s.connect(db); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM bench_1), (SELECT COUNT(*) FROM bench_2),"
                            + " (SELECT COUNT(*) FROM bench_1 WHERE LENGTH(payload) = 2048)"
                            + " + (SELECT COUNT(*) FROM bench_2 WHERE LENGTH(payload) = 2048)")) {
                rs.next();
                assertEquals(1500, rs.getLong(1));
                assertEquals(1500, rs.getLong(2));
                assertEquals(300, rs.getLong(3));
            }
        } finally {
            try (Connection c = s.connect(null); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS `" + db + "`");
            }
        }
    }

    @Test
    void aBadCommandLineExitsTwoWithOneLine() {
        Server s = TestServers.local();
        for (String[] args : List.of(
                bench(s, "--sweep", "threads=1,2", "--threads", "4"),
                bench(s, "--sweep", "rows=1,2"),
                bench(s, "-D", "mine"),
                bench(s, "--row-bytes", "10"),
                bench(s, "--chart", dir.resolve("x.jpg").toString()))) {
            CliRun r = run(args);
            assertEquals(ExitCode.USAGE, r.code(), r.all());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("packload: "), r.err());
        }
    }
}
