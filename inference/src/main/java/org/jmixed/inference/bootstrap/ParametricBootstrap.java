package org.jmixed.inference.bootstrap;

import java.util.Arrays;

import org.jmixed.JmixedException;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.PlainModel;
import org.jmixed.model.PreparedModel;
import org.jmixed.model.ResponseRefitter;

/**
 * The parametric bootstrap of a fitted linear mixed model (lme4's {@code bootMer}, MixedModels.jl's
 * {@code parametricbootstrap}): B responses simulated from the fit ({@link ModelSimulator}), each
 * refitted by the fit's own criterion (REML or ML) from the original θ̂, the estimates collected
 * per replicate ({@link ParameterLayout}).
 *
 * <p>Speed: the refits share the model's Z'Z, Z'X and X'X and each worker's evaluator keeps its
 * symbolic analysis ({@link ResponseRefitter}); B replicates are spread over the threads.
 */
public final class ParametricBootstrap {
    private ParametricBootstrap() {
    }

    /**
     * @param model      the prepared model the fit came from
     * @param fit        its fit (REML or ML, as the refits will be)
     * @param options    B, seed, threads, conditional or not
     * @param fitOptions backend and evaluation cap for the refits (their REML setting is ignored:
     *                   the refits use the fit's)
     * @param progress   progress line, or null
     */
    public static BootstrapResult run(PreparedModel model, FitResult fit, BootstrapOptions options,
                                      FitOptions fitOptions, ReplicateProgress progress) {
        PlainModel.require(model, fitOptions, "the parametric bootstrap");
        PlainModel.require(fit, "the parametric bootstrap", true);
        double[] theta = fit.theta();
        double[] beta = fit.fixef().estimate();
        if (theta.length != model.problem().thetaLength() || beta.length != model.problem().p()) {
            throw new JmixedException("the fit does not belong to the prepared model (" + fit.formula() + ")");
        }
        ModelSimulator simulator = options.conditional()
                ? ModelSimulator.conditional(model, theta, fit.sigma(), beta, fit.fitted())
                : ModelSimulator.unconditional(model, theta, fit.sigma(), beta);
        ParameterLayout layout = new ParameterLayout(model);
        FitOptions refitOptions = fitOptions.withReml(fit.reml());
        int width = layout.size();
        long start = System.nanoTime();
        double[][] rows = new ReplicateRunner<ResponseRefitter>(options.threads(), progress).run(
                options.replicates(), options.seed(),
                () -> new ResponseRefitter(model, refitOptions),
                (refitter, stream, i) -> {
                    double[] y = simulator.draw(stream);
                    double[] row = new double[width + 1];
                    try {
                        ResponseRefitter.Refit r = refitter.refit(y, theta);
                        System.arraycopy(layout.values(r.theta(), r.sigma(), r.beta(), r.objective()), 0, row, 0, width);
                        row[width] = r.converged() ? 1.0 : 0.0;
                    } catch (IllegalStateException | ArithmeticException failed) {
                        Arrays.fill(row, Double.NaN);
                    }
                    return row;
                });
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] original = layout.values(theta, fit.sigma(), beta, fit.objective());
        return BootstrapResult.of(layout.names(), original, rows, options, fit.reml(), model.thetaLowerBounded(), seconds);
    }
}
