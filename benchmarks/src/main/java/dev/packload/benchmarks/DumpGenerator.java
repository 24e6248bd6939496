package dev.packload.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes a deterministic mysqldump-style dump of one {@code orders} table, exactly {@code size} bytes long, so a
 * benchmark that reads it whole can report MiB/s through {@code @OperationsPerInvocation}.
 *
 * <pre>
 * header (SET ..., DROP TABLE, CREATE TABLE, LOCK TABLES, ALTER TABLE ... DISABLE KEYS)
 * INSERT INTO `t` VALUES (...),(...),...;      one line per ~1 MiB (mysqldump's net_buffer_length), or
 * INSERT INTO `t` VALUES (...);                one per row with --skip-extended-insert
 * -- padding to the exact size
 * trailer (ALTER TABLE ... ENABLE KEYS, UNLOCK TABLES, SET ...)
 * </pre>
 *
 * Rows are narrow, about 130 bytes: three ints, a quoted name with escapes ({@code \'}, {@code \"}) and UTF-8, an
 * e-mail address, two decimals (one signed, one sometimes NULL), a datetime, a short status and a short note with
 * escapes ({@code \n}, {@code \\}) or NULL. {@link Shape#HEX_BLOB} adds a {@code BINARY(16)} and a
 * {@code VARBINARY} column written as {@code 0x...} literals, as {@code --hex-blob} does (about 200 bytes a row).
 */
final class DumpGenerator {

    /** How a dump lays out its rows. */
    enum Shape {
        /** Extended INSERTs of about 1 MiB, mysqldump's default. */
        EXTENDED,
        /** As EXTENDED with two binary columns written as {@code 0x} hex literals ({@code --hex-blob}). */
        HEX_BLOB,
        /** One INSERT per row ({@code --skip-extended-insert}). */
        SKIP_EXTENDED
    }

    /** A generated dump: its bytes, the number of VALUES tuples, and their total bytes (parentheses included). */
    record Dump(Shape shape, byte[] bytes, long rows, long tupleBytes) {
        @Override
        public String toString() {
            return shape + ": " + bytes.length + " bytes, " + rows + " rows, " + tupleBytes / Math.max(1, rows)
                    + " bytes a row on average";
        }
    }

    /** mysqldump's default {@code --net-buffer-length}: an extended INSERT line stays below this. */
    static final int NET_BUFFER_LENGTH = 1046528;

    static final long SEED = 0x5EED_DA7AL;

    static final String[] FIRST = {"Mary", "José", "Siobhán", "Łukasz", "Anne-Marie", "Jean \"JJ\"",
        "Zoë", "Ahmed", "Björn", "Chloé", "David", "Emma", "Grace", "Hiro", "Ivan", "Kai", "Li", "Nora", "Omar",
        "Priya", "Quinn", "Rosa", "Sven", "Tomás", "Yusuf"};
    static final String[] LAST = {"O'Brien", "D'Angelo", "Müller", "Smith", "Nguyen", "García-López",
        "van der Berg", "Kowalski", "Johansson", "Dubois", "Yamada", "O'Neil", "Schröder", "Rossi", "Fernández",
        "Ivanov", "Chen", "Singh", "Brown", "Taylor", "Wilson", "Novák", "Papadopoulos", "Kim", "Okafor"};
    static final String[] EMAIL_USER = {"mary.obrien", "jose", "s.murphy", "lukasz.k", "am.dubois", "zoe",
        "ahmed.h", "bjorn", "chloe.m", "david", "emma.w", "grace", "hiro.y", "ivan", "kai", "li.chen"};
    static final String[] EMAIL_DOMAIN = {"example.com", "mail.example.org", "example.net", "shop.example.co.uk"};
    static final String[] STATUS = {"new", "paid", "shipped", "delivered", "returned", "cancelled"};
    static final String[] NOTE = {"leave at door", "gift wrap, \"fragile\"", "call before\ndelivery",
        "path C:\\orders\\in", "2nd floor; ring twice", "customer's own courier", "no plastic please",
        "deliver after 18:00", "use side entrance", "back-ordered item"};

    private static final byte[] HEADER = ascii("""
            -- MySQL dump 10.13  Distrib 8.4.0, for Linux (x86_64)
            --
            -- Host: 127.0.0.1    Database: bench
            -- ------------------------------------------------------
            -- Server version\t8.4.0

            /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
            /*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
            /*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
            /*!50503 SET NAMES utf8mb4 */;
            /*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
            /*!40103 SET TIME_ZONE='+00:00' */;
            /*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
            /*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
            /*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
            /*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

            --
            -- Table structure for table `t`
            --

            DROP TABLE IF EXISTS `t`;
            /*!40101 SET @saved_cs_client     = @@character_set_client */;
            /*!50503 SET character_set_client = utf8mb4 */;
            CREATE TABLE `t` (
              `id` int NOT NULL AUTO_INCREMENT,
              `customer_id` int NOT NULL,
              `name` varchar(64) NOT NULL,
              `email` varchar(190) NOT NULL,
              `qty` smallint NOT NULL,
              `amount` decimal(12,2) NOT NULL,
              `discount` decimal(6,2) DEFAULT NULL,
              `created_at` datetime NOT NULL,
              `status` varchar(16) NOT NULL,
              `note` varchar(255) DEFAULT NULL,%s
              PRIMARY KEY (`id`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
            /*!40101 SET character_set_client = @saved_cs_client */;

            --
            -- Dumping data for table `t`
            --

            LOCK TABLES `t` WRITE;
            /*!40000 ALTER TABLE `t` DISABLE KEYS */;
            """);

    private static final String HEX_COLUMNS = """

              `digest` binary(16) NOT NULL,
              `payload` varbinary(255) DEFAULT NULL,""";

    private static final byte[] TRAILER = ascii("""
            /*!40000 ALTER TABLE `t` ENABLE KEYS */;
            UNLOCK TABLES;
            /*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

            /*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
            /*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
            /*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
            /*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
            /*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
            /*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
            /*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

            -- Dump completed on 2025-01-01 12:00:00
            """);

    private static final byte[] INSERT = ascii("INSERT INTO `t` VALUES ");
    private static final byte[] HEX_DIGITS = ascii("0123456789ABCDEF");

    private DumpGenerator() {
    }

    /** A dump of exactly {@code size} bytes, the same for the same arguments. */
    static Dump generate(Shape shape, int size) {
        SplittableRandom random = new SplittableRandom(SEED + shape.ordinal());
        Bytes out = new Bytes(size);
        out.append(ascii(new String(HEADER, StandardCharsets.US_ASCII)
                .replace("%s", shape == Shape.HEX_BLOB ? HEX_COLUMNS : "")));
        Bytes row = new Bytes(1024);
        long rows = 0;
        long tupleBytes = 0;
        int lineStart = -1; // start of the open extended INSERT, -1 when none is open
        int reserve = TRAILER.length + ";\n".length() + 64; // what must still fit after the next row
        for (long id = 1; ; id++) {
            row.length = 0;
            row(row, id, shape, random);
            if (lineStart >= 0 && out.length - lineStart + 1 + row.length + 2 > NET_BUFFER_LENGTH) {
                out.append(ascii(";\n"));
                lineStart = -1;
            }
            int cost = (lineStart < 0 ? INSERT.length : 1) + row.length;
            if (out.length + cost + reserve > size) {
                break;
            }
            if (lineStart < 0) {
                lineStart = out.length;
                out.append(INSERT);
            } else {
                out.append((byte) ',');
            }
            out.append(row.buf, 0, row.length);
            rows++;
            tupleBytes += row.length;
            if (shape == Shape.SKIP_EXTENDED) {
                out.append(ascii(";\n"));
                lineStart = -1;
            }
        }
        if (lineStart >= 0) {
            out.append(ascii(";\n"));
        }
        int pad = size - out.length - TRAILER.length;
        if (pad >= 4) { // "--" + blank + text + newline: a comment line of exactly pad bytes
            out.append(ascii("-- "));
            for (int i = 0; i < pad - 4; i++) {
                out.append((byte) '.');
            }
            out.append((byte) '\n');
        } else {
            for (int i = 0; i < pad; i++) {
                out.append((byte) '\n');
            }
        }
        out.append(TRAILER);
        if (out.length != size) {
            throw new IllegalStateException("generated " + out.length + " bytes instead of " + size);
        }
        byte[] bytes = out.buf.length == size ? out.buf : Arrays.copyOf(out.buf, size);
        return new Dump(shape, bytes, rows, tupleBytes);
    }

    private static void row(Bytes r, long id, Shape shape, SplittableRandom random) {
        r.append((byte) '(');
        r.decimal(id);
        r.append((byte) ',');
        r.decimal(1 + random.nextInt(99_999));
        r.append((byte) ',');
        String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
        if (random.nextInt(4) == 0) {
            name = name + "-" + LAST[random.nextInt(LAST.length)];
        }
        r.quoted(name);
        r.append((byte) ',');
        r.quoted(EMAIL_USER[random.nextInt(EMAIL_USER.length)] + random.nextInt(100_000) + "@"
                + EMAIL_DOMAIN[random.nextInt(EMAIL_DOMAIN.length)]);
        r.append((byte) ',');
        r.decimal(1 + random.nextInt(random.nextInt(10) == 0 ? 1000 : 10));
        r.append((byte) ',');
        r.decimal(random.nextInt(10_000_000));
        r.append((byte) '.');
        r.twoDigits(random.nextInt(100));
        r.append((byte) ',');
        int d = random.nextInt(5);
        if (d == 0) {
            r.append(ascii("NULL"));
        } else {
            if (d == 1) {
                r.append((byte) '-');
            }
            r.decimal(random.nextInt(100));
            r.append((byte) '.');
            r.twoDigits(random.nextInt(100));
        }
        r.append((byte) ',');
        r.append((byte) '\'');
        r.decimal(2015 + random.nextInt(10));
        r.append((byte) '-');
        r.twoDigits(1 + random.nextInt(12));
        r.append((byte) '-');
        r.twoDigits(1 + random.nextInt(28));
        r.append((byte) ' ');
        r.twoDigits(random.nextInt(24));
        r.append((byte) ':');
        r.twoDigits(random.nextInt(60));
        r.append((byte) ':');
        r.twoDigits(random.nextInt(60));
        r.append((byte) '\'');
        r.append((byte) ',');
        r.quoted(STATUS[random.nextInt(STATUS.length)]);
        r.append((byte) ',');
        int n = random.nextInt(3);
        if (n == 0) {
            r.append(ascii("NULL"));
        } else {
            r.quoted(NOTE[random.nextInt(NOTE.length)] + (n == 1 ? "" : " #" + random.nextInt(1000)));
        }
        if (shape == Shape.HEX_BLOB) {
            r.append((byte) ',');
            r.hex(random, 16);
            r.append((byte) ',');
            int len = random.nextInt(10);
            if (len == 0) {
                r.append(ascii("''")); // mysqldump --hex-blob writes an empty value as ''
            } else {
                r.hex(random, 4 * len);
            }
        }
        r.append((byte) ')');
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A growable byte array with the few formatting helpers the generator needs. */
    private static final class Bytes {
        byte[] buf;
        int length;

        Bytes(int capacity) {
            buf = new byte[capacity];
        }

        void append(byte b) {
            ensure(1);
            buf[length++] = b;
        }

        void append(byte[] b) {
            append(b, 0, b.length);
        }

        void append(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, length, len);
            length += len;
        }

        void decimal(long v) {
            append(ascii(Long.toString(v)));
        }

        void twoDigits(int v) {
            append((byte) ('0' + v / 10));
            append((byte) ('0' + v % 10));
        }

        /** A string literal escaped the way mysqldump escapes it. */
        void quoted(String s) {
            append((byte) '\'');
            for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                switch (b) {
                    case 0 -> append(ascii("\\0"));
                    case '\n' -> append(ascii("\\n"));
                    case '\r' -> append(ascii("\\r"));
                    case 0x1a -> append(ascii("\\Z"));
                    case '\'', '"', '\\' -> {
                        append((byte) '\\');
                        append(b);
                    }
                    default -> append(b);
                }
            }
            append((byte) '\'');
        }

        void hex(SplittableRandom random, int bytes) {
            append((byte) '0');
            append((byte) 'x');
            for (int i = 0; i < bytes; i++) {
                int v = random.nextInt(256);
                append(HEX_DIGITS[v >> 4]);
                append(HEX_DIGITS[v & 0xF]);
            }
        }

        private void ensure(int n) {
            if (length + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + n));
            }
        }
    }
}
