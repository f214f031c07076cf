package org.jmixed.model;

import org.jmixed.spi.BackendChoice;
import org.jmixed.spi.Backends;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsSolution;

/**
 * Refits one prepared model to response after response, as simulation-based inference does
 * (parametric bootstrap, bootstrap tests): the cross-products that do not involve y are computed
 * once ({@link PlsProblem#withResponse}), the evaluator keeps its symbolic analysis across refits
 * ({@link PlsEvaluator#replaceResponse}, or a new evaluator where the backend cannot), and each
 * optimization starts from a given θ, typically the original estimate.
 *
 * <p>Holds one evaluator: not thread-safe. Use one refitter per worker thread; they may share the
 * prepared model.
 */
public final class ResponseRefitter implements AutoCloseable {
    /** The estimates of one refit. */
    public record Refit(double[] theta, double sigma, double[] beta, double objective, int evaluations,
                        boolean converged) {
    }

    private final PreparedModel prepared;
    private final BackendChoice choice;
    private final boolean reml;
    private final int maxEvaluations;
    private final boolean[] diagonal;
    private final PlsFactorSummary summary = new PlsFactorSummary();
    private PlsEvaluator evaluator;
    private int reopened;
    private PlsSolution last;

    /** Chooses the backend as {@link LinearMixedModel#fit} would, from the options. */
    public ResponseRefitter(PreparedModel prepared, FitOptions options) {
        this(prepared, Backends.choose(options.backend(), prepared.problem()), options.reml(),
                options.maxEvaluations());
    }

    public ResponseRefitter(PreparedModel prepared, BackendChoice choice, boolean reml, int maxEvaluations) {
        this.prepared = prepared;
        this.choice = choice;
        this.reml = reml;
        this.maxEvaluations = maxEvaluations;
        this.diagonal = prepared.thetaLowerBounded();
        this.evaluator = choice.backend().open(prepared.problem());
    }

    /**
     * Fits the model to another response.
     *
     * @param y     the response, length n (kept by the problem it makes: do not modify it afterwards)
     * @param start where the optimizer starts (typically the original estimate), with a trust
     *              region scaled to it; null for lme4's start; ignored for one θ, which a bounded
     *              one-dimensional search handles
     */
    public Refit refit(double[] y, double[] start) {
        PlsProblem problem = prepared.problem().withResponse(y);
        if (!evaluator.replaceResponse(problem)) {
            evaluator.close();
            evaluator = choice.backend().open(problem);
            reopened++;
        }
        int n = problem.n();
        int p = problem.p();
        PlsEvaluator e = evaluator;
        ThetaOptimizer.Result opt;
        if (GradientFit.applies(e, diagonal.length, problem.terms().size())) {
            opt = GradientFit.minimizeFrom(e, problem, reml, diagonal, maxEvaluations, start).result();
        } else {
            ThetaOptimizer optimizer = new ThetaOptimizer(theta -> {
                e.factor(theta, summary);
                return ProfiledObjective.value(summary, n, p, reml);
            }, diagonal, maxEvaluations);
            opt = optimizer.minimizeFrom(start);
        }
        evaluator.factor(opt.theta(), summary);
        PlsSolution solution = evaluator.solve(false);
        last = solution;
        double objective = ProfiledObjective.value(summary, n, p, reml);
        double sigma = Math.sqrt(ProfiledObjective.sigmaSquared(summary, n, p, reml));
        return new Refit(opt.theta(), sigma, solution.beta(), objective, opt.evaluations(), !opt.hitEvaluationLimit());
    }

    /**
     * The back-substitution of the last {@link #refit} at its θ̂ (β̂ and the spherical û, without
     * conditional variances), for callers that need the refit's random effects; null before the first.
     */
    public PlsSolution lastSolution() {
        return last;
    }

    /** How many times the backend could not take a new response in place and an evaluator was reopened. */
    public int reopened() {
        return reopened;
    }

    /** The backend's name and the evaluator's description. */
    public String description() {
        return choice.backend().name() + ": " + evaluator.description();
    }

    @Override
    public void close() {
        evaluator.close();
    }
}
