package dev.packload.loader.feed;

import dev.packload.formats.FormatException;
import dev.packload.formats.SourcePosition;
import dev.packload.formats.io.Input;
import dev.packload.formats.io.Inputs;
import dev.packload.formats.sql.ClientCommand;
import dev.packload.formats.sql.DumpHandler;
import dev.packload.formats.sql.DumpScanner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The pre-scan of a SQL input for the mysql client's commands, before any of it is sent: it reads the input and every
 * file its {@code source} lines read, in the order and with the delimiters the load will use, and refuses the input
 * when any of them holds a command that would run a program or open another connection ({@code system}, {@code \!},
 * {@code connect}, {@code \r}, {@code edit}, {@code \e}). That is how a malicious dump attacks whoever loads it with the
 * client. A missing sourced file and a cycle of sources are found here too, so they also stop the input before it
 * starts. The price is one more read of the input (decompressing it again); standard input is first kept in a file.
 */
public final class ClientCommandCheck {
    private ClientCommandCheck() {
    }

    /**
     * Hands every client command of the input and of the files it sources to {@code found}, in order.
     *
     * @param name how messages name the input
     */
    public static void walk(Path file, String name, SourceFiles files, Consumer<ClientCommand> found)
            throws IOException {
        SourceFiles.Chain chain = files.chain();
        chain.enter(file, new SourcePosition(name, 0, 0));
        try (Input in = Inputs.open(file)) {
            walk(new DumpScanner(in, name), file, files, chain, found);
        } finally {
            chain.leave();
        }
    }

    /**
     * Refuses the input when it or a file it sources holds a command that runs a program or connects elsewhere, or
     * names a file that can't be sourced. A malformed or unreadable input is not refused here: the load stops at the
     * same place, having loaded what came before, as the client would; what lies after it is never read.
     */
    public static void check(Path file, String name, SourceFiles files) throws IOException {
        List<ClientCommand> refused = new ArrayList<>();
        try {
            walk(file, name, files, c -> {
                if (c.kind().refused()) {
                    refused.add(c);
                }
            });
        } catch (SourceFiles.SourceError e) {
            throw e;
        } catch (FormatException | IOException e) {
            // the load meets the same error at the same byte, having read only what was checked
        }
        if (refused.isEmpty()) {
            return;
        }
        StringBuilder m = new StringBuilder();
        for (ClientCommand c : refused) {
            m.append(m.length() == 0 ? "" : "; " + c.at().source() + ":" + c.at().line() + ": ")
                    .append("client command ").append(c.name()).append(" (").append(c.kind().effect())
                    .append(") is not allowed in a dump");
        }
        m.append(". Nothing of ").append(name).append(" was sent: lines that run programs or open connections through"
                + " the client are how a malicious dump attacks its loader, and packload never runs them (delete"
                + " those lines if you trust the file)");
        throw new FormatException(refused.get(0).at(), m.toString(), "");
    }

    private static void walk(DumpScanner scanner, Path file, SourceFiles files, SourceFiles.Chain chain,
                             Consumer<ClientCommand> found) throws IOException {
        // a sourced file's failure ends this scan and is thrown once it has returned, not through its callback
        Exception[] failure = {null};
        scanner.scan(DumpHandler.clientCommandsOnly(c -> {
            found.accept(c);
            if (c.kind() == ClientCommand.Kind.SOURCE) {
                try {
                    files.source(c, file, scanner, chain, (child, f) -> walk(child, f, files, chain, found));
                } catch (IOException | FormatException e) {
                    failure[0] = e;
                    scanner.stop();
                }
            }
        }));
        if (failure[0] instanceof IOException e) {
            throw e;
        }
        if (failure[0] != null) {
            throw (RuntimeException) failure[0];
        }
    }
}
