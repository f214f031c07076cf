package org.jmixed.model;

import java.util.List;

/**
 * Fixed-effect estimates with standard errors and their covariance matrix.
 *
 * @param names    column names of X, aliased columns removed
 * @param estimate β̂
 * @param stdError standard errors
 * @param vcov     covariance matrix of β̂, p × p column-major
 */
public record FixedEffects(List<String> names, double[] estimate, double[] stdError, double[] vcov) {
    public FixedEffects {
        names = List.copyOf(names);
        estimate = estimate.clone();
        stdError = stdError.clone();
        vcov = vcov.clone();
    }

    public int size() {
        return names.size();
    }

    @Override
    public double[] estimate() {
        return estimate.clone();
    }

    @Override
    public double[] stdError() {
        return stdError.clone();
    }

    @Override
    public double[] vcov() {
        return vcov.clone();
    }

    public double estimate(int i) {
        return estimate[i];
    }

    public double stdError(int i) {
        return stdError[i];
    }

    public double tValue(int i) {
        return estimate[i] / stdError[i];
    }

    /** Correlation of estimates i and j. */
    public double correlation(int i, int j) {
        int p = names.size();
        return vcov[i + j * p] / Math.sqrt(vcov[i + i * p] * vcov[j + j * p]);
    }
}
