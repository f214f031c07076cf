package org.jmixed.inference.bootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jmixed.covariance.CovarianceKind;
import org.jmixed.inference.structured.ModifiedModel;
import org.jmixed.inference.structured.ResidualNoiseShape;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.ModelFrame;
import org.jmixed.model.PreparedModel;

/**
 * The parametric bootstrap of a model with a residual structure or idn()/cs() terms, whose
 * parameters are not θ alone: each replicate simulates y* = Xβ̂ + offset + Z b* + σ̂ L e
 * ({@link ModelSimulator} with the fit's {@link ResidualNoiseShape}; b* from the fit's θ, which
 * backends read whatever the terms' structure) and refits the full model, structure and all, as
 * {@code fit} does (from its own starting values). Besides θ, σ, β and the variance components,
 * the residual structure's parameters are recorded ({@code residual.rho}, ...). Slower than the θ-only
 * refits of {@link ParametricBootstrap} (each refit recomputes the cross-products and re-whitens),
 * reproducible in the same way: a replicate is a function of the seed and its index.
 */
final class StructuredBootstrap {
    private StructuredBootstrap() {
    }

    /** Whether a model has parameters besides θ: a residual structure, or idn()/cs() terms. */
    static boolean needed(PreparedModel model, boolean residualStructure) {
        return residualStructure || model.terms().stream().anyMatch(t -> t.covariance() != CovarianceKind.UNSTRUCTURED);
    }

    static BootstrapResult run(PreparedModel model, FitResult fit, BootstrapOptions options, FitOptions fitOptions,
                               ReplicateProgress progress) {
        double[] theta = fit.theta();
        double[] beta = fit.fixef().estimate();
        ModelSimulator simulator = options.conditional()
                ? ModelSimulator.conditional(model, theta, fit.sigma(), beta, lessOffset(fit.fitted(), model.frame()))
                : ModelSimulator.unconditional(model, theta, fit.sigma(), beta);
        ResidualNoiseShape shape = ResidualNoiseShape.of(fit);
        if (shape != null) {
            simulator = simulator.withResidualNoise(shape);
        }
        ModelSimulator sim = simulator;
        FitOptions refit = fitOptions.withReml(fit.reml()).withWeights(fit.weights())
                .withResidual(fit.residualStructure() == null ? null : fit.residualStructure().structure());
        ParameterLayout layout = new ParameterLayout(model);
        List<String> names = new ArrayList<>(layout.names());
        int residual = fit.residualStructure() == null ? 0 : fit.residualStructure().names().size();
        if (residual > 0) {
            for (String n : fit.residualStructure().names()) {
                names.add("residual." + n);
            }
        }
        int width = names.size();
        long start = System.nanoTime();
        double[][] rows = new ReplicateRunner<AutoCloseable>(options.threads(), progress).run(
                options.replicates(), options.seed(), () -> () -> { },
                (none, stream, i) -> {
                    double[] row = new double[width + 1];
                    try {
                        FitResult r = LinearMixedModel.fit(ModifiedModel.withResponse(model, sim.draw(stream)), refit, false);
                        System.arraycopy(values(layout, r, residual), 0, row, 0, width);
                        row[width] = r.converged() ? 1.0 : 0.0;
                    } catch (RuntimeException failed) {
                        // a refit that fails (an unbounded likelihood, a structure not positive
                        // definite) is a row of NaN, counted as failed
                        Arrays.fill(row, Double.NaN);
                    }
                    return row;
                });
        double seconds = (System.nanoTime() - start) / 1e9;
        return BootstrapResult.of(names, values(layout, fit, residual), rows, options, fit.reml(),
                model.thetaLowerBounded(), seconds);
    }

    /**
     * The likelihood-ratio statistics of {@link BootstrapComparison} for structured models: responses
     * simulated from the smaller model's ML fit (its residual structure too), both models refitted
     * in full by ML; per replicate {@code {deviance small − deviance large}}, NaN where a refit failed.
     */
    static double[][] lrtReplicates(PreparedModel small, PreparedModel large, FitResult smallFit,
                                    BootstrapOptions options, FitOptions ml, ReplicateProgress progress) {
        ModelSimulator simulator = ModelSimulator.unconditional(small, smallFit.theta(), smallFit.sigma(),
                smallFit.fixef().estimate());
        ResidualNoiseShape shape = ResidualNoiseShape.of(smallFit);
        ModelSimulator sim = shape == null ? simulator : simulator.withResidualNoise(shape);
        return new ReplicateRunner<AutoCloseable>(options.threads(), progress).run(
                options.replicates(), options.seed(), () -> () -> { },
                (none, stream, i) -> {
                    double[] y = sim.draw(stream);
                    try {
                        double d0 = LinearMixedModel.fit(ModifiedModel.withResponse(small, y), ml, false).objective();
                        double d1 = LinearMixedModel.fit(ModifiedModel.withResponse(large, y), ml, false).objective();
                        return new double[] {d0 - d1};
                    } catch (RuntimeException failed) {
                        return new double[] {Double.NaN};
                    }
                });
    }

    private static double[] values(ParameterLayout layout, FitResult f, int residual) {
        double[] v = layout.values(f.theta(), f.sigma(), f.fixef().estimate(), f.objective());
        if (residual == 0) {
            return v;
        }
        double[] out = Arrays.copyOf(v, v.length + residual);
        System.arraycopy(f.residualStructure().values(), 0, out, v.length, residual);
        return out;
    }

    private static double[] lessOffset(double[] values, ModelFrame frame) {
        double[] out = values.clone();
        if (frame.offset() != null) {
            for (int i = 0; i < out.length; i++) {
                out[i] -= frame.offset()[i];
            }
        }
        return out;
    }
}
