package dev.packload.loader.bench;

import dev.packload.formats.sql.InsertHeader;
import dev.packload.loader.feed.Feed;
import dev.packload.loader.feed.Sink;
import dev.packload.loader.pipeline.TableRef;
import dev.packload.loader.write.ByteSink;

/**
 * The bench's rows as a {@link Feed}: every row a {@link RowGenerator} writes, each table a source of its own. Times
 * the generator, so the run can say how much of it was spent making rows.
 */
final class GeneratorFeed implements Feed {
    private final String database;
    private final BenchData data;
    private final TableRef[] tables;
    private long generatorNanos;

    GeneratorFeed(String database, BenchData data) {
        this.database = database;
        this.data = data;
        this.tables = new TableRef[data.tables()];
    }

    @Override
    public void feed(Sink sink) throws InterruptedException {
        RowGenerator rows = new RowGenerator(data);
        ByteSink row = new ByteSink(1 << 16);
        int current = -1;
        long offset = 0;
        while (rows.hasNext()) {
            long g0 = System.nanoTime();
            int k = rows.next(row);
            generatorNanos += System.nanoTime() - g0;
            if (k != current) {
                sink.open(BenchData.tableName(k));
                tables[k] = sink.table(database, BenchData.tableName(k), BenchData.COLUMNS, InsertHeader.Verb.INSERT);
                current = k;
                offset = 0;
            }
            long line = rows.nextRow() - data.firstRow(k);
            if (!sink.row(tables[k], row.array(), 0, row.length(), line, offset, false)) {
                return;
            }
            offset += row.length();
        }
    }

    /** The tables fed, by index; null for one the feed did not reach. */
    TableRef[] tables() {
        return tables;
    }

    /** Nanoseconds spent generating rows. */
    long generatorNanos() {
        return generatorNanos;
    }
}
