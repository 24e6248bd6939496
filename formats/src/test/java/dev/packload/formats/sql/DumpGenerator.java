package dev.packload.formats.sql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes random but well-formed dump-like scripts and, as it goes, the exact events a correct scanner must
 * report (in {@link RecordingHandler}'s format). It mixes what makes dumps hard: strings full of quotes,
 * backslashes, delimiters, parentheses, comment markers, NUL and non-UTF-8 bytes; comments everywhere they may
 * stand; executable comments inside tuples; sql_mode switches to and from NO_BACKSLASH_ESCAPES; DELIMITER
 * blocks; inserts of every supported head shape.
 */
final class DumpGenerator {
    private static final byte[] ALPHABET = bytes("aZ09 ;,()'\"`\\\n\r\t*/-#!_%$");
    private static final String[] BLANKS = {" ", "\n", "\t", "\r\n", "  ", "-- c;'\n", "# c'(\n", "/* c;'\"( */",
        "--\n", "/*\n*/"};

    private final Random random;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<String> events = new ArrayList<>();
    private long line = 1;
    private String delimiter = ";";
    private boolean noBackslashEscapes;

    private DumpGenerator(long seed) {
        random = new Random(seed);
    }

    record Dump(byte[] input, List<String> events) {
    }

    static Dump generate(long seed, int pieces) {
        DumpGenerator g = new DumpGenerator(seed);
        for (int i = 0; i < pieces; i++) {
            g.piece(i == pieces - 1);
        }
        return new Dump(g.out.toByteArray(), g.events);
    }

    private void piece(boolean last) {
        blanks(true);
        int kind = random.nextInt(10);
        if (kind < 4) {
            insert(last);
        } else if (kind < 7) {
            statement(last);
        } else if (kind == 7) {
            sqlMode(last);
        } else if (kind == 8) {
            delimiterBlock();
        } else {
            write("/*M!999999\\- enable the sandbox mode */ \n");
        }
    }

    private void statement(boolean last) {
        long at = out.size();
        long atLine = line;
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        switch (random.nextInt(5)) {
            case 0 -> append(text, "SELECT ", literal(), ", ", literal());
            case 1 -> append(text, "/*!40101 SET @a = ", literal(), " */");
            case 2 -> append(text, "CREATE TABLE `t``;` (\n  `a` text DEFAULT ", literal(), " /* c; */ -- x;\n) ENGINE=InnoDB");
            case 3 -> append(text, "INSERT INTO t SELECT ", literal(), " FROM u");
            default -> append(text, "INSERT INTO t VALUES (", literal(), ") ON DUPLICATE KEY UPDATE a = 1");
        }
        byte[] b = text.toByteArray();
        write(b);
        expectStatement(atLine, at, b);
        end(last);
    }

    private void sqlMode(boolean last) {
        long at = out.size();
        long atLine = line;
        boolean on = random.nextBoolean();
        String s = on ? "SET sql_mode = 'NO_BACKSLASH_ESCAPES,STRICT_ALL_TABLES'"
                : "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */";
        write(s);
        expectStatement(atLine, at, bytes(s));
        end(last);
        noBackslashEscapes = on;
    }

    private void delimiterBlock() {
        String d = random.nextBoolean() ? ";;" : "$$";
        write("DELIMITER " + d + "\n");
        delimiter = d;
        blanks(true);
        long at = out.size();
        long atLine = line;
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        append(text, "/*!50003 CREATE*/ /*!50003 TRIGGER x BEFORE INSERT ON t FOR EACH ROW BEGIN\n  SET @a = ",
                literal(), ";\n  INSERT INTO u VALUES (1);\nEND */");
        byte[] b = text.toByteArray();
        write(b);
        expectStatement(atLine, at, b);
        write(d);
        blanks(true);
        write("DELIMITER ;\n");
        delimiter = ";";
    }

    private void insert(boolean last) {
        long at = out.size();
        long atLine = line;
        String[][] heads = {
            {"INSERT INTO `t` VALUES", "INSERT `t`"},
            {"INSERT  IGNORE INTO `d`.`t` (`a`, `b`) VALUES", "INSERT_IGNORE `d`.`t` (`a`,`b`)"},
            {"REPLACE INTO t VALUE", "REPLACE `t`"},
            {"insert /* c */ into\nd.`x``y` -- c\n(a,\n`b c`)values", "INSERT `d`.`x``y` (`a`,`b c`)"},
        };
        String[] head = heads[random.nextInt(heads.length)];
        write(head[0]);
        events.add("insert " + atLine + ":" + at + " " + head[1]);
        blanks(false);
        int tuples = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 8);
        for (int t = 0; t < tuples; t++) {
            if (t > 0) {
                blanks(false);
                write(",");
                blanks(false);
            }
            long tupleAt = out.size();
            long tupleLine = line;
            ByteArrayOutputStream tuple = new ByteArrayOutputStream();
            append(tuple, "(");
            int values = 1 + random.nextInt(5);
            for (int v = 0; v < values; v++) {
                if (v > 0) {
                    append(tuple, ",");
                }
                switch (random.nextInt(6)) {
                    case 0 -> append(tuple, String.valueOf(random.nextInt()));
                    case 1 -> append(tuple, "NULL");
                    case 2 -> append(tuple, "(1+(2*3))");
                    case 3 -> append(tuple, "/*!50705 0xABCD,*/ 'x'");
                    default -> append(tuple, literal());
                }
            }
            append(tuple, ")");
            byte[] b = tuple.toByteArray();
            write(b);
            events.add("tuple " + tupleLine + ":" + tupleAt + " " + RecordingHandler.escape(b, 0, b.length));
        }
        events.add("end");
        if (random.nextBoolean()) {
            blanks(false);
        }
        end(last);
    }

    /** The delimiter, or (for the last piece, sometimes) nothing: the client runs a final statement anyway. */
    private void end(boolean last) {
        if (!last || random.nextBoolean()) {
            write(delimiter);
        }
    }

    private void blanks(boolean statementStart) {
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String b = BLANKS[random.nextInt(BLANKS.length)];
            if (!statementStart && b.equals("--\n")) {
                b = "-- \n";
            }
            write(b);
        }
    }

    /** A string literal, escaped for the current sql_mode. */
    private byte[] literal() {
        byte q = random.nextBoolean() ? (byte) '\'' : (byte) '"';
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(q);
        int n = random.nextInt(random.nextInt(20) == 0 ? 3000 : 30);
        for (int i = 0; i < n; i++) {
            int r = random.nextInt(10);
            byte c = r < 7 ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) random.nextInt(256);
            if (c == q) {
                if (noBackslashEscapes || random.nextBoolean()) {
                    s.write(q);
                } else {
                    s.write('\\');
                }
            } else if (c == '\\' && !noBackslashEscapes || !noBackslashEscapes && random.nextInt(8) == 0) {
                s.write('\\'); // \x for any byte x is a valid escape
            }
            s.write(c);
        }
        s.write(q);
        return s.toByteArray();
    }

    private void expectStatement(long atLine, long at, byte[] text) {
        int len = text.length;
        while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\n' || text[len - 1] == '\r'
                || text[len - 1] == '\t')) {
            len--;
        }
        events.add("statement " + atLine + ":" + at + " " + RecordingHandler.escape(text, 0, len));
    }

    private void write(String s) {
        write(bytes(s));
    }

    private void write(byte[] b) {
        for (byte x : b) {
            if (x == '\n') {
                line++;
            }
        }
        out.writeBytes(b);
    }

    private static void append(ByteArrayOutputStream to, Object... parts) {
        for (Object p : parts) {
            to.writeBytes(p instanceof byte[] b ? b : bytes((String) p));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
