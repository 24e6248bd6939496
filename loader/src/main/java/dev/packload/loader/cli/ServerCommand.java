package dev.packload.loader.cli;

import dev.packload.embedded.EmbeddedMariaDb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code packload server}: runs the embedded MariaDB in the foreground so its data can be looked at. */
@Command(name = "server", description = "Run the embedded MariaDB (data in ~/.packload/mariadb/data) until Ctrl-C.")
public final class ServerCommand implements Callable<Integer> {

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    static final int DEFAULT_PORT = 3307;

    @Option(names = {"-P", "--port"}, description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port = DEFAULT_PORT;

    @Override
    public Integer call() throws InterruptedException {
        Path home = EmbeddedMariaDb.defaultHome();
        EmbeddedMariaDb db;
        try {
            db = EmbeddedMariaDb.start(home, home.resolve("data"), port, List.of("--max-allowed-packet=16M"));
        } catch (EmbeddedMariaDb.StartupException e) {
            System.err.println("packload: cannot start the embedded MariaDB: " + e.getMessage());
            return ExitCode.SERVER_FAILURE;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            db.close();
            stop.countDown();
        }));
        System.err.println("packload: embedded MariaDB " + db.version() + " listening on " + db.host() + ":" + db.port()
                + " (data in " + home.resolve("data") + "). Connect: mariadb -h" + db.host() + " -P" + db.port()
                + " -uroot. Ctrl-C stops it.");
        stop.await();
        return ExitCode.OK;
    }
}
