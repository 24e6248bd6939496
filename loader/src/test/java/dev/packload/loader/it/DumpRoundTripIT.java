package dev.packload.loader.it;

import dev.packload.loader.LoadConfig;
import dev.packload.loader.LoadJob;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.WriterOptions;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.target.Target;
import dev.packload.loader.testing.Server;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * packload loads exactly what the {@code mariadb} client loads, for real {@code mariadb-dump} output of a database
 * full of awkward values and objects: every common column type at its limits, all 256 byte values, NULL against empty,
 * 4-byte UTF-8, quotes, backslashes and delimiters inside strings, generated and spatial columns, rows of several MB,
 * odd identifiers, triggers (one created under NO_BACKSLASH_ESCAPES, two ordered with PRECEDES), a procedure, a
 * function, views and an event whose bodies need DELIMITER.
 *
 * <p>Each dump variant is loaded twice into fresh databases, by packload and by the client, and the two are compared
 * table by table (CHECKSUM TABLE, row count) and object by object (SHOW CREATE ... with the schema name normalised),
 * and both against the source. The client runs with {@code --comments}: without it, it strips comments out of stored
 * program bodies, which would make the reference differ from the source.
 */
class DumpRoundTripIT {
    private static final int MB = 1 << 20;

    @TempDir
    static Path dir;

    private static Server server;
    private static TestDatabase source;
    /** Source objects and data, without and with routines and events. */
    private static Snapshot sourceTablesAndTriggers;
    private static Snapshot sourceEverything;
    private static long sourceRows;

    // ------------------------------------------------------------------------------------------------------------
    // the source database

    @BeforeAll
    static void createSource() throws Exception {
        server = TestServers.local();
        source = TestDatabase.create(server, "roundtrip_src");
        try (Connection c = source.connect(); Statement s = c.createStatement()) {
            // zero dates, an empty ENUM value and id 0 in an AUTO_INCREMENT column need a lax session
            s.execute("SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'");
            s.execute("SET SESSION time_zone = '+00:00'");
            createTables(s);
            fillTypes(c);
            fillBigRows(c);
            fillSmallTables(c, s);
            createObjects(s);
        }
        sourceTablesAndTriggers = Snapshot.of(source.server(), source.name(), false);
        sourceEverything = Snapshot.of(source.server(), source.name(), true);
        sourceRows = sourceEverything.rows.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(sourceEverything.definitions.keySet().containsAll(List.of("EVENT ev_cleanup", "FUNCTION f_label",
                "PROCEDURE p_fill", "TRIGGER ai.BEFORE.INSERT.1 ai_first", "TRIGGER ai.BEFORE.UPDATE.1 ai_bu",
                "VIEW v_summary", "VIEW v_on_view", "TABLE types")), sourceEverything.definitions.keySet().toString());
    }

    @AfterAll
    static void dropSource() {
        if (source != null) {
            source.close();
        }
    }

