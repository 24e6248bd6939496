package dev.packload.loader.bench;

import dev.packload.loader.write.PacketBudget;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code --sweep NAME=V1,V2,...}: the variants a bench run measures side by side, on the same data and fresh tables
 * each. {@code threads=1,2,4} or {@code statement-bytes=64K,1M,16M} (sizes take K, M and G, powers of 1024).
 *
 * @param parameter what varies
 * @param values    its values, in the order given
 */
public record Sweep(Parameter parameter, List<Long> values) {

    public enum Parameter {
        THREADS("threads"),
        STATEMENT_BYTES("statement-bytes");

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
            throw new IllegalArgumentException("--sweep takes NAME=V1,V2,..., e.g. threads=1,2,4 or "
                    + "statement-bytes=64K,1M,16M, not '" + spec + "'");
        }
        String name = spec.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        Parameter parameter = switch (name) {
            case "threads" -> Parameter.THREADS;
            case "statement-bytes", "max-statement-bytes" -> Parameter.STATEMENT_BYTES;
            default -> throw new IllegalArgumentException("--sweep can vary threads or statement-bytes, not '"
                    + spec.substring(0, eq).trim() + "'");
        };
        Set<Long> values = new LinkedHashSet<>();
        for (String v : spec.substring(eq + 1).split(",", -1)) {
            String t = v.trim();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("--sweep " + name + ": empty value in '" + spec + "'");
            }
            long n = parameter == Parameter.THREADS ? threads(t) : statementBytes(t);
            if (!values.add(n)) {
                throw new IllegalArgumentException("--sweep " + name + ": " + t + " is listed twice");
            }
        }
        return new Sweep(parameter, new ArrayList<>(values));
    }

    /** The variants: the swept value replaces {@code threads} or {@code maxStatementBytes}. */
    public List<Variant> variants(int threads, long maxStatementBytes) {
        List<Variant> out = new ArrayList<>();
        for (long v : values) {
            out.add(parameter == Parameter.THREADS
                    ? new Variant(label(v), (int) v, maxStatementBytes)
                    : new Variant(label(v), threads, v));
        }
        return out;
    }

    /** {@code threads=2}, {@code statement-bytes=64K}. */
    public String label(long value) {
        return parameter.option() + "=" + (parameter == Parameter.THREADS ? Long.toString(value) : size(value));
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
        long n;
        try {
            n = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--sweep threads: not a number: '" + t + "'");
        }
        if (n < 1 || n > 256) {
            throw new IllegalArgumentException("--sweep threads: each value must be between 1 and 256, got " + t);
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
