package dev.packload.loader.source;

import dev.packload.formats.SourcePosition;
import dev.packload.formats.io.Input;
import dev.packload.formats.io.Inputs;
import dev.packload.formats.sql.DumpHandler;
import dev.packload.formats.sql.DumpScanner;
import dev.packload.formats.sql.InsertHeader;
import dev.packload.formats.sql.StatementInfo;
import dev.packload.formats.sql.StatementRisk;
import dev.packload.loader.feed.InputPlan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The pre-scan of {@code packload load --untrusted}: every statement of every SQL input is read, before anything is
 * sent, and each one that reaches beyond loading data and objects into the target database
 * ({@link StatementRisk}, or a CREATE/ALTER/DROP of an object qualified by another database) is a
 * {@link Refusal} naming its file and line. Rows are not looked at (an INSERT's database is redirected to the target);
 * delimited text holds only rows.
 */
public final class UntrustedInputs {

    /**
     * One statement an untrusted dump may not run.
     *
     * @param at   file:line
     * @param risk what it does
     * @param text its first 120 bytes, on one line
     */
    public record Refusal(String at, StatementRisk risk, String text) {
        @Override
        public String toString() {
            return at + ": " + risk + ": " + text;
        }
    }

    private static final Set<String> SYSTEM = Set.of("mysql", "information_schema", "performance_schema", "sys");

    private UntrustedInputs() {
    }

    /**
     * The statements of {@code inputs} an untrusted load refuses, in input order.
     *
     * @param target the one database the load writes (its {@code -D})
     */
    public static List<Refusal> scan(List<Path> inputs, String target) throws IOException {
        List<Refusal> out = new ArrayList<>();
        List<String> databases = new ArrayList<>();
        for (InputPlan.Item item : InputPlan.expand(inputs)) {
            if (item.format() != InputPlan.Format.SQL) {
                continue;
            }
            try (Input in = Inputs.open(item.path())) {
                DumpScanner scanner = new DumpScanner(in, in.name());
                Handler handler = new Handler(in.name(), target, out, databases);
                if (item.database() != null) {
                    handler.database(item.database(), 0); // a mydumper file's database
                }
                scanner.scan(handler);
            }
        }
        return out;
    }

    private static final class Handler implements DumpHandler {
        private final String source;
        private final String target;
        private final List<Refusal> out;

        /** The databases the inputs name (USE, CREATE DATABASE), the first of which is loaded into the target. */
        private final List<String> databases;

        Handler(String source, String target, List<Refusal> out, List<String> databases) {
            this.source = source;
            this.target = target;
            this.out = out;
            this.databases = databases;
        }

        /**
         * A database the input selects or creates: the first one named is the dump's own, loaded into the target; a
         * second would be merged into it, and is refused.
         */
        void database(String name, long line) {
            if (name == null || databases.stream().anyMatch(name::equalsIgnoreCase)) {
                return;
            }
            databases.add(name);
            if (databases.size() > 1) {
                out.add(new Refusal(source + ":" + line, new StatementRisk(StatementRisk.Kind.OTHER_DATABASE,
                        "names a second database " + name + " (the dump's is " + databases.get(0) + ", loaded into "
                                + target + ")"), "USE or CREATE DATABASE " + name));
            }
        }

        @Override
        public void statement(byte[] buf, int off, int len, SourcePosition at) {
            StatementRisk risk = StatementRisk.of(buf, off, len, target);
            if (risk == null) {
                StatementInfo info = StatementInfo.of(buf, off, len);
                boolean object = info.isSchema() && info.kind() != StatementInfo.Kind.CREATE_DATABASE
                        && info.kind() != StatementInfo.Kind.DROP_DATABASE;
                boolean database = info.kind() == StatementInfo.Kind.USE
                        || info.kind() == StatementInfo.Kind.CREATE_DATABASE
                        || info.kind() == StatementInfo.Kind.DROP_DATABASE;
                if (database && info.schema() != null && SYSTEM.contains(info.schema().toLowerCase(Locale.ROOT))) {
                    risk = new StatementRisk(StatementRisk.Kind.OTHER_DATABASE, "names the system database "
                            + info.schema());
                } else if (database && info.kind() != StatementInfo.Kind.DROP_DATABASE) {
                    database(info.schema(), at.line());
                } else if (object && info.schema() != null && !info.schema().equalsIgnoreCase(target)) {
                    risk = new StatementRisk(StatementRisk.Kind.OTHER_DATABASE, "names database " + info.schema()
                            + " (not " + target + ")");
                }
            }
            if (risk != null) {
                String text = new String(buf, off, Math.min(len, 120), StandardCharsets.UTF_8)
                        .replaceAll("\\s+", " ");
                out.add(new Refusal(source + ":" + at.line(), risk, text + (len > 120 ? " ..." : "")));
            }
        }

        @Override
        public void insertStart(InsertHeader header, SourcePosition at) {
            // rows: the feed redirects their database to the target
        }

        @Override
        public void tuple(byte[] buf, int off, int len, long line, long byteOffset) {
        }

        @Override
        public void insertEnd() {
        }
    }
}
