package dev.packload.loader.cli;

import picocli.CommandLine;

import java.util.Locale;

/** Reads sizes such as {@code 1048576}, {@code 512K}, {@code 16M}, {@code 1G} (powers of 1024). */
final class ByteSizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (v.endsWith("B")) {
            v = v.substring(0, v.length() - 1);
        }
        if (v.endsWith("IB")) {
            v = v.substring(0, v.length() - 2);
        }
        if (!v.isEmpty()) {
            char last = v.charAt(v.length() - 1);
            switch (last) {
                case 'K' -> unit = 1L << 10;
                case 'M' -> unit = 1L << 20;
                case 'G' -> unit = 1L << 30;
                default -> unit = 1;
            }
            if (unit > 1) {
                v = v.substring(0, v.length() - 1);
            }
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new CommandLine.TypeConversionException("a size can't be negative: " + value);
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CommandLine.TypeConversionException("not a size: '" + value + "' (use bytes, or a number with K, M or G)");
        }
    }
}
