package dev.packload.loader.feed;

import dev.packload.formats.io.Input;
import dev.packload.formats.io.Inputs;
import dev.packload.formats.sql.LineStatements;
import dev.packload.formats.sql.LoadDataStatement;
import dev.packload.formats.sql.StatementInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a mydumper directory holds and the order myloader loads it in, for every version from 0.10 to 1.0. Every file
 * is accounted for before anything is loaded: each is a {@link File} to load, or {@link Skipped} with the reason
 * ({@code metadata} is read, not loaded), and a file of any other kind is an error.
 *
 * <p>Names: a file name is {@code <db>.<table>...}; 0.10 writes names verbatim (so a database name may hold a dot:
 * the databases are known from their {@code -schema-create.sql} files and the longest one that fits is taken), 1.0
 * writes {@code mydumper_N} for names outside {@code [A-Za-z0-9_\- ]}: the real database name is read from its
 * {@code CREATE DATABASE}, the real table name from {@code metadata}. The load order is myloader 0.10's: databases,
 * tables (with the placeholder tables of views), data (each table's chunks in order: {@code t.sql},
 * {@code t.00000.sql}, {@code t.00000.00001.sql}, {@code t.00001.sql}), routines and events, views, triggers.
 */
final class MydumperPlan {

    /** The stages, in load order. */
    enum Stage { DATABASE, TABLE, DATA, POST, VIEW, TRIGGERS }

    /**
     * One file to load.
     *
     * @param database the real database to select before it, or null (a {@code -schema-create.sql} says)
     * @param tableKey the metadata key {@code dbFile.tableFile} of a table's file, or null
     * @param loadData for a data file of {@code --format=LOAD_DATA}/{@code CSV}: its LOAD DATA statements' files by
     *                 the names they give, resolved inside the directory; null for a file of SQL rows
     */
    record File(Path path, Stage stage, String database, String tableKey, long[] parts, Map<String, Path> loadData) {
    }

    /** A file deliberately not loaded, and why. */
    record Skipped(Path path, String reason) {
    }

    private static final Pattern COMPRESSED = Pattern.compile("\\.(gz|gzip|zst|zstd|bz2|xz)$");
    private static final Pattern PARTS = Pattern.compile("^(.+?)((?:\\.\\d+){1,2})$");

    final Path dir;
    final MydumperMetadata metadata;
    final List<File> files;
    final List<Skipped> skipped;

    private MydumperPlan(Path dir, MydumperMetadata metadata, List<File> files, List<Skipped> skipped) {
        this.dir = dir;
        this.metadata = metadata;
        this.files = files;
        this.skipped = skipped;
    }

