package dev.packload.loader.cli.optionfile;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The option files a client reads, in the client's order, and the options of the groups it wants.
 *
 * <p>On Unix the mysql and mariadb clients read, each if it exists: {@code /etc/my.cnf}, {@code /etc/mysql/my.cnf},
 * {@code $MARIADB_HOME/my.cnf} (or {@code $MYSQL_HOME/my.cnf}), the {@code --defaults-extra-file}, then
 * {@code ~/.my.cnf}. A directory named twice is read once, at its last place. {@code --defaults-file} replaces the
 * whole list with one file. The options of every wanted group come out in the order they were read, whatever their
 * group, so a later file (or a later line) wins, as on the client's command line built from them.
 *
 * <pre>{@code
 * List<OptionLine> lines = OptionFiles.standard().read(DefaultsArgs.NONE, List.of("client", "packload"), warn);
 * }</pre>
 *
 * <p>For tests, and for a machine whose own files must not be read, the system property
 * {@value #FILES_PROPERTY} lists (separated by {@link File#pathSeparator}) the files read in place of the standard
 * ones; the extra file then comes after all of them.
 */
public final class OptionFiles {
    /** System property naming the files read in place of the standard list. */
    public static final String FILES_PROPERTY = "packload.optionFiles";

    private final List<Path> global;
    private final List<Path> user;

    /**
     * @param global files read before the {@code --defaults-extra-file}, in order
     * @param user   files read after it ({@code ~/.my.cnf})
     */
    public OptionFiles(List<Path> global, List<Path> user) {
        this.global = List.copyOf(global);
        this.user = List.copyOf(user);
    }

    /** The standard list for this process's environment, or the one {@value #FILES_PROPERTY} names. */
    public static OptionFiles standard() {
        String listed = System.getProperty(FILES_PROPERTY);
        if (listed != null) {
            List<Path> files = new ArrayList<>();
            for (String f : listed.split(File.pathSeparator)) {
                if (!f.isBlank()) {
                    files.add(Path.of(f));
                }
            }
            return new OptionFiles(files, List.of());
        }
        return standard(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The Unix list of the mysql/mariadb client for an environment and home directory. */
    public static OptionFiles standard(Map<String, String> env, Path home) {
        List<Path> dirs = new ArrayList<>(List.of(Path.of("/etc"), Path.of("/etc/mysql")));
        String clientHome = env.getOrDefault("MARIADB_HOME", env.get("MYSQL_HOME"));
        if (clientHome != null && !clientHome.isEmpty()) {
            Path h = Path.of(clientHome).toAbsolutePath().normalize();
            dirs.remove(h); // named twice: read once, at its later place
            dirs.add(h);
        }
        List<Path> global = new ArrayList<>();
        dirs.forEach(d -> global.add(d.resolve("my.cnf")));
        return new OptionFiles(global, List.of(home.resolve(".my.cnf")));
    }

    /** The files that would be read, in order, for these command-line choices (missing ones included). */
    public List<Path> files(DefaultsArgs args) {
        if (args.noDefaults()) {
            return List.of();
        }
        if (args.defaultsFile() != null) {
            return List.of(args.defaultsFile());
        }
        List<Path> all = new ArrayList<>(global);
        if (args.extraFile() != null) {
            all.add(args.extraFile());
        }
        all.addAll(user);
        return all;
    }

    /**
     * The options of the named groups (and of each group with the suffix appended), in the order read.
     *
     * @param args     the option-file choices from the command line
     * @param groups   the groups wanted, e.g. {@code client} and {@code packload}; matched ignoring case
     * @param warnings receives each warning (a world-writable file, a missing {@code !include})
     * @throws OptionFileException for a bad line (naming file and line), or a {@code --defaults-file} or
     *                             {@code --defaults-extra-file} that cannot be read
     */
    public List<OptionLine> read(DefaultsArgs args, List<String> groups, Consumer<String> warnings) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String g : groups) {
            wanted.add(g.toLowerCase(Locale.ROOT));
            if (args.groupSuffix() != null) {
                wanted.add((g + args.groupSuffix()).toLowerCase(Locale.ROOT));
            }
        }
        List<OptionLine> lines = new ArrayList<>();
        OptionFileParser parser = new OptionFileParser(line -> {
            if (wanted.contains(line.group().toLowerCase(Locale.ROOT))) {
                lines.add(line);
            }
        }, warnings);
        for (Path file : files(args)) {
            boolean required = file.equals(args.defaultsFile()) || file.equals(args.extraFile());
            if (!parser.read(file, 0) && required) {
                throw new OptionFileException("could not open required defaults file: " + file);
            }
        }
        return lines;
    }

    /** The lines grouped by group, in the order first read: for display. */
    public static Map<String, List<OptionLine>> byGroup(List<OptionLine> lines) {
        Map<String, List<OptionLine>> groups = new LinkedHashMap<>();
        for (OptionLine l : lines) {
            groups.computeIfAbsent(l.group(), g -> new ArrayList<>()).add(l);
        }
        return groups;
    }
}