    private static void createTables(Statement s) throws SQLException {
        s.execute("CREATE TABLE types ("
                + "id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + "ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, mi MEDIUMINT,"
                + "miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED,"
                + "de DECIMAL(65,30), deu DECIMAL(10,2) UNSIGNED, f FLOAT, d DOUBLE,"
                + "b1 BIT(1), b64 BIT(64),"
                + "dt DATE, dtm DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, tm TIME(3), yr YEAR,"
                + "c CHAR(10), vc VARCHAR(255), tx TEXT, mt MEDIUMTEXT,"
                + "bn BINARY(16), vb VARBINARY(300), bl BLOB, lb LONGBLOB,"
                + "en ENUM('a','b','c d','é'), st SET('x','y','z'),"
                + "js JSON,"
                + "gv BIGINT AS (i + 1) VIRTUAL,"
                + "gs VARCHAR(300) AS (CONCAT(LEFT(IFNULL(vc, '∅'), 100), '|', IFNULL(i, -1))) STORED,"
                + "KEY by_gs (gs(20))"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='types; \\'quoted\\''");
        s.execute("CREATE TABLE big_rows (id INT PRIMARY KEY, kind VARCHAR(10) NOT NULL, body LONGBLOB,"
                + " txt LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin) ENGINE=InnoDB");
        s.execute("CREATE TABLE places (id INT PRIMARY KEY, name VARCHAR(50), pt POINT NOT NULL, geo GEOMETRY,"
                + " SPATIAL INDEX sp_pt (pt)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        s.execute("CREATE TABLE ai (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(50)) ENGINE=InnoDB"
                + " DEFAULT CHARSET=utf8mb4");
        s.execute("CREATE TABLE audit (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, msg VARCHAR(200) NOT NULL,"
                + " at DATETIME NOT NULL DEFAULT '2000-01-01 00:00:00') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        s.execute("CREATE TABLE `odd ``name`` é` (`k``ey` INT PRIMARY KEY, `sp ace` VARCHAR(20),"
                + " `漢字` VARCHAR(10)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        s.execute("CREATE TABLE nokey (a INT, b TEXT) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        s.execute("CREATE TABLE empty_t (id INT PRIMARY KEY) ENGINE=InnoDB");
    }

    /** 0x00..0xFF in order. */
    private static byte[] allBytes(int repeat) {
        byte[] b = new byte[256 * repeat];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /** The string literal torture: quotes, backslashes, delimiters, comment openers, a DELIMITER line. */
    private static final String TRICKY = "it's \"quoted\" \\ back\\slash \\' \\\\' ; ;; $$ -- not a comment # nor"
            + " /* this */ /*!50000 nor this */ */ \nDELIMITER ;;\n\r\t\u001a end\\";
    private static final String UNICODE = "4-byte: 😀 𝄞 𠜎 🇩🇪 | 3-byte: 漢字 € | 2-byte: é ß ñ | nul:\u0000|";

    private static void fillTypes(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            // 1: lower limits and empty values
            s.execute("INSERT INTO types (id, ti, tiu, si, siu, mi, miu, i, iu, bi, biu, de, deu, f, d, b1, b64, dt, dtm,"
                    + " ts, tm, yr, c, vc, tx, mt, bn, vb, bl, lb, en, st, js) VALUES (1, -128, 0, -32768, 0, -8388608,"
                    + " 0, -2147483648, 0, -9223372036854775808, 0,"
                    + " -99999999999999999999999999999999999.999999999999999999999999999999, 0.00, -3.40282e38,"
                    + " -1.7976931348623157e308, b'0', b'0', '1000-01-01', '1000-01-01 00:00:00.000000',"
                    + " '1970-01-01 00:00:01.000000', '-838:59:59.000', 1901, '', '', '', '', x'', '', '', '', 'a', '',"
                    + " '{}')");
            // 2: upper limits
            s.execute("INSERT INTO types (id, ti, tiu, si, siu, mi, miu, i, iu, bi, biu, de, deu, f, d, b1, b64, dt, dtm,"
                    + " ts, tm, yr, c, en, st) VALUES (2, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647,"
                    + " 4294967295, 9223372036854775807, 18446744073709551615,"
                    + " 99999999999999999999999999999999999.999999999999999999999999999999, 99999999.99, 3.40282e38,"
                    + " 1.7976931348623157e308, b'1', x'FFFFFFFFFFFFFFFF', '9999-12-31', '9999-12-31 23:59:59.999999',"
                    + " '2038-01-19 03:14:07.999999', '838:59:59.000', 2155, 'abcdefghij', 'é', 'x,y,z')");
            // 3: NULL everywhere
            s.execute("INSERT INTO types (id) VALUES (3)");
            // 4: zeros and odd values: zero dates, an empty ENUM value (index 0), tiny decimals, trailing spaces
            s.execute("INSERT INTO types (id, ti, f, d, de, deu, b64, dt, dtm, ts, tm, yr, c, vc, en, st, js) VALUES"
                    + " (4, 0, 1.5, 0.1, 0.000000000000000000000000000001, 0.01, b'1010', '0000-00-00',"
                    + " '0000-00-00 00:00:00', '0000-00-00 00:00:00', '00:00:00.001', 0, 'abc   ', 'abc   ', '', 'y',"
                    + " '[1, 2.5e-300, true, false, null, \"\\\\u00e9\\\\\\\\\"]')");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO types (id, i, c, vc, tx, mt, bn, vb, bl, lb, js,"
                + " b64, f, d) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            // 5: every byte value, the string torture, 4-byte UTF-8
            ps.setInt(1, 5);
            ps.setInt(2, 42);
            ps.setString(3, "😀'\\\"x");
            ps.setString(4, TRICKY);
            ps.setString(5, TRICKY + UNICODE);
            ps.setString(6, (UNICODE + TRICKY).repeat(700)); // ~100 KB: over the ring's 64 KiB byte gate
            ps.setBytes(7, new byte[] {0, (byte) 0xFF, '\'', '\\', '"', 0x1A, '\n', '\r', ';', 0, 0, 0, 0, 0, 0, 0});
            ps.setBytes(8, allBytes(1));
            ps.setBytes(9, allBytes(4));
            ps.setBytes(10, allBytes(300));
            ps.setString(11, "{\"q\": \"it's \\\"x\\\" \\\\ ;;\", \"u\": \"😀\", \"n\": null, \"a\": [1, 2.5, true],"
                    + " \"o\": {\"k\": \"\\u0000\"}}");
            ps.setBytes(12, new byte[] {0x12, 0x34, 0x56, 0x78, (byte) 0x9A, (byte) 0xBC, (byte) 0xDE, (byte) 0xF0});
            ps.setFloat(13, 0.125f);
            ps.setDouble(14, 2.2250738585072014E-308);
            ps.executeUpdate();
            // 6: NULL against empty, the other way round from row 1; trailing zero bytes
            ps.setInt(1, 6);
            ps.setNull(2, Types.INTEGER);
            ps.setString(3, null);
            ps.setString(4, "");
            ps.setString(5, null);
            ps.setString(6, "");
            ps.setBytes(7, null);
            ps.setBytes(8, new byte[] {'a', 0, 0});
            ps.setBytes(9, null);
            ps.setBytes(10, new byte[0]);
            ps.setString(11, "\"\"");
            ps.setBytes(12, new byte[] {0});
            ps.setNull(13, Types.FLOAT);
            ps.setDouble(14, -0.5);
            ps.executeUpdate();
        }
    }

    private static void fillBigRows(Connection c) throws SQLException {
        Random r = new Random(20240607);
        byte[] random2m = new byte[2 * MB];
        r.nextBytes(random2m);
        byte[] every5m = allBytes(5 * MB / 256);
        for (int i = 0; i < every5m.length; i += 4099) {
            every5m[i] = (byte) r.nextInt(); // not only a repeating pattern
        }
        StringBuilder sb = new StringBuilder(3 * MB);
        String[] parts = {"a", "Z", "é", "😀", "'", "\\", "\"", "\n", "ß", "漢", " ", ";", "\u0000", "𠜎", "\r", "\t"};
        int bytes = 0;
        while (bytes < 3 * MB) {
            String p = parts[r.nextInt(parts.length)];
            sb.append(p);
            bytes += p.getBytes(StandardCharsets.UTF_8).length;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO big_rows VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "random");
            ps.setBytes(3, random2m);
            ps.setString(4, "small");
            ps.executeUpdate();
            ps.setInt(1, 2);
            ps.setString(2, "text");
            ps.setBytes(3, new byte[0]);
            ps.setString(4, sb.toString());
            ps.executeUpdate();
            ps.setInt(1, 3);
            ps.setString(2, "bytes");
            ps.setBytes(3, every5m);
            ps.setString(4, null);
            ps.executeUpdate();
            for (int id = 4; id <= 6; id++) {
                ps.setInt(1, id);
                ps.setString(2, "tiny");
                ps.setBytes(3, new byte[] {(byte) id});
                ps.setString(4, "row " + id);
                ps.executeUpdate();
            }
        }
    }

    private static void fillSmallTables(Connection c, Statement s) throws SQLException {
        s.execute("INSERT INTO places VALUES (1, 'origin', ST_GeomFromText('POINT(0 0)'), NULL),"
                + " (2, 'sf', ST_GeomFromText('POINT(-122.4194155 37.7749295)', 4326),"
                + "  ST_GeomFromText('LINESTRING(0 0, 1 1, 2 0.5)')),"
                + " (3, 'poly', ST_GeomFromText('POINT(1e-7 -1e7)'),"
                + "  ST_GeomFromText('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 2))')),"
                + " (4, 'coll', ST_GeomFromText('POINT(5 5)'),"
                + "  ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 5 5), MULTIPOINT(1 2, 3 4))'))");
        s.execute("INSERT INTO ai VALUES (0, 'zero'), (1, 'one')");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ai VALUES (?, ?)")) {
            ps.setInt(1, 7);
            ps.setString(2, "C:\\dir\\");
            ps.executeUpdate();
        }
        s.execute("ALTER TABLE ai AUTO_INCREMENT = 100");
        s.execute("INSERT INTO audit (id, msg, at) VALUES (1, 'tmp;first', '2001-02-03 04:05:06'), (2, 'kept', DEFAULT)");
        s.execute("INSERT INTO `odd ``name`` é` VALUES (1, 'a b', '漢'), (2, NULL, ''), (3, '`', '``')");
        s.execute("INSERT INTO nokey VALUES (1, 'dup'), (1, 'dup'), (2, NULL), (NULL, '')");
    }

    private static void createObjects(Statement s) throws SQLException {
        s.execute("CREATE TRIGGER ai_bi BEFORE INSERT ON ai FOR EACH ROW\n"
                + "BEGIN\n"
                + "  -- a comment with ;; and an 'unclosed quote\n"
                + "  IF NEW.v = 'x;;y' THEN\n"
                + "    SET NEW.v = CONCAT(NEW.v, '\\\\', \"\\\"d\\\"\", '😀'); /* ;; */\n"
                + "  END IF;\n"
                + "END");
        s.execute("CREATE TRIGGER ai_first BEFORE INSERT ON ai FOR EACH ROW PRECEDES ai_bi\n"
                + "SET NEW.v = IFNULL(NEW.v, 'null;')");
        s.execute("CREATE TRIGGER ai_ai AFTER INSERT ON ai FOR EACH ROW\n"
                + "BEGIN\n  INSERT INTO audit (msg) VALUES (CONCAT('ai;', NEW.id));\nEND");
        // under NO_BACKSLASH_ESCAPES 'C:\' is a whole string: the dump switches modes around it
        s.execute("SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES,NO_AUTO_VALUE_ON_ZERO'");
        s.execute("CREATE TRIGGER ai_bu BEFORE UPDATE ON ai FOR EACH ROW\n"
                + "BEGIN\n  SET NEW.v = REPLACE(NEW.v, 'C:\\', 'D:\\');\nEND");
        s.execute("SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE'");
        s.execute("CREATE PROCEDURE p_fill(IN n INT, OUT total BIGINT)\n"
                + "  COMMENT 'proc; with ;; semicolons and a \\'quote'\n"
                + "BEGIN\n"
                + "  DECLARE i INT DEFAULT 0;\n"
                + "  /* block comment ;; */\n"
                + "  SET total = 0;\n"
                + "  WHILE i < n DO\n"
                + "    SET total = total + i; SET i = i + 1;\n"
                + "  END WHILE;\n"
                + "  SELECT CONCAT('done;', \"x\\\"y\", '\\'', '😀') AS msg;\n"
                + "END");
        s.execute("CREATE FUNCTION f_label(x INT) RETURNS VARCHAR(50) CHARSET utf8mb4 DETERMINISTIC\n"
                + "BEGIN\n"
                + "  DECLARE s VARCHAR(50);\n"
                + "  SET s = CASE WHEN x IS NULL THEN 'null;' WHEN x < 0 THEN 'neg\\\\' ELSE CONCAT('pos:', x, '😀') END;\n"
                + "  RETURN s;\n"
                + "END");
        s.execute("SET SESSION sql_mode = DEFAULT");
        s.execute("CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW v_summary AS"
                + " SELECT id, vc, i FROM types WHERE id > 0 WITH CASCADED CHECK OPTION");
        s.execute("CREATE VIEW v_on_view AS SELECT s.id, CONCAT(s.vc, ';', 'é') AS label, a.v"
                + " FROM v_summary s LEFT JOIN ai a ON a.id = s.id WHERE s.vc <> 'x;;'");
        // no ";;" in an event body: mariadb-dump 10.11 --events then loops forever looking for a delimiter
        s.execute("CREATE EVENT ev_cleanup ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00'"
                + " ON COMPLETION PRESERVE DISABLE COMMENT 'nightly; cleanup' DO\n"
                + "BEGIN\n"
                + "  DELETE FROM audit WHERE msg LIKE 'tmp;%';\n"
                + "  INSERT INTO audit (msg) VALUES ('cleaned; ok $$ \\' \"');\n"
                + "END");
    }

    // ------------------------------------------------------------------------------------------------------------
    // the variants

    enum Compression { NONE, GZIP, ZSTD }

    record Variant(String name, List<String> dumpOptions, Compression compression, boolean routinesAndEvents) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Variant> variants() {
        return Stream.of(
                new Variant("default", List.of(), Compression.NONE, false),
                new Variant("hex-blob", List.of("--hex-blob"), Compression.NONE, false),
                new Variant("skip-extended-insert", List.of("--skip-extended-insert"), Compression.NONE, false),
                new Variant("complete-insert", List.of("--complete-insert"), Compression.NONE, false),
                new Variant("routines-triggers-events", List.of("--routines", "--triggers", "--events"),
                        Compression.NONE, true),
                new Variant("insert-ignore", List.of("--insert-ignore"), Compression.NONE, false),
                new Variant("replace", List.of("--replace"), Compression.NONE, false),
                new Variant("no-autocommit", List.of("--no-autocommit"), Compression.NONE, false),
                new Variant("gzip", List.of(), Compression.GZIP, false),
                new Variant("zstd", List.of(), Compression.ZSTD, false));
    }

    static Stream<Variant> uncompressedVariants() {
        return variants().filter(v -> v.compression() == Compression.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void packloadLoadsWhatTheClientLoads(Variant v) throws Exception {
        if (v.compression() == Compression.ZSTD) {
            Assumptions.assumeTrue(onPath("zstd"), "no zstd binary on the PATH: zstd variant skipped");
        }
        Path plain = dump(v.name(), v.dumpOptions());
        Path input = compress(plain, v.compression());
        Snapshot expected = v.routinesAndEvents() ? sourceEverything : sourceTablesAndTriggers;

        try (TestDatabase viaPackload = TestDatabase.create(server, "roundtrip_pl");
                TestDatabase viaClient = TestDatabase.create(server, "roundtrip_cli")) {
            loadWithClient(plain, viaClient);
            LoadJob.Result result = loadWithPackload(input, viaPackload, 2, 0, v.name());
            assertCleanLoad(result, v.name());

            Snapshot client = Snapshot.of(server, viaClient.name(), true);
            Snapshot packload = Snapshot.of(server, viaPackload.name(), true);
            assertSame("packload (" + v + ")", "mariadb client", client, packload);
            assertSame("packload (" + v + ")", "source", expected, packload);
            assertSame("mariadb client (" + v + ")", "source", expected, client);
        }
    }

    /**
     * Every dump variant through prepared executions of two rows each (the rest as text): rows whose values all have
     * an exact binary form go as parameters, the others (floats, bits, hex, JSON with odd literals) as text, side by
     * side in one table, and the result is still what the mariadb client loads, byte for byte. Fails if a literal is
     * given a binary form whose meaning differs (a dropped backslash, a decimal turned integer, a lost sign).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("uncompressedVariants")
    void preparedExecutionsLoadWhatTheClientLoads(Variant v) throws Exception {
        Path plain = dump(v.name(), v.dumpOptions());
        Snapshot expected = v.routinesAndEvents() ? sourceEverything : sourceTablesAndTriggers;
        try (TestDatabase viaPackload = TestDatabase.create(server, "roundtrip_ps")) {
            LoadJob.Result result = loadWithPackload(plain, viaPackload, 2, 0, 2, "prepared-" + v.name());
            assertCleanLoad(result, v.name() + " with --prepared-rows 2");
            assertTrue(result.stats().preparedRows() > 0, "some rows went as prepared executions");
            assertTrue(result.stats().preparedRows() < result.stats().rowsLoaded(), "and some as text");
            assertSame("packload --prepared-rows 2 (" + v + ")", "source", expected,
                    Snapshot.of(server, viaPackload.name(), true));
        }
    }

    @Test
    void theSameDumpLoadsIdenticallyWithOneAndFourThreads() throws Exception {
        Path dump = dump("threads", List.of("--hex-blob", "--routines", "--events"));
        try (TestDatabase one = TestDatabase.create(server, "roundtrip_t1");
                TestDatabase four = TestDatabase.create(server, "roundtrip_t4")) {
            assertCleanLoad(loadWithPackload(dump, one, 1, 0, "threads1"), "--threads 1");
            assertCleanLoad(loadWithPackload(dump, four, 4, 0, "threads4"), "--threads 4");
            Snapshot s1 = Snapshot.of(server, one.name(), true);
            Snapshot s4 = Snapshot.of(server, four.name(), true);
            assertSame("--threads 4", "--threads 1", s1, s4);
            assertSame("--threads 1", "source", sourceEverything, s1);
        }
    }

    /**
     * The same dumps under a 1 MiB statement budget on four writers: tuples are re-batched into many statements spread
     * over the writers, and the 2-5 MB rows go in through chunked appends, yet the data is the same.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("smallBudgetDumps")
    void aOneMebibyteStatementBudgetLoadsTheSameData(String name, List<String> options) throws Exception {
        Path dump = dump("budget-" + name, options);
        try (TestDatabase db = TestDatabase.create(server, "roundtrip_1m")) {
            LoadJob.Result result = loadWithPackload(dump, db, 4, MB, "budget-" + name);
            assertCleanLoad(result, "--max-statement-bytes 1M (" + name + ")");
            assertTrue(result.stats().tables().stream().anyMatch(t -> t.appendedRows() > 0),
                    "the multi-MB rows were appended in chunks");
            assertSame("--max-statement-bytes 1M (" + name + ")", "source", sourceEverything,
                    Snapshot.of(server, db.name(), true));
        }
    }

    static Stream<Arguments> smallBudgetDumps() {
        return Stream.of(Arguments.of("escaped", List.of("--routines", "--events")),
                Arguments.of("hex-blob", List.of("--hex-blob", "--routines", "--events")));
    }

    // ------------------------------------------------------------------------------------------------------------
    // dumping and loading

    private static Path dump(String name, List<String> options) throws Exception {
        Path out = dir.resolve(name + ".sql");
        List<String> cmd = new ArrayList<>(List.of("mariadb-dump", "-h", server.host(), "-P",
                String.valueOf(server.port()), "-u", server.user()));
        if (!server.password().isEmpty()) {
            cmd.add("--password=" + server.password());
        }
        cmd.addAll(options);
        cmd.add(source.name());
        run(cmd, null, out, name + ".dump.err");
        return out;
    }

    private static Path compress(Path plain, Compression compression) throws Exception {
        switch (compression) {
            case NONE:
                return plain;
            case GZIP: {
                Path gz = dir.resolve(plain.getFileName() + ".gz");
                try (InputStream in = Files.newInputStream(plain);
                        OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz), 1 << 16)) {
                    in.transferTo(out);
                }
                return gz;
            }
            case ZSTD: {
                Path zst = dir.resolve(plain.getFileName() + ".zst");
                run(List.of("zstd", "-q", "-3", "-f", "-o", zst.toString(), plain.toString()), null, null,
                        plain.getFileName() + ".zstd.err");
                return zst;
            }
            default:
                throw new IllegalArgumentException(compression.toString());
        }
    }

    private static void loadWithClient(Path dump, TestDatabase into) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mariadb", "-h", server.host(), "-P", String.valueOf(server.port()),
                "-u", server.user(), "--comments"));
        if (!server.password().isEmpty()) {
            cmd.add("--password=" + server.password());
        }
        cmd.add(into.name());
        run(cmd, dump, null, into.name() + ".client.err");
    }

    private static LoadJob.Result loadWithPackload(Path dump, TestDatabase into, int threads, long maxStatementBytes,
                                                   String label) throws SQLException {
        return loadWithPackload(dump, into, threads, maxStatementBytes, WriterOptions.DEFAULT_PREPARED_ROWS, label);
    }

    private static LoadJob.Result loadWithPackload(Path dump, TestDatabase into, int threads, long maxStatementBytes,
                                                   int preparedRows, String label) throws SQLException {
        Server s = into.server();
        Target target = Target.of(s.host(), s.port(), s.user(),
                s.password().isEmpty() ? null : s.password().toCharArray(), into.name());
        LoadConfig config = LoadConfig.builder().inputs(dump).threads(threads)
                .writer(WriterOptions.builder().preparedRows(preparedRows).build()).maxStatementBytes(maxStatementBytes)
                .rejectFile(dir.resolve(label + "-rejects.sql")).build();
        return LoadJob.run(config, LoadJob.sessions(target), new LoadStats(), BatchLog.NONE, in -> { });
    }

    private static void assertCleanLoad(LoadJob.Result result, String what) throws IOException {
        if (result.failure() != null) {
            StringBuilder sb = new StringBuilder(what + ": packload failed: " + result.failure().outcome() + ": "
                    + result.failure().message());
            for (Throwable t = result.failure().cause(); t != null; t = t.getCause()) {
                sb.append("\n  caused by ").append(t);
            }
            fail(sb.toString());
        }
        if (result.rejects().count() > 0) {
            String rejects = Files.readString(result.rejects().path(), StandardCharsets.ISO_8859_1);
            List<String> reasons = rejects.lines().filter(l -> l.startsWith("-- ")).toList();
            fail(what + ": " + result.rejects().count() + " rows rejected: " + String.join("\n", reasons));
        }
        assertEquals(0, result.stats().rowsRejected(), what);
        assertEquals(sourceRows, result.stats().rowsRead(), what + ": rows read");
        assertEquals(sourceRows, result.stats().rowsLoaded(), what + ": rows loaded");
    }

    private static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, binary))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command with stdin from a file (or nothing) and stdout to a file (or discarded); fails on exit != 0. */
    private static void run(List<String> cmd, Path stdin, Path stdout, String errName) throws Exception {
        Path err = dir.resolve(errName);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(stdin == null ? new File("/dev/null") : stdin.toFile()));
        pb.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish within 30 s");
        }
        if (p.exitValue() != 0) {
            fail(String.join(" ", cmd) + " exited with " + p.exitValue() + ": " + Files.readString(err));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // comparing

    private static void assertSame(String actualName, String expectedName, Snapshot expected, Snapshot actual) {
        List<String> diffs = new ArrayList<>();
        diff("row count", expected.rows, actual.rows, diffs);
        diff("CHECKSUM TABLE", expected.checksums, actual.checksums, diffs);
        diff("definition", expected.definitions, actual.definitions, diffs);
        if (!diffs.isEmpty()) {
            fail(actualName + " differs from " + expectedName + " in " + diffs.size() + " place(s):\n"
                    + String.join("\n", diffs.subList(0, Math.min(diffs.size(), 20))));
        }
    }

    private static <V> void diff(String what, Map<String, V> expected, Map<String, V> actual, List<String> out) {
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            V e = expected.get(k);
            V a = actual.get(k);
            if (e == null) {
                out.add("  " + what + " of " + k + ": unexpected, " + shorten(a));
            } else if (a == null) {
                out.add("  " + what + " of " + k + ": missing, expected " + shorten(e));
            } else if (!e.equals(a)) {
                out.add("  " + what + " of " + k + ": expected " + shorten(e) + "\n      but was " + shorten(a));
            }
        }
    }

    private static String shorten(Object o) {
        String s = String.valueOf(o).replace("\n", "\\n");
        return s.length() > 600 ? s.substring(0, 597) + "..." : s;
    }

    /** What a database holds: rows and checksum per base table, and every object's definition. */
    static final class Snapshot {
        final Map<String, Long> rows = new TreeMap<>();
        final Map<String, String> checksums = new TreeMap<>();
        final Map<String, String> definitions = new TreeMap<>();

        static Snapshot of(Server server, String db, boolean routinesAndEvents) throws SQLException {
            Snapshot s = new Snapshot();
            try (Connection c = server.connect(db)) {
                for (String[] t : query(c, "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME", db)) {
                    String q = quote(db) + "." + quote(t[0]);
                    if (t[1].equals("VIEW")) {
                        s.definitions.put("VIEW " + t[0], show(c, db, "SHOW CREATE VIEW " + q, 2));
                        continue;
                    }
                    s.definitions.put("TABLE " + t[0], show(c, db, "SHOW CREATE TABLE " + q, 2));
                    s.rows.put(t[0], Long.parseLong(query(c, "SELECT COUNT(*) FROM " + q).get(0)[0]));
                    s.checksums.put(t[0], query(c, "CHECKSUM TABLE " + q).get(0)[1]);
                }
                for (String[] t : query(c, "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION,"
                        + " ACTION_ORDER FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?", db)) {
                    s.definitions.put("TRIGGER " + t[1] + "." + t[2] + "." + t[3] + "." + t[4] + " " + t[0],
                            show(c, db, "SHOW CREATE TRIGGER " + quote(db) + "." + quote(t[0]), 2));
                }
                if (routinesAndEvents) {
                    for (String[] r : query(c, "SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES"
                            + " WHERE ROUTINE_SCHEMA = ?", db)) {
                        s.definitions.put(r[1] + " " + r[0], show(c, db, "SHOW CREATE " + r[1] + " " + quote(db) + "."
                                + quote(r[0]), 2));
                    }
                    for (String[] e : query(c, "SELECT EVENT_NAME, STATUS, ON_COMPLETION FROM information_schema.EVENTS"
                            + " WHERE EVENT_SCHEMA = ?", db)) {
                        s.definitions.put("EVENT " + e[0], e[1] + " " + e[2] + " "
                                + show(c, db, "SHOW CREATE EVENT " + quote(db) + "." + quote(e[0]), 2));
                    }
                }
            }
            return s;
        }

        /** The columns of a SHOW CREATE row from {@code from} on, without "Created", the schema name normalised. */
        private static String show(Connection c, String db, String sql, int from) throws SQLException {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                if (!rs.next()) {
                    return null;
                }
                ResultSetMetaData md = rs.getMetaData();
                StringBuilder sb = new StringBuilder();
                for (int i = from; i <= md.getColumnCount(); i++) {
                    String label = md.getColumnLabel(i);
                    if (label.equalsIgnoreCase("Created")) {
                        continue;
                    }
                    sb.append(label).append('=').append(normalise(rs.getString(i), db)).append("; ");
                }
                return sb.toString();
            }
        }

        private static String normalise(String s, String db) {
            return s == null ? null : s.replace(db, "<db>");
        }

        private static List<String[]> query(Connection c, String sql, String... params) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    List<String[]> out = new ArrayList<>();
                    while (rs.next()) {
                        String[] row = new String[n];
                        for (int i = 0; i < n; i++) {
                            row[i] = rs.getString(i + 1);
                        }
                        out.add(row);
                    }
                    return out;
                }
            }
        }

        private static String quote(String identifier) {
            return "`" + identifier.replace("`", "``") + "`";
        }
    }
}
