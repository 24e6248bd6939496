package dev.packload.loader.write;

import dev.packload.formats.sql.SqlWords;
import dev.packload.formats.sql.InsertHeader;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The fixed parts of a multi-row INSERT for one target: {@code INSERT IGNORE INTO `db`.`t` (`a`,`b`) VALUES } before
 * the tuples and, for {@code --on-duplicate update}, {@code ON DUPLICATE KEY UPDATE ...} after them.
 */
public record InsertShape(InsertHeader.Verb verb, String target, byte[] prefix, byte[] suffix) {

    public static InsertShape of(InsertHeader.Verb verb, String quotedTarget, List<String> updateColumns) {
        byte[] prefix = (verb.sql() + " INTO " + quotedTarget + " VALUES ").getBytes(StandardCharsets.UTF_8);
        byte[] suffix = new byte[0];
        if (updateColumns != null) {
            StringBuilder sb = new StringBuilder(" ON DUPLICATE KEY UPDATE ");
            for (int i = 0; i < updateColumns.size(); i++) {
                String q = SqlWords.quoteIdentifier(updateColumns.get(i));
                sb.append(i == 0 ? "" : ",").append(q).append("=VALUES(").append(q).append(')');
            }
            suffix = sb.toString().getBytes(StandardCharsets.UTF_8);
        }
        return new InsertShape(verb, quotedTarget, prefix, suffix);
    }

    public String suffixText() {
        return new String(suffix, StandardCharsets.UTF_8);
    }
}
