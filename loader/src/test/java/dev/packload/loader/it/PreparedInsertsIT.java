package dev.packload.loader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packload.loader.LoadJob;
import dev.packload.loader.pipeline.WriterOptions;
import dev.packload.loader.feed.DumpFilter;
import dev.packload.loader.testing.Server;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows sent as executions of server-side prepared INSERTs (ExecutePacket) against the same dump loaded by the mariadb
 * client: dumps in other character sets and SQL modes, a mix of values that go as parameters and values that go as
 * text, and a row the server refuses inside a prepared execution.
 */
class PreparedInsertsIT {
    @TempDir
    Path dir;

    /**
     * Loads the dump with the mariadb client into a scratch database and with packload ({@code --prepared-rows n})
     * into {@code into}; asserts a clean load whose {@code table} has the client's checksum.
     */
    private LoadJob.Result loadAsTheClientDoes(Path dump, String table, int n, TestDatabase into) throws Exception {
        Server local = into.server();
        try (TestDatabase viaClient = TestDatabase.create(local)) {
            Loads.Exec client = Loads.exec(dump, Loads.mariadb(local, viaClient.name()));
            assertEquals(0, client.code(), client.output());
            LoadJob.Result r = Loads.load(local, into.name(), preparedRows(n), dir.resolve(table + "-rejects.sql"),
                    DumpFilter.ALL, dump);
            assertNull(r.failure(), () -> r.failure().message());
            assertEquals(viaClient.checksum(table), into.checksum(table));
            return r;
        }
    }

    private static WriterOptions preparedRows(int n) {
        return WriterOptions.builder().preparedRows(n).build();
    }

    /**
     * A latin1 dump written under NO_BACKSLASH_ESCAPES: backslashes are plain bytes, quotes are doubled, and the
     * strings are converted from latin1 into utf8mb4 and latin1 columns; numbers of every lexer type sit beside
     * floats, which go as text, and hex literals, which go as binary strings into the VARBINARY column and as text
     * into the INT one (where they are numbers). Fails if the packet's strings are read in the wrong character set or
     * unescaped under the wrong mode.
     */
    @Test
    void aLatin1DumpUnderNoBackslashEscapesLoadsAsTheClientLoadsIt() throws Exception {
        StringBuilder sql = new StringBuilder("SET NAMES latin1;\nSET sql_mode='NO_BACKSLASH_ESCAPES';\n"
                + "CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(60) CHARACTER SET utf8mb4, l VARCHAR(60) CHARACTER SET"
                + " latin1, d DECIMAL(30,4), f DOUBLE, u BIGINT UNSIGNED, b VARBINARY(20), n INT);\n");
        for (int i = 1; i <= 300; i++) {
            sql.append(i % 50 == 1 ? "INSERT INTO t VALUES " : ",");
            String odd = i % 40 == 0 ? "0x" + Integer.toHexString(0x4100 + i) : "'b" + i + "\\n'";
            String f = i % 45 == 0 ? "1.5e" + (i % 30) : "-" + i + ".25";
            sql.append('(').append(i).append(",'é ").append(i).append(" \\ it''s Ü',")
                    .append("'ß\\0 ").append(i).append("',").append(i % 2 == 0 ? "-" : "").append(i).append(".0050,")
                    .append(f).append(',').append(i % 3 == 0 ? "18446744073709551615" : String.valueOf(i)).append(',')
                    .append(odd).append(',')
                    .append(i % 5 == 0 ? "NULL" : i % 37 == 0 ? "0x" + Integer.toHexString(i) : "-" + i).append(')');
            sql.append(i % 50 == 0 ? ";\n" : "");
        }
        Path dump = dir.resolve("latin1.sql");
        Files.write(dump, sql.toString().getBytes(StandardCharsets.ISO_8859_1));

        try (TestDatabase viaPackload = TestDatabase.create(TestServers.local())) {
            LoadJob.Result r = loadAsTheClientDoes(dump, "t", 8, viaPackload);
            assertEquals(300, viaPackload.count("t"));
            assertTrue(r.stats().preparedRows() > 0, "some rows went as prepared executions");
            assertTrue(r.stats().preparedRows() < 300, "the chunks with a hex literal into the INT column went as text");
            assertEquals(1, viaPackload.scalar("SELECT COUNT(*) FROM t WHERE id = 2 AND s = 'é 2 \\\\ it''s Ü'"
                    + " AND l = CONCAT('ß\\\\0 2')"), "backslashes kept as bytes, quotes undoubled");
        }
    }

