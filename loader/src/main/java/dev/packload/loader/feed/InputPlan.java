package dev.packload.loader.feed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns the command line's inputs into the ordered list of files to read, and says what each holds. A file (or
 * {@code -}) is read as it is. A mydumper output directory is read the way myloader does ({@link MydumperFeed}); a
 * mysqldump --tab directory as its schema files, then its data files.
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

    private InputPlan() {
    }

    public static List<Item> expand(List<Path> inputs) throws IOException {
        List<Item> items = new ArrayList<>();
        for (Path p : inputs) {
            if (isDirectory(p)) {
                items.addAll(MydumperFeed.isMydumper(p) ? MydumperFeed.files(p) : textDirectory(p));
            } else {
                items.add(byExtension(p, null));
            }
        }
        return items;
    }

    static boolean isDirectory(Path p) {
        return !p.toString().equals("-") && Files.isDirectory(p);
    }

    /**
     * A {@code mysqldump --tab} directory ({@code t.sql} schema, then {@code t.txt} data, per table) or a directory
     * of CSV/TSV files (one table each, named after the file).
     */
    static List<Item> textDirectory(Path dir) throws IOException {
        List<Item> schema = new ArrayList<>();
        List<Item> data = new ArrayList<>();
        for (Path f : sortedFiles(dir)) {
            Item i = byExtension(f, null);
            if (i.format() == Format.SQL && f.getFileName().toString().matches("(?i).*\\.sql(\\.(gz|bz2|xz|zst))?$")) {
                schema.add(i);
            } else if (i.format() == Format.DELIMITED) {
                data.add(i);
            } else {
                throw new IOException(f + ": a file of neither kind a mysqldump --tab or CSV directory holds (.sql "
                        + "schema, .txt/.csv/.tsv data, maybe compressed): move it out of " + dir
                        + "; nothing was loaded");
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

    /** The directory's regular files, by name. */
    static List<Path> sortedFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted(Comparator.comparing(f -> f.getFileName().toString())).toList();
        }
    }
}
