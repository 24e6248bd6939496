package dev.packload.loader.source;

import dev.packload.formats.SourcePosition;
import dev.packload.formats.sql.DumpHandler;
import dev.packload.formats.sql.DumpScanner;
import dev.packload.formats.sql.InsertHeader;
import dev.packload.loader.pipeline.RowPublisher;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.pipeline.TableRef;

import java.io.IOException;
import java.io.InputStream;

/**
 * Feeds a SQL dump into the ring: each VALUES tuple becomes a row of its table, raw bytes intact; every other
 * statement becomes an ordered statement. INSERT statement boundaries of the dump don't matter: writers re-batch
 * tuples to the statement budget.
 */
public final class DumpSource {
    private DumpSource() {
    }

    /**
     * Reads the whole input into the publisher.
     *
     * @return false when the run stopped before the end of the input
     */
    public static boolean load(InputStream in, SourceRef source, RowPublisher publisher) throws IOException {
        publisher.beginSource(source);
        DumpScanner scanner = new DumpScanner(in, source.name());
        try {
            scanner.scan(new Handler(publisher, scanner));
        } catch (Stopped s) {
            return false;
        }
        publisher.endTable();
        return true;
    }

    /** Thrown from the handler to stop scanning once the run has stopped. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private static final class Handler implements DumpHandler {
        private final RowPublisher publisher;
        private final DumpScanner scanner;
        private TableRef table;

        Handler(RowPublisher publisher, DumpScanner scanner) {
            this.publisher = publisher;
            this.scanner = scanner;
        }

        @Override
        public void statement(byte[] buf, int off, int len, SourcePosition at) {
            if (!publisher.statement(buf, off, len, at.line(), at.byteOffset())) {
                throw new Stopped();
            }
        }

        @Override
        public void insertStart(InsertHeader header, SourcePosition at) {
            TableRef.Verb verb = switch (header.verb()) {
                case INSERT -> TableRef.Verb.INSERT;
                case INSERT_IGNORE -> TableRef.Verb.INSERT_IGNORE;
                case REPLACE -> TableRef.Verb.REPLACE;
            };
            table = publisher.table(header.schema(), header.table(), header.columns(), verb);
        }

        @Override
        public void tuple(byte[] buf, int off, int len, long line, long byteOffset) {
            try {
                if (!publisher.row(table, buf, off, len, line, byteOffset, scanner.noBackslashEscapes())) {
                    throw new Stopped();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
        }

        @Override
        public void insertEnd() {
            // statement boundaries of the dump are not kept: tuples are re-batched to the budget
        }
    }
}
