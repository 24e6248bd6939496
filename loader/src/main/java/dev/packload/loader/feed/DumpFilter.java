package dev.packload.loader.feed;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What of a dump to load: which tables ({@code --tables}, {@code --exclude-tables}), schema and/or data
 * ({@code --schema-only}, {@code --data-only}), and into which database ({@code --database} redirects the dump's
 * {@code USE} and {@code CREATE DATABASE}); and whether CREATE statements lose their DEFINER ({@code --skip-definer},
 * {@code --untrusted}).
 */
public record DumpFilter(List<String> tables, List<String> excludeTables, boolean schemaOnly, boolean dataOnly,
                         String targetDatabase, boolean skipDefiner) {

    public static final DumpFilter ALL = new DumpFilter(List.of(), List.of(), false, false, null);

    public DumpFilter(List<String> tables, List<String> excludeTables, boolean schemaOnly, boolean dataOnly,
                      String targetDatabase) {
        this(tables, excludeTables, schemaOnly, dataOnly, targetDatabase, false);
    }

    public DumpFilter {
        if (schemaOnly && dataOnly) {
            throw new IllegalArgumentException("--schema-only and --data-only exclude each other");
        }
        tables = List.copyOf(tables);
        excludeTables = List.copyOf(excludeTables);
    }

    /**
     * Whether a table takes part. Patterns are {@code name} or {@code db.name}, with {@code *} and {@code ?}
     * wildcards, compared case-insensitively; {@code schema} is the database the table is in, or null if unknown.
     */
    public boolean includes(String schema, String table) {
        if (table == null) {
            return true;
        }
        if (!tables.isEmpty() && tables.stream().noneMatch(p -> matches(p, schema, table))) {
            return false;
        }
        return excludeTables.stream().noneMatch(p -> matches(p, schema, table));
    }

    private static boolean matches(String pattern, String schema, String table) {
        int dot = pattern.indexOf('.');
        if (dot >= 0) {
            return schema != null && glob(pattern.substring(0, dot)).matcher(schema).matches()
                    && glob(pattern.substring(dot + 1)).matcher(table).matches();
        }
        return glob(pattern).matcher(table).matches();
    }

    private static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (char c : g.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    public boolean redirects() {
        return targetDatabase != null;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "tables=%s exclude=%s schemaOnly=%s dataOnly=%s database=%s skipDefiner=%s",
                tables, excludeTables, schemaOnly, dataOnly, targetDatabase, skipDefiner);
    }
}
