package dev.packload.loader.feed;

import dev.packload.formats.FormatException;
import dev.packload.formats.SourcePosition;
import dev.packload.formats.io.Input;
import dev.packload.formats.io.Inputs;
import dev.packload.formats.sql.ClientCommand;
import dev.packload.formats.sql.DumpScanner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The files {@code source} lines read. A relative path is looked for in the folder of the file that names it, then in
 * the working directory. The {@code mariadb} client looks only in its working directory, also inside sourced files
 * (checked with the 10.11 client: see {@code sourcing/employees-like/README.md}); looking in the naming file's folder
 * first loads the same files whenever the client would, and also a tree whose files name each other by their own
 * folders. A sourced file may be compressed like any input. Sources nest; a file that sources itself, directly or not,
 * is an error naming the chain.
 */
public final class SourceFiles {
    private final Path workingDirectory;

    /** @param workingDirectory where relative paths are looked for after the naming file's folder */
    public SourceFiles(Path workingDirectory) {
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    /** Relative to the process's working directory, as the client's. */
    public static SourceFiles ofWorkingDirectory() {
        return new SourceFiles(Path.of(""));
    }

    /**
     * A {@code source} line that can't be followed: no such file, no valid path, or a cycle. Unlike a malformed input,
     * it stops the input before any of it is sent.
     */
    public static final class SourceError extends FormatException {
        SourceError(SourcePosition at, String message) {
            super(at, message, "");
        }
    }

    /** Reads a sourced file with a scanner of its own. */
    @FunctionalInterface
    interface Reader {
        void read(DumpScanner scanner, Path file) throws IOException;
    }

    /** The files being read, outermost first, to refuse a cycle. */
    static final class Chain {
        private final Deque<Path> files = new ArrayDeque<>();

        void enter(Path file, SourcePosition at) throws IOException {
            Path real = file.toRealPath();
            if (files.contains(real)) {
                String chain = files.stream().dropWhile(f -> !f.equals(real)).map(Path::toString)
                        .collect(Collectors.joining(" -> "));
                throw new SourceError(at, "source cycle: " + chain + " -> " + real + " (a file that sources"
                        + " itself would be read for ever)");
            }
            files.addLast(real);
        }

        void leave() {
            files.removeLast();
        }
    }

    Chain chain() {
        return new Chain();
    }

    /**
     * Reads the file a {@code source} command names, in place: its scanner starts with the caller's delimiter and
     * backslash handling, and the caller goes on with the ones it ends with, as the client shares them.
     *
     * @param namingFile the file the command is in, or null for standard input
     */
    void source(ClientCommand command, Path namingFile, DumpScanner caller, Chain chain, Reader reader)
            throws IOException {
        Path file = resolve(command, namingFile);
        chain.enter(file, command.at());
        try (Input in = Inputs.open(file)) {
            DumpScanner scanner = new DumpScanner(in, displayName(file));
            scanner.useDelimiter(caller.delimiter());
            scanner.setNoBackslashEscapes(caller.noBackslashEscapes());
            reader.read(scanner, file);
            caller.useDelimiter(scanner.delimiter());
            if (scanner.noBackslashEscapes() != caller.noBackslashEscapes()) {
                caller.setNoBackslashEscapes(scanner.noBackslashEscapes());
            }
        } finally {
            chain.leave();
        }
    }

    /** The file a {@code source} command names: in the naming file's folder, else in the working directory. */
    Path resolve(ClientCommand command, Path namingFile) {
        String name = command.argument();
        if (name.isEmpty()) {
            throw new SourceError(command.at(), command.name() + " names no file");
        }
        Path named;
        try {
            named = Path.of(name);
        } catch (InvalidPathException e) {
            throw new SourceError(command.at(), command.name() + " names no valid path: '" + name + "'");
        }
        List<Path> tried = new ArrayList<>();
        if (named.isAbsolute()) {
            tried.add(named);
        } else {
            Path folder = namingFile == null ? workingDirectory
                    : namingFile.toAbsolutePath().normalize().getParent();
            tried.add(folder.resolve(named).normalize());
            Path inWorkingDirectory = workingDirectory.resolve(named).normalize();
            if (!tried.contains(inWorkingDirectory)) {
                tried.add(inWorkingDirectory);
            }
        }
        for (Path p : tried) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new SourceError(command.at(), "cannot open '" + name + "', which " + command.name()
                + " names: no file " + tried.stream().map(Path::toString).collect(Collectors.joining(" nor "))
                + (named.isAbsolute() ? "" : " (a relative path is looked for in the folder of the file naming it,"
                + " then in the working directory, " + workingDirectory + ")"));
    }

    /** A sourced file as messages name it: relative to the working directory when inside it. */
    String displayName(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(workingDirectory) ? workingDirectory.relativize(abs).toString() : abs.toString();
    }
}
