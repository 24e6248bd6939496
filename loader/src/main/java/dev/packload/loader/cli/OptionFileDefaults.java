package dev.packload.loader.cli;

import dev.packload.loader.cli.optionfile.OptionFileException;
import dev.packload.loader.cli.optionfile.OptionLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Option-file values as picocli defaults of one command, so that an option given on the command line always wins: a
 * value from a file is used only for an option the command line leaves out. Among the files, the last line of a key
 * wins, whatever its group (the client's rule: file options go before the command line, later ones override).
 *
 * <p>Which keys count:
 * <ul>
 *   <li>{@code [client]} (and {@code [client<suffix>]}) is shared by every MySQL client program, so packload takes
 *       only {@link #CLIENT_KEYS} from it, where the command has that option, and leaves the rest (ssl-ca, protocol,
 *       ...) to the programs they are for, without a word;</li>
 *   <li>{@code [packload]} (and {@code [packload<suffix>]}) is packload's own: any long option of the command, by its
 *       name without dashes ({@code threads=4}, {@code reject-file=...}, {@code no-progress}); a key of another
 *       packload command only ({@code reject-file} for {@code inspect}) is left to that command, and a key no packload
 *       command has is an error naming file and line, as the client treats its own groups, unless written
 *       {@code loose-key}.</li>
 * </ul>
 * {@code _} and {@code -} are the same in a key, case does not matter. A bare key sets a switch; {@code key=1|0},
 * {@code on|off}, {@code true|false}, the client's {@code skip-}, {@code disable-} and {@code enable-} prefixes, and
 * {@code no-} of a negatable option ({@code no-header}) set or clear one. A bare {@code password} asks for the password at the terminal, as the client does.
 */
final class OptionFileDefaults implements CommandLine.IDefaultValueProvider {
    /** The [client] keys packload honours; each is also a packload option of the same name. */
    static final Set<String> CLIENT_KEYS = Set.of("host", "port", "socket", "user", "password", "database",
            "default-character-set", "max-allowed-packet");

    static final String MASK = "*****";

    /** An option's value from a file line (null: a bare {@code password}, asked for). */
    record Setting(OptionSpec option, String value, OptionLine line) {
        /**
         * As it would be written on the command line: a switch bare ({@code --no-header} when cleared), a password
         * masked, and bare when the password is to be asked for.
         */
        String argument() {
            if (value == null) {
                return option.longestName();
            }
            if (isSwitch(option)) {
                boolean on = Boolean.parseBoolean(value);
                return on ? option.longestName() : option.negatable() ? "--no-" + option.longestName().substring(2)
                        : option.longestName() + "=false";
            }
            return option.longestName() + "=" + (isPassword(option) ? MASK : value);
        }
    }

    private final Map<OptionSpec, Setting> effective = new LinkedHashMap<>();
    private final List<Setting> used = new ArrayList<>();
    private OptionLine askPassword;

    private OptionFileDefaults() {
    }

    /**
     * Resolves the lines against a command's options.
     *
     * @throws OptionFileException for an unknown key in a [packload] group, or a value a key can't take
     */
    static OptionFileDefaults of(CommandSpec spec, List<OptionLine> lines, Predicate<String> otherCommandHas) {
        OptionFileDefaults d = new OptionFileDefaults();
        for (OptionLine line : lines) {
            d.add(spec, line, otherCommandHas);
        }
        return d;
    }

    private void add(CommandSpec spec, OptionLine line, Predicate<String> otherCommandHas) {
        boolean client = line.group().toLowerCase(Locale.ROOT).startsWith("client");
        String key = line.key();
        boolean loose = key.startsWith("loose-");
        if (loose) {
            key = key.substring("loose-".length());
        }
        if (client && !CLIENT_KEYS.contains(key)) {
            return;
        }
        String value = line.value();
        OptionSpec option = usable(spec.findOption("--" + key));
        boolean negated = false;
        if (option == null) {
            for (String prefix : List.of("skip-", "disable-", "enable-", "no-")) {
                OptionSpec o = key.startsWith(prefix) ? usable(spec.findOption("--" + key.substring(prefix.length()))) : null;
                if (o != null && isSwitch(o) && (!prefix.equals("no-") || o.negatable())) {
                    option = o;
                    negated = !prefix.equals("enable-");
                }
            }
        }
        if (option == null) {
            if (client || loose || otherCommandHas.test(key)) {
                return;
            }
            throw new OptionFileException(line.origin() + ": packload has no option --" + key + " (from ["
                    + line.group() + "]); fix the key, or write loose-" + key + " to let other versions skip it");
        }
        if (isPassword(option) && value == null) {
            askPassword = line;
            effective.remove(option);
            used.add(new Setting(option, null, line));
            return;
        }
        if (isSwitch(option)) {
            value = String.valueOf(switchValue(line, value) != negated);
        } else if (value == null) {
            throw new OptionFileException(line.origin() + ": " + line.name() + " needs a value: " + line.name() + "=...");
        }
        if (isPassword(option)) {
            askPassword = null;
        }
        Setting s = new Setting(option, value, line);
        effective.put(option, s);
        used.add(s);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        Setting s = arg instanceof OptionSpec o ? effective.get(o) : null;
        return s == null ? null : s.value();
    }

    /** The file line an option's default came from, or null. */
    OptionLine origin(ArgSpec arg) {
        Setting s = arg instanceof OptionSpec o ? effective.get(o) : null;
        return s == null ? null : s.line();
    }

    /** A bare {@code password} line, when it is the last word of the files on the password: ask at the terminal. */
    OptionLine asksPassword() {
        return askPassword;
    }

    /** Every file option taken, in the order read (later ones override), as arguments; the password masked. */
    List<String> arguments() {
        List<String> args = new ArrayList<>();
        for (Setting s : used) {
            args.add(s.argument());
        }
        return args;
    }

    private static boolean switchValue(OptionLine line, String value) {
        if (value == null) {
            return true;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "on", "true" -> true;
            case "0", "off", "false" -> false;
            default -> throw new OptionFileException(line.origin() + ": " + line.name() + " is a switch: give no value, "
                    + "or 1/0, on/off, true/false, not '" + value + "'");
        };
    }

    private static OptionSpec usable(OptionSpec o) {
        return o == null || o.usageHelp() || o.versionHelp() ? null : o;
    }

    private static boolean isSwitch(OptionSpec o) {
        return o.arity().max() == 0;
    }

    static boolean isPassword(OptionSpec o) {
        return List.of(o.names()).contains("--password");
    }
}
