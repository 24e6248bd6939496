package dev.packload.loader.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line's inputs, in order: each file becomes the feed its format calls for ({@code --format}, else its
 * extension), a mydumper directory a {@link MydumperFeed}, and a mysqldump --tab directory its files' feeds. The whole
 * plan is made first, so that an input that cannot be planned fails before anything is loaded. Separate files are
 * read several at once ({@link ReadAhead}, {@code --readers}), and loaded in this order all the same; a single file is
 * read by one reader.
 */
public final class InputsFeed implements Feed {
    private final List<Path> inputs;
    private final String format;
    private final DumpFilter filter;
    private final CsvOptions csv;
    private final String defaultCharacterSet;
    private final ClientContext client;
    private final int readers;

    public InputsFeed(List<Path> inputs, String format, DumpFilter filter, CsvOptions csv, String defaultCharacterSet) {
        this(inputs, format, filter, csv, defaultCharacterSet, ClientContext.defaults(), 1);
    }

    /**
     * @param format              {@code --format} in lower case (sql, or a delimited dialect), or null: by extension
     * @param defaultCharacterSet the connection's character set until a dump says SET NAMES, or null
     * @param client              how SQL files take the mysql client's commands (mydumper's files hold none)
     * @param readers             files read at once ({@code --readers}, see {@link ReadAhead}); 1 reads them in turn
     */
    public InputsFeed(List<Path> inputs, String format, DumpFilter filter, CsvOptions csv, String defaultCharacterSet,
                      ClientContext client, int readers) {
        this.readers = readers;
        this.client = client;
        this.inputs = List.copyOf(inputs);
        this.format = format;
        this.filter = filter;
        this.csv = csv;
        this.defaultCharacterSet = defaultCharacterSet;
    }

    @Override
    public void feed(Sink sink) throws IOException, SQLException, InterruptedException {
        List<Feed> feeds = new ArrayList<>();
        for (Path p : inputs) {
            if (InputPlan.isDirectory(p) && MydumperFeed.isMydumper(p)) {
                if (format != null && !format.equals("sql")) {
                    throw new IOException(p + " is mydumper output: --format " + format + " does not apply to it (the "
                            + "LOAD DATA statements of its .sql files say how its .dat files read); leave --format out");
                }
                feeds.add(new MydumperFeed(p, filter, readers));
            } else {
                InputPlan.expand(List.of(p)).forEach(item -> feeds.add(feedFor(item)));
            }
        }
        if (defaultCharacterSet != null) {
            // like the mysql client's option: the connection's character set until the dump says SET NAMES
            byte[] setNames = ("SET NAMES " + defaultCharacterSet).getBytes(StandardCharsets.US_ASCII);
            sink.statement(setNames, 0, setNames.length, 0, 0);
        }
        ReadAhead.feed(feeds, sink, readers);
    }

    /** The feed of one planned file, in the format --format names when given, else the one its extension says. */
    Feed feedFor(InputPlan.Item item) {
        return feedFor(item, client);
    }

    /** As {@link #feedFor(InputPlan.Item)}; a SQL file takes client commands as {@code clientCommands} says (null: none). */
    private Feed feedFor(InputPlan.Item item, ClientContext clientCommands) {
        boolean sql = format == null ? item.format() == InputPlan.Format.SQL : format.equals("sql");
        if (sql) {
            return new DumpFeed(item.path(), item.database(), filter, clientCommands);
        }
        return new DelimitedFeed(item.path(), format == null ? item.dialect() : null, item.table(), csv, filter);
    }

    /** Feeds each in turn until the sink says stop. */
    static void inOrder(List<Feed> feeds, Sink sink) throws IOException, SQLException, InterruptedException {
        for (Feed f : feeds) {
            if (!sink.running()) {
                return;
            }
            f.feed(sink);
        }
    }
}
