package dev.packload.loader.source;

import dev.packload.formats.io.Compression;
import dev.packload.formats.io.Decompression;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fixture corpus under {@code src/test/resources/mydumper} and {@code sourcing} is well formed: every case is
 * indexed, every dump file decompresses as its name says, the expected files parse and agree with themselves and with
 * mydumper's own row counts, every {@code source} path resolves, and the hostile README names the lines it claims.
 * It loads nothing; loading the fixtures is the loader's tests' work.
 */
class FixtureCorpusTest {
    private static final String TABLES_HEADER = "table\tengine\tcollation\trows\tchecksum";
    private static final String OBJECTS_HEADER = "kind\tname\tattributes\tdefinition_md5\tdefinition";
    private static final Pattern SECTION = Pattern.compile("^\\[`.*`\\.`.*`]$");

    @TestFactory
    Stream<DynamicTest> everyMydumperCaseIsWellFormed() throws IOException {
        Path root = resource("mydumper");
        String index = Files.readString(root.resolve("README.md"));
        List<Path> cases;
        try (Stream<Path> s = Files.list(root)) {
            cases = s.filter(p -> Files.isDirectory(p.resolve("dump"))).sorted().toList();
        }
        assertEquals(12, cases.size(), "cases under " + root);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
            String name = c.getFileName().toString();
            assertTrue(index.contains("[" + name + "](" + name + "/)"), name + " is not indexed in README.md");
            assertTrue(Files.isRegularFile(c.resolve("README.md")), name + "/README.md");
            assertTrue(Files.isRegularFile(c.resolve("myloader-check.md")), name + "/myloader-check.md");
            dumpFilesDecompress(c.resolve("dump"));
            Map<String, Long> rows = expectedTables(c.resolve("expected/tables.tsv"));
            expectedObjects(c.resolve("expected/objects.tsv"));
            String metadata = Files.readString(c.resolve("dump/metadata"));
            if (name.startsWith("v1.0")) {
                assertTrue(metadata.startsWith("# Started dump at: "), name + " metadata");
                assertEquals(rows, metadataRows(metadata), name + ": metadata rows vs expected/tables.tsv");
            } else {
                assertTrue(metadata.startsWith("Started dump at: "), name + " metadata");
            }
        }));
    }

    @Test
    void everySourcePathOfEmployeesLikeResolvesAgainstItsTopFolder() throws IOException {
        Path top = resource("sourcing/employees-like");
        Pattern source = Pattern.compile("^source\\s+(\\S+)\\s*;", Pattern.MULTILINE);
        Pattern info = Pattern.compile("^\\s*(/\\*!\\d+\\s+)?select\\b.* as '?INFO'?", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
        int infoSelects = 0;
        List<Path> pending = new ArrayList<>(List.of(top.resolve("employees.sql")));
        while (!pending.isEmpty()) {
            String text = Files.readString(pending.remove(0));
            infoSelects += (int) info.matcher(text).results().count();
            Matcher m = source.matcher(text);
            while (m.find()) {
                Path p = top.resolve(m.group(1));
                assertTrue(Files.isRegularFile(p), "source " + m.group(1) + " does not resolve under " + top);
                pending.add(p);
            }
        }
        List<String> out = Files.readAllLines(top.resolve("expected/output-batch.txt"));
        assertEquals(infoSelects, out.stream().filter("INFO"::equals).count(), "INFO headers in output-batch.txt");
        expectedTables(top.resolve("expected/tables.tsv"));
        expectedObjects(top.resolve("expected/objects.tsv"));
    }

    @Test
    void theHostileReadmeNamesTheLinesOfHostileSql() throws IOException {
        Path dir = resource("sourcing/hostile");
        List<String> sql = Files.readAllLines(dir.resolve("hostile.sql"));
        Matcher m = Pattern.compile("^\\| (\\d+) \\| `(.+?)` \\|", Pattern.MULTILINE)
                .matcher(Files.readString(dir.resolve("README.md")));
        int rows = 0;
        while (m.find()) {
            assertEquals(m.group(2), sql.get(Integer.parseInt(m.group(1)) - 1), "hostile.sql line " + m.group(1));
            rows++;
        }
        assertEquals(4, rows, "client-command rows in the README table");
    }

    private static void dumpFilesDecompress(Path dump) throws IOException {
        try (Stream<Path> files = Files.list(dump)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                Compression want = n.endsWith(".gz") ? Compression.GZIP : n.endsWith(".zst") ? Compression.ZSTD
                        : Compression.NONE;
                try (InputStream in = new BufferedInputStream(Files.newInputStream(f))) {
                    assertEquals(want, Decompression.detect(in), f.toString());
                    try (InputStream d = Decompression.open(in, want)) {
                        assertTrue(d.readAllBytes().length > 0, "empty after decompression: " + f);
                    }
                }
            }
        }
    }

    /** Parses tables.tsv and returns table → rows. */
    private static Map<String, Long> expectedTables(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv);
        assertEquals(TABLES_HEADER, lines.get(0), tsv.toString());
        Map<String, Long> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            assertEquals(5, f.length, tsv + ": " + line);
            assertTrue(Long.parseLong(f[4]) >= 0, tsv + ": checksum of " + line);
            rows.put(f[0], Long.parseLong(f[3]));
        }
        assertFalse(rows.isEmpty(), tsv + " lists no table");
        return rows;
    }

    /** Every row of objects.tsv has five fields and the MD5 of its (batch-escaped) normalized definition. */
    private static void expectedObjects(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        assertEquals(OBJECTS_HEADER, lines.get(0), tsv.toString());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            assertEquals(5, f.length, tsv + ": " + line);
            assertEquals(f[3], md5(unescapeBatch(f[4])), tsv + ": definition_md5 of " + f[0] + " " + f[1]);
        }
    }

    /** table → rows of the non-view groups of a mydumper 1.0 metadata file, by real_table_name. */
    private static Map<String, Long> metadataRows(String metadata) {
        Map<String, Long> rows = new HashMap<>();
        String table = null;
        Long count = null;
        for (String line : (metadata + "\n[end]").split("\n")) {
            if (line.startsWith("[")) {
                if (table != null && count != null) {
                    rows.put(table, count);
                }
                table = null;
                count = null;
                if (!SECTION.matcher(line).matches()) {
                    continue;
                }
            } else if (line.startsWith("real_table_name=")) {
                table = line.substring("real_table_name=".length()).replace("``", "`");
            } else if (line.startsWith("rows = ")) {
                count = Long.parseLong(line.substring("rows = ".length()));
            } else if (line.equals("is_view = 1")) {
                count = null;
                table = null;
            }
        }
        return rows;
    }

    /** Undoes mariadb -B escaping: \\ \t \n \0. */
    private static String unescapeBatch(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == '0' ? '\0' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(FixtureCorpusTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
