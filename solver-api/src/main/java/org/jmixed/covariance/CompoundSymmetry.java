package org.jmixed.covariance;

import java.util.List;

/**
 * {@code cs(g)}: one correlation ρ between any two residuals of the same level of {@code g}
 * (nlme's {@code corCompSymm}). Λ_g = (1 − ρ) I + ρ J is positive definite for
 * −1/(m − 1) &lt; ρ &lt; 1 with m the largest block, so ρ is a logistic map of the parameter onto
 * that interval, with 0 mapped to ρ = 0.
 */
final class CompoundSymmetry extends ResidualStructure {
    private final double lower;
    private final double shift;

    CompoundSymmetry(String spec, int[][] groups) {
        super(spec, groups);
        int m = Math.max(2, RowGroups.largest(groups));
        lower = -1.0 / (m - 1);
        double share = -lower / (1.0 - lower); // logistic(shift) = share gives ρ(0) = 0
        shift = Math.log(share / (1.0 - share));
    }

    double rho(double[] par) {
        return lower + (1.0 - lower) * logistic(par[0] + shift);
    }

    @Override
    public String kind() {
        return "cs";
    }

    @Override
    public int parameterCount() {
        return 1;
    }

    @Override
    public void covariance(double[] par, int g, double[] out) {
        int m = groups()[g].length;
        double rho = rho(par);
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                out[i + j * m] = i == j ? 1.0 : rho;
            }
        }
    }

    @Override
    public double[] momentStart(double[] e) {
        double cross = 0;
        double square = 0;
        for (int[] g : groups()) {
            double sum = 0;
            double sq = 0;
            for (int r : g) {
                sum += e[r];
                sq += e[r] * e[r];
            }
            cross += sum * sum - sq;
            square += (g.length - 1) * sq;
        }
        if (!(square > 0)) {
            return null;
        }
        double rho = Math.max(lower + 0.05 * (1 - lower), Math.min(0.95, cross / square));
        return new double[] {logit((rho - lower) / (1.0 - lower)) - shift};
    }

    @Override
    public List<String> parameterNames() {
        return List.of("correlation");
    }

    @Override
    public double[] naturalParameters(double[] par) {
        return new double[] {rho(par)};
    }
}
