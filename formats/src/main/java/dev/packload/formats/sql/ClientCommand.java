package dev.packload.formats.sql;

import dev.packload.formats.SourcePosition;

/**
 * A command of the {@code mysql}/{@code mariadb} client found in SQL input, which the client runs itself instead of
 * sending it: {@code source}, {@code use}, {@code charset}, {@code quit}, its display commands, and the ones that run a
 * program or open another connection. {@link DumpScanner} reports them to {@link DumpHandler#clientCommand}; it handles
 * {@code delimiter}, {@code go}, {@code ego} and {@code clear} itself, as they only change how statements are split.
 *
 * @param kind     what the client would do
 * @param name     the command as written: {@code source}, {@code SOURCE} or {@code \.}
 * @param argument what the client takes for its argument (see {@link Kind}), or "" when it takes none
 * @param at       where the command starts
 */
public record ClientCommand(Kind kind, String name, String argument, SourcePosition at) {

    /** What the client does with a command. */
    public enum Kind {
        /** Reads the file named by the argument (the rest of the line, trimmed) in place. */
        SOURCE("reads a file in place"),
        /** Makes the argument (its first word, unquoted) the default database. */
        USE("changes the default database"),
        /** Switches the connection to the character set the argument names (its first word): SET NAMES. */
        CHARSET("switches the character set"),
        /** Stops reading this input: the rest of it is never read. */
        QUIT("ends the input"),
        /** Changes only what the client shows or where (warnings, tee, pager, prompt, print, status, help, ...). */
        DISPLAY("changes the client's display"),
        /** Runs the argument in a shell ({@code system}, {@code \!}). */
        SHELL("runs a shell command"),
        /** Drops the connection and opens one to another server or database ({@code connect}, {@code \r}). */
        CONNECT("opens another connection"),
        /** Runs an editor program on the statement ({@code edit}, {@code \e}). */
        EDITOR("runs an editor program");

        private final String effect;

        Kind(String effect) {
            this.effect = effect;
        }

        /** What the client does, in a few words, for messages. */
        public String effect() {
            return effect;
        }

        /** Whether a loader must never do what the client would: run a program, or connect elsewhere. */
        public boolean refused() {
            return this == SHELL || this == CONNECT || this == EDITOR;
        }
    }

    @Override
    public String toString() {
        return at.source() + ":" + at.line() + ": client command " + name + (argument.isEmpty() ? "" : " " + argument);
    }
}
