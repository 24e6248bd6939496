package dev.packload.loader.write;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcStatement;
import dev.packload.loader.target.Target;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection for {@code LOAD DATA LOCAL INFILE} that can only ever send the stream packload hands it.
 *
 * <p>With LOCAL INFILE, the <em>server</em> names the file the client sends, in reply to any query; a hostile or
 * compromised server could ask for {@code /etc/passwd}. So this connection is opened with local files confined to an
 * empty directory of its own (nothing to leak while the driver runs its set-up queries), then a stream that refuses
 * every request is installed as Connector/J's input-stream hook before local files are enabled. From then on the hook
 * is always set: the data stream during a LOAD DATA packload runs, the refusing stream at all other times. The driver
 * never opens a file.
 */
public final class LoadDataSession implements AutoCloseable {
    private final Connection connection;
    private final JdbcStatement statement;
    private final Path jail;
    private final Refusing refusing = new Refusing();

    private LoadDataSession(Connection connection, JdbcStatement statement, Path jail) {
        this.connection = connection;
        this.statement = statement;
        this.jail = jail;
    }

    public static LoadDataSession open(Target target) throws SQLException {
        Path jail;
        try {
            jail = Files.createTempDirectory("packload-no-files");
        } catch (IOException e) {
            throw new SQLException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        Connection c = target.connect(java.util.Map.of("allowLoadLocalInfileInPath", jail.toString()));
        try {
            JdbcConnection jdbc = c.unwrap(JdbcConnection.class);
            JdbcStatement st = (JdbcStatement) c.createStatement();
            LoadDataSession s = new LoadDataSession(c, st, jail);
            st.setLocalInfileInputStream(s.refusing);
            jdbc.getPropertySet().getBooleanProperty(PropertyKey.allowLoadLocalInfile).setValue(true);
            return s;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The result of one LOAD DATA: rows the server took, and its warnings (first few, with the count). */
    public record Result(long rows, int warningCount, List<String> warnings) {
    }

    /**
     * Runs {@code LOAD DATA LOCAL INFILE} with {@code data} as the file's content, whatever name the statement or the
     * server uses.
     */
    public Result load(String loadDataSql, InputStream data) throws SQLException {
        statement.setLocalInfileInputStream(data);
        try {
            long rows = ((Statement) statement).executeLargeUpdate(loadDataSql);
            List<String> warnings = new ArrayList<>();
            int count = 0;
            for (SQLWarning w = ((Statement) statement).getWarnings(); w != null; w = w.getNextWarning()) {
                if (count++ < 5) {
                    warnings.add(w.getErrorCode() + " " + w.getMessage());
                }
            }
            return new Result(rows, count, warnings);
        } finally {
            statement.setLocalInfileInputStream(refusing);
        }
    }

    /** LOCAL INFILE requests this connection answered with nothing because packload had not asked for them. */
    public int refusedRequests() {
        return refusing.refused;
    }

    public Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.close();
        } finally {
            try {
                Files.deleteIfExists(jail);
            } catch (IOException ignored) {
                // an empty temporary directory left behind
            }
        }
    }

    /**
     * Answers every LOCAL INFILE request packload did not make with an empty file: nothing is sent, the connection
     * stays sound, and the request is counted.
     */
    static final class Refusing extends InputStream {
        volatile int refused;

        @Override
        public int read() {
            refused++;
            return -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return read();
        }

        @Override
        public void close() {
            // reused for every request: stays usable
        }
    }
}
