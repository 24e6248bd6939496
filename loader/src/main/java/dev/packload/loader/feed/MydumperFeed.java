package dev.packload.loader.feed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A mydumper output directory, read the way myloader does: databases, then table schemas, then data chunks, then
 * views, triggers and routines, each file a {@link DumpFeed} with its database selected first (mydumper files carry
 * no {@code USE}).
 */
public final class MydumperFeed implements Feed {
    private static final String EXT = "\\.sql(?:\\.(?:gz|gzip|bz2|xz|zst|zstd))?$";
    private static final Pattern CREATE_DB = Pattern.compile("^(.+)-schema-create" + EXT);
    private static final Pattern POST = Pattern.compile("^(.+)-schema-post" + EXT);
    private static final Pattern VIEW = Pattern.compile("^([^.]+)\\.(.+)-schema-view" + EXT);
    private static final Pattern TRIGGERS = Pattern.compile("^([^.]+)\\.(.+)-schema-triggers" + EXT);
    private static final Pattern SCHEMA = Pattern.compile("^([^.]+)\\.(.+)-schema(?:-sequence)?" + EXT);
    private static final Pattern DATA = Pattern.compile("^([^.]+)\\.(.+?)(?:\\.\\d+)?" + EXT);

    private final List<Feed> files;

    /**
     * Plans the directory now, so that a directory that is no mydumper output fails before anything is loaded.
     *
     * @param feed the feed for one planned file (a {@link DumpFeed}, unless {@code --format} says otherwise)
     */
    MydumperFeed(Path dir, Function<InputPlan.Item, Feed> feed) throws IOException {
        this.files = files(dir).stream().map(feed).toList();
    }

    @Override
    public void feed(Sink sink) throws IOException, SQLException, InterruptedException {
        InputsFeed.inOrder(files, sink);
    }

    /** True when the directory looks like mydumper output. */
    public static boolean isMydumper(Path dir) throws IOException {
        if (Files.exists(dir.resolve("metadata"))) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(f -> CREATE_DB.matcher(f.getFileName().toString()).find());
        }
    }

    /** The directory's files in myloader's order, each with the database it loads into (null: the file says). */
    static List<InputPlan.Item> files(Path dir) throws IOException {
        if (!isMydumper(dir)) {
            throw new IOException(dir + " is a directory but not mydumper output (no metadata file, no "
                    + "*-schema-create.sql): name the dump files to load instead");
        }
        List<List<InputPlan.Item>> stages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            stages.add(new ArrayList<>());
        }
        for (Path f : InputPlan.sortedFiles(dir)) {
            String name = f.getFileName().toString();
            Matcher m;
            if ((m = CREATE_DB.matcher(name)).find()) {
                stages.get(0).add(new InputPlan.Item(f, null));
            } else if ((m = POST.matcher(name)).find()) {
                stages.get(5).add(new InputPlan.Item(f, m.group(1)));
            } else if ((m = VIEW.matcher(name)).find()) {
                stages.get(3).add(new InputPlan.Item(f, m.group(1)));
            } else if ((m = TRIGGERS.matcher(name)).find()) {
                stages.get(4).add(new InputPlan.Item(f, m.group(1)));
            } else if ((m = SCHEMA.matcher(name)).find()) {
                stages.get(1).add(new InputPlan.Item(f, m.group(1)));
            } else if ((m = DATA.matcher(name)).find()) {
                stages.get(2).add(new InputPlan.Item(f, m.group(1)));
            }
        }
        List<InputPlan.Item> out = new ArrayList<>();
        stages.forEach(out::addAll);
        if (out.isEmpty()) {
            throw new IOException(dir + " holds no mydumper .sql files");
        }
        return out;
    }
}
