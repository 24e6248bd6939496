package dev.packload.loader.journal;

import dev.packload.formats.sql.InsertHeader;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.LoadPipeline;
import dev.packload.loader.pipeline.ResumePoint;
import dev.packload.loader.pipeline.RowPublisher;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.pipeline.TableRef;
import dev.packload.loader.pipeline.WriterOptions;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.report.RejectFile;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import dev.packload.loader.write.NativeSqlSession;
import dev.packload.loader.write.SqlSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal against a real server, through the real pipeline: records committed with the rows, a second run of the
 * same job skipping exactly what the first committed, a DDL statement the first run ran but did not record run again
 * safely, and the refusals (changed inputs, a finished job).
 */
class JournalIT {
    @TempDir
    Path dir;
    private TestDatabase db;
    private String journalSchema;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create(TestServers.local(), "journal");
        journalSchema = db.name() + "_journal";
        db.execute("CREATE TABLE t (id INT, v VARCHAR(20))"); // no key: only the journal keeps rows exactly once
    }

    @AfterEach
    void tearDown() throws Exception {
        db.execute("DROP DATABASE IF EXISTS `" + journalSchema + "`");
        db.close();
    }

    private JobIdentity job() throws Exception {
        Path input = dir.resolve("input.sql");
        if (!Files.exists(input)) {
            Files.writeString(input, "-- the job's input\n");
        }
        return JobIdentity.of(List.of(input), db.name(), List.of());
    }

    /** Loads rows [1, upTo] of a 1-source job of {@code total} rows through 2 writers; returns the stats. */
    private LoadStats load(Journal journal, ResumePoint resume, int upTo, List<String> statements) throws Exception {
        LoadStats stats = new LoadStats();
        LoadPipeline p = run(journal, resume, upTo, statements, stats);
        assertNull(p.state().failure(), () -> String.valueOf(p.state().failure()));
        return stats;
    }

    /**
     * Runs {@code ddl} and 10 rows, forgets the records of the statements numbered {@code forgotten}, runs the
     * {@code meanwhile} statements, and resumes the job; returns the resumed pipeline (its stats in {@code stats}).
     */
    private LoadPipeline resumeForgetting(List<String> ddl, String forgotten, LoadStats stats, String... meanwhile)
            throws Exception {
        JobIdentity job = job();
        Journal first;
        try (Connection c = db.connect()) {
            first = Journal.open(c, journalSchema, job, "cmd", false, BatchLog.NONE);
        }
        load(first, ResumePoint.NONE, 10, ddl);
        db.execute("DELETE FROM `" + journalSchema + "`.packload_statements WHERE statement_no IN (" + forgotten + ")");
        if (meanwhile.length > 0) {
            db.execute(meanwhile);
        }
        try (Connection c = db.connect()) {
            Journal second = Journal.open(c, journalSchema, job, "cmd", false, BatchLog.NONE);
            return run(second, second.resumePoint(c), 10, ddl, stats);
        }
    }

    private LoadPipeline run(Journal journal, ResumePoint resume, int upTo, List<String> statements, LoadStats stats)
            throws Exception {
        List<SqlSession> sessions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sessions.add(NativeSqlSession.open(db.connect(), 0));
        }
        // small commits, so an interrupted run leaves many committed ranges and some rows in none
        WriterOptions options = WriterOptions.builder().batchRows(50).commitBytes(2000).build();
        LoadPipeline p = new LoadPipeline(sessions, options, 64, 1 << 20, stats,
                new RejectFile(dir.resolve("rejects.sql")), journal);
        RowPublisher pub = p.publisher();
        pub.resumeFrom(resume);
        pub.beginSource(new SourceRef(0, "input.sql"));
        for (String sql : statements) {
            byte[] b = sql.getBytes(StandardCharsets.UTF_8);
            pub.statement(b, 0, b.length, 1, 0);
        }
        TableRef t = pub.table(db.name(), "t", List.of(), InsertHeader.Verb.INSERT);
        for (int i = 1; i <= upTo; i++) {
            byte[] b = ("(" + i + ",'row " + i + "')").getBytes(StandardCharsets.US_ASCII);
            pub.row(t, b, 0, b.length, i, 0, false);
        }
        p.finish();
        return p;
    }

    @Test
    void aSecondRunOfTheJobLoadsExactlyTheRowsTheFirstDidNotCommit() throws Exception {
        JobIdentity job = job();
        Journal first;
        try (Connection c = db.connect()) {
            first = Journal.open(c, journalSchema, job, "packload load input.sql", false, BatchLog.NONE);
        }
        load(first, ResumePoint.NONE, 3000, List.of());
        // the interrupted run: its last transactions never committed, and one writer's transaction in the middle
        // neither (the other writer's later ones did)
        String chunks = "`" + journalSchema + "`.packload_chunks";
        long cut = db.scalar("SELECT MAX(last_seq) FROM " + chunks + " WHERE last_seq <= 2500");
        db.execute("DELETE FROM t WHERE id > " + cut, "DELETE FROM " + chunks + " WHERE last_seq > " + cut);
        long holeFirst = db.scalar("SELECT MIN(first_seq) FROM " + chunks + " WHERE first_seq > 1000");
        long holeLast = db.scalar("SELECT last_seq FROM " + chunks + " WHERE first_seq = " + holeFirst);
        db.execute("DELETE FROM t WHERE id BETWEEN " + holeFirst + " AND " + holeLast,
                "DELETE FROM " + chunks + " WHERE first_seq = " + holeFirst);
        long committed = db.count("t");
        assertEquals(db.scalar("SELECT SUM(rows_loaded) FROM `" + journalSchema + "`.packload_chunks"), committed,
                "every committed row has its record, and no record is without its rows");

        Journal second;
        ResumePoint resume;
        try (Connection c = db.connect()) {
            second = Journal.open(c, journalSchema, job, "packload load input.sql", false, BatchLog.NONE);
            assertNotNull(second.resumed(), "the same job, not finished: resumed");
            assertEquals(first.jobId(), second.jobId());
            resume = second.resumePoint(c);
        }
        LoadStats stats = load(second, resume, 5000, List.of());
        assertEquals(committed, stats.rowsResumed(), "the committed rows are skipped, not sent");
        assertEquals(5000, db.count("t"));
        assertEquals(5000, db.scalar("SELECT COUNT(DISTINCT id) FROM t"), "no row twice");
        assertEquals(5000, db.scalar("SELECT SUM(rows_loaded) FROM `" + journalSchema + "`.packload_chunks"));
    }

    /**
     * Bug found by the server-restart trials (ServerFaultsIT): a retry in the same run of a new job (a lost
     * connection, a deadlock) was given no resume point, since the job had no earlier run; it ran the dump's DROP
     * TABLE and CREATE TABLE again, wiping the rows the first attempt had committed, and failed on the statement's
     * record (ERROR 1062 in packload_statements).
     */
    @Test
    void aRetryOfANewJobsFirstAttemptSkipsWhatThatAttemptCommitted() throws Exception {
        Journal journal;
        ResumePoint first;
        try (Connection c = db.connect()) {
            journal = Journal.open(c, journalSchema, job(), "cmd", false, BatchLog.NONE);
            assertNull(journal.resumed(), "a new job");
            first = journal.resumePoint(c);
        }
        assertSame(ResumePoint.NONE, first, "the first attempt of a new job has nothing to skip");
        List<String> ddl = List.of("CREATE TABLE `" + db.name() + "`.t2 (a INT)");
        load(journal, first, 1000, ddl);
        ResumePoint retry;
        try (Connection c = db.connect()) {
            retry = journal.resumePoint(c);
        }
        LoadStats stats = load(journal, retry, 1500, ddl);
        assertEquals(1000, stats.rowsResumed(), "the rows the first attempt committed are skipped");
        assertEquals(1, stats.statementsResumed(), "its DDL is not run again");
        assertEquals(1500, db.count("t"));
        assertEquals(1500, db.scalar("SELECT COUNT(DISTINCT id) FROM t"), "no row twice");
    }

    @Test
    void aStatementTheInterruptedRunRanButDidNotRecordRunsAgainSafely() throws Exception {
        JobIdentity job = job();
        List<String> ddl = List.of("CREATE TABLE `" + db.name() + "`.t2 (a INT)",
                "CREATE TABLE `" + db.name() + "`.t3 (a INT)");
        Journal first;
        try (Connection c = db.connect()) {
            first = Journal.open(c, journalSchema, job, "cmd", false, BatchLog.NONE);
        }
        load(first, ResumePoint.NONE, 10, ddl);
        assertEquals(2, db.scalar("SELECT COUNT(*) FROM `" + journalSchema + "`.packload_statements"));
        // interrupted between the second CREATE TABLE's commit and its record
        db.execute("DELETE FROM `" + journalSchema + "`.packload_statements WHERE statement_no = 2");
        try (Connection c = db.connect()) {
            Journal second = Journal.open(c, journalSchema, job, "cmd", false, BatchLog.NONE);
            LoadStats stats = load(second, second.resumePoint(c), 10, ddl);
            assertEquals(1, stats.statementsResumed(), "the recorded statement is skipped");
            assertTrue(stats.notices().stream().anyMatch(n -> n.contains("taken as run by the interrupted load")),
                    () -> String.valueOf(stats.notices()));
            assertEquals(1, stats.statementsRun(), "the unrecorded one ran again, its 1050 taken as done");
        }
        assertEquals(10, db.count("t"));
    }

    /**
     * The writers run DDL of different tables at once, so an interrupted run may have run (and not recorded) a
     * statement on one writer while another recorded a later one: it runs again, its "already exists" taken as done.
     */
    @Test
    void anUnrecordedStatementBeforeARecordedOneRunsAgainSafely() throws Exception {
        LoadStats stats = new LoadStats();
        LoadPipeline p = resumeForgetting(List.of("CREATE TABLE `" + db.name() + "`.t2 (a INT)",
                "CREATE TABLE `" + db.name() + "`.t3 (a INT)", "CREATE TABLE `" + db.name() + "`.t4 (a INT)"), "1",
                stats);
        assertNull(p.state().failure(), () -> String.valueOf(p.state().failure()));
        assertEquals(2, stats.statementsResumed(), "the recorded statements are skipped");
        assertEquals(1, stats.statementsRun(), "the unrecorded one ran again, its 1050 taken as done");
        assertEquals(10, db.count("t"));
    }

    /**
     * Each writer may have run one statement and not recorded it yet when the run was interrupted, so more than one
     * unrecorded statement after the last recorded one may have run (two writers: t4 and t5 here). Each runs again,
     * its "already exists" taken as done (before, only the first was, and the second stopped the resumed run with
     * 1050).
     */
    @Test
    void unrecordedStatementsOfSeveralWritersAfterTheLastRecordedOneRunAgainSafely() throws Exception {
        List<String> ddl = new ArrayList<>();
        for (int k = 2; k <= 5; k++) {
            ddl.add("CREATE TABLE `" + db.name() + "`.t" + k + " (a INT)");
        }
        LoadStats stats = new LoadStats();
        LoadPipeline p = resumeForgetting(ddl, "3, 4", stats);
        assertNull(p.state().failure(), () -> String.valueOf(p.state().failure()));
        assertEquals(2, stats.statementsResumed(), "the recorded statements are skipped");
        assertEquals(2, stats.statementsRun(), "the unrecorded ones ran again, their 1050 taken as done");
        assertEquals(10, db.count("t"));
    }

    /**
     * "Already exists" is taken as done only for a table the interrupted run may have made: nothing of a table is
     * committed before its CREATE TABLE is recorded, so a table that holds rows was there before, and the resumed run
     * stops on it as a first run would.
     */
    @Test
    void anUnrecordedCreateOfATableThatHoldsRowsStopsTheResumedRun() throws Exception {
        LoadPipeline p = resumeForgetting(List.of("CREATE TABLE `" + db.name() + "`.t2 (a INT)",
                "CREATE TABLE `" + db.name() + "`.t3 (a INT)"), "2", new LoadStats(),
                "INSERT INTO `" + db.name() + "`.t3 VALUES (7)");
        assertNotNull(p.state().failure(), "the resumed load stopped");
        String failure = p.state().failure().message();
        assertTrue(failure.contains("1050") && failure.contains("holds rows"), failure);
    }

    @Test
    void aChangedInputOrAFinishedJobIsRefused() throws Exception {
        JobIdentity job = job();
        try (Connection c = db.connect()) {
            Journal.open(c, journalSchema, job, "cmd", false, BatchLog.NONE);
        }
        Files.writeString(dir.resolve("input.sql"), "-- another input now\n");
        JobIdentity changed = JobIdentity.of(List.of(dir.resolve("input.sql")), db.name(), List.of());
        assertEquals(job.key(), changed.key(), "same command, same job");
        try (Connection c = db.connect()) {
            Journal.Refused r = assertThrows(Journal.Refused.class,
                    () -> Journal.open(c, journalSchema, changed, "cmd", false, BatchLog.NONE));
            assertTrue(r.getMessage().contains("inputs changed") && r.getMessage().contains("--restart"),
                    r.getMessage());
            Journal restarted = Journal.open(c, journalSchema, changed, "cmd", true, BatchLog.NONE);
            assertNull(restarted.resumed(), "--restart starts a new job");
            restarted.finished(c);
            Journal.Refused done = assertThrows(Journal.Refused.class,
                    () -> Journal.open(c, journalSchema, changed, "cmd", false, BatchLog.NONE));
            assertTrue(done.getMessage().contains("already finished") && done.getMessage().contains("--again"),
                    done.getMessage());
            assertSame(ResumePoint.NONE, Journal.open(c, journalSchema, changed, "cmd", true, BatchLog.NONE)
                    .resumePoint(c));
        }
    }
}
