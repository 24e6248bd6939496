package dev.packload.loader.cli.optionfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Option files read as the mysql/mariadb client reads them. The expected values were taken from
 * {@code mariadb --defaults-file=F --print-defaults} and {@code my_print_defaults} of MariaDB 10.11 on the same input.
 */
class OptionFilesTest {
    private static final List<String> GROUPS = List.of("client", "packload");

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        return p;
    }

    private List<OptionLine> read(DefaultsArgs args) {
        return new OptionFiles(List.of(), List.of()).read(args, GROUPS, warnings::add);
    }

    private List<OptionLine> readFile(Path file) {
        return read(defaultsFile(file));
    }

    private static DefaultsArgs defaultsFile(Path file) {
        return new DefaultsArgs(false, file, null, null, false, List.of());
    }

    /** key=value of the lines in order, as the client's argument list would hold them. */
    private static List<String> args(List<OptionLine> lines) {
        List<String> out = new ArrayList<>();
        lines.forEach(l -> out.add(l.key() + (l.value() == null ? "" : "=" + l.value())));
        return out;
    }

    /** The last value of each key: what a run takes. */
    private static Map<String, String> effective(List<OptionLine> lines) {
        Map<String, String> m = new LinkedHashMap<>();
        lines.forEach(l -> m.put(l.key(), l.value()));
        return m;
    }

    @Test
    void quotesEscapesAndCommentsAreReadAsTheClientReadsThem() throws Exception {
        Path f = file("a.cnf", """
                # a comment
                ; another comment
                   [client]
                host = dbhost   # a comment after the value
                user = "quoted # not a comment"
                password = 'se cr\\set'
                esc = a\\nb\\tc\\\\d\\qe\\
                both = "a\\"b"
                single = 'it''s'
                mismatched = "abc'
                lonequote = "
                empty = ""
                semicolon = x ; not a comment here
                bare
                \tspaced_key  =  \t value with inner  spaces \t
                crlf = yes\r
                """);
        Map<String, String> m = effective(readFile(f));
        assertEquals("dbhost", m.get("host"));
        assertEquals("quoted # not a comment", m.get("user"));
        assertEquals("se cr et", m.get("password"));
        assertEquals("a\nb\tc\\d\\qe\\", m.get("esc"), "unknown escapes and a final backslash stay as written");
        assertEquals("a\"b", m.get("both"));
        assertEquals("it''s", m.get("single"), "the client does not read doubled quotes");
        assertEquals("\"abc'", m.get("mismatched"));
        assertEquals("\"", m.get("lonequote"));
        assertEquals("", m.get("empty"));
        assertEquals("x ; not a comment here", m.get("semicolon"));
        assertTrue(m.containsKey("bare"));
        assertNull(m.get("bare"));
        assertEquals("value with inner  spaces", m.get("spaced-key"));
        assertEquals("yes", m.get("crlf"));
    }

    @Test
    void onlyTheWantedGroupsAreReadIgnoringCaseInFileOrder() throws Exception {
        Path f = file("g.cnf", """
                [mysqld]
                port = 1
                [CLIENT]
                port = 2
                [packload]
                threads = 4
                [ client ]
                port = 3
                [client]   # comment after a group
                user = u
                [mysqldump]
                user = not-ours
                """);
        // "[ client ]" is the group " client": the client drops blanks only before the ']'
        assertEquals(List.of("port=2", "threads=4", "user=u"), args(readFile(f)));
    }

    @Test
    void dashAndUnderscoreAreOneKeyAndTheLastLineWins() throws Exception {
        Path f = file("k.cnf", "[client]\nmax_allowed_packet=16M\nMax-Allowed_Packet=1G\n");
        List<OptionLine> lines = readFile(f);
        assertEquals(List.of("max-allowed-packet=16M", "max-allowed-packet=1G"), args(lines));
        assertEquals("1G", effective(lines).get("max-allowed-packet"));
        assertEquals("Max-Allowed_Packet", lines.get(1).name());
        assertEquals(f + ":3", lines.get(1).origin());
    }

    @Test
    void theStandardFilesAreReadInOrderWithTheExtraFileBeforeTheUsersAndLaterWins() throws Exception {
        Path etc = file("etc/my.cnf", "[client]\nhost=etc\nuser=etc\nport=1\n");
        Path etcMysql = file("etc/mysql/my.cnf", "[client]\nhost=etc-mysql\nport=2\n");
        Path extra = file("extra.cnf", "[client]\nhost=extra\n[packload]\nthreads=2\n");
        Path home = file("home/.my.cnf", "[client]\nhost=home\n");
        OptionFiles files = new OptionFiles(List.of(etc, etcMysql, dir.resolve("missing/my.cnf")), List.of(home));
        DefaultsArgs withExtra = new DefaultsArgs(false, null, extra, null, false, List.of());
        assertEquals(List.of(etc, etcMysql, dir.resolve("missing/my.cnf"), extra, home), files.files(withExtra));
        List<OptionLine> lines = files.read(withExtra, GROUPS, warnings::add);
        assertEquals(List.of("host=etc", "user=etc", "port=1", "host=etc-mysql", "port=2", "host=extra", "threads=2",
                "host=home"), args(lines));
        Map<String, String> m = effective(lines);
        assertEquals("home", m.get("host"));
        assertEquals("2", m.get("port"));
        assertEquals("etc", m.get("user"));
        assertEquals(List.of(), warnings, "a missing standard file is skipped without a word, as by the client");

        assertEquals(List.of("host=etc", "user=etc", "port=1", "host=etc-mysql", "port=2", "host=home"),
                args(files.read(DefaultsArgs.NONE, GROUPS, warnings::add)));
        assertEquals(List.of("host=extra", "threads=2"), args(files.read(defaultsFile(extra), GROUPS, warnings::add)),
                "--defaults-file reads that file only");
        assertEquals(List.of(), files.read(new DefaultsArgs(true, null, null, null, false, List.of()), GROUPS,
                warnings::add), "--no-defaults reads nothing");
    }

    @Test
    void theStandardListFollowsMariadbHomeOrMysqlHomeAndReadsADirectoryOnce() {
        Path home = Path.of("/home/u");
        assertEquals(List.of(Path.of("/etc/my.cnf"), Path.of("/etc/mysql/my.cnf"), home.resolve(".my.cnf")),
                OptionFiles.standard(Map.of(), home).files(DefaultsArgs.NONE));
        assertEquals(List.of(Path.of("/etc/my.cnf"), Path.of("/etc/mysql/my.cnf"), Path.of("/opt/my/my.cnf"),
                home.resolve(".my.cnf")), OptionFiles.standard(Map.of("MYSQL_HOME", "/opt/my"), home)
                .files(DefaultsArgs.NONE));
        assertEquals(List.of(Path.of("/etc/my.cnf"), Path.of("/etc/mysql/my.cnf"), Path.of("/opt/maria/my.cnf"),
                home.resolve(".my.cnf")), OptionFiles.standard(Map.of("MYSQL_HOME", "/opt/my",
                "MARIADB_HOME", "/opt/maria"), home).files(DefaultsArgs.NONE), "MARIADB_HOME first, as mariadb 10.11");
        assertEquals(List.of(Path.of("/etc/mysql/my.cnf"), Path.of("/etc/my.cnf"), home.resolve(".my.cnf")),
                OptionFiles.standard(Map.of("MYSQL_HOME", "/etc"), home).files(DefaultsArgs.NONE),
                "a directory named twice is read once, at its later place");
    }

    @Test
    void theSuffixAddsGroupsReadInFileOrderBesideThePlainOnes() throws Exception {
        Path f = file("s.cnf", """
                [client]
                user=plain
                [packload_nightly]
                threads=1
                reject-file=/var/lib/nightly/rejects.sql
                [client_nightly]
                user=nightly
                [packload_weekly]
                threads=8
                [client]
                host=h
                """);
        DefaultsArgs nightly = new DefaultsArgs(false, f, null, "_nightly", false, List.of());
        assertEquals(List.of("user=plain", "threads=1", "reject-file=/var/lib/nightly/rejects.sql", "user=nightly",
                "host=h"), args(read(nightly)));
        assertEquals(List.of("user=plain", "host=h"), args(readFile(f)), "without the suffix those groups are not read");
    }

    @Test
    void includeAndIncludedirReadFilesInPlaceAndOnlyCnfFilesInNameOrder() throws Exception {
        Path conf = dir.resolve("conf.d");
        file("conf.d/20-b.cnf", "[client]\nfrom=20\n");
        file("conf.d/10-a.cnf", "[client]\nfrom=10\n");
        file("conf.d/30-c.ini", "[client]\nfrom=ini\n");
        file("conf.d/40-d.conf", "[client]\nfrom=conf\n");
        file("conf.d/50-e.cnf.bak", "[client]\nfrom=bak\n");
        Files.createDirectories(conf.resolve("60-dir.cnf"));
        Path inc = file("inc.cnf", "[packload]\nthreads=3\n");
        Path main = file("main.cnf", "[client]\nfrom=main\n!include " + inc + "\nafter=include\n!includedir " + conf
                + "\n!unknown directive\nfrom=last\n");
        List<OptionLine> lines = readFile(main);
        assertEquals(List.of("from=main", "threads=3", "after=include",
                "from=10", "from=20", "from=last"), args(lines));
        assertEquals("client", lines.get(2).group(), "after an include the including file's group goes on");
        assertEquals(inc + ":2", lines.get(1).origin());
    }

    @Test
    void aMissingIncludeIsSkippedWithAWarningAndAMissingIncludedirIsAnError() throws Exception {
        Path f = file("m.cnf", "[client]\n!include " + dir.resolve("none.cnf") + "\nuser=u\n");
        assertEquals(List.of("user=u"), args(readFile(f)));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains(f + ":2") && warnings.get(0).contains("none.cnf"), warnings.get(0));

        Path d = file("d.cnf", "[client]\n!includedir " + dir.resolve("nodir") + "\n");
        OptionFileException e = assertThrows(OptionFileException.class, () -> readFile(d));
        assertTrue(e.getMessage().startsWith(d + ":2: !includedir"), e.getMessage());
        Path empty = file("e.cnf", "[client]\n\n!include   \n");
        e = assertThrows(OptionFileException.class, () -> readFile(empty));
        assertTrue(e.getMessage().startsWith(empty + ":3: !include needs a file name"), e.getMessage());
    }

    @Test
    void includesNestAtMostTenDeep() throws Exception {
        Path self = dir.resolve("loop.cnf");
        file("loop.cnf", "[client]\nn=1\n!include " + self + "\n");
        assertEquals(OptionFileParser.MAX_DEPTH + 1, readFile(self).size());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("nest deeper than 10"), warnings.get(0));
    }

    @Test
    void aBadFileIsAnErrorNamingFileAndLine() throws Exception {
        Path noGroup = file("nogroup.cnf", "# first\n\nuser=x\n");
        OptionFileException e = assertThrows(OptionFileException.class, () -> readFile(noGroup));
        assertTrue(e.getMessage().startsWith(noGroup + ":3: an option before any [group]"), e.getMessage());

        Path badGroup = file("badgroup.cnf", "[client]\nuser=x\n[packload\nthreads=2\n");
        e = assertThrows(OptionFileException.class, () -> readFile(badGroup));
        assertTrue(e.getMessage().startsWith(badGroup + ":3: a group needs a closing ']'"), e.getMessage());

        Path included = file("inc/bad.cnf", "[client]\n[oops\n");
        Path outer = file("outer.cnf", "[client]\n!include " + included + "\n");
        e = assertThrows(OptionFileException.class, () -> readFile(outer));
        assertTrue(e.getMessage().startsWith(included + ":2:"), "the included file's own line: " + e.getMessage());

        Path latin1 = dir.resolve("latin1.cnf");
        Files.write(latin1, new byte[] {'[', 'c', 'l', 'i', 'e', 'n', 't', ']', '\n', 'u', '=', (byte) 0xe9, '\n'});
        e = assertThrows(OptionFileException.class, () -> readFile(latin1));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void aRequiredFileThatIsMissingIsAnError() {
        Path none = dir.resolve("none.cnf");
        OptionFileException e = assertThrows(OptionFileException.class, () -> readFile(none));
        assertEquals("could not open required defaults file: " + none, e.getMessage());
        e = assertThrows(OptionFileException.class, () -> read(new DefaultsArgs(false, null, none, null, false,
                List.of())));
        assertEquals("could not open required defaults file: " + none, e.getMessage());
    }

    @Test
    void aWorldWritableFileIsIgnoredWithAWarning() throws Exception {
        Path f = file("ww.cnf", "[client]\nuser=x\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertEquals(List.of(), readFile(f));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("world-writable") && warnings.get(0).contains(f.toString()), warnings.get(0));
    }

    @Test
    void linesCanBeShownByGroup() throws Exception {
        Path f = file("b.cnf", "[client]\nuser=a\n[packload]\nthreads=2\n[client]\nhost=h\n");
        Map<String, List<OptionLine>> groups = OptionFiles.byGroup(readFile(f));
        assertEquals(List.of("client", "packload"), List.copyOf(groups.keySet()));
        assertEquals(List.of("user=a", "host=h"), args(groups.get("client")));
    }
}
