package org.jmixed.covariance;

import java.util.List;

/** Λ = I: the plain residual covariance σ² I, used when only prior weights are given. */
final class IndependentResiduals extends ResidualStructure {
    IndependentResiduals(int n) {
        super("none", RowGroups.singletons(n));
    }

    @Override
    public String kind() {
        return "none";
    }

    @Override
    public int parameterCount() {
        return 0;
    }

    @Override
    public void covariance(double[] par, int g, double[] out) {
        out[0] = 1.0;
    }

    @Override
    public List<String> parameterNames() {
        return List.of();
    }

    @Override
    public double[] naturalParameters(double[] par) {
        return new double[0];
    }
}