    /**
     * Bit literals into a BIT column go as its bytes, and load as the client loads them; a table none of whose rows
     * has a binary form ({@code DEFAULT} in each) keeps its statements as built: refused chunks are not sent one text
     * INSERT each. Fails if every 16-row chunk goes as a statement of its own.
     */
    @Test
    void bitColumnsGoAsParametersAndRowsWithNoBinaryFormKeepTheirStatementsWhole() throws Exception {
        StringBuilder bits = new StringBuilder("CREATE TABLE bits (id INT PRIMARY KEY, b BIT(12), d INT DEFAULT 7);\n"
                + "INSERT INTO bits VALUES ");
        StringBuilder defaults = new StringBuilder("CREATE TABLE defaults (id INT PRIMARY KEY, d INT DEFAULT 7);\n"
                + "INSERT INTO defaults VALUES ");
        for (int i = 1; i <= 2000; i++) {
            bits.append(i > 1 ? "," : "").append('(').append(i).append(",b'").append(Integer.toBinaryString(i % 4096))
                    .append("',").append(i).append(')');
            defaults.append(i > 1 ? "," : "").append('(').append(i).append(",DEFAULT)");
        }
        Path bitDump = dir.resolve("bits.sql");
        Files.writeString(bitDump, bits.append(";\n"));
        Path defaultDump = dir.resolve("defaults.sql");
        Files.writeString(defaultDump, defaults.append(";\n"));
        try (TestDatabase db = TestDatabase.create(TestServers.local())) {
            assertEquals(2000, loadAsTheClientDoes(bitDump, "bits", 16, db).stats().preparedRows());
            LoadJob.Result r = loadAsTheClientDoes(defaultDump, "defaults", 16, db);
            assertEquals(0, r.stats().preparedRows());
            long statements = r.stats().tables().get(0).statements();
            assertTrue(statements <= 2, statements + " statements for 2000 rows of one INSERT");
        }
    }

    /**
     * A duplicate key inside a prepared execution: the execution is rolled back alone, its rows are retried one by
     * one as text, and only the duplicate is rejected, with the server's reason. Every other row is loaded.
     */
    @Test
    void aRowTheServerRefusesInsideAnExecutionIsRejectedAlone() throws Exception {
        StringBuilder sql = new StringBuilder("CREATE TABLE k (id INT PRIMARY KEY, v VARCHAR(20));\nINSERT INTO k VALUES ");
        for (int i = 1; i <= 64; i++) {
            int id = i == 20 ? 10 : i; // row 20 repeats row 10's key
            sql.append(i > 1 ? "," : "").append('(').append(id).append(",'v").append(i).append("')");
        }
        sql.append(";\n");
        Path dump = dir.resolve("dup.sql");
        Files.writeString(dump, sql);
        Server local = TestServers.local();
        try (TestDatabase db = TestDatabase.create(local)) {
            Path rejects = dir.resolve("dup-rejects.sql");
            LoadJob.Result r = Loads.load(local, db.name(), preparedRows(16), rejects, DumpFilter.ALL, dump);
            assertNull(r.failure(), () -> r.failure().message());
            assertEquals(63, db.count("k"));
            assertEquals(1, r.stats().rowsRejected());
            assertEquals(48, r.stats().preparedRows(), "the three executions of 16 rows without the duplicate");
            assertEquals(1, db.scalar("SELECT COUNT(*) FROM k WHERE id = 10 AND v = 'v10'"), "the first row 10 stays");
            r.rejects().close();
            String rejected = Files.readString(rejects);
            assertTrue(rejected.contains("Duplicate") && rejected.contains("(10,'v20')"), rejected);
        }
    }

    /**
     * The values per tuple are counted once per INSERT shape (PreparedSends): a later statement whose rows hold too
     * many or too few values, its first row among them, loads its good rows as parameters and rejects exactly the bad
     * ones with the server's reason (1136), as when every statement's first row was counted anew.
     */
    @Test
    void tuplesWithTheWrongNumberOfValuesInALaterStatementAreRejectedAlone() throws Exception {
        StringBuilder sql = new StringBuilder("CREATE TABLE w (id INT PRIMARY KEY, v VARCHAR(20));\n");
        for (int s = 0; s < 3; s++) {
            sql.append("INSERT INTO w VALUES ");
            for (int i = 1; i <= 32; i++) {
                int id = s * 100 + i;
                // statement 1 starts with a row of three values; statement 2 holds a row of one value
                String row = s == 1 && i == 1 ? "(" + id + ",'x','extra')" : s == 2 && i == 17 ? "(" + id + ")"
                        : "(" + id + ",'v" + id + "')";
                sql.append(i > 1 ? "," : "").append(row);
            }
            sql.append(";\n");
        }
        Path dump = dir.resolve("arity.sql");
        Files.writeString(dump, sql);
        Server local = TestServers.local();
        try (TestDatabase db = TestDatabase.create(local)) {
            Path rejects = dir.resolve("arity-rejects.sql");
            LoadJob.Result r = Loads.load(local, db.name(), preparedRows(16), rejects, DumpFilter.ALL, dump);
            assertEquals(94, db.count("w"));
            assertEquals(2, r.stats().rowsRejected());
            assertEquals(0, db.scalar("SELECT COUNT(*) FROM w WHERE id IN (101, 217)"));
            assertTrue(r.stats().preparedRows() >= 64, r.stats().preparedRows() + " rows went as parameters");
            r.rejects().close();
            String rejected = Files.readString(rejects);
            assertTrue(rejected.contains("(101,'x','extra')") && rejected.contains("(217)")
                    && rejected.contains("Column count doesn't match"), rejected);
        }
    }

