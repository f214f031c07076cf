package org.jmixed.inference.bootstrap;

import java.util.Arrays;
import java.util.List;

/**
 * The replicates of a parametric bootstrap: one row per replicate (by index, so that a seed gives
 * the same table whatever the number of threads), one column per quantity of
 * {@link ParameterLayout}, and the original estimates. A replicate whose refit failed is a row of
 * NaN and is left out of the summaries. Immutable.
 */
public final class BootstrapResult {
    /** lme4's isSingular() tolerance on diagonal θ. */
    static final double SINGULAR_TOLERANCE = 1e-4;

    private final List<String> names;
    private final double[] original;
    private final double[][] rows;
    private final BootstrapOptions options;
    private final boolean reml;
    private final int failed;
    private final int notConverged;
    private final int singular;
    private final double seconds;

    private BootstrapResult(List<String> names, double[] original, double[][] rows, BootstrapOptions options,
                            boolean reml, int failed, int notConverged, int singular, double seconds) {
        this.names = List.copyOf(names);
        this.original = original;
        this.rows = rows;
        this.options = options;
        this.reml = reml;
        this.failed = failed;
        this.notConverged = notConverged;
        this.singular = singular;
        this.seconds = seconds;
    }

    /**
     * @param rawRows  per replicate the values of {@code names} and a last entry, 1 when the
     *                 refit converged; all NaN when it failed
     * @param diagonal which θ (the first entries) are diagonal elements, for counting singular fits
     */
    static BootstrapResult of(List<String> names, double[] original, double[][] rawRows, BootstrapOptions options,
                              boolean reml, boolean[] diagonal, double seconds) {
        int width = names.size();
        double[][] rows = new double[rawRows.length][];
        int failed = 0;
        int notConverged = 0;
        int singular = 0;
        for (int i = 0; i < rawRows.length; i++) {
            double[] raw = rawRows[i];
            rows[i] = Arrays.copyOf(raw, width);
            if (Double.isNaN(raw[width])) {
                failed++;
                continue;
            }
            if (raw[width] == 0.0) {
                notConverged++;
            }
            for (int t = 0; t < diagonal.length; t++) {
                if (diagonal[t] && raw[t] < SINGULAR_TOLERANCE) {
                    singular++;
                    break;
                }
            }
        }
        return new BootstrapResult(names, original, rows, options, reml, failed, notConverged, singular, seconds);
    }

    public List<String> names() {
        return names;
    }

    /** Index of a quantity by name. */
    public int indexOf(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no quantity '" + name + "' (known: " + names + ")");
        }
        return i;
    }

    /** The original fit's value of each quantity. */
    public double[] original() {
        return original.clone();
    }

    public int replicates() {
        return rows.length;
    }

    /** Row i (replicate i), a copy. */
    public double[] replicate(int i) {
        return rows[i].clone();
    }

    /** The successful replicates' values of quantity j, in replicate order (NaN, e.g. an undefined correlation, left out). */
    public double[] column(int j) {
        double[] v = new double[rows.length];
        int m = 0;
        for (double[] row : rows) {
            if (!Double.isNaN(row[j])) {
                v[m++] = row[j];
            }
        }
        return Arrays.copyOf(v, m);
    }

    public BootstrapOptions options() {
        return options;
    }

    /** Whether the fit and the refits are by REML. */
    public boolean reml() {
        return reml;
    }

    /** Replicates whose refit failed (rows of NaN). */
    public int failed() {
        return failed;
    }

    /** Replicates whose optimizer hit its evaluation cap. */
    public int notConverged() {
        return notConverged;
    }

    /** Replicates whose refit is singular (a diagonal θ below 1e-4, as lme4's isSingular()). */
    public int singular() {
        return singular;
    }

    /** Wall-clock seconds of the replicates (simulation and refits). */
    public double seconds() {
        return seconds;
    }

    /** The bootstrap mean of quantity j. */
    public double mean(int j) {
        double[] v = column(j);
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    /** The bootstrap standard error of quantity j: the standard deviation (n − 1) of its replicates. */
    public double standardError(int j) {
        double[] v = column(j);
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(j);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    /** Bootstrap mean minus original estimate. */
    public double bias(int j) {
        return mean(j) - original[j];
    }

    /** The prob-quantile of quantity j's replicates (R's default, type 7). */
    public double quantile(int j, double prob) {
        return Quantiles.type7(column(j), prob);
    }
}
