package dev.packload.loader.bench;

import dev.packload.loader.pipeline.TableRef;
import dev.packload.loader.report.Summary;
import dev.packload.loader.write.SqlLiteral;

import java.util.List;
import java.util.Locale;

/**
 * The synthetic data set of a {@code packload bench} run, the same for every variant.
 *
 * <p>Sizes are SQL bytes, as the rows reach the pipeline: a row's VALUES tuple apart from its BLOB averages exactly
 * {@code rowBytes} (rows vary from half to one and a half times that, in pairs that cancel out), and
 * {@code floor(rows × blobShare)} rows, spread evenly, also carry a BLOB of {@code blobBytes} random bytes, written in
 * hex as {@code mysqldump --hex-blob} does ({@code 2 × blobBytes + 2} SQL bytes).
 *
 * @param rows      rows in all
 * @param rowBytes  average SQL bytes of a row apart from its BLOB
 * @param blobBytes bytes of each BLOB, 0 for none
 * @param blobShare fraction of rows carrying a BLOB, 0 to 1
 * @param tables    tables the rows are split over, in order (table 1 gets the first rows)
 */
public record BenchData(long rows, long rowBytes, long blobBytes, double blobShare, int tables) {

    /** The generator's seed: every run, and every variant of a run, loads the same rows. */
    public static final long SEED = 0x7061636B6C6F6164L; // "packload"

    /** The smallest average row: room for the fixed columns of any row, plus the variation below it. */
    public static final int MIN_ROW_BYTES = 80;
    /** Rows up to this size; the body column is LONGTEXT. */
    public static final int MAX_ROW_BYTES = 64 << 20;
    /** BLOBs up to this size (in hex, a row then stays under 1 GiB, the largest max_allowed_packet). */
    public static final int MAX_BLOB_BYTES = 512 << 20;
    public static final int MAX_TABLES = 1000;
    public static final long MAX_ROWS = 1_000_000_000_000L;

    /** The columns of every bench table, in tuple order. */
    public static final List<String> COLUMNS = List.of("id", "n", "amount", "created", "body", "payload");

    public BenchData {
        if (rows < 1 || rows > MAX_ROWS) {
            throw new IllegalArgumentException("--rows must be between 1 and " + MAX_ROWS + ", got " + rows);
        }
        if (rowBytes < MIN_ROW_BYTES || rowBytes > MAX_ROW_BYTES) {
            throw new IllegalArgumentException("--row-bytes must be between " + MIN_ROW_BYTES + " and 64M, got "
                    + rowBytes);
        }
        if (blobBytes < 0 || blobBytes > MAX_BLOB_BYTES) {
            throw new IllegalArgumentException("--blob-bytes must be between 0 and 512M, got " + blobBytes);
        }
        if (!(blobShare >= 0 && blobShare <= 1)) {
            throw new IllegalArgumentException("--blob-share must be between 0 and 1, got " + blobShare);
        }
        if (blobBytes > 0 && blobShare == 0) {
            throw new IllegalArgumentException("--blob-bytes needs --blob-share: the fraction of rows carrying a BLOB");
        }
        if (blobShare > 0 && blobBytes == 0) {
            throw new IllegalArgumentException("--blob-share needs --blob-bytes: the size of each BLOB");
        }
        if (tables < 1 || tables > MAX_TABLES) {
            throw new IllegalArgumentException("--tables must be between 1 and " + MAX_TABLES + ", got " + tables);
        }
        if (tables > rows) {
            throw new IllegalArgumentException("--tables " + tables + " is more than --rows " + rows);
        }
    }

    /** Rows with a BLOB among the first {@code n}: they are spread evenly, so this is exact for any prefix. */
    public long blobRowsBefore(long n) {
        return blobBytes == 0 ? 0 : (long) Math.floor(n * blobShare);
    }

    public long blobRows() {
        return blobRowsBefore(rows);
    }

    /** Whether row {@code i} (0-based) carries a BLOB. */
    public boolean hasBlob(long i) {
        return blobRowsBefore(i + 1) > blobRowsBefore(i);
    }

    /** The first row (0-based) of table {@code k} (0-based). */
    public long firstRow(int k) {
        return rows * k / tables;
    }

    public long rowsOf(int k) {
        return firstRow(k + 1) - firstRow(k);
    }

    /** SQL bytes of all the rows' VALUES tuples: what the pipeline reads and {@code MB/s} counts. */
    public long sqlBytes() {
        return rows * rowBytes + blobRows() * (SqlLiteral.binaryLength((int) blobBytes) - SqlLiteral.NULL_LENGTH);
    }

    /** Name of table {@code k} (0-based): bench_1, bench_2, ... */
    public static String tableName(int k) {
        return "bench_" + (k + 1);
    }

    public static String createTable(String database, int k) {
        return "CREATE TABLE " + TableRef.quote(database) + "." + TableRef.quote(tableName(k)) + " ("
                + "`id` BIGINT NOT NULL PRIMARY KEY, `n` INT NOT NULL, `amount` DECIMAL(12,2) NOT NULL, "
                + "`created` DATETIME NOT NULL, `body` LONGTEXT NOT NULL, `payload` LONGBLOB NULL"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
    }

    /** One line for people: "200,000 rows of 200 B on average, 1% with a 1.0 MiB BLOB, in 1 table". */
    public String describe() {
        String blobs = blobBytes == 0 ? "no BLOBs" : String.format(Locale.ROOT, "%,d with a %s BLOB",
                blobRows(), Summary.bytes(blobBytes));
        return String.format(Locale.ROOT, "%,d rows of %,d B on average (%s), %s, in %d table%s", rows,
                rowBytes, blobs, Summary.bytes(sqlBytes()) + " of SQL", tables,
                tables == 1 ? "" : "s");
    }
}
