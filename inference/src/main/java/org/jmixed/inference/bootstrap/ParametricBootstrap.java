package org.jmixed.inference.bootstrap;

import java.util.Arrays;

import org.jmixed.JmixedException;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.inference.structured.PlainView;
import org.jmixed.model.PreparedModel;
import org.jmixed.model.ResponseRefitter;

/**
 * The parametric bootstrap of a fitted linear mixed model (lme4's {@code bootMer}, MixedModels.jl's
 * {@code parametricbootstrap}): B responses simulated from the fit ({@link ModelSimulator}), each
 * refitted by the fit's own criterion (REML or ML) from the original θ̂, the estimates collected
 * per replicate ({@link ParameterLayout}).
 *
 * <p>Prior weights and offsets: the equivalent unweighted model is simulated and refitted
 * ({@link org.jmixed.inference.structured.PlainView}). A residual structure or idn()/cs() terms:
 * {@link StructuredBootstrap} simulates with the structure and refits it in full.
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
    public static BootstrapResult run(PreparedModel prepared, FitResult fit, BootstrapOptions options,
                                      FitOptions fitOptions, ReplicateProgress progress) {
        if (StructuredBootstrap.needed(prepared, fit.residualStructure() != null)) {
            // parameters besides θ: simulate with the structure and refit it, replicate by replicate
            return StructuredBootstrap.run(prepared, fit, options, fitOptions, progress);
        }
        // prior weights and offsets: simulate and refit the equivalent unweighted model (rows of
        // y − offset, X, Z scaled by √w), whose noise √w·σ/√w·e is the weighted model's
        PlainView view = PlainView.of(prepared, fit, fitOptions, "the parametric bootstrap");
        PreparedModel model = view.model();
        double jacobian = view.logDetLambda();
        double[] theta = fit.theta();
        double[] beta = fit.fixef().estimate();
        if (theta.length != model.problem().thetaLength() || beta.length != model.problem().p()) {
            throw new JmixedException("the fit does not belong to the prepared model (" + fit.formula() + ")");
        }
        ModelSimulator simulator = options.conditional()
                ? ModelSimulator.conditional(model, theta, fit.sigma(), beta, view.toModelScale(fit.fitted()))
                : ModelSimulator.unconditional(model, theta, fit.sigma(), beta);
        ParameterLayout layout = new ParameterLayout(model);
        FitOptions refitOptions = view.options().withReml(fit.reml());
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
                        double objective = r.objective() + jacobian;
                        System.arraycopy(layout.values(r.theta(), r.sigma(), r.beta(), objective), 0, row, 0, width);
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
