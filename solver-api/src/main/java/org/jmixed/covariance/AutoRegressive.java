package org.jmixed.covariance;

import java.util.List;

/**
 * {@code ar1(t | g)} and {@code car1(t | g)}: autoregressive correlation within each level of g.
 * ar1 (nlme's {@code corAR1}) uses the positions of the rows in the order of t:
 * corr = ρ^|position difference|, ρ = tanh(parameter). car1 (nlme's {@code corCAR1}) uses the
 * values of t: corr = φ^|t_i − t_j|, φ = logistic(parameter) in (0, 1), for unequally spaced times.
 */
final class AutoRegressive extends ResidualStructure {
    private final boolean continuous;
    private final double[] time;

    /**
     * @param groups rows per level of g, sorted by t
     * @param time   t per model row
     */
    AutoRegressive(String spec, int[][] groups, double[] time, boolean continuous) {
        super(spec, groups);
        this.time = time;
        this.continuous = continuous;
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
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                double lag = continuous ? Math.abs(time[rows[i]] - time[rows[j]]) : Math.abs(i - j);
                out[i + j * m] = lag == 0 ? 1.0 : Math.pow(c, lag);
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
