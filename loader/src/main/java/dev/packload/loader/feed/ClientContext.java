package dev.packload.loader.feed;

import java.util.function.Consumer;

/**
 * How SQL inputs take the mysql client's own commands: where {@code source} paths are looked for, and where notes on
 * the commands packload skips go ({@code --verbose} shows them).
 */
public record ClientContext(SourceFiles files, Consumer<String> notes) {

    /** Paths relative to the working directory; notes dropped. */
    public static ClientContext defaults() {
        return new ClientContext(SourceFiles.ofWorkingDirectory(), note -> { });
    }
}
