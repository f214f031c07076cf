package org.jmixed.covariance;

import java.util.List;

/**
 * {@code ar1(t | g)} and {@code car1(t | g)}: autoregressive correlation within each level of g.
 * ar1 (nlme's {@code corAR1}) uses occasions: the position of t among the distinct values of t in
 * the data (8, 10, 12, 14 are occasions 0 to 3), corr = ρ^|occasion difference|, so a missing
 * occasion counts as a step (as nlme with an integer occasion covariate); ρ = tanh(parameter). car1 (nlme's {@code corCAR1}) uses the
 * values of t: corr = φ^|t_i − t_j|, φ = logistic(parameter) in (0, 1), for unequally spaced times.
 */
final class AutoRegressive extends ResidualStructure {
    private final boolean continuous;
    private final double[] time;
    private final int[] occasion;
    private final int maxOccasion;
    /** ρ^k for k = 0 .. maxOccasion at the last ρ used (not shared between threads: one fit uses it). */
    private double[] powers = new double[0];

    /**
     * @param groups rows per level of g, sorted by t
     * @param time   t per model row
     */
    AutoRegressive(String spec, int[][] groups, double[] time, boolean continuous) {
        super(spec, groups);
        this.time = time;
        this.continuous = continuous;
        double[] distinct = java.util.Arrays.stream(time).distinct().sorted().toArray();
        this.occasion = new int[time.length];
        for (int i = 0; i < time.length; i++) {
            occasion[i] = java.util.Arrays.binarySearch(distinct, time[i]);
        }
        this.maxOccasion = distinct.length - 1;
    }

    double coefficient(double[] par) {
        return continuous ? logistic(par[0]) : Math.tanh(par[0]);
    }

    @Override
    public String kind() {
        return continuous ? "car1" : "ar1";
    }

    @Override
    public int parameterCount() {
        return 1;
    }

    @Override
    public void covariance(double[] par, int g, double[] out) {
        int[] rows = groups()[g];
        int m = rows.length;
        double c = coefficient(par);
        if (continuous) {
            double logC = Math.log(c);
            for (int j = 0; j < m; j++) {
                out[j + j * m] = 1.0;
                for (int i = j + 1; i < m; i++) {
                    double v = Math.exp(logC * Math.abs(time[rows[i]] - time[rows[j]]));
                    out[i + j * m] = v;
                    out[j + i * m] = v;
                }
            }
            return;
        }
        // powers of ρ by lag, filled as needed (Math.pow per entry cost more than the whitening)
        if (powers.length == 0 || powers[1] != c) {
            powers = new double[maxOccasion + 1];
            powers[0] = 1.0;
            for (int k = 1; k < powers.length; k++) {
                powers[k] = powers[k - 1] * c;
            }
            if (powers.length == 1) {
                powers = new double[] {1.0, c};
            }
        }
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                out[i + j * m] = powers[Math.abs(occasion[rows[i]] - occasion[rows[j]])];
            }
        }
    }

    @Override
    public double[] momentStart(double[] e) {
        // correlation of neighbours (one occasion apart; for car1 at the smallest time step)
        double step = Double.POSITIVE_INFINITY;
        for (int[] g : groups()) {
            for (int i = 1; i < g.length; i++) {
                double d = continuous ? time[g[i]] - time[g[i - 1]] : occasion[g[i]] - occasion[g[i - 1]];
                step = Math.min(step, d);
            }
        }
        double cross = 0;
        double square = 0;
        for (int[] g : groups()) {
            for (int i = 0; i < g.length; i++) {
                square += e[g[i]] * e[g[i]];
                if (i > 0) {
                    double d = continuous ? time[g[i]] - time[g[i - 1]] : occasion[g[i]] - occasion[g[i - 1]];
                    if (d == step) {
                        cross += e[g[i]] * e[g[i - 1]];
                    }
                }
            }
        }
        if (!(square > 0) || !Double.isFinite(step)) {
            return null;
        }
        double r = cross / square * e.length / Math.max(1, e.length - groups().length);
        if (continuous) {
            double phi = Math.pow(Math.max(0.05, Math.min(0.95, r)), 1.0 / step);
            return new double[] {logit(Math.max(0.01, Math.min(0.99, phi)))};
        }
        double rho = Math.max(-0.95, Math.min(0.95, step == 1 ? r : Math.signum(r) * Math.pow(Math.abs(r), 1.0 / step)));
        return new double[] {0.5 * Math.log((1 + rho) / (1 - rho))};
    }

    @Override
    public List<String> parameterNames() {
        return List.of(continuous ? "phi" : "rho");
    }

    @Override
    public double[] naturalParameters(double[] par) {
        return new double[] {coefficient(par)};
    }
}
