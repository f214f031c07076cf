package org.jmixed.inference.interval;

import java.util.List;

import org.jmixed.inference.simstats.TextTable;

/**
 * Confidence intervals of a model's parameters, in lme4's order ({@code .sig01 ...}, {@code .sigma},
 * then the fixed effects; only those asked for), with the profile traces when the method profiles.
 *
 * @param method      {@code profile} or {@code Wald}
 * @param level       the confidence level, e.g. 0.95
 * @param formula     the model
 * @param reml        whether the model was fitted by REML (profiles use its ML refit, as lme4 does)
 * @param intervals   one per parameter asked for
 * @param traces      for profiles, one per parameter profiled; empty for Wald
 * @param messages    notes on the whole computation
 * @param evaluations factorizations of the model the profiles took: deviance evaluations, and one
 *                    per trace point for the other parameters' values there (0 for Wald; the ML
 *                    refit's own are not counted)
 * @param seconds     wall time of the ML refit and the profiles (0 for Wald)
 */
public record IntervalTable(String method, double level, String formula, boolean reml, List<Interval> intervals,
                            List<ProfileTrace> traces, List<String> messages, int evaluations, double seconds) {
    public IntervalTable {
        intervals = List.copyOf(intervals);
        traces = List.copyOf(traces);
        messages = List.copyOf(messages);
    }

    /** The row of a parameter, by lme4's name. */
    public Interval interval(String name) {
        for (Interval i : intervals) {
            if (i.name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no interval for '" + name + "'");
    }

    /** Column headings as R prints them, e.g. {@code 2.5 %} and {@code 97.5 %}. */
    public String[] percentLabels() {
        double a = (1 - level) / 2;
        return new String[] {percent(a), percent(1 - a)};
    }

    private static String percent(double p) {
        // R's format.perc: three significant digits, trailing zeros dropped.
        return TextTable.significant(100 * p, 3) + " %";
    }
}
