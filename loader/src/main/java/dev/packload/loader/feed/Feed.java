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

    /**
     * True when a {@link ReadAhead} may run the feed on a reader thread of its own, ahead of its turn, against a sink
     * that records its calls: the feed goes through the sink for everything that touches the run (see {@link Sink}).
     * False (the default) runs it on the calling thread when its turn comes.
     */
    default boolean recordable() {
        return false;
    }

    /**
     * True when the feed changes no table's columns and drops no table: it publishes only rows and session
     * statements ({@code SET}, {@code USE}), and creates at most a table that does not exist. Feeds after it in a
     * {@link ReadAhead} may then read table metadata before its rows are loaded. False (the default) when unknown.
     */
    default boolean keepsTables() {
        return false;
    }
}
