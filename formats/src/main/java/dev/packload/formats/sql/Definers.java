package dev.packload.formats.sql;

import java.util.List;

/**
 * Removes {@code DEFINER = user@host} from a CREATE statement, as myloader's {@code --skip-definer} does: the view,
 * trigger, routine or event is then defined by the account that loads it. Servers without SUPER (or SET USER) refuse a
 * definer other than the loading account, and an untrusted dump must not create objects that run with another
 * account's rights. {@code SQL SECURITY} stays as written.
 */
public final class Definers {
    private Definers() {
    }

    /**
     * The statement {@code b[off, off + len)} without its DEFINER clause, or null when it has none.
     *
     * @param noBackslashEscapes whether strings in it are read without backslash escapes
     */
    public static byte[] strip(byte[] b, int off, int len, boolean noBackslashEscapes) {
        List<SqlTokens.Token> t = SqlTokens.of(b, off, len, noBackslashEscapes);
        if (t.isEmpty() || !t.get(0).is("CREATE")) {
            return null;
        }
        for (int i = 1; i < t.size(); i++) {
            SqlTokens.Token x = t.get(i);
            if (x.is("AS") || x.is("BEGIN") || x.isPunct('(')) {
                return null; // the body: a DEFINER word there is not the clause
            }
            if (!x.is("DEFINER") || i + 2 >= t.size() || !t.get(i + 1).isPunct('=')) {
                continue;
            }
            int last = i + 2; // user, or CURRENT_USER
            if (t.get(last).is("CURRENT_USER")) {
                if (last + 2 < t.size() && t.get(last + 1).isPunct('(') && t.get(last + 2).isPunct(')')) {
                    last += 2;
                }
            } else if (last + 1 < t.size() && t.get(last + 1).type() == SqlTokens.Type.VARIABLE) {
                last += 1; // user@host: a user, and @host (or @ before a quoted host) read as a variable
            }
            if (last + 1 < t.size() && t.get(last).type() == SqlTokens.Type.VARIABLE
                    && t.get(last).text().equals("@") && t.get(last + 1).start() == t.get(last).end()) {
                last += 1; // `user`@`host`, 'user'@'host': the quoted host after the @
            }
            int from = x.start() - off;
            int to = t.get(last).end() - off;
            byte[] out = new byte[len - (to - from)];
            System.arraycopy(b, off, out, 0, from);
            System.arraycopy(b, off + to, out, from, len - to);
            return out;
        }
        return null;
    }
}
