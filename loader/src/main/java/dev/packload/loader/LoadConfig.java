package dev.packload.loader;

import dev.packload.loader.feed.ClientContext;
import dev.packload.loader.feed.CsvOptions;
import dev.packload.loader.feed.DumpFilter;
import dev.packload.loader.feed.Feed;
import dev.packload.loader.pipeline.LoadPipeline;
import dev.packload.loader.pipeline.WriterOptions;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A sealed, checked description of one run. Built once by a {@link Builder} that starts from the defaults
 * {@code packload load} runs with; {@link Builder#build()} checks every value and fails with the option's name.
 */
public final class LoadConfig {
    private final List<Path> inputs;
    private final Feed feed;
    private final int threads;
    private final int readers;
    private final WriterOptions writer;
    private final long maxStatementBytes;
    private final Path rejectFile;
    private final int ringSize;
    private final DumpFilter filter;
    private final String defaultCharacterSet;
    private final CsvOptions csv;
    private final String format;
    private final ClientContext client;
    private final OutputStream resultOutput;

    private LoadConfig(Builder b) {
        client = b.client;
        resultOutput = b.resultOutput;
        inputs = List.copyOf(b.inputs);
        feed = b.feed;
        threads = b.threads;
        readers = b.readers;
        writer = b.writer;
        maxStatementBytes = b.maxStatementBytes;
        rejectFile = b.rejectFile;
        ringSize = b.ringSize;
        filter = b.filter;
        defaultCharacterSet = b.defaultCharacterSet;
        csv = b.csv;
        format = b.format;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How SQL inputs take the mysql client's commands: where {@code source} looks, where notes go. */
    public ClientContext client() {
        return client;
    }

    /** Where the rows that the input's statements return ({@code SELECT ... AS INFO}) are shown: standard output. */
    public OutputStream resultOutput() {
        return resultOutput;
    }

    /** Writers, each with its own connection, unless {@code --threads} says: the cores, between 2 and 8. */
    public static int defaultThreads() {
        return Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    /** @throws IllegalArgumentException unless {@code threads} is a number of writers packload runs */
    public static void checkThreads(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("--threads must be between 1 and 256, got " + threads);
        }
    }

    /** Dump files, delimited files, directories or {@code -}, in order; empty when {@link #feed()} is given. */
    public List<Path> inputs() {
        return inputs;
    }

    /** Rows from a feed of the caller's own (the bench generator) instead of {@link #inputs()}, or null. */
    public Feed feed() {
        return feed;
    }

    public int threads() {
        return threads;
    }

    /** Input files read at once ({@code --readers}, see {@link dev.packload.loader.feed.ReadAhead}). */
    public int readers() {
        return readers;
    }

    /**
     * Readers unless {@code --readers} says: one. On two cores shared with the server, two readers loaded a CSV
     * directory of a million rows 2-3% faster and a mydumper directory of the same rows 1-2% slower, for 7% more client
     * CPU (README, {@code --readers}): the server, not the reading, sets the pace there.
     */
    public static int defaultReaders() {
        return 1;
    }

    public WriterOptions writer() {
        return writer;
    }

    /** Keep statements under this many bytes ({@code --max-statement-bytes}), 0 for the negotiated limit. */
    public long maxStatementBytes() {
        return maxStatementBytes;
    }

    /** Where rejected rows go; created only when one is. */
    public Path rejectFile() {
        return rejectFile;
    }

    /** Ring slots, a power of two. */
    public int ringSize() {
        return ringSize;
    }

    public DumpFilter filter() {
        return filter;
    }

    /** The connection's character set until the dump says SET NAMES ({@code --default-character-set}), or null. */
    public String defaultCharacterSet() {
        return defaultCharacterSet;
    }

    public CsvOptions csv() {
        return csv;
    }

    /** {@code --format} in lower case: sql or a delimited dialect; null to go by each file's extension. */
    public String format() {
        return format;
    }

    /** Collects the settings; {@link #build()} checks them all. */
    public static final class Builder {
        private List<Path> inputs = List.of();
        private Feed feed;
        private int threads = defaultThreads();
        private int readers = defaultReaders();
        private WriterOptions writer = WriterOptions.defaults();
        private long maxStatementBytes;
        private Path rejectFile = Path.of("packload-rejects-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)) + ".sql");
        private int ringSize = LoadPipeline.DEFAULT_RING_SIZE;
        private DumpFilter filter = DumpFilter.ALL;
        private String defaultCharacterSet;
        private CsvOptions csv = CsvOptions.defaults();
        private String format;
        private ClientContext client = ClientContext.defaults();
        private OutputStream resultOutput = System.out;

        /** How SQL inputs take the mysql client's commands ({@link ClientContext#defaults()}). */
        public Builder client(ClientContext c) {
            client = Objects.requireNonNull(c, "client");
            return this;
        }

        /** Where rows the input's statements return are shown (standard output). */
        public Builder resultOutput(OutputStream out) {
            resultOutput = Objects.requireNonNull(out, "result output");
            return this;
        }

        private Builder() {
        }

        public Builder inputs(List<Path> paths) {
            inputs = paths;
            return this;
        }

        public Builder inputs(Path... paths) {
            return inputs(List.of(paths));
        }

        /** Rows from this feed instead of input files. */
        public Builder feed(Feed f) {
            feed = f;
            return this;
        }

        public Builder threads(int n) {
            threads = n;
            return this;
        }

        /** Input files read at once; 1 reads them in turn. */
        public Builder readers(int n) {
            readers = n;
            return this;
        }

        public Builder writer(WriterOptions w) {
            writer = w;
            return this;
        }

        public Builder maxStatementBytes(long n) {
            maxStatementBytes = n;
            return this;
        }

        /** Where rejected rows go (default: packload-rejects-<time>.sql in the current directory). */
        public Builder rejectFile(Path p) {
            rejectFile = p;
            return this;
        }

        public Builder ringSize(int slots) {
            ringSize = slots;
            return this;
        }

        public Builder filter(DumpFilter f) {
            filter = f;
            return this;
        }

        public Builder defaultCharacterSet(String name) {
            defaultCharacterSet = name;
            return this;
        }

        public Builder csv(CsvOptions options) {
            csv = options;
            return this;
        }

        /** sql, csv, excel, tsv or mysql, in any case; null (the default) to go by each file's extension. */
        public Builder format(String name) {
            format = name == null ? null : name.toLowerCase(Locale.ROOT);
            return this;
        }

        /** @throws IllegalArgumentException naming the option whose value cannot be used */
        public LoadConfig build() {
            if (inputs.isEmpty() && feed == null) {
                throw new IllegalArgumentException("no input given: name a dump file, several files, or - for stdin");
            }
            checkThreads(threads);
            if (readers < 1 || readers > 64) {
                throw new IllegalArgumentException("--readers must be between 1 and 64, got " + readers);
            }
            Objects.requireNonNull(writer, "writer options");
            Objects.requireNonNull(rejectFile, "--reject-file");
            if (maxStatementBytes < 0) {
                throw new IllegalArgumentException("--max-statement-bytes must be positive, got " + maxStatementBytes);
            }
            if (Integer.bitCount(ringSize) != 1) {
                throw new IllegalArgumentException("the ring size must be a power of two, got " + ringSize);
            }
            if (defaultCharacterSet != null && !defaultCharacterSet.matches("[A-Za-z0-9_]+")) {
                throw new IllegalArgumentException("--default-character-set takes a character set name such as utf8mb4 "
                        + "or latin1, not '" + defaultCharacterSet + "'");
            }
            return new LoadConfig(this);
        }
    }
}
