package dev.packload.loader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The {@code --report FILE.json} of {@code packload load}: what an unattended job needs to know of a run, written
 * when the run ends, whatever the outcome. The fields are documented in the README ("The JSON report").
 *
 * @param packload      packload's version
 * @param command       the command line to run the job again (or to continue it), the password left out
 * @param outcome       ok, rows-rejected, stopped-on-reject, bad-input, server-failure, interrupted or internal-error
 * @param exitCode      the process's exit code
 * @param message       the one-line reason when the outcome is not ok, else null
 * @param startedAt     when the run started (ISO-8601, UTC)
 * @param endedAt       when it ended
 * @param seconds       wall time of the run, retries included
 * @param target        the server (user@host:port/db; never a password)
 * @param journal       the job's journal record, or null when the run kept none
 * @param budget        the negotiated packet limits, or null when no session was opened
 * @param totals        rows and bytes of the whole run
 * @param tables        per table, in the order first seen
 * @param retries       each time the run was taken up again after a transient failure
 * @param rejects       the reject file and how many rows it holds
 * @param notices       what the run said besides the figures (created tables, fallbacks, statements taken as run)
 */
public record LoadReport(String packload, String command, String outcome, int exitCode, String message,
                         String startedAt, String endedAt, double seconds, String target, Journal journal,
                         Budget budget, Totals totals, List<Table> tables, List<Retry> retries, Rejects rejects,
                         List<String> notices) {

    /**
     * @param schema  where the journal is
     * @param jobId   the job's id there
     * @param resumed whether this run took up an interrupted one
     * @param rowsCommittedBefore rows the interrupted run(s) had committed, which this run skipped
     * @param complete whether the job is now recorded as finished (a later run of it is refused without --again)
     */
    public record Journal(String schema, long jobId, boolean resumed, long rowsCommittedBefore, boolean complete) {
    }

    /**
     * @param replica the tightest replica named with --replica and the binlog settings that size events for it, or
     *                null when none was named
     */
    public record Budget(long statementBytes, long serverMaxAllowedPacket, long driverMaxAllowedPacket,
                         long maxStatementBytes, String replica) {
    }

    /**
     * @param rowsRead     rows this run read and sent (rows skipped on resume not counted)
     * @param rowsLoaded   rows this run committed
     * @param rowsResumed  rows skipped because an earlier run of the job had committed them
     * @param rowsRejected rows written to the reject file
     */
    public record Totals(long rowsRead, long rowsLoaded, long rowsResumed, long rowsRejected, long bytes,
                         long statementsRun, long statementsResumed, long warnings, long duplicatesIgnored) {
    }

    /**
     * @param foreignKeySeconds time the check of the table's foreign keys after the load took
     *                          ({@code --foreign-key-checks deferred}), 0 for a table not checked
     */
    public record Table(String name, long rowsRead, long rowsLoaded, long rowsRejected, long rowsAppended, long bytes,
                        long statements, double seconds, double foreignKeySeconds) {
    }

    /** @param reason the failure that was retried, in one line */
    public record Retry(String at, String reason, double waitedSeconds) {
    }

    public record Rejects(String file, long rows) {
    }

    /** The per-table and total figures of a run's stats. */
    public static List<Table> tables(LoadStats stats) {
        return stats.tables().stream().map(t -> new Table(t.name(), t.rowsRead(), t.rowsLoaded(), t.rowsRejected(),
                t.appendedRows(), t.bytes(), t.statements(), t.seconds(), t.foreignKeySeconds())).toList();
    }

    public static Totals totals(LoadStats stats) {
        return new Totals(stats.rowsRead(), stats.rowsLoaded(), stats.rowsResumed(), stats.rowsRejected(),
                stats.bytes(), stats.statementsRun(), stats.statementsResumed(), stats.warnings(),
                stats.duplicatesIgnored());
    }

    /** Writes the report whole or not at all: to a temporary file beside it, then moved into place. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
