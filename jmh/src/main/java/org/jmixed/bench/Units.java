package org.jmixed.bench;

import java.util.Map;

/** JMH's score units: conversion between time units and readable formatting. */
final class Units {
    private static final Map<String, Double> SECONDS = Map.of("ns", 1e-9, "us", 1e-6, "ms", 1e-3, "s", 1.0,
            "min", 60.0);

    private Units() {
    }

    /**
     * The factor that turns a score in {@code from} into one in {@code to}, or NaN when they are
     * not the same kind of unit. Knows {@code T/op} and {@code ops/T} for T in ns, us, ms, s, min.
     */
    static double factor(String from, String to) {
        if (from.equals(to)) {
            return 1.0;
        }
        if (from.endsWith("/op") && to.endsWith("/op")) {
            Double f = SECONDS.get(from.substring(0, from.length() - 3));
            Double t = SECONDS.get(to.substring(0, to.length() - 3));
            return f == null || t == null ? Double.NaN : f / t;
        }
        if (from.startsWith("ops/") && to.startsWith("ops/")) {
            Double f = SECONDS.get(from.substring(4));
            Double t = SECONDS.get(to.substring(4));
            return f == null || t == null ? Double.NaN : t / f;
        }
        return Double.NaN;
    }

    /** A readable time per operation (e.g. {@code 2.14 µs}, {@code 15.1 ms}) from a score in {@code unit}. */
    static String time(double score, String unit) {
        double f = factor(unit, "s/op");
        if (Double.isNaN(f) || !Double.isFinite(score)) {
            return number(score) + " " + unit;
        }
        double s = score * f;
        double a = Math.abs(s);
        if (a >= 1) {
            return number(s) + " s";
        } else if (a >= 1e-3) {
            return number(s * 1e3) + " ms";
        } else if (a >= 1e-6) {
            return number(s * 1e6) + " µs";
        }
        return number(s * 1e9) + " ns";
    }

    /** Three significant digits, plain notation. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == 0 || !Double.isFinite(v)) {
            return Double.toString(v).replace(".0", "");
        }
        double a = Math.abs(v);
        int digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : Math.min(9, 2 - (int) Math.floor(Math.log10(a)));
        return String.format(java.util.Locale.ROOT, "%." + digits + "f", v);
    }

    /** Bytes per operation, readable. */
    static String bytes(double b) {
        if (Double.isNaN(b)) {
            return "-";
        }
        double a = Math.abs(b);
        if (a < 1024) {
            return String.format(java.util.Locale.ROOT, "%.0f B", b);
        } else if (a < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", b / 1024);
        } else if (a < 1024.0 * 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB", b / 1024 / 1024);
        }
        return String.format(java.util.Locale.ROOT, "%.2f GiB", b / 1024 / 1024 / 1024);
    }
}
