package dev.packload.embedded;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A caller's option replaces the default it names, in any of mariadbd's spellings. */
class ServerOptionsTest {
    @Test
    void anOptionIsFoundInEverySpelling() {
        for (String arg : List.of("--ssl", "--ssl-cert=/x", "--skip-ssl", "--enable-ssl", "--disable-ssl", "--loose-ssl",
                "--SSL_CA=/x")) {
            assertTrue(ServerOptions.hasOption(List.of(arg), "ssl"), arg);
        }
        assertTrue(ServerOptions.hasOption(List.of("--character_set_server=latin1"), "character-set-server"));
    }

    @Test
    void otherOptionsDoNotCount() {
        assertFalse(ServerOptions.hasOption(List.of("--max-allowed-packet=1M", "-ssl"), "ssl"));
        assertFalse(ServerOptions.hasOption(List.of(), "collation-server"));
    }
}
