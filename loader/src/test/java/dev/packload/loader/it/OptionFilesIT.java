package dev.packload.loader.it;

import dev.packload.loader.cli.ExitCode;
import dev.packload.loader.testing.CliRun;
import dev.packload.loader.testing.Server;
import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code packload load} against the shared server with its target and settings taken from an option file only. */
class OptionFilesIT {
    private static final String DUMP = "CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(20));\n"
            + "INSERT INTO t VALUES (1,'a'),(2,'b');\nINSERT INTO t VALUES (3,'c'),(3,'dup');\n";

    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    /** The server's password line, or a comment when it has none (CI's root has none). */
    private static String password(Server server) {
        return server.password().isEmpty() ? "# no password" : "password = \"" + server.password() + "\"";
    }

    @Test
    void theTargetAndANightlyJobsSettingsComeFromTheDefaultsFile() throws Exception {
        Server server = TestServers.local();
        try (TestDatabase db = TestDatabase.create(server)) {
            Path dump = file("dump.sql", DUMP);
            Path rejects = dir.resolve("nightly-rejects.sql");
            Path settings = file("nightly.cnf", """
                    [packload_nightly]
                    threads = 1
                    reject_file = "%s"
                    no-progress
                    """.formatted(rejects));
            Path cnf = file("my.cnf", """
                    # what the mysql client would read
                    [client]
                    host = %s
                    port = %d
                    user = %s
                    database = %s
                    max_allowed_packet = 1M
                    ssl-ca = /nonexistent/ca.pem   # another client's key: left alone
                    %s
                    [client_nightly]
                    !include %s
                    """.formatted(server.host(), server.port(), server.user(), db.name(), password(server), settings));

            CliRun r = CliRun.of("load", "--defaults-file=" + cnf, "--defaults-group-suffix=_nightly", dump.toString());

            assertEquals(ExitCode.ROWS_REJECTED, r.code(), r.all());
            assertEquals(3, db.count("t"));
            assertTrue(r.err().contains("loading into " + server.user() + "@" + server.host() + ":" + server.port()
                    + "/" + db.name()), r.err());
            assertTrue(r.out().contains("driver maxAllowedPacket=1048576"), "max_allowed_packet is the client's "
                    + "packet limit, Connector/J's maxAllowedPacket: " + r.out());
            assertTrue(Files.readString(rejects).contains("(3,'dup')"), "the reject file of [packload_nightly]");
        }
    }

    @Test
    void theCommandLineWinsOverTheFile() throws Exception {
        Server server = TestServers.local();
        try (TestDatabase db = TestDatabase.create(server)) {
            Path dump = file("dump.sql", "CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1),(2);\n");
            Path cnf = file("my.cnf", """
                    [client]
                    host = %s
                    port = 1
                    user = %s
                    database = not_this_one
                    %s
                    [packload]
                    no-progress
                    """.formatted(server.host(), server.user(), password(server)));
            CliRun r = CliRun.of("load", "--defaults-file=" + cnf, "-P", String.valueOf(server.port()), "-D", db.name(),
                    "--reject-file", dir.resolve("r.sql").toString(), dump.toString());
            assertEquals(ExitCode.OK, r.code(), r.all());
            assertEquals(2, db.count("t"));
        }
    }

    @Test
    void aSocketFromTheFileIsUsedForLocalhostAsTheClientUsesIt() throws Exception {
        Path socket = Path.of(System.getProperty("packload.it.local.socket", "/run/mysqld/mysqld.sock"));
        assumeTrue(Files.exists(socket), "the local server has no socket file at " + socket);
        Server server = TestServers.local();
        try (TestDatabase db = TestDatabase.create(server)) {
            Path dump = file("dump.sql", "CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1),(2),(3);\n");
            Path cnf = file("my.cnf", """
                    [client]
                    socket = %s
                    port = 1
                    user = %s
                    %s
                    [packload]
                    database = %s
                    no-progress
                    """.formatted(socket, server.user(), password(server), db.name()));
            CliRun r = CliRun.of("load", "--defaults-file=" + cnf, "--reject-file", dir.resolve("r.sql").toString(),
                    dump.toString());
            assertEquals(ExitCode.OK, r.code(), r.all());
            assertTrue(r.err().contains("loading into " + server.user() + "@localhost via " + socket), r.err());
            assertEquals(3, db.count("t"));

            Path more = file("more.sql", "INSERT INTO t VALUES (4),(5),(6);\n");
            CliRun tcp = CliRun.of("load", "--defaults-file=" + cnf, "-h", server.host(), "-P",
                    String.valueOf(server.port()), "--reject-file", dir.resolve("r.sql").toString(), more.toString());
            assertEquals(ExitCode.OK, tcp.code(), tcp.all());
            assertTrue(tcp.err().contains("loading into " + server.user() + "@" + server.host() + ":" + server.port()),
                    "a host other than localhost goes over TCP: " + tcp.err());
            assertEquals(6, db.count("t"));
        }
    }

    @Test
    void aWrongPasswordFromTheFileIsRefusedAndNeverPrinted() throws Exception {
        Server server = TestServers.local();
        Path dump = file("dump.sql", "SELECT 1;\n");
        String secret = "Wr0ng-f1le-Pw";
        Path cnf = file("my.cnf", """
                [client]
                host = %s
                port = %d
                user = %s
                password = "%s"
                [packload]
                no-progress
                """.formatted(server.host(), server.port(), server.user(), secret));

        CliRun r = CliRun.of("load", "--defaults-file=" + cnf, dump.toString());
        assertEquals(ExitCode.SERVER_FAILURE, r.code(), r.all());
        assertTrue(r.err().contains("Access denied") && r.err().contains("using password: YES"), r.err());
        assertFalse(r.all().contains(secret), r.all());

        CliRun printed = CliRun.of("load", "--defaults-file=" + cnf, "--print-defaults", dump.toString());
        assertEquals(ExitCode.OK, printed.code(), printed.all());
        assertTrue(printed.out().contains("--password=*****"), printed.out());
        assertFalse(printed.all().contains(secret), printed.all());
    }
}
