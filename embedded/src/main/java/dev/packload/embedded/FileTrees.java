package dev.packload.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/** Deleting directory trees: the per-start tmp directory, a failed install, an incomplete unpack. */
final class FileTrees {
    private FileTrees() {
    }

    /** Empties dir, best effort; the next start reports a directory left non-empty. */
    static void deleteContents(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                deleteRecursively(p);
            }
        } catch (IOException ignored) {
            // best effort; the next start reports a non-empty directory
        }
    }

    static void deleteQuietly(Path p) {
        try {
            deleteRecursively(p);
        } catch (IOException ignored) {
            // best effort
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            List<Path> all = new ArrayList<>();
            walk.forEach(all::add);
            Collections.reverse(all);
            for (Path x : all) {
                Files.deleteIfExists(x);
            }
        }
    }
}
