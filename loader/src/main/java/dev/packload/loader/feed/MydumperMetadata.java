package dev.packload.loader.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mydumper directory's {@code metadata} file. mydumper 1.0 writes an INI file (GLib key file): {@code [config]}
 * (twice, merged here), {@code [myloader_session_variables]}, one group per table or view keyed by the file-name form
 * of its names in backquotes ({@code [`mydumper_0`.`mydumper_1`]}, with {@code real_table_name} and {@code rows}),
 * and one per database keyed by its real name. mydumper 0.10 writes lines of text ({@code Started dump at: ...}),
 * which hold nothing a loader needs: {@link #ini()} is false then.
 *
 * @param ini              whether the file is 1.0's INI format
 * @param sessionVariables {@code [myloader_session_variables]} in file order, values as written but for the
 *                         {@code /*!40101} mydumper leaves after the SQL_MODE value
 * @param tables           per table or view group, by its file-name form {@code dbFile.tableFile}
 * @param config           the {@code [config]} groups, merged
 */
record MydumperMetadata(boolean ini, Map<String, String> sessionVariables, Map<String, Table> tables,
                        Map<String, String> config) {

    /** A table's group: its real name, the rows mydumper dumped (-1 when not said), whether it is a view. */
    record Table(String fileDatabase, String fileTable, String realName, long rows, boolean view) {
    }

    static MydumperMetadata none() {
        return new MydumperMetadata(false, Map.of(), Map.of(), Map.of());
    }

    static MydumperMetadata read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        boolean ini = lines.stream().map(String::trim).anyMatch(l -> l.startsWith("[") && l.endsWith("]"));
        if (!ini) {
            return none();
        }
        Map<String, String> session = new LinkedHashMap<>();
        Map<String, Table> tables = new LinkedHashMap<>();
        Map<String, String> config = new LinkedHashMap<>();
        String group = null;
        Map<String, String> keys = new LinkedHashMap<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            String l = raw.trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("[") && l.endsWith("]")) {
                close(file, group, keys, session, tables, config);
                group = l.substring(1, l.length() - 1);
                keys = new LinkedHashMap<>();
                continue;
            }
            int eq = l.indexOf('=');
            if (eq < 0 || group == null) {
                throw new IOException(file + ":" + n + ": not a line of mydumper's metadata (no [group] or key=value): "
                        + raw);
            }
            keys.put(l.substring(0, eq).trim(), l.substring(eq + 1).trim());
        }
        close(file, group, keys, session, tables, config);
        return new MydumperMetadata(true, java.util.Collections.unmodifiableMap(session), Map.copyOf(tables),
                Map.copyOf(config));
    }

    private static void close(Path file, String group, Map<String, String> keys, Map<String, String> session,
                              Map<String, Table> tables, Map<String, String> config) throws IOException {
        if (group == null) {
            return;
        }
        if (group.equals("config")) {
            config.putAll(keys);
            return;
        }
        if (group.equals("myloader_session_variables")) {
            keys.forEach((k, v) -> session.put(k, v.replaceFirst("\\s*/\\*!\\d*\\s*$", "")));
            return;
        }
        if (!group.startsWith("`")) {
            return; // config, source, replication
        }
        List<String> names = names(group);
        if (names == null) {
            throw new IOException(file + ": a group name mydumper does not write: [" + group + "]");
        }
        if (names.size() != 2) {
            return; // a database's group: checksums only
        }
        String rows = keys.get("rows");
        long count;
        try {
            count = rows == null ? -1 : Long.parseLong(rows);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": [" + group + "] rows is not a number: " + rows, e);
        }
        String real = keys.getOrDefault("real_table_name", names.get(1)).replace("``", "`");
        tables.put(names.get(0) + "." + names.get(1), new Table(names.get(0), names.get(1), real, count,
                "1".equals(keys.get("is_view"))));
    }

    /** {@code `a`.`b`} or {@code `a`} as its names (doubled backquotes undone), or null when it is neither. */
    static List<String> names(String group) {
        List<String> out = new ArrayList<>();
        int p = 0;
        while (p < group.length()) {
            if (group.charAt(p) != '`') {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            p++;
            while (true) {
                if (p >= group.length()) {
                    return null;
                }
                char c = group.charAt(p++);
                if (c == '`') {
                    if (p < group.length() && group.charAt(p) == '`') {
                        sb.append('`');
                        p++;
                        continue;
                    }
                    break;
                }
                sb.append(c);
            }
            out.add(sb.toString());
            if (p < group.length()) {
                if (group.charAt(p) != '.') {
                    return null;
                }
                p++;
            }
        }
        return out.isEmpty() || out.size() > 2 ? null : out;
    }
}
