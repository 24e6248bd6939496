package dev.packload.loader.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packload.loader.cli.ExitCode;
import dev.packload.loader.testing.OwnServer;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults of the server and the network while one packload run loads, on a {@code mariadbd} the test owns (never the
 * shared one): the server killed with SIGKILL and started again, connections killed from another session, connections
 * cut mid-packet by a proxy, and lock waits and deadlocks provoked by a concurrent session. Every trial's run must wait,
 * take the load up again and finish in the same run (exit 0), its tables' CHECKSUM TABLE equal to a clean load's and
 * no row twice. Inputs alternate between a mariadb-dump (keyed tables) and a CSV into a table without a key (where a
 * row sent twice would stay twice). Trials per fault: {@code -Dpackload.faults.serverTrials} (1 in the default build,
 * 10 in the {@code faults} profile); each prints a line of the README's reliability table.
 */
class ServerFaultsIT {
    static final int TRIALS = Integer.getInteger("packload.faults.serverTrials", 1);
    /** InnoDB's wait for a row lock on the server of our own, so a held lock turns into ERROR 1205 soon. */
    static final int LOCK_WAIT_SECONDS = 2;
    private static Inputs inputs;
    private static OwnServer own;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        own = OwnServer.start("--innodb-lock-wait-timeout=" + LOCK_WAIT_SECONDS);
        inputs = Inputs.make(dir, TestServers.local());
    }

    @AfterAll
    static void stop() throws Exception {
        if (inputs != null) {
            inputs.close();
        }
        if (own != null) {
            own.close();
        }
    }

    @Test
    void theServerKilledAndRestarted() throws Exception {
        trials("server kill -9 + restart", List.of(), (t, random) -> {
            // the job's record comes about 0.4 s into a load of ~1-2 s: up to a third of the whole load after it lands
            // in the load (half of the row count's estimate missed 2 of 5 loads once they had got faster)
            Thread.sleep(100 + random.nextInt((int) Math.max(1, t.fullMillis() / 3)));
            if (!t.load().alive()) {
                return "after it ended";
            }
            own.kill();
            long down = 200 + random.nextInt(2000);
            Thread.sleep(down);
            own.start();
            return "killed, down " + down + " ms";
        });
    }

    @Test
    void connectionsKilledFromAnotherSession() throws Exception {
        trials("KILL CONNECTION", List.of(), (t, random) -> {
            int killed = 0;
            // from the job's record on, the load has its full time less its start (about 0.4 s) left: a kill every
            // quarter of the full time at most lands in it (150 ms plus up to half of it missed 3 of 5 loads once the
            // loads had got faster)
            for (int k = 0; k < 3 && t.load().alive(); k++) {
                Thread.sleep(random.nextInt((int) Math.max(1, t.fullMillis() / 4)));
                killed += Sessions.killOne(own.server(), t.db().name(), random) ? 1 : 0;
            }
            return killed + " connections killed";
        });
    }

    @Test
    void connectionsCutMidPacketByAProxy() throws Exception {
        try (CutProxy proxy = new CutProxy(own.server().host(), own.server().port())) {
            trials("proxy cuts mid-packet", List.of(), proxy.port(), false, (t, random) -> {
                long size = Files.size(t.input());
                long[] points = new long[1 + random.nextInt(3)];
                for (int i = 0; i < points.length; i++) {
                    points[i] = 4096 + (long) (random.nextDouble() * size * 0.9);
                }
                java.util.Arrays.sort(points);
                proxy.cutAt(points);
                t.load().process().waitFor();
                int cuts = proxy.cuts();
                proxy.cutAt();
                return cuts + " connections cut";
            });
        }
    }

    @Test
    void lockWaitsOnRowsHeldByAnotherSession() throws Exception {
        trials("lock wait timeout", Sessions.SMALL_TRANSACTIONS, own.server().port(), true, (t, random) ->
                Sessions.holdRowAhead(own.server(), t, random, 2 * LOCK_WAIT_SECONDS, false));
    }

    @Test
    void deadlocksWithAnotherSession() throws Exception {
        trials("deadlock", Sessions.SMALL_TRANSACTIONS, own.server().port(), true, (t, random) ->
                Sessions.holdRowAhead(own.server(), t, random, 0, true));
    }

    /** What a trial does to the server while the load runs; returns what happened, for the table. */
    @FunctionalInterface
    interface Fault {
        String inject(Running t, Random random) throws Exception;
    }

    /**
     * A trial's load while it runs: the process, its target, its input and what a correct load holds.
     *
     * @param fullMillis how long an uninterrupted load of the input took here, from the process's start to its end (0
     *                   where the fault is not timed)
     */
    record Running(Trial.Running load, TestDatabase db, Path input, String table, Inputs.Expected expected,
                   long fullMillis) {
    }

    /** Trials of a fault timed within the load: each input's uninterrupted load is timed first. */
    private void trials(String fault, List<String> extra, Fault inject) throws Exception {
        trials(fault, extra, own.server().port(), false, true, inject);
    }

    private void trials(String fault, List<String> extra, int port, boolean keyedOnly, Fault inject)
            throws Exception {
        trials(fault, extra, port, keyedOnly, false, inject);
    }

    /**
     * Runs the trials of a fault: loads through {@code port} (the server's, or a proxy's), alternating the inputs
     * unless {@code keyedOnly} (the mariadb-dump only: row locks need a key); {@code timed}: the fault is timed within
     * the load ({@link Running#fullMillis}), the trials of the plain options only.
     */
    private void trials(String fault, List<String> extra, int port, boolean keyedOnly, boolean timed, Fault inject)
            throws Exception {
        Random random = new Random(Long.getLong("packload.faults.seed", System.nanoTime()));
        long lost = 0;
        long duplicated = 0;
        int retried = 0;
        List<String> lines = new ArrayList<>();
        for (int trial = 0; trial < TRIALS; trial++) {
            boolean csv = !keyedOnly && trial % 2 == 1;
            Path input = csv ? inputs.csv() : inputs.dump();
            Inputs.Expected expected = csv ? inputs.csvTables() : inputs.dumpTables();
            List<String> args = new ArrayList<>(extra);
            if (csv) {
                args.addAll(List.of("--table", "events"));
            }
            long full = timed ? fullMillis(input, expected, List.copyOf(args)) : 0;
            args.addAll(List.of("--retry-for", "120", "--report", dir.resolve("report.json").toString()));
            try (TestDatabase db = TestDatabase.create(own.server(), "srvfault");
                 JournalSchema journal = JournalSchema.fresh(own.server())) {
                expected.prepare(db);
                Files.deleteIfExists(dir.resolve("report.json"));
                Trial.Running load = Trial.launch(Trial.loadArgs(db, port, journal.schema(),
                        dir.resolve("rejects.sql"), input, args));
                load.awaitStart();
                awaitJob(journal, load);
                String what = inject.inject(new Running(load, db, input, csv ? "events" : "orders", expected, full),
                        random);
                Trial.Finished end = load.finish();
                Path reportFile = dir.resolve("report.json");
                JsonNode report = Files.exists(reportFile) ? new ObjectMapper().readTree(reportFile.toFile())
                        : new ObjectMapper().createObjectNode(); // none when the run could not start: see its output
                int retries = report.path("retries").size();
                java.util.Map<String, Integer> why = new java.util.TreeMap<>();
                report.path("retries").forEach(r -> why.merge(errorOf(r.path("reason").asText()), 1, Integer::sum));
                retried += retries > 0 ? 1 : 0;
                Inputs.Difference d = expected.compare(db);
                lost += d.rowsLost();
                duplicated += d.rowsDuplicated();
                String line = String.format("| %s | %s | %d | %s | %d %s | %d | %d | %d |", fault, csv ? "csv, no key"
                        : "mariadb-dump", trial + 1, what, retries, why.isEmpty() ? "" : why, end.code(), d.rowsLost(),
                        d.rowsDuplicated());
                lines.add(line);
                System.out.println(line);
                assertEquals(ExitCode.OK, end.code(), () -> fault + " trial " + (trial(lines)) + " (" + what
                        + "): the run did not finish by itself:\n" + end.output());
                assertEquals(Inputs.Difference.NONE, d, fault + " trial " + trial(lines) + " (" + what + ")");
            }
        }
        System.out.printf("| %s | both | %d trials | | %d retried | | %d | %d |%n", fault, TRIALS, retried, lost,
                duplicated);
        assertTrue(TRIALS < 4 || retried * 2 >= TRIALS, fault + ": most trials should have met the fault: " + lines);
    }

    private static final java.util.Map<Path, Long> FULL_MILLIS = new java.util.HashMap<>();

    /**
     * How long an uninterrupted load of {@code input} with these options takes on this machine (measured once per
     * input, through the server the trials use; only timed trials ask, all with the same options): the faults are
     * timed within it.
     */
    private static long fullMillis(Path input, Inputs.Expected expected, List<String> args) throws Exception {
        Long known = FULL_MILLIS.get(input);
        if (known != null) {
            return known;
        }
        try (TestDatabase db = TestDatabase.create(own.server(), "srvfull");
             JournalSchema journal = JournalSchema.fresh(own.server())) {
            expected.prepare(db);
            long t0 = System.nanoTime();
            Trial.Finished done = Trial.run(Trial.loadArgs(db, own.server().port(), journal.schema(),
                    dir.resolve("rejects-full.sql"), input, args));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(ExitCode.OK, done.code(), done.output());
            FULL_MILLIS.put(input, millis);
            return millis;
        }
    }

    /**
     * Waits until the load has recorded its job in the journal: from then on a lost server is waited for (before, a
     * server that can't be reached is an error at once, as a wrong host or port is).
     */
    private static void awaitJob(JournalSchema journal, Trial.Running load) throws Exception {
        while (load.alive()) {
            try (java.sql.Connection c = own.server().connect(null); java.sql.Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM `" + journal.schema()
                         + "`.packload_jobs")) {
                if (rs.next() && rs.getLong(1) > 0) {
                    return;
                }
            } catch (java.sql.SQLException notYet) {
                // the journal's tables are not there yet
            }
            Thread.sleep(10);
        }
    }

    /** "ERROR 1205" of a retry's reason, or "connection lost". */
    private static String errorOf(String reason) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("ERROR (\\d+)").matcher(reason);
        return m.find() && !m.group(1).equals("0") ? "ERROR " + m.group(1) : reason.contains("connect")
                || reason.contains("Communications link failure") ? "connection lost"
                : reason.length() > 60 ? reason.substring(0, 60) : reason;
    }

    private static int trial(List<String> lines) {
        return lines.size();
    }
}
