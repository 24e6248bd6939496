package dev.packload.loader.testing;

import dev.packload.loader.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The packload command run in-process, as a user would run it: its exit code, standard output and error. */
public record CliRun(int code, String out, String err) {

    public String all() {
        return out + err;
    }

    /**
     * Where the loads of a test JVM keep their journal when the test names none: a schema of this JVM's own, dropped
     * from the shared server when the JVM ends, so tests leave no {@code packload} schema behind.
     */
    static final String JOURNAL_SCHEMA = "pl_journal_" + Long.toHexString(ProcessHandle.current().pid()) + "_"
            + Long.toHexString(System.nanoTime() & 0xffffff);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (java.sql.Connection c = TestServers.local().connect(null); java.sql.Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS `" + JOURNAL_SCHEMA + "`");
            } catch (Exception ignored) {
                // the shared server is gone: nothing to clean
            }
        }));
    }

    /** Adds the test journal to a load that will run (not to {@code --print-defaults}, which only prints). */
    private static String[] withJournal(String[] args) {
        if (args.length == 0 || !args[0].equals("load")) {
            return args;
        }
        for (String a : args) {
            if (a.startsWith("--journal-schema") || a.equals("--no-journal") || a.equals("--print-defaults")) {
                return args;
            }
        }
        String[] more = java.util.Arrays.copyOf(args, args.length + 2);
        // last: options may follow the inputs, and option-file options must come first
        more[args.length] = "--journal-schema";
        more[args.length + 1] = JOURNAL_SCHEMA;
        return more;
    }

    public static CliRun of(String... given) {
        String[] args = withJournal(given);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
