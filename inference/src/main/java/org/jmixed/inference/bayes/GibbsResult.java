package org.jmixed.inference.bayes;

import java.util.List;

/**
 * The draws and posterior summaries of a Gibbs run. Draws are kept as one {@code double[]} per
 * chain and parameter (after burn-in, in iteration order), so that traces, autocorrelations and
 * densities can be drawn from them; accessors return copies.
 *
 * @param data       the model as sampled
 * @param prior      the priors
 * @param settings   iterations, burn-in, chains, seed, threads
 * @param names      parameter names, in the order of {@link #summaries()}: the fixed effects,
 *                   {@code sigma2_b}, {@code sigma2_e}, {@code sd_b}, {@code sd_e}
 * @param summaries  posterior summaries, one per name
 * @param draws      kept draws, [parameter][chain][iteration] (copied in and out)
 * @param seconds    wall-clock time of the sampling
 */
public record GibbsResult(GibbsData data, RandomInterceptPrior prior, GibbsSettings settings, List<String> names,
                          List<ParameterSummary> summaries, double[][][] draws, double seconds) {
    public GibbsResult {
        names = List.copyOf(names);
        summaries = List.copyOf(summaries);
        double[][][] copy = new double[draws.length][][];
        for (int p = 0; p < copy.length; p++) {
            copy[p] = new double[draws[p].length][];
            for (int c = 0; c < copy[p].length; c++) {
                copy[p][c] = draws[p][c].clone();
            }
        }
        draws = copy;
    }

    /** Index of a parameter by name; −1 when absent. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }

    /** The kept draws of parameter {@code param} in chain {@code chain} (a copy). */
    public double[] chain(int param, int chain) {
        return draws[param][chain].clone();
    }

    /** The kept draws of a parameter, one array per chain (copies). */
    public double[][] draws(int param) {
        double[][] out = new double[draws[param].length][];
        for (int c = 0; c < out.length; c++) {
            out[c] = draws[param][c].clone();
        }
        return out;
    }

    @Override
    public double[][][] draws() {
        double[][][] out = new double[draws.length][][];
        for (int p = 0; p < out.length; p++) {
            out[p] = draws(p);
        }
        return out;
    }

    public ParameterSummary summary(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no parameter " + name + " (have " + names + ")");
        }
        return summaries.get(i);
    }
}
