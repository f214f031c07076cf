package org.jmixed.cli;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of a command: value options ({@code --name value} or {@code --name=value}) and
 * flags ({@code --conditional}), none repeated, the required ones checked in the order given.
 * Usage errors are {@link CliException}s naming the command.
 */
final class CommandOptions {
    final Map<String, String> values;
    final Set<String> flags;

    private CommandOptions(Map<String, String> values, Set<String> flags) {
        this.values = values;
        this.flags = flags;
    }

    /** Value options only, blank values allowed: parsed values by option name, or null when help was asked for. */
    static Map<String, String> parse(String command, String[] args, int from, Set<String> known,
                                     List<String> required) {
        CommandOptions o = parse(command, args, from, known, Set.of(), required, false);
        return o == null ? null : o.values;
    }

    /** Value options and flags, blank values refused; null when help was asked for. */
    static CommandOptions parse(String command, String[] args, int from, Set<String> valueOptions,
                                Set<String> flagOptions, List<String> required) {
        return parse(command, args, from, valueOptions, flagOptions, required, true);
    }

    private static CommandOptions parse(String command, String[] args, int from, Set<String> valueOptions,
                                        Set<String> flagOptions, List<String> required, boolean refuseBlank) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                return null;
            }
            String name = optionName(a);
            String value = inlineValue(a);
            if (flagOptions.contains(name)) {
                if (value != null) {
                    throw new CliException("option " + name + " takes no value");
                }
                if (!flags.add(name)) {
                    throw new CliException("option " + name + " given twice");
                }
                continue;
            }
            if (!valueOptions.contains(name)) {
                throw new CliException("unknown option '" + a + "' for '" + command + "'; try 'jmixed " + command
                        + " --help'");
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new CliException("option " + name + " needs a value");
                }
                value = args[++i];
            }
            if (refuseBlank && value.isBlank()) {
                throw new CliException("option " + name + " needs a non-empty value");
            }
            if (values.put(name, value) != null) {
                throw new CliException("option " + name + " given twice");
            }
        }
        for (String r : required) {
            if (!values.containsKey(r)) {
                throw new CliException(command + " needs " + r + "; try 'jmixed " + command + " --help'");
            }
        }
        return new CommandOptions(values, flags);
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    String get(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    /** A whole number in [min, max]. */
    long number(String name, long otherwise, long min, long max) {
        String v = values.get(name);
        if (v == null) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException(name + " must be a whole number" + (min > Long.MIN_VALUE ? " of at least " + min : "")
                + ", not '" + v + "'");
    }

    /** The option an argument names: {@code --name} of {@code --name=value}, else the argument itself. */
    static String optionName(String arg) {
        return arg.startsWith("--") && arg.indexOf('=') > 0 ? arg.substring(0, arg.indexOf('=')) : arg;
    }

    /** The value given inline ({@code --name=value}), or null. */
    static String inlineValue(String arg) {
        return arg.startsWith("--") && arg.indexOf('=') > 0 ? arg.substring(arg.indexOf('=') + 1) : null;
    }

    /**
     * For commands that parse their options by hand: the value of option {@code name} at
     * {@code args[i]}, given inline ({@code --name=value}) or as the next argument, which the caller
     * then skips; a missing or blank value is a usage error.
     */
    static String valueAt(String name, String inline, String[] args, int i) {
        String v;
        if (inline != null) {
            v = inline;
        } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            v = args[i + 1];
        } else {
            throw new CliException("option " + name + " needs a value");
        }
        if (v.isBlank()) {
            throw new CliException("option " + name + " needs a non-empty value");
        }
        return v;
    }

    /** For commands that parse their options by hand: {@code value}, unless the option was given before. */
    static String once(String name, String previous, String value) {
        if (previous != null) {
            throw new CliException("option " + name + " given more than once");
        }
        return value;
    }

    /** The usage error for an argument that is none of {@code command}'s options. */
    static CliException notAnOption(String command, String arg) {
        String what = arg.startsWith("-") ? "unknown option" : "unexpected argument";
        return new CliException(what + " '" + arg + "' for '" + command + "'; try 'jmixed " + command + " --help'");
    }

    /**
     * A whole-number option value in [min, max], or {@code absent} when the option was not given
     * (for commands that parse their options by hand).
     */
    static long wholeNumber(String name, String v, long absent, long min, long max) {
        if (v == null) {
            return absent;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new CliException(name + " must be a whole number, not '" + v + "'");
        }
        if (n < min || n > max) {
            throw new CliException(name + " must be at least " + min + ", not " + v);
        }
        return n;
    }

    /** --format text|json: true for JSON. */
    boolean json() {
        return textOrJson(values.get("--format"));
    }

    /** A --format value of text (or none) or json: true for JSON. */
    static boolean textOrJson(String format) {
        if (format == null || format.equals("text")) {
            return false;
        }
        if (format.equals("json")) {
            return true;
        }
        throw new CliException("--format must be text or json, not '" + format + "'");
    }

    /** --ml / --reml, or the default when neither is given. */
    boolean reml(boolean otherwise) {
        if (has("--ml") && has("--reml")) {
            throw new CliException("options --ml and --reml exclude each other");
        }
        return has("--ml") ? false : has("--reml") || otherwise;
    }
}
