package org.jmixed.cli;

import java.util.Map;

/** Option values shared by the lmlist, moments and gibbs commands, checked with messages naming the option. */
final class SimStatsOptions {
    private SimStatsOptions() {
    }

    static boolean json(Map<String, String> v) {
        return CommandOptions.textOrJson(v.getOrDefault("--format", "text").trim());
    }

    static long whole(Map<String, String> v, String name, long dflt, long min) {
        String s = v.get(name);
        if (s == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(s.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException(name + " must be a whole number" + (min > Long.MIN_VALUE ? " ≥ " + min : "")
                + ", not '" + s + "'");
    }

    static double positive(Map<String, String> v, String name, double dflt) {
        String s = v.get(name);
        if (s == null) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(s.trim());
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException(name + " must be a positive number, not '" + s + "'");
    }
}
