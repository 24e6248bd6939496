package dev.packload.loader.it;

import dev.packload.loader.LoadConfig;
import dev.packload.loader.LoadJob;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.WriterOptions;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.feed.DumpFilter;
import dev.packload.loader.target.Target;
import dev.packload.loader.testing.Server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Shortcuts for integration tests: run a load job, run a reference client. */
final class Loads {
    private Loads() {
    }

    static Target target(Server s, String db) {
        return Target.of(s.host(), s.port(), s.user(), s.password() == null || s.password().isEmpty() ? null
                : s.password().toCharArray(), db);
    }

    static LoadJob.Result load(Server s, String db, Path rejects, DumpFilter filter, Path... inputs) throws SQLException {
        return load(s, db, WriterOptions.defaults(), rejects, filter, inputs);
    }

    static LoadJob.Result load(Server s, String db, WriterOptions options, Path rejects, DumpFilter filter,
                               Path... inputs) throws SQLException {
        // two writers whatever the machine (the default follows the cores): every load runs the parallel path
        LoadConfig config = LoadConfig.builder().inputs(inputs).threads(2).writer(options).rejectFile(rejects)
                .filter(filter).build();
        return LoadJob.run(config, LoadJob.sessions(target(s, db)), new LoadStats(), BatchLog.NONE, in -> { });
    }

    /** Output and exit code of a command. */
    record Exec(int code, String output) {
    }

    /** Runs a command (e.g. the mariadb client), feeding it a file on stdin when given. */
    static Exec exec(Path stdin, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        String text = new String(out, StandardCharsets.UTF_8);
        // the mariadb client echoes a failed statement whole: keep messages readable
        return new Exec(p.exitValue(), text.length() > 2000 ? text.substring(text.length() - 2000) : text);
    }

    /** Writes {@code mariadb-dump} of a database (with the extra options) to {@code out}; fails on exit != 0. */
    static Path dump(Server s, String db, Path out, String... options) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("mariadb-dump", "-h" + s.host(), "-P" + s.port(), "-u" + s.user()));
        if (s.password() != null && !s.password().isEmpty()) {
            c.add("-p" + s.password());
        }
        c.addAll(List.of(options));
        c.add(db);
        Path err = Path.of(out + ".err");
        Process p = new ProcessBuilder(c).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", c) + " failed: " + java.nio.file.Files.readString(err));
        }
        return out;
    }

    static String[] mariadb(Server s, String db, String... extra) {
        List<String> c = new ArrayList<>(List.of("mariadb", "-h" + s.host(), "-P" + s.port(), "-u" + s.user()));
        if (s.password() != null && !s.password().isEmpty()) {
            c.add("-p" + s.password());
        }
        c.addAll(List.of(extra));
        c.add(db);
        return c.toArray(new String[0]);
    }
}
