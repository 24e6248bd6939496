package dev.packload.loader.cli;

import dev.packload.loader.target.Target;
import picocli.CommandLine.Option;

/** The connection options a MySQL user already knows. */
public final class ConnectionOptions {

    @Option(names = "--url", paramLabel = "JDBC_URL", description = "Target as a JDBC URL, e.g. jdbc:mysql://db:3306/app.")
    String url;

    @Option(names = {"-h", "--host"}, paramLabel = "HOST", description = "Target server host (default 127.0.0.1 when -P is given).")
    String host;

    @Option(names = {"-P", "--port"}, paramLabel = "PORT", description = "Target server port (default 3306).")
    Integer port;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "User name (default root, or $USER for a remote host).")
    String user;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", arity = "0..1", interactive = true,
            description = "Password; given without a value, it is asked for. Also read from MYSQL_PWD. Never printed.")
    char[] password;

    @Option(names = {"-D", "--database"}, paramLabel = "DB", description = "Load into this database: the dump's USE and CREATE DATABASE are redirected to it.")
    String database;

    /** True when the user named a server; otherwise packload starts its embedded MariaDB. */
    public boolean targetGiven() {
        return url != null || host != null || port != null;
    }

    public String database() {
        return database;
    }

    public Target target() {
        char[] pw = password;
        if (pw == null && System.getenv("MYSQL_PWD") != null) {
            pw = System.getenv("MYSQL_PWD").toCharArray();
        }
        String u = user != null ? user : "root";
        if (url != null) {
            return Target.ofUrl(url, user, pw, database);
        }
        return Target.of(host != null ? host : "127.0.0.1", port != null ? port : 3306, u, pw, database);
    }
}
