package dev.packload.loader.it;

import dev.packload.loader.testing.TestDatabase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a load from a working directory of its own, as a user runs it there: packload in a JVM of its own (this test's
 * class path), and the {@code mariadb} client, each with its standard output and error; and measures a database the
 * way the fixtures' {@code expected/} files do ({@code measure/objects.sql}).
 */
final class ClientRuns {
    static final Path SOURCING = Path.of("src/test/resources/sourcing").toAbsolutePath();

    private ClientRuns() {
    }

    /** A finished process: exit code, standard output and error. */
    record Run(int code, String out, String err) {
    }

    /** {@code packload load} into {@code db} from {@code dir}, without a journal; standard input from a file or null. */
    static Run packload(Path dir, TestDatabase db, Path stdin, String... more) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "dev.packload.loader.cli.Main", "load",
                "-h", db.server().host(), "-P", String.valueOf(db.server().port()), "-u", db.server().user(),
                "-D", db.name(), "--no-progress", "--no-journal"));
        if (db.server().password() != null && !db.server().password().isEmpty()) {
            cmd.add("--password=" + db.server().password());
        }
        cmd.addAll(List.of(more));
        return run(new ProcessBuilder(cmd).directory(dir.toFile()), stdin);
    }

    /** {@code mariadb [options] < input} from {@code dir}, in batch mode as the fixtures were made. */
    static Run mariadb(Path dir, TestDatabase db, Path input, String... options)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("mariadb", "-h", db.server().host(), "-P",
                String.valueOf(db.server().port()), "-u", db.server().user()));
        if (db.server().password() != null && !db.server().password().isEmpty()) {
            cmd.add("--password=" + db.server().password());
        }
        cmd.addAll(List.of(options));
        cmd.add(db.name());
        return run(new ProcessBuilder(cmd).directory(dir.toFile()), input);
    }

    private static Run run(ProcessBuilder pb, Path stdin) throws IOException, InterruptedException {
        Path out = Files.createTempFile("run-out", ".txt");
        Path err = Files.createTempFile("run-err", ".txt");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            if (stdin != null) {
                pb.redirectInput(stdin.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("did not finish: " + pb.command());
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Copies a fixture folder, replacing {@code from} by {@code to} in every file when {@code from} is not null. */
    static Path copy(Path fixture, Path into, String from, String to) throws IOException {
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = into.resolve(fixture.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (from == null) {
                    Files.copy(f, target);
                } else {
                    Files.writeString(target, Files.readString(f, StandardCharsets.UTF_8).replace(from, to),
                            StandardCharsets.UTF_8);
                }
            }
        }
        return into;
    }

    /** The database's tables as {@code expected/tables.tsv} lists them: table, engine, collation, rows, checksum. */
    static List<String> tables(TestDatabase db) throws SQLException {
        List<String> out = new ArrayList<>();
        out.add("table\tengine\tcollation\trows\tchecksum");
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES"
                     + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
            while (rs.next()) {
                String t = rs.getString(1);
                out.add(t + "\t" + rs.getString(2) + "\t" + rs.getString(3) + "\t" + db.count(t) + "\t"
                        + db.checksum(t));
            }
        }
        return out;
    }

    /** The database's objects by {@code measure/objects.sql}, as {@code expected/objects.tsv} lists them. */
    static List<String> objects(TestDatabase db) throws SQLException, IOException {
        String script = Files.readAllLines(Path.of("src/test/resources/measure/objects.sql")).stream()
                .filter(l -> !l.startsWith("--")).collect(Collectors.joining("\n"));
        List<String> out = new ArrayList<>();
        out.add("kind\tname\tattributes\tdefinition_md5\tdefinition");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET @db = DATABASE()");
            for (String sql : script.split(";\\s*\\n")) {
                sql = sql.strip();
                if (sql.endsWith(";")) {
                    sql = sql.substring(0, sql.length() - 1);
                }
                if (sql.isBlank()) {
                    continue;
                }
                if (!st.execute(sql)) {
                    continue;
                }
                try (ResultSet rs = st.getResultSet()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= n; i++) {
                            row.add(rs.getString(i) == null ? "NULL" : rs.getString(i));
                        }
                        out.add(String.join("\t", row));
                    }
                }
            }
        }
        return out;
    }
}
