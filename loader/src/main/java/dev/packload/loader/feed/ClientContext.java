package dev.packload.loader.feed;

import java.util.function.Consumer;

/**
 * How SQL inputs take the mysql client's own commands: where {@code source} paths are looked for, where notes on the
 * commands packload skips go ({@code --verbose} shows them), and the inputs' client-command scans started ahead.
 */
public record ClientContext(SourceFiles files, Consumer<String> notes, PreScans preScans) {

    /** No scan started ahead: each SQL feed scans its own file. */
    public ClientContext(SourceFiles files, Consumer<String> notes) {
        this(files, notes, new PreScans(files));
    }

    /** Paths relative to the working directory; notes dropped. */
    public static ClientContext defaults() {
        return new ClientContext(SourceFiles.ofWorkingDirectory(), note -> { });
    }
}
