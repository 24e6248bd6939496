package dev.packload.loader.feed;

import java.io.IOException;
import java.sql.SQLException;

/**
 * One kind of input, read into a {@link Sink}: a dump ({@link DumpFeed}), delimited text ({@link DelimitedFeed}),
 * LOAD DATA runs ({@link LoadDataFeed}), a mydumper directory ({@link MydumperFeed}), the command line's inputs in order
 * ({@link InputsFeed}) or the bench generator.
 *
 * <p>A feed stops, and returns normally, as soon as the sink says so (a call returns false, or {@link Sink#running()}
 * is false). It throws only for its own failures: bad input, unreadable input, a server that refuses the feed's own
 * statements. Those end the reading, and the rows it published before are still loaded.
 */
@FunctionalInterface
public interface Feed {

    /** Reads everything into {@code sink}, or up to where the sink says stop. */
    void feed(Sink sink) throws IOException, SQLException, InterruptedException;
}
