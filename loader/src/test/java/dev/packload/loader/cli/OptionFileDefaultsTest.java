package dev.packload.loader.cli;

import dev.packload.loader.cli.optionfile.OptionFileException;
import dev.packload.loader.cli.optionfile.OptionFiles;
import dev.packload.loader.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Option files as the defaults of packload's commands: which keys count, and the command line always wins. */
class OptionFileDefaultsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    /** Parses a load command line as Main does, with these standard files, and returns the command. */
    private LoadCommand load(OptionFiles files, String... args) {
        LoadCommand load = new LoadCommand();
        CommandLine cl = new CommandLine(load);
        String[] all = new String[args.length + 1];
        all[0] = "load";
        System.arraycopy(args, 0, all, 1, args.length);
        OptionFileSetup setup = OptionFileSetup.install(cl, all, files, Map.of(),
                new PrintStream(err, true, StandardCharsets.UTF_8), key -> false);
        cl.parseArgs(setup.args().subList(1, setup.args().size()).toArray(new String[0]));
        return load;
    }

    private LoadCommand load(Path onlyFile, String... args) {
        return load(new OptionFiles(List.of(onlyFile), List.of()), args);
    }

    @Test
    void clientKeysFillTheConnectionOptionsAndTheCommandLineWins() throws Exception {
        Path f = file("my.cnf", """
                [client]
                host = db.example.com
                port = 3307
                user = loader
                password = "fr0m file"
                database = shop
                default_character_set = latin1
                max_allowed_packet = 64M
                ssl-ca = /etc/ssl/ca.pem
                compress
                threads = 99
                """);
        LoadCommand fromFile = load(f, "dump.sql");
        assertEquals("db.example.com", fromFile.connection.host);
        assertEquals(3307, fromFile.connection.port);
        assertEquals("loader", fromFile.connection.user);
        assertArrayEquals("fr0m file".toCharArray(), fromFile.connection.password);
        assertEquals("shop", fromFile.connection.database);
        assertEquals("latin1", fromFile.defaultCharacterSet);
        assertEquals(64L << 20, fromFile.connection.maxAllowedPacket);
        assertEquals(dev.packload.loader.LoadConfig.defaultThreads(), fromFile.threads,
                "[client] is every client's: packload takes only the connection keys from it");

        LoadCommand cli = load(f, "-h", "127.0.0.1", "--port=3306", "-uroot", "--password=cli", "-D", "other",
                "--default-character-set", "utf8mb4", "--max-allowed-packet", "1M", "dump.sql");
        assertEquals("127.0.0.1", cli.connection.host);
        assertEquals(3306, cli.connection.port);
        assertEquals("root", cli.connection.user);
        assertArrayEquals("cli".toCharArray(), cli.connection.password);
        assertEquals("other", cli.connection.database);
        assertEquals("utf8mb4", cli.defaultCharacterSet);
        assertEquals(1L << 20, cli.connection.maxAllowedPacket);
    }

    @Test
    void aPackloadGroupNamesAnyLongOptionAndLaterLinesWinWhateverTheirGroup() throws Exception {
        Path f = file("my.cnf", """
                [packload]
                user = early
                threads = 3
                reject-file = /var/lib/nightly/rejects.sql
                no-progress
                on_duplicate = ignore
                tables = a,b
                no-header
                [client]
                user = later
                """);
        LoadCommand l = load(f, "dump.sql");
        assertEquals(3, l.threads);
        assertEquals(Path.of("/var/lib/nightly/rejects.sql"), l.rejectFile);
        assertTrue(l.noProgress);
        assertEquals(dev.packload.loader.write.OnDuplicate.IGNORE, l.onDuplicate);
        assertEquals(List.of("a", "b"), l.tables);
        assertEquals(Boolean.FALSE, l.header, "no-header is the negation of --header");
        assertEquals("later", l.connection.user, "the later line wins, as on the client's argument list");

        LoadCommand cli = load(f, "--threads", "5", "--tables", "c", "--reject-file", "r.sql", "--header", "dump.sql");
        assertEquals(5, cli.threads);
        assertEquals(List.of("c"), cli.tables, "a list from the command line replaces the file's, not adds to it");
        assertEquals(Path.of("r.sql"), cli.rejectFile);
        assertEquals(Boolean.TRUE, cli.header);
    }

    @Test
    void switchesTakeTheClientsValuesAndPrefixes() throws Exception {
        LoadCommand on = load(file("on.cnf", "[packload]\nno_progress=ON\nenable-verbose\nskip-schema-only\n"), "x");
        assertTrue(on.noProgress && on.verbose);
        assertFalse(on.schemaOnly);
        LoadCommand off = load(file("off.cnf", "[packload]\nno-progress=0\ndisable-verbose\nschema-only=true\n"), "x");
        assertFalse(off.noProgress || off.verbose);
        assertTrue(off.schemaOnly);
        OptionFileException e = assertThrows(OptionFileException.class,
                () -> load(file("bad.cnf", "[packload]\n\nverbose=maybe\n"), "x"));
        assertTrue(e.getMessage().startsWith(dir.resolve("bad.cnf") + ":3: verbose is a switch"), e.getMessage());
    }

    @Test
    void anUnknownKeyInAPackloadGroupIsAnErrorNamingFileAndLineUnlessLoose() throws Exception {
        Path f = file("my.cnf", "[packload]\nthreads=2\nthread=3\n");
        OptionFileException e = assertThrows(OptionFileException.class, () -> load(f, "x"));
        assertTrue(e.getMessage().startsWith(f + ":3: packload has no option --thread (from [packload])"),
                e.getMessage());
        LoadCommand loose = load(file("loose.cnf", "[packload]\nloose-thread=3\nloose_threads=4\n"), "x");
        assertEquals(4, loose.threads);
        assertThrows(OptionFileException.class, () -> load(file("help.cnf", "[packload]\nhelp\n"), "x"),
                "help is not an option a file can set");
        e = assertThrows(OptionFileException.class, () -> load(file("novalue.cnf", "[packload]\nthreads\n"), "x"));
        assertTrue(e.getMessage().endsWith(":2: threads needs a value: threads=..."), e.getMessage());
    }

    @Test
    void aPackloadKeyOfAnotherCommandIsLeftToItAndOneOfNoCommandIsRefused() throws Exception {
        Path csv = dir.resolve("sales.csv");
        Files.writeString(csv, "id,total\n1,10.5\n");
        Path shared = file("shared.cnf", "[packload]\nreject-file=/var/log/r.sql\nthreads=2\nformat=csv\n");
        CliRun inspect = CliRun.of("inspect", "--defaults-file=" + shared, csv.toString());
        assertEquals(ExitCode.OK, inspect.code(), inspect.all());
        assertTrue(inspect.out().contains("1 records, 2 columns"), inspect.out());
        Path typo = file("typo.cnf", "[packload]\nreject-file=/var/log/r.sql\nrejekt-file=/var/log/r.sql\n");
        CliRun refused = CliRun.of("inspect", "--defaults-file=" + typo, csv.toString());
        assertEquals(ExitCode.USAGE, refused.code(), refused.all());
        assertEquals("packload: " + typo + ":3: packload has no option --rejekt-file (from [packload]); fix the key, "
                + "or write loose-rejekt-file to let other versions skip it\n", refused.err());
    }

    @Test
    void aMaxAllowedPacketTooSmallForTheDriverIsRefusedWhenTheTargetIsBuilt() throws Exception {
        LoadCommand l = load(file("small.cnf", "[client]\nhost=h\nmax_allowed_packet=100\n"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.connection.target());
        assertEquals("max_allowed_packet must be between 1K and 2G-1 bytes, got 100", e.getMessage());
    }

    @Test
    void aValueTheOptionCannotTakeNamesTheFileAndLine() throws Exception {
        Path f = file("my.cnf", "[packload]\nthreads = many\n");
        CliRun r = CliRun.of("load", "--defaults-file=" + f, "x.sql");
        assertEquals(ExitCode.USAGE, r.code(), r.all());
        assertTrue(r.err().contains("'many' is not an int (from " + f + ":2)"), r.err());
        CliRun overridden = CliRun.of("load", "--defaults-file=" + f, "--threads", "x", "x.sql");
        assertFalse(overridden.err().contains("(from "), "the bad value is the command line's: " + overridden.err());
    }

    @Test
    void aBarePasswordAsksForItAndALaterPasswordLineReplacesTheQuestion() throws Exception {
        Path bare = file("bare.cnf", "[client]\npassword=old\npassword\n");
        LoadCommand l = load(bare, "x");
        assertNull(l.connection.password);
        OptionFileDefaults d = (OptionFileDefaults) l.connection.command.defaultValueProvider();
        assertEquals(bare + ":3", d.asksPassword().origin());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.connection.target(),
                "no terminal under the test runner");
        assertTrue(e.getMessage().startsWith(bare + ":3: a bare 'password' asks for the password"), e.getMessage());
        CliRun printed = CliRun.of("load", "--defaults-file=" + bare, "--print-defaults", "x");
        assertTrue(printed.out().endsWith("\n--password=***** --password x\n"), printed.out());
        LoadCommand given = load(file("given.cnf", "[client]\npassword\npassword=new\n"), "x");
        assertArrayEquals("new".toCharArray(), given.connection.password);
    }

    @Test
    void inspectTakesTheConnectionKeysItHas() throws Exception {
        Path f = file("my.cnf", "[client]\nhost=h\ndefault-character-set=latin1\n");
        InspectCommand inspect = new InspectCommand();
        CommandLine cl = new CommandLine(inspect);
        OptionFileSetup.install(cl, new String[] {"inspect", "x"}, new OptionFiles(List.of(f), List.of()), Map.of(),
                new PrintStream(err, true, StandardCharsets.UTF_8), key -> false);
        cl.parseArgs("x");
        assertEquals("h", inspect.connection.host);
        assertTrue(OptionFileSetup.appliesTo(cl));
        assertFalse(OptionFileSetup.appliesTo(new CommandLine(new ServerCommand())), "the embedded server's --port "
                + "is not a client's");
    }

    @Test
    void printDefaultsShowsTheOptionsTakenInOrderWithThePasswordMasked() throws Exception {
        Path f = file("my.cnf", """
                [client]
                user = loader
                password = "s3cret # pw"
                ssl-ca = /etc/ssl/ca.pem
                [packload]
                threads = 2
                no-progress
                no-header
                verbose = off
                [client]
                user = later
                """);
        CliRun r = CliRun.of("load", "--defaults-file=" + f, "--print-defaults", "-h", "db", "--password=cl1-pw",
                "-pcl2-pw", "-p", "cl3-pw", "dump.sql");
        assertEquals(ExitCode.OK, r.code(), r.all());
        assertEquals("packload load would have been started with the following arguments:\n"
                + "--user=loader --password=***** --threads=2 --no-progress --no-header --verbose=false --user=later "
                + "-h db --password=***** -p***** -p ***** "
                + "dump.sql\n", r.out());
        assertFalse(r.all().contains("s3cret") || r.all().contains("cl1-pw") || r.all().contains("cl2-pw")
                || r.all().contains("cl3-pw"), r.all());
    }

    @Test
    void noDefaultsReadsNoFileAndTheOptionFileOptionsMustComeFirst() throws Exception {
        Path f = file("my.cnf", "[client]\nuser=loader\n");
        CliRun none = CliRun.of("load", "--no-defaults", "--print-defaults", "-h", "db", "x.sql");
        assertEquals("packload load would have been started with the following arguments:\n-h db x.sql\n", none.out());
        CliRun late = CliRun.of("load", "-h", "db", "--defaults-file=" + f, "x.sql");
        assertEquals(ExitCode.USAGE, late.code());
        assertTrue(late.err().startsWith("packload: --defaults-file must come first, right after 'packload load'"),
                late.err());
        CliRun missing = CliRun.of("load", "--defaults-file=" + dir.resolve("none.cnf"), "x.sql");
        assertEquals(ExitCode.USAGE, missing.code());
        assertEquals("packload: could not open required defaults file: " + dir.resolve("none.cnf") + "\n",
                missing.err());
    }

    @Test
    void theTestsReadNoneOfTheMachinesOwnFiles() {
        assertEquals("", System.getProperty(OptionFiles.FILES_PROPERTY), "set by the surefire/failsafe configuration");
        assertEquals(List.of(), OptionFiles.standard().files(dev.packload.loader.cli.optionfile.DefaultsArgs.NONE));
    }
}
