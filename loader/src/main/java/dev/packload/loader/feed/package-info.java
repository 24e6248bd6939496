/**
 * What is loaded: one {@link dev.packload.loader.feed.Feed} type per input kind, each reading into one
 * {@link dev.packload.loader.feed.Sink}, and the planning of inputs.
 *
 * <p>The entry type is {@link dev.packload.loader.feed.InputsFeed}: the command line's inputs in order. Each file
 * becomes a {@link dev.packload.loader.feed.DumpFeed} (a SQL dump) or a {@link dev.packload.loader.feed.DelimitedFeed}
 * (CSV, TSV, LOAD DATA text; with {@code --method load-data} its rows go as
 * {@link dev.packload.loader.feed.LoadDataFeed LOAD DATA runs}), and a mydumper directory a
 * {@link dev.packload.loader.feed.MydumperFeed} (planned by {@code MydumperPlan}, which accounts for every file of the
 * directory before anything is loaded, with {@code MydumperMetadata}). {@link dev.packload.loader.feed.InputPlan} orders the files of the
 * inputs; {@link dev.packload.loader.feed.CsvOptions} and {@link dev.packload.loader.feed.DumpFilter} say how they are
 * read. The bench generator is a feed too, in {@code bench}. {@link dev.packload.loader.feed.ReadAhead} runs a list of
 * feeds with several readers ({@code --readers}): later files are read ahead on threads of their own against a
 * {@code RecordingSink}, and their calls replayed into the sink in plan order, so the sink hears what one reader says.
 *
 * <p>A SQL file may use the mysql client's own commands: {@link dev.packload.loader.feed.SourceFiles} finds the files
 * its {@code source} lines read, and {@link dev.packload.loader.feed.ClientCommandCheck}, a pre-scan, refuses a file
 * (with the files it sources) that holds a command running a program or opening a connection, before any of it is sent.
 * {@link dev.packload.loader.feed.ClientContext} says where relative paths are looked for and where notes go.
 *
 * <p>A feed stops the one way: when the sink says stop, it ends its reader ({@code DumpScanner.stop()},
 * {@code CsvReader.stop()}) and returns. Its own failures are exceptions thrown after the reader returned, never
 * through a reader's callbacks.
 */
package dev.packload.loader.feed;
