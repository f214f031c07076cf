package org.jmixed.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of a simple command: each takes one value ({@code --name value} or
 * {@code --name=value}), none may repeat, the required ones are checked in the order given. Usage errors are
 * {@link CliException}s naming the command.
 */
final class CommandOptions {
    private CommandOptions() {
    }

    /** Parsed values by option name, or null when help was asked for. */
    static Map<String, String> parse(String command, String[] args, int from, Set<String> known,
                                     List<String> required) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                return null;
            }
            String name = a;
            String value = null;
            if (a.startsWith("--") && a.indexOf('=') > 0) {
                name = a.substring(0, a.indexOf('='));
                value = a.substring(a.indexOf('=') + 1);
            }
            if (!known.contains(name)) {
                throw new CliException("unknown option '" + a + "' for '" + command + "'; try 'jmixed " + command
                        + " --help'");
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new CliException("option " + name + " needs a value");
                }
                value = args[++i];
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
        return values;
    }
}