    /**
     * Every column type a dump writes as an integer, a decimal, a float or a quoted string, filled on the server with
     * values at their limits (float and double extremes written with exponents, negative numbers, unsigned maxima,
     * zero dates, negative times, every byte, 4-byte UTF-8), dumped by mariadb-dump (plain, and with --hex-blob) and
     * loaded with one row per prepared execution: every row goes as parameters, none as text, and the table is what
     * the mariadb client loads from the same dump, and but for the FLOAT column (which mariadb-dump writes to six
     * digits) the source's.
     */
    @Test
    void everyColumnTypeAsParametersLoadsWhatTheSourceHolds() throws Exception {
        Server local = TestServers.local();
        try (TestDatabase src = TestDatabase.create(local); TestDatabase dst = TestDatabase.create(local)) {
            src.execute("CREATE TABLE typed (id INT PRIMARY KEY, ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT,"
                    + " mi MEDIUMINT UNSIGNED, i INT, bi BIGINT, biu BIGINT UNSIGNED, de DECIMAL(40,10),"
                    + " deu DECIMAL(8,3) UNSIGNED, f FLOAT, d DOUBLE, dt DATE, dtm DATETIME(6), ts TIMESTAMP(3) NULL,"
                    + " tm TIME(2), yr YEAR, c CHAR(12), vc VARCHAR(200), tx TEXT, bn BINARY(8), vb VARBINARY(64),"
                    + " bl BLOB, en ENUM('a','b','c d','é'), st SET('x','y','z'), js JSON,"
                    + " l1 VARCHAR(30) CHARACTER SET latin1) DEFAULT CHARSET=utf8mb4");
            src.execute("INSERT INTO typed SELECT seq,"
                    + " IF(seq % 2, -128, 127), seq % 256, -CAST(seq AS SIGNED) * 7, seq * 4099 % 16777216, IF(seq % 3, -2147483648, seq),"
                    + " IF(seq % 5 = 0, -9223372036854775808, seq * 1000003), IF(seq % 4 = 0, 18446744073709551615, seq),"
                    + " (CAST(seq AS SIGNED) - 200) * 12345.0123456789, seq * 1.125, IF(seq % 13 = 0, -3.40282e38 / seq, seq / 8),"
                    + " IF(seq % 7 = 0, 2.2250738585072014e-308 * seq, IF(seq % 11 = 0, -1.7976931348623157e308 / seq,"
                    + " (CAST(seq AS SIGNED) - 100) / 64)),"
                    + " IF(seq % 7 = 0, '0000-00-00', '1000-01-01' + INTERVAL seq * 97 DAY),"
                    + " '2024-02-29 23:59:59.999999' - INTERVAL seq HOUR,"
                    + " IF(seq % 6 = 0, NULL, '2038-01-19 03:14:07.999' - INTERVAL seq DAY),"
                    + " IF(seq % 2, '-838:59:59.99', SEC_TO_TIME(seq * 37)), 1901 + seq % 255,"
                    + " IF(seq % 9 = 0, '', CONCAT('c', seq)),"
                    + " CONCAT('it''s \\\\ \\0 \\n \\Z % _ \\% 😀 漢 é ', seq),"
                    + " IF(seq % 10 = 0, NULL, REPEAT(CONCAT('línea ', seq, '\\n\\t'), seq % 40)),"
                    + " UNHEX(LPAD(HEX(seq * 2654435761), 16, '0')), UNHEX(SHA2(seq, 256)),"
                    + " IF(seq % 11 = 0, NULL, UNHEX(REPEAT(SHA2(seq, 512), 1 + seq % 5))),"
                    + " ELT(1 + seq % 4, 'a', 'b', 'c d', 'é'), IF(seq % 3, 'x,z', ''),"
                    + " JSON_OBJECT('n', seq, 's', CONCAT('q\"', seq), 'a', JSON_ARRAY(1, 'two')),"
                    + " CONCAT('lat ', CHAR(0xE9 USING latin1), seq)"
                    + " FROM seq_1_to_400");
            // escaped binary strings, then --hex-blob: hex literals go as parameters into the binary columns
            for (String options : List.of("", "--hex-blob")) {
                Path dump = dir.resolve("typed" + options + ".sql");
                Loads.Exec d = Loads.exec(null, "sh", "-c", "mariadb-dump -h" + local.host() + " -P" + local.port()
                        + " -u" + local.user() + " " + options + " " + src.name() + " > " + dump);
                assertEquals(0, d.code(), d.output());
                assertEquals(options.isEmpty(), !Files.readString(dump, StandardCharsets.ISO_8859_1).contains(",0x"));

                dst.execute("DROP TABLE IF EXISTS typed");
                LoadJob.Result r = loadAsTheClientDoes(dump, "typed", 1, dst);
                assertEquals(0, r.stats().rowsRejected());
                assertEquals(400, r.stats().preparedRows(), "every row went as parameters (" + options + ")");
                // the dump writes FLOATs to 6 digits, so the f column is the client's, not the source's; all else is
                String allButF = "SELECT BIT_XOR(CRC32(CONCAT_WS('|', id, ti, tiu, si, mi, i, bi, biu, de, deu, d, dt, dtm,"
                        + " ts, tm, yr, c, vc, tx, HEX(bn), HEX(vb), HEX(bl), en, st, js, l1))) FROM typed";
                assertEquals(src.scalar(allButF), dst.scalar(allButF), options);
            }
        }
    }

