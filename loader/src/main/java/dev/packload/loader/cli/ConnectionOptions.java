package dev.packload.loader.cli;

import dev.packload.loader.cli.optionfile.OptionLine;
import dev.packload.loader.target.Target;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.Console;
import java.nio.file.Path;

/**
 * The connection options a MySQL user already knows. Each can also come from the {@code [client]} or
 * {@code [packload]} group of an option file (see {@link OptionFileDefaults}); the command line wins.
 */
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

    @Option(names = {"-S", "--socket"}, paramLabel = "FILE",
            description = "Unix socket file of a server on this machine, used as the mysql client uses it: when no "
                    + "host or host localhost is given (-h 127.0.0.1 goes over TCP).")
    Path socket;

    @Option(names = "--max-allowed-packet", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "The client's packet limit, as the mysql client's option (Connector/J maxAllowedPacket): "
                    + "statements stay under the smaller of it and the server's max_allowed_packet.")
    Long maxAllowedPacket;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** True when the user named a server; otherwise packload starts its embedded MariaDB. */
    public boolean targetGiven() {
        return url != null || host != null || port != null || socket != null;
    }

    public String database() {
        return database;
    }

    public Target target() {
        char[] pw = password;
        if (pw == null) {
            pw = askedByOptionFile();
        }
        if (pw == null && System.getenv("MYSQL_PWD") != null) {
            pw = System.getenv("MYSQL_PWD").toCharArray();
        }
        String u = user != null ? user : "root";
        Target t;
        if (url != null) {
            t = Target.ofUrl(url, user, pw, database);
        } else if (socket != null && (host == null || host.equals("localhost"))) {
            t = Target.ofSocket(socket, u, pw, database);
        } else {
            t = Target.of(host != null ? host : "127.0.0.1", port != null ? port : 3306, u, pw, database);
        }
        return maxAllowedPacket != null ? t.withMaxAllowedPacket(maxAllowedPacket) : t;
    }

    /** A bare {@code password} line in an option file asks for it at the terminal, as the mysql client does. */
    private char[] askedByOptionFile() {
        if (command == null || !(command.defaultValueProvider() instanceof OptionFileDefaults d) || d.asksPassword() == null) {
            return null;
        }
        OptionLine line = d.asksPassword();
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException(line.origin() + ": a bare 'password' asks for the password, but there "
                    + "is no terminal to ask on; give password=... in the file, -p on the command line, or MYSQL_PWD");
        }
        char[] pw = console.readPassword("Enter password: ");
        if (pw == null) {
            throw new IllegalArgumentException("no password entered");
        }
        return pw;
    }
}