    /** Plans the directory; an unknown file, or a LOAD DATA naming a file outside it, fails here. */
    static MydumperPlan of(Path dir) throws IOException {
        List<Path> all = InputPlan.sortedFiles(dir);
        Path meta = dir.resolve("metadata");
        MydumperMetadata metadata = Files.isRegularFile(meta) ? MydumperMetadata.read(meta) : MydumperMetadata.none();
        boolean localInfile = "1".equals(metadata.config().get("local-infile"));
        Map<String, String> realDatabases = realDatabases(all, metadata);
        Set<String> dats = new HashSet<>();
        List<File> files = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path f : all) {
            String file = f.getFileName().toString();
            String name = base(f);
            if (file.equals("metadata")) {
                skipped.add(new Skipped(f, "read, not loaded: mydumper's metadata (" + (metadata.ini()
                        ? "session variables, real names, row counts" : "dump times only") + ")"));
            } else if (name.endsWith(".checksum") || name.endsWith("-checksum")) {
                skipped.add(new Skipped(f, "not loaded: a checksum of mydumper's own"));
            } else if (name.endsWith(".dat")) {
                dats.add(file);
            } else if (name.endsWith("-schema-create.sql")) {
                files.add(new File(f, Stage.DATABASE, null, null, null, null));
            } else if (name.endsWith("-schema-post.sql")) {
                String db = cut(name, "-schema-post.sql");
                files.add(new File(f, Stage.POST, real(realDatabases, db), null, null, null));
            } else if (name.endsWith("-schema-triggers.sql")) {
                String prefix = cut(name, "-schema-triggers.sql");
                String[] n = realDatabases.containsKey(prefix) ? new String[] {prefix, null} : split(f, prefix,
                        realDatabases);
                files.add(new File(f, Stage.TRIGGERS, real(realDatabases, n[0]), null, null, null));
            } else if (name.endsWith("-schema-view.sql")) {
                String[] n = split(f, cut(name, "-schema-view.sql"), realDatabases);
                files.add(new File(f, Stage.VIEW, real(realDatabases, n[0]), key(n), null, null));
            } else if (name.endsWith("-schema.sql") || name.endsWith("-schema-sequence.sql")) {
                String[] n = split(f, name.replaceFirst("-schema(-sequence)?\\.sql$", ""), realDatabases);
                files.add(new File(f, Stage.TABLE, real(realDatabases, n[0]), key(n), null, null));
            } else if (name.endsWith(".sql")) {
                files.add(dataFile(dir, f, cut(name, ".sql"), realDatabases, localInfile));
            } else {
                throw new IOException(f + ": not a file mydumper writes (known: metadata, *-schema-create.sql, "
                        + "*-schema.sql, *-schema-view.sql, *-schema-triggers.sql, *-schema-post.sql, data *.sql "
                        + "and *.dat, each maybe .gz or .zst): move it out of the directory, nothing was loaded");
            }
        }
        for (File f : files) {
            if (f.loadData() != null) {
                f.loadData().values().forEach(p -> dats.remove(p.getFileName().toString()));
            }
        }
        if (!dats.isEmpty()) {
            throw new IOException(dir + ": data file(s) " + new java.util.TreeSet<>(dats) + " are named by no LOAD "
                    + "DATA statement of the dump: nothing was loaded (a .dat is loaded through the .sql that names it)");
        }
        if (files.isEmpty()) {
            throw new IOException(dir + " holds no mydumper .sql files");
        }
        files.sort(Comparator.comparing((File f) -> f.stage())
                .thenComparing(f -> f.stage() == Stage.DATA ? f.database() + "\u0000" + f.tableKey() : "")
                .thenComparing(f -> f.parts() == null ? 0 : f.parts()[0])
                .thenComparing(f -> f.parts() == null ? 0 : f.parts()[1])
                .thenComparing(f -> f.path().getFileName().toString()));
        return new MydumperPlan(dir, metadata, List.copyOf(files), List.copyOf(skipped));
    }

    /** Database file names to real names: from each {@code -schema-create.sql}, else from metadata as they are. */
    private static Map<String, String> realDatabases(List<Path> all, MydumperMetadata metadata) throws IOException {
        Map<String, String> real = new HashMap<>();
        for (Path f : all) {
            String name = base(f);
            if (name.endsWith("-schema-create.sql")) {
                String db = cut(name, "-schema-create.sql");
                real.put(db, createdDatabase(f, db));
            }
        }
        // databases without a -schema-create file (mydumper --no-schemas) are known from metadata
        metadata.tables().values().forEach(t -> real.putIfAbsent(t.fileDatabase(), t.fileDatabase()));
        return real;
    }

    /**
     * A data file {@code <db>.<table>[.part[.sub]].sql}; with {@code --format=LOAD_DATA} or {@code CSV} (metadata's
     * {@code local-infile}, or a {@code .dat} beside it) its LOAD DATA statements are read now.
     */
    private static File dataFile(Path dir, Path f, String stem, Map<String, String> realDatabases,
                                 boolean localInfile) throws IOException {
        String[] n = split(f, stem, realDatabases);
        long[] parts = {-1, -1};
        Matcher m = PARTS.matcher(n[1]);
        if (m.matches()) {
            n[1] = m.group(1);
            String[] p = m.group(2).substring(1).split("\\.");
            for (int i = 0; i < p.length; i++) {
                parts[i] = Long.parseLong(p[i]);
            }
        }
        Map<String, Path> loads = localInfile || hasDat(dir, stem) ? loadData(dir, f) : null;
        return new File(f, Stage.DATA, real(realDatabases, n[0]), key(n), parts, loads);
    }

    /** The file name without a compression extension. */
    private static String base(Path f) {
        return COMPRESSED.matcher(f.getFileName().toString()).replaceFirst("");
    }

    private static String cut(String s, String suffix) {
        return s.substring(0, s.length() - suffix.length());
    }

    private static String real(Map<String, String> realDatabases, String db) {
        return realDatabases.getOrDefault(db, db);
    }

    private static String key(String[] n) {
        return n[0] + "." + n[1];
    }

    /** {@code <db>.<table>}: the longest known database that fits, else the text before the first dot. */
    private static String[] split(Path f, String prefix, Map<String, String> realDatabases) throws IOException {
        String best = null;
        for (String db : realDatabases.keySet()) {
            if (prefix.startsWith(db + ".") && (best == null || db.length() > best.length())) {
                best = db;
            }
        }
        if (best == null) {
            int dot = prefix.indexOf('.');
            if (dot <= 0) {
                throw new IOException(f + ": not a file mydumper writes (no <database>.<table> in its name): move it "
                        + "out of the directory, nothing was loaded");
            }
            best = prefix.substring(0, dot);
        }
        return new String[] {best, prefix.substring(best.length() + 1)};
    }

    private static boolean hasDat(Path dir, String stem) {
        for (String ext : List.of("", ".gz", ".zst")) {
            if (Files.isRegularFile(dir.resolve(stem + ".dat" + ext))) {
                return true;
            }
        }
        return false;
    }

    /** The database a {@code -schema-create.sql} creates, or the file-name form when it says none. */
    private static String createdDatabase(Path f, String fileName) throws IOException {
        String[] found = {null};
        try (Input in = Inputs.open(f)) {
            LineStatements lines = new LineStatements(in, f.toString());
            lines.scan((b, off, len, at) -> {
                StatementInfo s = StatementInfo.of(b, off, len);
                if (s.kind() == StatementInfo.Kind.CREATE_DATABASE && found[0] == null) {
                    found[0] = s.schema();
                    lines.stop();
                }
            });
        }
        return found[0] != null ? found[0] : fileName;
    }

    /** The LOAD DATA statements of a data file, each file it names resolved inside the directory. */
    private static Map<String, Path> loadData(Path dir, Path f) throws IOException {
        Map<String, Path> out = new HashMap<>();
        List<IOException> bad = new ArrayList<>();
        try (Input in = Inputs.open(f)) {
            new LineStatements(in, f.toString()).scan((b, off, len, at) -> {
                if (!LoadDataStatement.is(b, off, len)) {
                    return;
                }
                try {
                    LoadDataStatement s = LoadDataStatement.parse(b, off, len);
                    out.put(s.file(), resolve(dir, s.file(), at.toString()));
                } catch (IllegalArgumentException e) {
                    bad.add(new IOException(at + ": " + e.getMessage() + "; nothing was loaded"));
                } catch (IOException e) {
                    bad.add(e);
                }
            });
        }
        if (!bad.isEmpty()) {
            throw bad.get(0);
        }
        return out;
    }

    /**
     * The file a LOAD DATA statement names, inside the dump directory: a name with {@code ..}, an absolute path or a
     * symbolic link that leads out of the directory is refused (packload reads only the dump's own files).
     */
    static Path resolve(Path dir, String name, String where) throws IOException {
        Path given = Path.of(name);
        if (given.isAbsolute() || name.startsWith("/") || name.startsWith("\\") || name.contains("..")
                || name.contains("\\") || given.getNameCount() != 1) {
            throw new IOException(where + ": LOAD DATA names '" + name + "', which is not a file of the dump "
                    + "directory itself: refused (packload reads only files inside " + dir + "); nothing was loaded");
        }
        Path p = dir.resolve(name);
        for (String ext : List.of("", ".gz", ".zst")) {
            Path c = dir.resolve(name + ext);
            if (Files.exists(c, LinkOption.NOFOLLOW_LINKS)) {
                p = c;
                break;
            }
        }
        if (!Files.isRegularFile(p)) {
            throw new IOException(where + ": LOAD DATA names '" + name + "', which is not in " + dir
                    + " (nor .gz or .zst): nothing was loaded");
        }
        Path real = p.toRealPath();
        if (!real.getParent().equals(dir.toRealPath())) {
            throw new IOException(where + ": LOAD DATA names '" + name + "', a link to " + real + " outside the dump "
                    + "directory: refused; nothing was loaded");
        }
        return p;
    }
}
