package dev.packload.loader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packload.loader.testing.TestDatabase;
import dev.packload.loader.testing.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./packload} launcher, run as users run it, on a copy of the built distribution ({@code PACKLOAD_DIST}):
 * its first load writes the class-data archive, later loads map it (checked with {@code -Xshare:on}, under which the
 * JVM refuses to start when it can't), picocli's classes among the rest, a newer jar gets a new archive, and
 * {@code PACKLOAD_CDS=0} leaves it out.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLE = ROOT.resolve("examples/shop.sql.gz");
    private static final List<String> TABLES = List.of("customers", "orders", "order_audit", "products");

    @TempDir
    Path dist;

    private void copyDistribution() throws IOException {
        Path target = ROOT.resolve("loader/target");
        Files.copy(target.resolve("packload.jar"), dist.resolve("packload.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(dist.resolve("lib"));
        try (Stream<Path> jars = Files.list(target.resolve("lib"))) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                Files.copy(jar, dist.resolve("lib").resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** Runs the launcher's {@code load} of the example into db; returns its output, after checking it exited 0. */
    private String load(TestDatabase db, Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("packload").toString(), "load",
                "-h", db.server().host(), "-P", String.valueOf(db.server().port()), "-u", db.server().user(),
                "-D", db.name(), "--no-progress",
                // the job's journal beside the test's tables, dropped with them
                "--journal-schema", db.name(), EXAMPLE.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PACKLOAD_DIST", dist.toString());
        pb.environment().remove("PACKLOAD_JAVA_OPTS");
        pb.environment().remove("PACKLOAD_CDS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static List<String> checksums(TestDatabase db) throws Exception {
        List<String> out = new ArrayList<>();
        for (String t : TABLES) {
            out.add(t + "=" + db.checksum(t) + "/" + db.count(t));
        }
        return out;
    }

    @Test
    void theFirstLoadWritesTheArchiveAndLaterLoadsMapIt() throws Exception {
        copyDistribution();
        Path jsa = dist.resolve("packload.jsa");
        // -Xshare:on makes a JVM that can't map its archive fail to start; the class-load log says where each class
        // came from ("shared objects file": the launcher's archive, which replaces the JDK's own)
        Path classLog = dist.resolve("classes.log");
        Map<String, String> strict = Map.of("PACKLOAD_JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1 -Xshare:on"
                + " -Xlog:class+load=info:file=" + classLog);
        try (TestDatabase first = TestDatabase.create(TestServers.local(), "launcher1");
             TestDatabase second = TestDatabase.create(TestServers.local(), "launcher2");
             TestDatabase third = TestDatabase.create(TestServers.local(), "launcher3");
             TestDatabase fourth = TestDatabase.create(TestServers.local(), "launcher4")) {
            load(first, Map.of());
            assertTrue(Files.size(jsa) > 0, "the first load wrote the archive");
            assertTrue(Files.exists(dist.resolve("packload.jsa.jvm")), "and noted the JVM it belongs to");
            FileTime written = Files.getLastModifiedTime(jsa);

            load(second, strict);
            assertEquals(written, Files.getLastModifiedTime(jsa), "a fresh archive is mapped, not written again");
            assertMapped(classLog);
            assertEquals(checksums(first), checksums(second));

            // a rebuilt jar: the old archive no longer matches it, and the next load writes a new one
            Thread.sleep(1100);
            Files.setLastModifiedTime(dist.resolve("packload.jar"), FileTime.from(Instant.now()));
            load(third, Map.of());
            assertNotEquals(written, Files.getLastModifiedTime(jsa), "a jar newer than the archive gets a new one");
            Files.delete(classLog);
            load(fourth, strict);
            assertMapped(classLog);
            assertEquals(checksums(first), checksums(fourth));
        }
    }

    /**
     * packload's classes came from the launcher's archive, and so did picocli's: their class files are of Java 5's
     * format, which JDK 17 leaves out of an archive written as the JVM exits ({@code -XX:ArchiveClassesAtExit}), so
     * that every run read and verified them again.
     */
    private static void assertMapped(Path classLog) throws IOException {
        String log = Files.readString(classLog);
        for (String c : List.of("dev.packload.loader.cli.LoadCommand", "picocli.CommandLine",
                "com.mysql.cj.jdbc.ConnectionImpl", "com.lmax.disruptor.RingBuffer")) {
            assertTrue(log.contains(c + " source: shared objects file\n"), c + " came from the archive");
        }
    }

    /** Runs the launcher with these arguments; returns its exit code. */
    private int run(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("packload").toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PACKLOAD_DIST", dist.toString());
        pb.environment().remove("PACKLOAD_JAVA_OPTS");
        pb.environment().remove("PACKLOAD_CDS");
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not finish");
        return p.exitValue();
    }

    @Test
    void onlyARunThatLoadedWritesTheArchive() throws Exception {
        copyDistribution();
        Path jsa = dist.resolve("packload.jsa");
        assertEquals(0, run(List.of("load", "--help")));
        assertTrue(Files.notExists(jsa), "a help text's archive would hold a fraction of a load's classes");
        assertEquals(4, run(List.of("load", "-h", TestServers.local().host(), "-P",
                String.valueOf(TestServers.local().port()), "--no-progress", dist.resolve("missing.sql").toString())));
        assertTrue(Files.notExists(jsa), "nor is one kept from a run that failed");
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "launcher5")) {
            load(db, Map.of());
        }
        assertTrue(Files.size(jsa) > 0, "the first load that ran wrote it");
    }

    @Test
    void aJvmThatCannotDumpTheArchiveStillLoads() throws Exception {
        cannotWriteTheArchive("-Xshare:dump");
    }

    @Test
    void aJvmThatCannotListItsClassesStillLoads() throws Exception {
        cannotWriteTheArchive("-XX:DumpLoadedClassList=*");
    }

    /**
     * A java that refuses to start with {@code refused} (a shell case pattern) while {@code REFUSE} is set stands in for
     * a JVM that can't write an archive: its loads run without one, and the launcher notes that this java can't and
     * does not try again with it until the next build.
     */
    private void cannotWriteTheArchive(String refused) throws Exception {
        copyDistribution();
        Path bin = Files.createDirectories(dist.resolve("fakejava/bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\n"
                + "for a in \"$@\"; do case $a in " + refused + ")\n"
                + "  if [ -n \"${REFUSE:-}\" ]; then echo 'Error occurred during initialization of VM' >&2; exit 1; fi;;"
                + " esac; done\n"
                + "exec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        java.toFile().setExecutable(true);
        String path = bin + ":" + System.getenv("PATH");
        Map<String, String> refusing = Map.of("PATH", path, "REFUSE", "1");
        Path jsa = dist.resolve("packload.jsa");
        try (TestDatabase first = TestDatabase.create(TestServers.local(), "launcher");
             TestDatabase second = TestDatabase.create(TestServers.local(), "launcher");
             TestDatabase third = TestDatabase.create(TestServers.local(), "launcher");
             TestDatabase fourth = TestDatabase.create(TestServers.local(), "launcher")) {
            load(first, refusing);
            load(second, refusing);
            assertTrue(Files.notExists(jsa));
            assertTrue(Files.readString(dist.resolve("packload.jsa.jvm")).startsWith("none "),
                    "the launcher remembers that this java can't write one");
            assertEquals(checksums(first), checksums(second));
            try (Stream<Path> left = Files.list(dist)) {
                assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".classes") || n.endsWith(".tmp")).toList(), "no scratch files left");
            }

            // the same java binary, able now: not tried again before a build, tried after one
            load(third, Map.of("PATH", path));
            assertTrue(Files.notExists(jsa), "not tried again with the same java and jar");
            Thread.sleep(1100);
            Files.setLastModifiedTime(dist.resolve("packload.jar"), FileTime.from(Instant.now()));
            load(fourth, Map.of("PATH", path));
            assertTrue(Files.size(jsa) > 0, "a new build gets another try");
            assertEquals(checksums(first), checksums(fourth));
        }
    }

    @Test
    void withCdsOffNoArchiveIsWritten() throws Exception {
        copyDistribution();
        try (TestDatabase db = TestDatabase.create(TestServers.local(), "launcher")) {
            load(db, Map.of("PACKLOAD_CDS", "0"));
            assertTrue(Files.notExists(dist.resolve("packload.jsa")));
            assertTrue(db.count("customers") > 0 && db.count("orders") > 0, "the example loaded");
        }
    }
}
