package dev.packload.loader.faults;

import dev.packload.loader.testing.Server;
import dev.packload.loader.testing.TestDatabase;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs of the fault trials, written by the real tools from a source database on the shared server: a
 * mariadb-dump, a mariadb-dump of many small tables (a kill then often lands among DDL), a mydumper (Debian's 0.10)
 * directory in chunks, a dump of rows that need chunked appends under {@code --max-statement-bytes 64K}, and a CSV (written here, its reference loaded by the mariadb client's LOAD DATA).
 * Each comes with what a correct load holds: every table's CHECKSUM TABLE, row count and distinct rows.
 */
final class Inputs implements AutoCloseable {
    static final int ORDERS = Integer.getInteger("packload.faults.rows", 200_000);
    static final int EVENTS = ORDERS;
    static final int DOCS = 120;
    static final int DOC_BYTES = 150_000;

    private final TestDatabase source;
    private final TestDatabase reference;
    private final Path dump;
    private final Path mydumper;
    private final Path bigRows;
    private final Path csv;
    private final Path csvDirectory;
    private final Expected dumpTables;
    private final Expected csvTables;
    private final Expected bigRowTables;
    private final Path smallTables;
    private final Expected smallTablesExpected;

    private Inputs(TestDatabase source, TestDatabase reference, Path dump, Path mydumper, Path bigRows, Path csv,
                   Path csvDirectory, Expected dumpTables, Expected csvTables, Expected bigRowTables,
                   Path smallTables, Expected smallTablesExpected) {
        this.smallTables = smallTables;
        this.smallTablesExpected = smallTablesExpected;
        this.csvDirectory = csvDirectory;
        this.source = source;
        this.reference = reference;
        this.dump = dump;
        this.mydumper = mydumper;
        this.bigRows = bigRows;
        this.csv = csv;
        this.dumpTables = dumpTables;
        this.csvTables = csvTables;
        this.bigRowTables = bigRowTables;
    }

    static Inputs make(Path dir, Server server) throws Exception {
        TestDatabase src = TestDatabase.create(server, "faultsrc");
        TestDatabase ref = TestDatabase.create(server, "faultref");
        // secondary indexes: a load defers them, so a trial also checks they are built after an interruption
        src.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer INT NOT NULL, email VARCHAR(64), "
                        + "created DATETIME, amount DECIMAL(10,2), note VARCHAR(100), KEY by_email (email), "
                        + "KEY by_created (created, amount))",
                "INSERT INTO orders SELECT seq, seq % 997, CONCAT('user', seq, '@example.com'), "
                        + "'2026-01-01' + INTERVAL (seq % 100000) MINUTE, (seq % 10000) / 100, "
                        + "REPEAT(CHAR(97 + seq % 26), seq % 60) FROM seq_1_to_" + ORDERS,
                "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40))",
                "INSERT INTO customers SELECT seq, CONCAT('customer ', seq) FROM seq_0_to_996");
        String host = server.host();
        String port = String.valueOf(server.port());
        Path dump = dir.resolve("orders.sql");
        Trial.tool(dump.toFile(), "mariadb-dump", "-h" + host, "-P" + port, "-u" + server.user(), src.name());
        Path mydumper = dir.resolve("mydumper");
        Trial.tool(null, "mydumper", "-h", host, "-P", port, "-u", server.user(), "-B", src.name(), "-o",
                mydumper.toString(), "--rows", "20000");
        Expected dumpTables = Expected.of(src, List.of("orders", "customers"), Map.of());

        src.execute("CREATE TABLE docs (id INT PRIMARY KEY, body MEDIUMBLOB)",
                "INSERT INTO docs SELECT seq, RANDOM_BYTES(1024) FROM seq_1_to_" + DOCS);
        // RANDOM_BYTES takes at most 1024: grow each row to DOC_BYTES of random-looking bytes
        src.execute("UPDATE docs SET body = REPEAT(body, " + (DOC_BYTES / 1024) + ")");
        Path bigRows = dir.resolve("docs.sql");
        Trial.tool(bigRows.toFile(), "mariadb-dump", "-h" + host, "-P" + port, "-u" + server.user(), src.name(),
                "docs");
        Expected bigRowTables = Expected.of(src, List.of("docs"), Map.of());

        Path csv = dir.resolve("events.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("ts,kind,payload\n");
            for (int i = 1; i <= EVENTS; i++) {
                w.write("2026-02-01 00:00:" + String.format("%02d", i % 60) + ",kind" + (i % 7) + ",\"event " + i
                        + (i % 5 == 0 ? ", with a comma" : "") + "\"\n");
            }
        }
        String eventsDdl = "CREATE TABLE events (ts DATETIME, kind VARCHAR(20), payload VARCHAR(200))";
        ref.execute(eventsDdl);
        Trial.tool(null, "mariadb", "-h" + host, "-P" + port, "-u" + server.user(), "--local-infile=1", ref.name(),
                "-e", "LOAD DATA LOCAL INFILE '" + csv + "' INTO TABLE events CHARACTER SET utf8mb4 FIELDS TERMINATED "
                        + "BY ',' OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\\n' IGNORE 1 LINES");
        Expected csvTables = Expected.of(ref, List.of("events"), Map.of("events", eventsDdl));
        // the same records cut into files of a directory, each with the header, for --readers
        Path csvDirectory = Files.createDirectories(dir.resolve("events-parts"));
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        int parts = 6;
        int per = (lines.size() - 1 + parts - 1) / parts;
        for (int p = 0; p < parts; p++) {
            List<String> part = new ArrayList<>(List.of(lines.get(0)));
            part.addAll(lines.subList(1 + p * per, Math.min(lines.size(), 1 + (p + 1) * per)));
            Files.write(csvDirectory.resolve("events." + p + ".csv"), part, StandardCharsets.UTF_8);
        }
        // 40 small tables, a quarter with a secondary index: a load spends most of its time on their DDL
        List<String> small = new ArrayList<>();
        List<String> smallDdl = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            String name = String.format("s%02d", t);
            small.add(name);
            smallDdl.add("CREATE TABLE " + name + " (id INT PRIMARY KEY, v VARCHAR(30), n INT"
                    + (t % 4 == 0 ? ", KEY by_n (n)" : "") + ")");
            smallDdl.add("INSERT INTO " + name + " SELECT seq, CONCAT('row ', seq), seq % 13 FROM seq_1_to_" + (20 + t));
        }
        src.execute(smallDdl.toArray(new String[0]));
        Path smallTables = dir.resolve("small-tables.sql");
        List<String> smallDump = new ArrayList<>(List.of("mariadb-dump", "-h" + host, "-P" + port, "-u" + server.user(),
                src.name()));
        smallDump.addAll(small);
        Trial.tool(smallTables.toFile(), smallDump.toArray(new String[0]));
        Expected smallTablesExpected = Expected.of(src, small, Map.of());
        return new Inputs(src, ref, dump, mydumper, bigRows, csv, csvDirectory, dumpTables, csvTables, bigRowTables,
                smallTables, smallTablesExpected);
    }

    /** A mariadb-dump of 40 small tables. */
    Path smallTables() {
        return smallTables;
    }

    Expected smallTablesExpected() {
        return smallTablesExpected;
    }

    Path dump() {
        return dump;
    }

    Path mydumper() {
        return mydumper;
    }

    Path bigRows() {
        return bigRows;
    }

    Path csv() {
        return csv;
    }

    /** {@link #csv()}'s records in six files of a directory, each with the header: the table is their name. */
    Path csvDirectory() {
        return csvDirectory;
    }

    Expected dumpTables() {
        return dumpTables;
    }

    Expected csvTables() {
        return csvTables;
    }

    Expected bigRowTables() {
        return bigRowTables;
    }

    @Override
    public void close() {
        source.close();
        reference.close();
    }

    /**
     * Rows a trial's target lacks or holds twice against the reference, and whether every checksum and every table's
     * indexes are equal.
     */
    record Difference(long rowsLost, long rowsDuplicated, boolean checksumsEqual, boolean indexesEqual) {
        static final Difference NONE = new Difference(0, 0, true, true);
    }

    /**
     * What a correct load holds: per table its checksum and row count, from the reference; and the DDL a trial's
     * target needs before the load (a CSV loads into an existing table).
     */
    record Expected(Map<String, String> checksums, Map<String, Long> counts, Map<String, String> indexes,
                    Map<String, String> ddl) {
        static Expected of(TestDatabase ref, List<String> tables, Map<String, String> ddl) throws Exception {
            Map<String, String> sums = new LinkedHashMap<>();
            Map<String, Long> counts = new LinkedHashMap<>();
            Map<String, String> indexes = new LinkedHashMap<>();
            for (String t : tables) {
                sums.put(t, ref.checksum(t));
                counts.put(t, ref.count(t));
                indexes.put(t, indexes(ref, t));
            }
            return new Expected(sums, counts, indexes, ddl);
        }

        /** A table's indexes as information_schema lists them: name, uniqueness, columns in order. */
        static String indexes(TestDatabase db, String table) throws Exception {
            StringBuilder sb = new StringBuilder();
            try (java.sql.Connection c = db.connect(); java.sql.PreparedStatement ps = c.prepareStatement(
                    "SELECT INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME FROM information_schema.STATISTICS "
                            + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX")) {
                ps.setString(1, db.name());
                ps.setString(2, table);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sb.append(rs.getString(1)).append('/').append(rs.getInt(2)).append('/').append(rs.getInt(3))
                                .append('/').append(rs.getString(4)).append(';');
                    }
                }
            }
            return sb.toString();
        }

        void prepare(TestDatabase db) throws Exception {
            for (String ddl : ddl.values()) {
                db.execute(ddl);
            }
        }

        Difference compare(TestDatabase db) throws Exception {
            long lost = 0;
            long duplicated = 0;
            boolean equal = true;
            boolean sameIndexes = true;
            List<String> tables = new ArrayList<>(checksums.keySet());
            for (String t : tables) {
                long count = db.tableExists(t) ? db.count(t) : 0;
                long distinct = count == 0 ? 0 : db.scalar("SELECT COUNT(*) FROM (SELECT DISTINCT * FROM `" + t
                        + "`) d");
                lost += counts.get(t) - distinct;
                duplicated += count - distinct;
                equal &= checksums.get(t).equals(count == 0 ? null : db.checksum(t));
                sameIndexes &= indexes.get(t).equals(indexes(db, t));
            }
            return new Difference(lost, duplicated, equal, sameIndexes);
        }
    }
}
