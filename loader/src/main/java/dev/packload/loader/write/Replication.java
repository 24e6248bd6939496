package dev.packload.loader.write;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a load's writes become on the target's replicas: the session's binary log settings on the primary and the
 * limits of the replicas named with {@code --replica}. The one place that sizes binlog events against those limits.
 *
 * <p>What a binlog event holds, as the server writes it:
 * <ul>
 * <li>{@code binlog_format=STATEMENT} (and MIXED for the safe statements packload sends): the statement as text, with
 * a prepared statement's parameters written into it as literals, so up to about twice an execution's bytes;</li>
 * <li>{@code ROW}: the rows' images, split into events of {@code binlog_row_event_max_size} (8 KiB) except that a
 * row never spans two events. An INSERT logs the row once; an UPDATE logs it before and after under
 * {@code binlog_row_image=FULL}, the key and the changed columns under {@code MINIMAL}, and the row without the
 * unchanged BLOB/TEXT columns twice under {@code NOBLOB}. A row's binary image is about its text's size (a long string
 * is never longer than its literal), plus a few bytes per column for numbers written short.</li>
 * </ul>
 *
 * @param logBin    whether the primary writes a binary log
 * @param format    the session's {@code binlog_format} (ROW, STATEMENT, MIXED)
 * @param rowImage  the session's {@code binlog_row_image} (FULL, MINIMAL, NOBLOB)
 * @param replicas  the replicas given with {@code --replica}
 */
public record Replication(boolean logBin, String format, String rowImage, List<ReplicaLimit> replicas) {

    /** No binary log, or nothing known of one: nothing to size for. */
    public static final Replication NONE = new Replication(false, "", "", List.of());

    /** Bytes of a binlog event beyond its rows: event and table-map headers, column metadata, checksums. */
    public static final int EVENT_OVERHEAD = 8 * 1024;

    public Replication {
        replicas = List.copyOf(replicas);
        format = format.toUpperCase(Locale.ROOT);
        rowImage = rowImage.toUpperCase(Locale.ROOT);
    }

    /** Reads the session's binlog settings; {@code replicas} are those named with {@code --replica}. */
    public static Replication read(Connection primary, List<ReplicaLimit> replicas) throws SQLException {
        try (Statement st = primary.createStatement();
             ResultSet rs = st.executeQuery("SELECT @@log_bin, @@SESSION.binlog_format, @@SESSION.binlog_row_image")) {
            rs.next();
            return new Replication(rs.getBoolean(1), rs.getString(2), rs.getString(3), replicas);
        }
    }

    public boolean rowBased() {
        return logBin && format.equals("ROW");
    }

    /** The replica with the smallest limit, or null when none was named (or nothing is logged for them). */
    public ReplicaLimit tightest() {
        if (!logBin) {
            return null;
        }
        return replicas.stream().min(Comparator.comparingLong(ReplicaLimit::limit)).orElse(null);
    }

    /**
     * The most SQL bytes one statement may have so that what the replicas receive of it fits them, 0 when there is
     * nothing to keep under. Under ROW a statement's events are at most its largest row's image; under STATEMENT or
     * MIXED the event is the statement, parameters written out as literals (so half).
     */
    public long statementCap() {
        ReplicaLimit r = tightest();
        if (r == null) {
            return 0;
        }
        long room = r.limit() - EVENT_OVERHEAD - r.limit() / 32;
        return rowBased() ? room : room / 2;
    }

    /**
     * The largest binlog event a row's chunked load (INSERT with its big values empty, then one UPDATE ... CONCAT
     * per chunk) writes, or the one INSERT of the long-data path: under ROW the last UPDATE's images; under STATEMENT
     * or MIXED one chunk's statement, which {@link #statementCap()} already bounds, and the value the replica builds.
     *
     * @param rowBytes     the whole row's bytes, its big values at full size
     * @param bigBytes     the big values' bytes, together
     * @param largestBig   the largest big value's bytes
     * @param appended     true for INSERT then UPDATEs, false for one INSERT with long data
     */
    public long largestEvent(long rowBytes, long bigBytes, long largestBig, boolean appended) {
        if (!rowBased()) {
            return largestBig; // the replica builds each value with CONCAT under its own max_allowed_packet
        }
        if (!appended) {
            return rowBytes;
        }
        long rest = rowBytes - bigBytes;
        return switch (rowImage) {
            case "MINIMAL" -> largestBig + rest; // key and the changed column (the key is part of the rest)
            case "NOBLOB" -> 2 * rest + bigBytes; // the row without blobs twice, and the appended ones
            default -> 2 * rowBytes; // FULL: the whole row before and after
        };
    }

    /**
     * Why a row whose chunked load writes an event of {@code event} bytes can't go to the tightest replica, with the
     * fixes; null when it fits.
     */
    public String refusal(long event, boolean appended) {
        ReplicaLimit r = tightest();
        if (r == null || event + EVENT_OVERHEAD < r.limit()) {
            return null;
        }
        long need = roundUpMiB(event + EVENT_OVERHEAD + 64 * 1024);
        String how = !rowBased() ? "the replica rebuilds the value with CONCAT"
                : appended ? "binlog_format=ROW logs each chunked append as the row's image (binlog_row_image="
                + rowImage + (rowImage.equals("MINIMAL") ? ")" : ": before and after)")
                : "binlog_format=ROW logs the row's whole image in one event";
        String imageFix = rowBased() && appended && !rowImage.equals("MINIMAL")
                ? ", or on the primary SET GLOBAL binlog_row_image = 'MINIMAL' (and binlog_row_image = MINIMAL in its "
                + "my.cnf [mysqld]) and reconnect" : "";
        return "loading this row would write a binlog event of about " + event + " bytes (" + how + "), which replica "
                + r + " can't take (its IO thread would stop with 'Got a packet bigger than " + r.limitingVariable()
                + "'); nothing of the row was sent. Fix: " + r.fix(need) + imageFix + "; then load the reject file";
    }

    static long roundUpMiB(long bytes) {
        long mib = 1L << 20;
        return Math.min(1L << 30, (bytes + mib - 1) / mib * mib);
    }

    /** For the summary: how the replicas bound the statements. */
    public String describe() {
        ReplicaLimit r = tightest();
        if (r == null) {
            return "";
        }
        return "replica " + r + ", binlog_format=" + format + (rowBased() ? ", binlog_row_image=" + rowImage : "");
    }
}
