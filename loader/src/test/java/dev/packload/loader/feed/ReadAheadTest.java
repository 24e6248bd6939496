package dev.packload.loader.feed;

import dev.packload.formats.io.Input;
import dev.packload.formats.sql.InsertHeader;
import dev.packload.formats.sql.StatementRisk;
import dev.packload.loader.pipeline.BatchLog;
import dev.packload.loader.pipeline.ResumePoint;
import dev.packload.loader.pipeline.SourceRef;
import dev.packload.loader.pipeline.TableRef;
import dev.packload.loader.report.LoadStats;
import dev.packload.loader.write.LoadDataSession;
import dev.packload.loader.write.OnDuplicate;
import dev.packload.loader.write.TableEngine;
import dev.packload.loader.write.TableMeta;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read-ahead's promise: the real sink hears exactly the calls of a sequential run, in the same order, whatever the
 * feeds do, how many readers read them and where chunks are cut. Random scripted feeds (rows of every size, statements
 * that may change tables, rejects that stop the run, metadata read early or at the feed's turn, the catalog, failures)
 * run once in turn and once read ahead, into a sink that logs every call that reaches the ring or the summary.
 */
class ReadAheadTest {
    private static final AtomicInteger SEEDS = new AtomicInteger(1);

    /** Logs what reaches it, from the thread that made it only; says stop after {@code stopAfterRows} rows or at the {@code stopAtReject}th reject. */
    static final class LoggingSink implements Sink {
        final List<String> log = new ArrayList<>();
        private final Map<TableRef, TableRef> tables = new HashMap<>();
        private final int stopAfterRows;
        private final int stopAtReject;
        private int rows;
        private int rejects;
        private int sources;
        private volatile boolean running = true;
        private final LoadStats stats = new LoadStats();
        /** The one thread that may call the single-threaded side, as the ring's single producer demands. */
        private final Thread owner = Thread.currentThread();

        LoggingSink(int stopAfterRows, int stopAtReject) {
            this.stopAfterRows = stopAfterRows;
            this.stopAtReject = stopAtReject;
        }

        /** The threads that asked whether the run goes on: readers ask too. */
        final java.util.Set<String> askedBy = java.util.concurrent.ConcurrentHashMap.newKeySet();
        /** The columns every table has ({@link #tableMetaNow}). */
        List<TableMeta.Column> columns = List.of();

        @Override
        public boolean running() {
            askedBy.add(Thread.currentThread().getName());
            return running;
        }

        @Override
        public SourceRef open(Input in) {
            return open(in.name());
        }

        @Override
        public SourceRef open(String name) {
            SourceRef s = new SourceRef(sources++, name);
            add("open " + s.index() + " " + name);
            return s;
        }

        @Override
        public TableRef table(String schema, String table, List<String> columns, InsertHeader.Verb verb) {
            TableRef probe = new TableRef(schema, table, List.copyOf(columns), verb, null);
            return tables.computeIfAbsent(probe, p -> {
                add("table " + table + " " + columns + " " + verb);
                return new TableRef(schema, table, List.copyOf(columns), verb, new LoadStats().table(table));
            });
        }

        private void add(String line) {
            if (Thread.currentThread() != owner) {
                throw new AssertionError("called from " + Thread.currentThread().getName() + ": " + line);
            }
            log.add(line);
        }

        private void check(TableRef t) {
            if (tables.get(new TableRef(t.schema(), t.table(), t.columns(), t.verb(), null)) != t) {
                throw new AssertionError("not a reference this sink handed out: " + t);
            }
        }

        @Override
        public boolean row(TableRef table, byte[] b, int off, int len, long line, long byteOffset, boolean nbe) {
            check(table);
            if (!running) {
                return false;
            }
            add("row " + table.table() + " " + HexFormat.of().formatHex(b, off, off + len) + " " + line + " "
                    + byteOffset + " " + nbe);
            if (++rows == stopAfterRows) {
                running = false;
            }
            return true;
        }

        @Override
        public boolean statement(byte[] b, int off, int len, long line, long byteOffset, boolean vertical) {
            if (!running) {
                return false;
            }
            add("statement " + new String(b, off, len, StandardCharsets.UTF_8) + " " + line + " " + byteOffset
                    + " " + vertical);
            return true;
        }

        @Override
        public boolean statement(byte[] b, int off, int len, long line, long byteOffset) {
            return statement(b, off, len, line, byteOffset, false);
        }

        @Override
        public void continueAs(String name) {
            add("continue as " + name);
        }

        @Override
        public void endTable() {
            add("end table");
        }

        @Override
        public boolean reject(TableRef table, SourceRef source, long line, long byteOffset, String reason,
                              String rawText) {
            check(table);
            if (source.index() < 0) {
                throw new AssertionError("a placeholder source reached the real sink: " + source);
            }
            add("reject " + table.table() + " " + source.index() + " " + source.name() + " " + line + " "
                    + byteOffset + " " + reason + " " + rawText);
            if (++rejects == stopAtReject) {
                running = false;
                return false;
            }
            return true;
        }

        @Override
        public void notice(String text) {
            add("notice " + text);
        }

        @Override
        public void filteredOut() {
            add("filtered out");
        }

        @Override
        public void risky(StatementRisk risk, String at) {
            add("risky " + at);
        }

        @Override
        public LoadStats stats() {
            return stats;
        }

        @Override
        public Connection catalog() {
            return null;
        }

        @Override
        public TableMeta tableMeta(String schema, String table) throws SQLException {
            return tableMetaNow(schema, table);
        }

        @Override
        public TableMeta tableMetaNow(String schema, String table) throws SQLException {
            if (table.startsWith("missing")) {
                throw new SQLException("no such table", "42S02", 1146);
            }
            askedBy.add(Thread.currentThread().getName());
            return new TableMeta(schema, table, columns, List.of(), new TableEngine("InnoDB", true));
        }

        @Override
        public OnDuplicate onDuplicate() {
            return OnDuplicate.AS_WRITTEN;
        }

        @Override
        public List<LoadDataSession> openLoadData(boolean perWriter) {
            return List.of();
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

    /** A feed that plays a script made from a seed; it stops where the sink says, as real feeds do. */
    record ScriptedFeed(int seed, boolean recordable, boolean keepsTables) implements Feed {
        @Override
        public void feed(Sink sink) throws IOException, SQLException, InterruptedException {
            Random r = new Random(seed);
            SourceRef source = sink.open("feed" + seed);
            List<TableRef> tables = new ArrayList<>();
            tables.add(sink.table(null, "t" + r.nextInt(3), List.of(), InsertHeader.Verb.INSERT));
            int steps = r.nextInt(400);
            for (int i = 0; i < steps; i++) {
                int what = r.nextInt(100);
                TableRef t = tables.get(r.nextInt(tables.size()));
                boolean going = true;
                if (what < 60) {
                    byte[] b = new byte[r.nextInt(10) == 0 ? r.nextInt(5000) : r.nextInt(60)];
                    r.nextBytes(b);
                    int off = b.length == 0 ? 0 : r.nextInt(Math.min(b.length, 8));
                    going = sink.row(t, b, off, b.length - off, i, i * 10L, r.nextBoolean());
                } else if (what < 68) {
                    String s = r.nextInt(4) == 0 && (!keepsTables || r.nextInt(5) == 0) ? "CREATE TABLE x" + i + " (a INT)" : "SET @a = " + i;
                    byte[] b = ("  " + s).getBytes(StandardCharsets.UTF_8);
                    going = sink.statement(b, 2, b.length - 2, i, i, r.nextBoolean());
                } else if (what < 71) {
                    tables.add(sink.table("db", "t" + r.nextInt(5), List.of("a", "b"), InsertHeader.Verb.REPLACE));
                } else if (what < 74) {
                    sink.endTable();
                } else if (what < 76) {
                    sink.continueAs("sourced" + i);
                } else if (what < 80) {
                    going = sink.reject(t, source, i, i, "reason " + i, "raw " + i);
                } else if (what < 83) {
                    sink.notice("notice " + seed + "/" + i);
                } else if (what < 85) {
                    sink.filteredOut();
                } else if (what < 86) {
                    sink.risky(null, "at " + i);
                } else if (what < 90) {
                    String name = (r.nextInt(5) == 0 ? "missing" : "m") + r.nextInt(3);
                    try {
                        sink.notice("meta " + sink.tableMeta("db", name).table());
                    } catch (SQLException e) {
                        sink.notice("meta " + name + " " + e.getSQLState());
                    }
                } else if (what < 91) {
                    sink.catalog();
                    sink.notice("catalog at " + i);
                } else if (what < 92) {
                    sink.stats().notice("from stats " + i);
                } else if (what < 93 && r.nextInt(4) == 0) {
                    throw new IOException("feed" + seed + " fails at step " + i);
                }
                if (!going || !sink.running()) {
                    return;
                }
            }
            sink.endTable();
        }
    }

    private record Outcome(List<String> log, String failure) {
    }

    private static Outcome run(List<Feed> feeds, int readers, int chunkBytes, int chunks, int stopRows,
                               int stopReject) throws Exception {
        LoggingSink sink = new LoggingSink(stopRows, stopReject);
        String failure = null;
        try {
            ReadAhead.feed(feeds, sink, readers, chunkBytes, chunks);
        } catch (IOException e) {
            failure = e.getMessage();
        }
        return new Outcome(sink.log, failure);
    }

    @RepeatedTest(300)
    void theSinkHearsWhatASequentialRunSays() throws Exception {
        int seed = SEEDS.getAndIncrement();
        Random r = new Random(seed * 7919L);
        List<Feed> feeds = new ArrayList<>();
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            feeds.add(new ScriptedFeed(seed * 100 + i, r.nextInt(6) != 0, r.nextBoolean()));
        }
        int stopRows = r.nextInt(3) == 0 ? 1 + r.nextInt(1500) : -1;
        int stopReject = r.nextInt(3) == 0 ? 1 + r.nextInt(20) : -1;
        Outcome sequential = run(feeds, 1, 0, 0, stopRows, stopReject);
        int readers = 2 + r.nextInt(3);
        int chunkBytes = 16 + r.nextInt(r.nextBoolean() ? 200 : 20_000);
        Outcome ahead = run(feeds, readers, chunkBytes, 1 + r.nextInt(4), stopRows, stopReject);
        String what = "seed " + seed + ", " + n + " feeds, " + readers + " readers, chunks of " + chunkBytes;
        assertEquals(sequential.failure(), ahead.failure(), what);
        for (int i = 0; i < Math.min(sequential.log().size(), ahead.log().size()); i++) {
            assertEquals(sequential.log().get(i), ahead.log().get(i), what + ", call " + i);
        }
        assertEquals(sequential.log().size(), ahead.log().size(), () -> what + ": " + (sequential.log().size()
                > ahead.log().size() ? "missing " + sequential.log().get(ahead.log().size())
                : "extra " + ahead.log().get(sequential.log().size())));
        assertNoReaderLeft();
    }

    /** A failure of a later feed is thrown only after every earlier feed's calls have reached the sink. */
    @Test
    void aLaterFeedsFailureComesAfterTheEarlierFeedsRows() throws Exception {
        Feed failing = new Feed() {
            @Override
            public void feed(Sink sink) throws IOException {
                sink.open("bad");
                throw new IOException("bad input at once");
            }

            @Override
            public boolean recordable() {
                return true;
            }
        };
        Feed slow = sink -> {
            SourceRef s = sink.open("slow");
            TableRef t = sink.table(null, "t", List.of(), InsertHeader.Verb.INSERT);
            for (int i = 0; i < 5000 && sink.running(); i++) {
                sink.row(t, new byte[]{(byte) i}, 0, 1, i, i, false);
            }
            sink.endTable();
        };
        Feed recordedSlow = new Feed() {
            @Override
            public void feed(Sink sink) throws IOException, SQLException, InterruptedException {
                slow.feed(sink);
            }

            @Override
            public boolean recordable() {
                return true;
            }
        };
        LoggingSink sink = new LoggingSink(-1, -1);
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> ReadAhead.feed(List.of(recordedSlow, failing, recordedSlow), sink, 3, 64, 2));
        assertEquals("bad input at once", e.getMessage());
        assertEquals(5000, sink.log.stream().filter(l -> l.startsWith("row")).count());
        assertEquals("open 1 bad", sink.log.get(sink.log.size() - 1));
        assertNoReaderLeft();
    }

    /** A stop ends every reader, also one far ahead that waits for room. */
    @Test
    void aStopEndsEveryReader() throws Exception {
        List<Feed> feeds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            feeds.add(new ScriptedFeed(i, true, true));
        }
        LoggingSink sink = new LoggingSink(3, -1);
        ReadAhead.feed(feeds, sink, 4, 32, 1);
        assertFalse(sink.running());
        assertEquals(3, sink.log.stream().filter(l -> l.startsWith("row")).count());
        assertNoReaderLeft();
    }

    static void assertNoReaderLeft() {
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("packload-reader-") && t.isAlive()), "a reader thread is left");
    }
}
