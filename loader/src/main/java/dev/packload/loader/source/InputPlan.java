package dev.packload.loader.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns the command line's inputs into the ordered list of files to read. A file (or {@code -}) is read as it is. A
 * mydumper output directory is read the way myloader does: databases, then table schemas, then data chunks, then
 * views, triggers and routines, each file with its database selected first (mydumper files carry no {@code USE}).
 */
public final class InputPlan {

    /** The kind of text an input holds. */
    public enum Format {
        /** A SQL dump. */
        SQL,
        /** Delimited text (CSV, TSV, LOAD DATA text); the dialect comes from the options or the file's extension. */
        DELIMITED
    }

    /**
     * One file to read: the database to select before it (null: the file says), its format, and for delimited text
     * the dialect its extension suggests ("csv", "tsv", "mysql") and the table it loads into (null: options decide).
     */
    public record Item(Path path, String database, Format format, String dialect, String table) {
        Item(Path path, String database) {
            this(path, database, Format.SQL, null, null);
        }
    }

    /** Format by extension, after any compression extension: .csv, .tsv and .txt are delimited text. */
    static Item byExtension(Path p, String table) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                .replaceAll("\\.(gz|gzip|bz2|xz|zst|zstd)$", "");
        if (name.endsWith(".csv")) {
            return new Item(p, null, Format.DELIMITED, "csv", table);
        }
        if (name.endsWith(".tsv")) {
            return new Item(p, null, Format.DELIMITED, "tsv", table);
        }
        if (name.endsWith(".txt")) {
            return new Item(p, null, Format.DELIMITED, "mysql", table);
        }
        return new Item(p, null, Format.SQL, null, null);
    }

    private static final String EXT = "\\.sql(?:\\.(?:gz|gzip|bz2|xz|zst|zstd))?$";
    private static final Pattern CREATE_DB = Pattern.compile("^(.+)-schema-create" + EXT);
    private static final Pattern POST = Pattern.compile("^(.+)-schema-post" + EXT);
    private static final Pattern VIEW = Pattern.compile("^([^.]+)\\.(.+)-schema-view" + EXT);
    private static final Pattern TRIGGERS = Pattern.compile("^([^.]+)\\.(.+)-schema-triggers" + EXT);
    private static final Pattern SCHEMA = Pattern.compile("^([^.]+)\\.(.+)-schema(?:-sequence)?" + EXT);
    private static final Pattern DATA = Pattern.compile("^([^.]+)\\.(.+?)(?:\\.\\d+)?" + EXT);

    private InputPlan() {
    }

    public static List<Item> expand(List<Path> inputs) throws IOException {
        List<Item> items = new ArrayList<>();
        for (Path p : inputs) {
            if (!p.toString().equals("-") && Files.isDirectory(p)) {
                items.addAll(isMydumper(p) ? mydumper(p) : textDirectory(p));
            } else {
                items.add(byExtension(p, null));
            }
        }
        return items;
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

    /**
     * A {@code mysqldump --tab} directory ({@code t.sql} schema, then {@code t.txt} data, per table) or a directory
     * of CSV/TSV files (one table each, named after the file).
     */
    static List<Item> textDirectory(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted(Comparator.comparing(f -> f.getFileName().toString())).toList();
        }
        List<Item> schema = new ArrayList<>();
        List<Item> data = new ArrayList<>();
        for (Path f : files) {
            Item i = byExtension(f, null);
            if (i.format() == Format.SQL && f.getFileName().toString().matches("(?i).*\\.sql(\\.(gz|bz2|xz|zst))?$")) {
                schema.add(i);
            } else if (i.format() == Format.DELIMITED) {
                data.add(i);
            }
        }
        if (data.isEmpty()) {
            throw new IOException(dir + " is a directory but holds no mydumper output, no mysqldump --tab .txt files and "
                    + "no .csv/.tsv files: name the files to load instead");
        }
        List<Item> out = new ArrayList<>(schema);
        out.addAll(data);
        return out;
    }

    static List<Item> mydumper(Path dir) throws IOException {
        if (!isMydumper(dir)) {
            throw new IOException(dir + " is a directory but not mydumper output (no metadata file, no "
                    + "*-schema-create.sql): name the dump files to load instead");
        }
        List<List<Item>> stages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            stages.add(new ArrayList<>());
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted(Comparator.comparing(f -> f.getFileName().toString())).toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            Matcher m;
            if ((m = CREATE_DB.matcher(name)).find()) {
                stages.get(0).add(new Item(f, null));
            } else if ((m = POST.matcher(name)).find()) {
                stages.get(5).add(new Item(f, m.group(1)));
            } else if ((m = VIEW.matcher(name)).find()) {
                stages.get(3).add(new Item(f, m.group(1)));
            } else if ((m = TRIGGERS.matcher(name)).find()) {
                stages.get(4).add(new Item(f, m.group(1)));
            } else if ((m = SCHEMA.matcher(name)).find()) {
                stages.get(1).add(new Item(f, m.group(1)));
            } else if ((m = DATA.matcher(name)).find()) {
                stages.get(2).add(new Item(f, m.group(1)));
            }
        }
        List<Item> out = new ArrayList<>();
        stages.forEach(out::addAll);
        if (out.isEmpty()) {
            throw new IOException(dir + " holds no mydumper .sql files");
        }
        return out;
    }
}
