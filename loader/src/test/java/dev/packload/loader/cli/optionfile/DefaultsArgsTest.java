package dev.packload.loader.cli.optionfile;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The option-file options go first, as the mysql client takes them (checked against mariadb 10.11). */
class DefaultsArgsTest {

    private static DefaultsArgs parse(String... args) {
        return DefaultsArgs.parse(List.of(args), "packload load", Map.of());
    }

    @Test
    void theFileOptionsComeFirstInAnyOrderThenPrintDefaults() {
        DefaultsArgs d = parse("--defaults-group-suffix=_nightly", "--defaults-extra-file=/etc/x.cnf",
                "--defaults-file=/etc/y.cnf", "--print-defaults", "-h", "db", "dump.sql");
        assertEquals(Path.of("/etc/y.cnf"), d.defaultsFile());
        assertEquals(Path.of("/etc/x.cnf"), d.extraFile());
        assertEquals("_nightly", d.groupSuffix());
        assertTrue(d.printDefaults());
        assertFalse(d.noDefaults());
        assertEquals(List.of("-h", "db", "dump.sql"), d.rest());
    }

    @Test
    void aRelativeFileIsTakenFromTheWorkingDirectory() {
        assertEquals(Path.of("my.cnf").toAbsolutePath(), parse("--defaults-file=my.cnf", "x").defaultsFile());
    }

    @Test
    void noDefaultsCountsOnlyAsTheFirstArgumentAndMayBeFollowedByPrintDefaults() {
        DefaultsArgs d = parse("--no-defaults", "--print-defaults", "x.sql");
        assertTrue(d.noDefaults() && d.printDefaults());
        assertEquals(List.of("x.sql"), d.rest());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--no-defaults", "--defaults-file=/a.cnf", "x.sql"));
        assertTrue(e.getMessage().startsWith("--defaults-file must come first, right after 'packload load'"),
                e.getMessage());
    }

    @Test
    void anOptionFileOptionLaterOnTheLineIsAnErrorSayingWhereItGoes() {
        for (String late : List.of("--no-defaults", "--defaults-file=/a.cnf", "--defaults-extra-file=/a.cnf",
                "--defaults-group-suffix=_x", "--print-defaults")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("-h", "db", late, "x"));
            String name = late.contains("=") ? late.substring(0, late.indexOf('=')) : late;
            assertTrue(e.getMessage().startsWith(name + " must come first, right after 'packload load'"), e.getMessage());
        }
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> parse("--defaults-file=/a.cnf", "--defaults-file=/b.cnf", "x"));
        assertTrue(twice.getMessage().contains("each once"), twice.getMessage());
        IllegalArgumentException printFirst = assertThrows(IllegalArgumentException.class,
                () -> parse("--print-defaults", "--defaults-file=/a.cnf", "x"));
        assertTrue(printFirst.getMessage().startsWith("--defaults-file must come first"), printFirst.getMessage());
    }

    @Test
    void theFileOptionsTakeTheirValueAfterAnEqualsSign() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--defaults-file", "/a.cnf", "x"));
        assertTrue(e.getMessage().startsWith("--defaults-file takes its value after '='"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("--defaults-file=", "x"));
        assertEquals("--defaults-file= needs a file name", e.getMessage());
    }

    @Test
    void afterADoubleDashNothingIsAnOption() {
        assertEquals(List.of("--", "--print-defaults"), parse("--", "--print-defaults").rest());
    }

    @Test
    void theSuffixComesFromMysqlGroupSuffixWhenNotGiven() {
        Map<String, String> env = Map.of("MYSQL_GROUP_SUFFIX", "_env");
        assertEquals("_env", DefaultsArgs.parse(List.of("x"), "packload load", env).groupSuffix());
        assertEquals("_cli", DefaultsArgs.parse(List.of("--defaults-group-suffix=_cli", "x"), "packload load", env)
                .groupSuffix());
        assertNull(parse("x").groupSuffix());
    }
}
