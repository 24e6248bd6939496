package dev.packload.loader.feed;

import dev.packload.formats.sql.InsertHeader;
import dev.packload.formats.io.Input;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.ResumePoint;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.pipeline.TableRef;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.write.LoadDataSession;
import dev.packload.loader.write.OnDuplicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A feed stops where the sink says, and returns: nothing after, no exception, no end of table. */
class DumpFeedStopTest {
    @TempDir
    Path dir;

    /** Takes {@code limit} events, then says stop. */
    private static final class StoppingSink implements Sink {
        final List<String> seen = new ArrayList<>();
        final int limit;

        StoppingSink(int limit) {
            this.limit = limit;
        }

        private boolean take(String event) {
            if (seen.size() >= limit) {
                return false;
            }
            seen.add(event);
            return true;
        }

        @Override
        public boolean running() {
            return seen.size() < limit;
        }

        @Override
        public SourceRef open(Input in) {
            return open(in.name());
        }

        @Override
        public SourceRef open(String name) {
            seen.add("open");
            return new SourceRef(0, name);
        }

        @Override
        public TableRef table(String schema, String table, List<String> columns, InsertHeader.Verb verb) {
            return new TableRef(schema, table, columns, verb, null);
        }

        @Override
        public boolean row(TableRef table, byte[] b, int off, int len, long line, long byteOffset, boolean nbe) {
            return take("row " + new String(b, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public boolean statement(byte[] b, int off, int len, long line, long byteOffset) {
            return take("statement " + new String(b, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void endTable() {
            seen.add("end of table");
        }

        @Override
        public boolean reject(TableRef t, SourceRef s, long line, long byteOffset, String reason, String raw) {
            throw new AssertionError("a dump rejects nothing itself");
        }

        @Override
        public LoadStats stats() {
            return new LoadStats();
        }

        @Override
        public Connection catalog() {
            throw new AssertionError("a dump needs no catalog");
        }

        @Override
        public OnDuplicate onDuplicate() {
            return OnDuplicate.AS_WRITTEN;
        }

        @Override
        public List<LoadDataSession> openLoadData(boolean perWriter) {
            throw new AssertionError("a dump needs no LOAD DATA");
        }

        @Override
        public BatchLog batchLog() {
            return BatchLog.NONE;
        }

        @Override
        public ResumePoint resumePoint() {
            return ResumePoint.NONE;
        }
    }

    private List<String> feed(int limit) throws Exception {
        Path dump = dir.resolve("d.sql");
        Files.writeString(dump, "CREATE TABLE t (a INT);\nINSERT INTO t VALUES (1),(2),(3);\nINSERT INTO t VALUES (4);\n");
        StoppingSink sink = new StoppingSink(limit);
        new InputsFeed(List.of(dump, dump), null, DumpFilter.ALL, CsvOptions.defaults(), null).feed(sink);
        return sink.seen;
    }

    @Test
    void aStopInsideAnInsertEndsTheFeedThere() throws Exception {
        assertEquals(List.of("open", "statement CREATE TABLE t (a INT)", "row (1)", "row (2)"), feed(4));
    }

    @Test
    void aFeedNotStoppedReadsEveryInputToItsEnd() throws Exception {
        List<String> all = feed(100);
        assertEquals(14, all.size(), all.toString());
        assertEquals("end of table", all.get(6));
        assertEquals("end of table", all.get(13));
    }
}
