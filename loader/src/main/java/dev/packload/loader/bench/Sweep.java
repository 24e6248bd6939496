package dev.packload.loader.bench;

import dev.packload.loader.write.PacketBudget;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code --sweep NAME=V1,V2,...}: the variants a bench run measures side by side, on the same data and fresh tables
 * each. {@code threads=1,2,4}, {@code statement-bytes=64K,1M,16M} (sizes take K, M and G, powers of 1024) or
 * {@code prepared-rows=0,256,1024} (0: every INSERT as text).
 *
 * @param parameter what varies
 * @param values    its values, in the order given
 */
public record Sweep(Parameter parameter, List<Long> values) {

    public enum Parameter {
        THREADS("threads"),
        STATEMENT_BYTES("statement-bytes"),
        PREPARED_ROWS("prepared-rows");

        private final String option;

        Parameter(String option) {
            this.option = option;
        }

        /** The name as written on the command line. */
        public String option() {
            return option;
        }
    }

    public Sweep {
        values = List.copyOf(values);
    }

    /**
     * Reads a sweep.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Sweep parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("--sweep takes NAME=V1,V2,..., e.g. threads=1,2,4, "
                    + "statement-bytes=64K,1M,16M or prepared-rows=0,1024, not '" + spec + "'");
        }
        String name = spec.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        Parameter parameter = switch (name) {
            case "threads" -> Parameter.THREADS;
            case "statement-bytes", "max-statement-bytes" -> Parameter.STATEMENT_BYTES;
            case "prepared-rows" -> Parameter.PREPARED_ROWS;
            default -> throw new IllegalArgumentException("--sweep can vary threads, statement-bytes or prepared-rows, not '"
                    + spec.substring(0, eq).trim() + "'");
        };
        Set<Long> values = new LinkedHashSet<>();
        for (String v : spec.substring(eq + 1).split(",", -1)) {
            String t = v.trim();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("--sweep " + name + ": empty value in '" + spec + "'");
            }
            long n = switch (parameter) {
                case THREADS -> threads(t);
                case STATEMENT_BYTES -> statementBytes(t);
                case PREPARED_ROWS -> preparedRows(t);
            };
            if (!values.add(n)) {
                throw new IllegalArgumentException("--sweep " + name + ": " + t + " is listed twice");
            }
        }
        return new Sweep(parameter, new ArrayList<>(values));
    }

    /** The variants: the swept value replaces {@code threads}, {@code maxStatementBytes} or the prepared rows. */
    public List<Variant> variants(int threads, long maxStatementBytes) {
        List<Variant> out = new ArrayList<>();
        for (long v : values) {
            out.add(switch (parameter) {
                case THREADS -> new Variant(label(v), (int) v, maxStatementBytes);
                case STATEMENT_BYTES -> new Variant(label(v), threads, v);
                case PREPARED_ROWS -> new Variant(label(v), threads, maxStatementBytes, (int) v);
            });
        }
        return out;
    }

    /** {@code threads=2}, {@code statement-bytes=64K}. */
    public String label(long value) {
        return parameter.option() + "=" + (parameter == Parameter.STATEMENT_BYTES ? size(value) : Long.toString(value));
    }

    /** A size as the user would write it: 65536 → 64K, 16777216 → 16M, 5000 → 5000. */
    public static String size(long bytes) {
        String[] units = {"G", "M", "K"};
        int[] shifts = {30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes >= unit && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return Long.toString(bytes);
    }

    private static long threads(String t) {
        return wholeNumber(t, "threads", 1, 256);
    }

    private static long preparedRows(String t) {
        return wholeNumber(t, "prepared-rows", 0, 65535);
    }

    private static long wholeNumber(String t, String name, long min, long max) {
        long n;
        try {
            n = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--sweep " + name + ": not a number: '" + t + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("--sweep " + name + ": each value must be between " + min + " and "
                    + max + ", got " + t);
        }
        return n;
    }

    private static long statementBytes(String t) {
        long n = parseSize(t);
        if (n < PacketBudget.MIN_STATEMENT_BYTES || n > 1L << 30) {
            throw new IllegalArgumentException("--sweep statement-bytes: each value must be between 4K and 1G, got " + t);
        }
        return n;
    }

    /** {@code 1048576}, {@code 64K}, {@code 16M}, {@code 1G} (powers of 1024), as the size options read them. */
    static long parseSize(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (v.endsWith("IB")) {
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("B")) {
            v = v.substring(0, v.length() - 1);
        }
        int shift = 0;
        if (!v.isEmpty()) {
            switch (v.charAt(v.length() - 1)) {
                case 'K' -> shift = 10;
                case 'M' -> shift = 20;
                case 'G' -> shift = 30;
                default -> shift = 0;
            }
        }
        if (shift > 0) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, 1L << shift);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a size: '" + value + "' (use bytes, or a number with K, M or G)");
        }
    }
}
