package dev.packload.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a failed start says, from console lines as mariadbd and the dynamic loader print them; no server needed. */
class DiagnosisTest {
    private static final Path DATA = Path.of("/var/lib/packload/data");
    private static final Path BIN = Path.of("/var/lib/packload/bin/mariadb-11.4.5");

    @Test
    void aMissingLibraryNamesThePackageToInstall() {
        String text = "bin/mariadbd: error while loading shared libraries: libaio.so.1: cannot open shared object file:"
                + " No such file or directory";
        assertEquals("cannot start the embedded MariaDB: the system library libaio.so.1 is missing; install it with:"
                + " apt-get install libaio1", Diagnosis.explain(text, 3307, DATA, BIN));
    }

    @Test
    void anUnknownLibraryPointsToAptFile() {
        String text = "error while loading shared libraries: libfoo.so.9: cannot open shared object file";
        assertEquals("cannot start the embedded MariaDB: the system library libfoo.so.9 is missing; install the package"
                + " that provides it (apt-file search libfoo.so.9)", Diagnosis.explain(text, 3307, DATA, BIN));
    }

    @Test
    void aPortClashIsRecognisedAndNamesThePort() {
        String text = "2026-12-05 11:00:00 0 [ERROR] Can't start server: Bind on TCP/IP port. Got error: 98: Address"
                + " already in use";
        assertTrue(Diagnosis.isPortInUse(text));
        assertEquals("cannot start the embedded MariaDB: port 3307 on 127.0.0.1 is already in use (choose another port,"
                + " or 0 for a free one)", Diagnosis.explain(text, 3307, DATA, BIN));
        assertFalse(Diagnosis.isPortInUse("[Note] ready for connections."));
    }

    @Test
    void aDataDirectoryLockedByAnotherServerSaysSo() {
        String text = "[ERROR] InnoDB: Unable to lock ./ibdata1 error: 11";
        assertEquals("cannot start the embedded MariaDB: the data directory " + DATA
                + " is in use by another MariaDB server process", Diagnosis.explain(text, 3307, DATA, BIN));
    }

    @Test
    void otherwiseTheServersErrorLinesFollowTheHeadline() {
        String text = "[Note] Starting MariaDB\n[ERROR] mariadbd: unknown variable 'no-such-option=1'\n"
                + "[ERROR] Aborting\n[ERROR] Aborting\n";
        assertEquals("cannot start the embedded MariaDB (data " + DATA + "):\n"
                + "  [ERROR] mariadbd: unknown variable 'no-such-option=1'\n  [ERROR] Aborting",
                Diagnosis.explain(text, 3307, DATA, BIN));
    }

    @Test
    void withoutErrorLinesTheLastEightLinesAreShown() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            text.append("line ").append(i).append('\n');
        }
        assertEquals(":\n  line 5\n  line 6\n  line 7\n  line 8\n  line 9\n  line 10\n  line 11\n  line 12",
                Diagnosis.detail(text.toString()));
        assertEquals("", Diagnosis.detail("\n \n"));
    }

    @Test
    void aStartThatTimesOutSaysHowLongItWaited() {
        String text = "Database start failed: Magic string not seen";
        assertTrue(Diagnosis.explain(text, 3307, DATA, BIN).startsWith(
                "the embedded MariaDB did not become ready within 120 s (data " + DATA + ")"));
    }

    @Test
    void messagesFollowTheCauseChain() {
        Exception e = new IllegalStateException("outer", new RuntimeException("inner"));
        assertEquals("outer\ninner\n", Diagnosis.messages(e));
    }
}
