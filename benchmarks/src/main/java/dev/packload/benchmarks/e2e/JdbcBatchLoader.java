package dev.packload.benchmarks.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The end-to-end comparison's "obvious hand-written Java loader": a CSV file with a header row, read with
 * commons-csv, inserted with plain JDBC batching ({@code PreparedStatement.addBatch}/{@code executeBatch}) through
 * Connector/J with {@code rewriteBatchedStatements=true}, autocommit off. Every field is bound with
 * {@code setString} (the server converts it to the column's type); an empty field is an empty string. Nothing here
 * knows about packet limits: the driver splits a rewritten batch to fit its {@code maxAllowedPacket}. With a
 * {@code jdbc:mariadb:} URL and MariaDB's Connector/J on the class path, the same batches go through that driver
 * instead ({@code compare-csv.sh}'s jdbc-mariadb-bulk: {@code useBulkStmts=true} sends each batch as MariaDB's array
 * binding, {@code COM_STMT_BULK_EXECUTE}).
 *
 * <pre>
 * java -cp CLASSPATH dev.packload.benchmarks.e2e.JdbcBatchLoader JDBC_URL TABLE FILE.csv [BATCH_ROWS [COMMIT_ROWS]]
 * </pre>
 *
 * BATCH_ROWS (default 1000) rows go into one {@code executeBatch}; a commit follows every COMMIT_ROWS rows (default:
 * every batch) and at the end. {@code rewriteBatchedStatements=true} is added to the URL if it is not there. The
 * table must exist. Prints the rows inserted; exits 1 with the driver's message on an error.
 */
public final class JdbcBatchLoader {

    private JdbcBatchLoader() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 5) {
            System.err.println("usage: JdbcBatchLoader JDBC_URL TABLE FILE.csv [BATCH_ROWS [COMMIT_ROWS]]");
            System.exit(2);
        }
        int batchRows = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int commitRows = args.length > 4 ? Integer.parseInt(args[4]) : batchRows;
        try {
            long rows = load(withRewrite(args[0]), args[1], Path.of(args[2]), batchRows, commitRows);
            System.out.println(rows + " rows inserted into " + args[1]);
        } catch (SQLException e) {
            System.err.println("ERROR " + e.getErrorCode() + " (" + e.getSQLState() + "): " + e.getMessage());
            System.exit(1);
        }
    }

    static String withRewrite(String url) {
        if (url.contains("rewriteBatchedStatements=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "rewriteBatchedStatements=true";
    }

    static long load(String url, String table, Path csv, int batchRows, int commitRows)
            throws IOException, SQLException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(in, format);
                Connection connection = DriverManager.getConnection(url)) {
            List<String> columns = parser.getHeaderNames();
            String sql = "INSERT INTO " + quote(table) + " ("
                    + columns.stream().map(JdbcBatchLoader::quote).collect(Collectors.joining(", "))
                    + ") VALUES (" + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
            connection.setAutoCommit(false);
            long rows = 0;
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (CSVRecord record : parser) {
                    for (int i = 0; i < columns.size(); i++) {
                        insert.setString(i + 1, record.get(i));
                    }
                    insert.addBatch();
                    rows++;
                    if (rows % batchRows == 0) {
                        insert.executeBatch();
                    }
                    if (rows % commitRows == 0) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
            return rows;
        }
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
