package dev.packload.loader.faults;

import dev.packload.loader.testing.TestDatabase;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of the built packload command in a process of its own, which a trial may kill with SIGKILL. */
final class Trial {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = ROOT.resolve("loader/target/packload.jar");

    private Trial() {
    }

    record Killed(boolean beforeEnd, int code) {
    }

    record Finished(int code, String output) {
    }

    static List<String> loadArgs(TestDatabase db, String journalSchema, Path rejects, Path input, List<String> extra) {
        return loadArgs(db, db.server().port(), journalSchema, rejects, input, extra);
    }

    /** The same, through another port (a proxy's) to the database's server. */
    static List<String> loadArgs(TestDatabase db, int port, String journalSchema, Path rejects, Path input,
                                 List<String> extra) {
        List<String> a = new ArrayList<>(List.of("load", "-h", db.server().host(), "-P",
                String.valueOf(port), "-u", db.server().user(), "-D", db.name(), "--no-progress",
                "--reject-file", rejects.toString(), "--journal-schema", journalSchema));
        a.addAll(extra);
        a.add(input.toString());
        return a;
    }

    private static Process start(List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Starts a load and kills it with SIGKILL after {@code millis}, unless it ended before. */
    static Killed runAndKill(List<String> args, long millis) throws Exception {
        Path log = Files.createTempFile("packload-trial", ".log");
        try {
            Process p = start(args, log);
            if (p.waitFor(millis, TimeUnit.MILLISECONDS)) {
                return new Killed(false, p.exitValue());
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no commit, no rollback by the client
            p.waitFor(30, TimeUnit.SECONDS);
            return new Killed(true, p.exitValue());
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Runs a load to its end (at most 5 minutes); returns its exit code and what it printed. */
    static Finished run(List<String> args) throws Exception {
        return launch(args).finish();
    }

    /** A load running in its own process while a trial does something to its server. */
    record Running(Process process, Path log, List<String> args) {
        boolean alive() {
            return process.isAlive();
        }

        /**
         * Waits until the load has connected and begun (it said where it loads into): a server that can't be reached
         * at the start is an error at once, not waited for.
         */
        void awaitStart() throws Exception {
            while (process.isAlive() && !Files.readString(log, StandardCharsets.UTF_8).contains("loading into")) {
                Thread.sleep(10);
            }
        }

        /** Waits for the load's end (at most 5 minutes); returns its exit code and what it printed. */
        Finished finish() throws Exception {
            try {
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError("packload did not finish in 5 minutes: " + String.join(" ", args)
                            + "\n" + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Finished(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        }
    }

    /** Starts a load and returns at once. */
    static Running launch(List<String> args) throws IOException {
        Path log = Files.createTempFile("packload-trial", ".log");
        return new Running(start(args, log), log, args);
    }

    /** Runs an external tool (mariadb-dump, mydumper, the mariadb client); fails the test when it fails. */
    static void tool(File out, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(out == null);
        if (out != null) {
            pb.redirectOutput(out);
        }
        Process p = pb.start();
        String text = out == null ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        String err = out != null ? new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + text + err);
        }
    }
}