    /**
     * A dump as MySQL 8's mysqldump writes binary columns, {@code _binary '...'}, also into text columns: every row goes
     * as parameters (the introduced strings as BLOBs) and the table is what the mariadb client loads from the same
     * file. Fails if the introduced strings were sent as strings of the session's character set (the latin1 session
     * would convert them).
     */
    @Test
    void binaryIntroducedStringsLoadAsTheClientLoadsThem() throws Exception {
        java.util.Random random = new java.util.Random(20261203);
        dev.packload.loader.write.ByteSink sql = new dev.packload.loader.write.ByteSink();
        sql.appendAscii("SET NAMES latin1;\nCREATE TABLE bin (id INT PRIMARY KEY, vb VARBINARY(300), bl BLOB,"
                + " tx TEXT CHARACTER SET utf8mb4, l1 VARCHAR(40) CHARACTER SET latin1, n INT);\nINSERT INTO bin VALUES ");
        for (int r = 1; r <= 200; r++) {
            byte[] any = new byte[random.nextInt(300)];
            random.nextBytes(any);
            byte[] utf8 = ("línea " + r + " 😀 it's \\ \n").getBytes(StandardCharsets.UTF_8);
            byte[] latin = ("é" + r).getBytes(StandardCharsets.ISO_8859_1);
            sql.appendAscii((r > 1 ? "," : "") + "(" + r + ",_binary ");
            dev.packload.loader.write.SqlLiteral.appendString(sql, any, 0, any.length, false);
            sql.appendAscii(",_binary");
            dev.packload.loader.write.SqlLiteral.appendString(sql, any, 0, Math.min(any.length, 17), false);
            sql.appendAscii(",_binary ");
            dev.packload.loader.write.SqlLiteral.appendString(sql, utf8, 0, utf8.length, false);
            sql.appendAscii(",_binary ");
            dev.packload.loader.write.SqlLiteral.appendString(sql, latin, 0, latin.length, false);
            sql.appendAscii("," + (r % 3 == 0 ? "NULL" : String.valueOf(-r)) + ")");
        }
        sql.appendAscii(";\n");
        Path dump = dir.resolve("binary.sql");
        Files.write(dump, sql.toByteArray());

        try (TestDatabase viaPackload = TestDatabase.create(TestServers.local())) {
            LoadJob.Result r = loadAsTheClientDoes(dump, "bin", 1, viaPackload);
            assertEquals(200, r.stats().preparedRows(), "every row went as parameters");
            assertEquals(1, viaPackload.scalar("SELECT COUNT(*) FROM bin WHERE id = 1 AND l1 = CONVERT(_utf8mb4'é1'"
                    + " USING latin1) AND tx LIKE 'línea 1 😀 it''s %'"), "the bytes were taken as they are");
        }
    }
}
