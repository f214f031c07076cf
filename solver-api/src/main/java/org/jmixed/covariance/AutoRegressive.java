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
    public List<String> parameterNames() {
        return List.of(continuous ? "phi" : "rho");
    }

    @Override
    public double[] naturalParameters(double[] par) {
        return new double[] {coefficient(par)};
    }
}
