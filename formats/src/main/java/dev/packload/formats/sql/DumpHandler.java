package dev.packload.formats.sql;

import dev.packload.formats.SourcePosition;
import java.util.function.Consumer;

/**
 * Receives what a {@link DumpScanner} finds, in source order. Byte ranges point into the scanner's reused
 * buffer and are valid only for the duration of the call: copy what you keep.
 */
public interface DumpHandler {

    /**
     * A statement that is not a re-batchable row insert (DDL, SET, USE, LOCK TABLES, INSERT ... SELECT, ...),
     * exactly as written (versioned comments kept), without its delimiter and without surrounding whitespace.
     */
    void statement(byte[] buf, int off, int len, SourcePosition at);

    /** Start of an {@code INSERT|REPLACE ... VALUES} statement; its tuples follow, then {@link #insertEnd()}. */
    void insertStart(InsertHeader header, SourcePosition at);

    /**
     * One VALUES tuple, parentheses included, bytes raw and intact (comments and escapes as written).
     *
     * @param line       1-based line where the tuple starts
     * @param byteOffset 0-based offset of the tuple's '(' in the decompressed stream
     */
    void tuple(byte[] buf, int off, int len, long line, long byteOffset);

    /** End of the current insert statement. */
    void insertEnd();

    /**
     * A command of the mysql client that it runs itself ({@code source}, {@code use} without a delimiter or in its
     * short form, {@code charset}, {@code quit}, display commands, and {@code system}, {@code connect} and
     * {@code edit}, which a loader must refuse). It comes in its place among the statements. After {@code quit} the
     * scanner reports nothing more. By default it is ignored.
     */
    default void clientCommand(ClientCommand command) {
    }

    /** A handler that takes the client commands only, for a pass that looks for them before a load. */
    static DumpHandler clientCommandsOnly(Consumer<ClientCommand> commands) {
        return new DumpHandler() {
            @Override
            public void statement(byte[] buf, int off, int len, SourcePosition at) {
            }

            @Override
            public void insertStart(InsertHeader header, SourcePosition at) {
            }

            @Override
            public void tuple(byte[] buf, int off, int len, long line, long byteOffset) {
            }

            @Override
            public void insertEnd() {
            }

            @Override
            public void clientCommand(ClientCommand command) {
                commands.accept(command);
            }
        };
    }
}
