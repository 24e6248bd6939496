package dev.packload.formats.sql;

/**
 * MySQL's backslash escapes, both ways, as one table.
 *
 * <p>Reading: after a backslash, {@code 0 b n r t Z} stand for NUL, backspace, LF, CR, tab and 0x1A, and any other
 * byte for itself. The server's SQL lexer and LOAD DATA ({@code READ_INFO::unescape}) agree on this; a string
 * literal alone keeps the backslash of {@code \%} and {@code \_} (LIKE wildcards), see {@link #unescapeLiteral}.
 *
 * <p>Writing: NUL, LF, CR, 0x1A, both quotes and the backslash get a backslash, as {@code mysqldump} and
 * {@code mysql_real_escape_string} write them; every other byte is written as it is.
 *
 * <p>Lookups are in two 256-byte tables: no branches per byte and no allocation, for the per-byte loops that use them.
 */
public final class MysqlEscapes {

    /** For each byte written after a backslash, the byte it stands for. */
    private static final byte[] UNESCAPE = new byte[256];
    /** For each byte, the byte written after a backslash in place of it, or 0 when it is written as it is. */
    private static final byte[] ESCAPE = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            UNESCAPE[i] = (byte) i;
        }
        letter(0, '0', true);
        letter('\b', 'b', false);
        letter('\n', 'n', true);
        letter('\r', 'r', true);
        letter('\t', 't', false);
        letter(0x1A, 'Z', true);
        ESCAPE['\''] = '\'';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
    }

    private static void letter(int value, char letter, boolean written) {
        UNESCAPE[letter] = (byte) value;
        if (written) {
            ESCAPE[value] = (byte) letter;
        }
    }

    private MysqlEscapes() {
    }

    /** The byte that {@code \e} stands for. */
    public static byte unescape(byte e) {
        return UNESCAPE[e & 0xFF];
    }

    /** The character that {@code \e} stands for (LOAD DATA's rule, read as characters). */
    public static char unescape(char e) {
        return e < 256 ? (char) (UNESCAPE[e] & 0xFF) : e;
    }

    /**
     * Writes what {@code \e} stands for inside a string literal to {@code out} at {@code o}: one byte, or two for
     * {@code \%} and {@code \_}, which keep their backslash. Returns the index after what it wrote.
     */
    public static int unescapeLiteral(byte e, byte[] out, int o) {
        if (e == '%' || e == '_') {
            out[o++] = '\\';
        }
        out[o] = UNESCAPE[e & 0xFF];
        return o + 1;
    }

    /** The byte written after a backslash in place of {@code c}, or 0 when {@code c} is written as it is. */
    public static byte escape(byte c) {
        return ESCAPE[c & 0xFF];
    }
}
