package dev.packload.loader.cli;

import dev.packload.loader.pipeline.RunState;

/** The process exit codes, one meaning each, for unattended jobs. */
public final class ExitCode {
    /** Every row read was loaded. */
    public static final int OK = 0;
    /** An unexpected error inside packload (a bug): the message says what, --verbose shows the stack. */
    public static final int INTERNAL = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** The run finished, but some rows were rejected (see the reject file). */
    public static final int ROWS_REJECTED = 3;
    /** The input is bad: unreadable, corrupt, not the format it claims, or a statement the server refused. */
    public static final int BAD_INPUT = 4;
    /** The server could not be reached, or the connection failed during the run. */
    public static final int SERVER_FAILURE = 5;
    /**
     * Ctrl-C or SIGTERM stopped the run: what was read before was committed and recorded; the same command continues
     * the job.
     */
    public static final int INTERRUPTED = 6;
    /**
     * {@code packload check}: a limit is not met; a load would reject rows, stop, or leave a replica broken. The fixes
     * are printed.
     */
    public static final int LIMIT_NOT_MET = 7;
    /**
     * {@code packload load --untrusted}: the inputs hold statements an untrusted dump may not run (GRANT, SET GLOBAL,
     * INTO OUTFILE, another database...); each is named with its file and line, and nothing was sent.
     */
    public static final int REFUSED = 8;

    private ExitCode() {
    }

    /** The one mapping of how a run ended to the process's exit code. */
    public static int of(RunState.Outcome outcome) {
        return switch (outcome) {
            case RUNNING -> OK;
            case STOPPED_ON_REJECT -> ROWS_REJECTED;
            case BAD_INPUT -> BAD_INPUT;
            case SERVER_FAILURE -> SERVER_FAILURE;
            case INTERRUPTED -> INTERRUPTED;
            case INTERNAL_ERROR -> INTERNAL;
        };
    }
}
