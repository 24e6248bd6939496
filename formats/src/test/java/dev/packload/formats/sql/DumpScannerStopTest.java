package dev.packload.formats.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.packload.formats.SourcePosition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DumpScanner#stop}: a handler ends the scan without throwing through the scanner. */
class DumpScannerStopTest {
    private static final String DUMP = "CREATE TABLE t (a INT);\nINSERT INTO t VALUES (1),(2),(3);\n"
            + "INSERT INTO t VALUES (4);\nDROP TABLE t;\n";

    /** Records what it sees and stops the scanner after {@code limit} events. */
    private static List<String> scanUntil(int limit) throws IOException {
        List<String> seen = new ArrayList<>();
        DumpScanner scanner = new DumpScanner(new ByteArrayInputStream(DUMP.getBytes(StandardCharsets.UTF_8)), "d");
        scanner.scan(new DumpHandler() {
            @Override
            public void statement(byte[] buf, int off, int len, SourcePosition at) {
                see("statement " + new String(buf, off, len, StandardCharsets.UTF_8));
            }

            @Override
            public void insertStart(InsertHeader header, SourcePosition at) {
            }

            @Override
            public void tuple(byte[] buf, int off, int len, long line, long byteOffset) {
                see("tuple " + new String(buf, off, len, StandardCharsets.UTF_8));
            }

            @Override
            public void insertEnd() {
            }

            private void see(String event) {
                seen.add(event);
                if (seen.size() == limit) {
                    scanner.stop();
                }
            }
        });
        return seen;
    }

    @Test
    void stoppingInsideAnInsertReportsNoFurtherTuple() throws IOException {
        assertEquals(List.of("statement CREATE TABLE t (a INT)", "tuple (1)", "tuple (2)"), scanUntil(3));
    }

    @Test
    void stoppingAtAStatementReportsNothingAfterIt() throws IOException {
        assertEquals(List.of("statement CREATE TABLE t (a INT)"), scanUntil(1));
    }

    @Test
    void aScanNotStoppedReportsEverything() throws IOException {
        assertEquals(6, scanUntil(100).size());
    }
}
