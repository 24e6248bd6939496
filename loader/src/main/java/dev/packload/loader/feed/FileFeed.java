package dev.packload.loader.feed;

import dev.packload.formats.FormatException;
import dev.packload.formats.io.Input;
import dev.packload.formats.io.Inputs;
import dev.packload.loader.pipeline.SourceRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;

/** A feed of one input file, plain or compressed, or {@code -} for stdin. A read error names the file. */
abstract class FileFeed implements Feed {
    final Path path;

    FileFeed(Path path) {
        this.path = path;
    }

    @Override
    public final void feed(Sink sink) throws IOException, SQLException, InterruptedException {
        try (Input in = Inputs.open(path)) {
            read(in, sink.open(in), sink);
        } catch (FormatException e) {
            throw e; // names the file, line and byte already
        } catch (IOException | UncheckedIOException e) {
            throw new IOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads the opened input into the sink. */
    abstract void read(Input in, SourceRef source, Sink sink) throws IOException, SQLException, InterruptedException;
}
