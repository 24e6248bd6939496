package dev.packload.loader.report;

import dev.packload.formats.sql.StatementRisk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The statements a trusted load ran that reach beyond loading data and objects (GRANT, SET GLOBAL, another
 * database...: {@link StatementRisk}): how many of each, and where the first was. The summary and the report list
 * them, so that what a dump did to the server is never silent. Thread-safe.
 */
public final class RiskyStatements {
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, String> first = new LinkedHashMap<>();

    public synchronized void add(StatementRisk risk, String at) {
        counts.computeIfAbsent(risk.what(), k -> new long[1])[0]++;
        first.putIfAbsent(risk.what(), at + " (" + risk.kind().description() + ")");
    }

    public synchronized boolean isEmpty() {
        return counts.isEmpty();
    }

    /** One line per kind: "3 × GRANT, first at dump.sql:12 (accounts and privileges)". */
    public synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        counts.forEach((what, n) -> out.add(String.format(Locale.ROOT, "%,d x %s, first at %s", n[0], what,
                first.get(what))));
        return out;
    }
}
