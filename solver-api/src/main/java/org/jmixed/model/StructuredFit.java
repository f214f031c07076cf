package org.jmixed.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;
import org.hipparchus.optim.univariate.UnivariatePointValuePair;
import org.jmixed.JmixedException;
import org.jmixed.covariance.CovarianceKind;
import org.jmixed.covariance.PriorWeights;
import org.jmixed.covariance.ResidualFit;
import org.jmixed.covariance.ResidualSpec;
import org.jmixed.covariance.ResidualStructure;
import org.jmixed.covariance.ThetaMap;
import org.jmixed.covariance.Whitener;
import org.jmixed.spi.BackendChoice;
import org.jmixed.spi.Backends;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsSolution;

/**
 * The fitting path for models with prior weights, a residual covariance structure or structured
 * random-effects covariances ({@code idn(...)}, {@code cs(...)}); models without any of them never
 * come here. One optimizer (BOBYQA, as for θ) runs over φ = (random-effects parameters, residual
 * parameters), the latter unconstrained. When an evaluation changes the residual parameters, the
 * data are whitened block by block ({@link Whitener}), the cross-products recomputed and a backend
 * evaluator opened on them; evaluations that change only the random-effects parameters reuse it.
 * The criteria are those of the whitened problem plus log|Λ|, the same scale (and constant) as a
 * fit without structure, so that likelihoods compare across structures.
 */
final class StructuredFit {
    /** A one-parameter residual structure is searched over this interval of its unconstrained parameter. */
    static final double SINGLE_PARAMETER_RANGE = 12.0;
    /**
     * A row's residual variance below this share of the least-squares residual variance, in a fit
     * that did not converge, is taken for a likelihood that grows without bound.
     */
    static final double UNBOUNDED_VARIANCE_SHARE = 1e-6;

    private StructuredFit() {
    }

    /** Whether a model and options need this path. */
    static boolean needed(PreparedModel prepared, FitOptions options) {
        return options.weights() != null || options.residual() != null
                || prepared.terms().stream().anyMatch(t -> t.covariance() != CovarianceKind.UNSTRUCTURED);
    }

    /** The whitened problem of the current residual parameters and its open evaluator. */
    private static final class Current implements AutoCloseable {
        double[] par;
        PlsProblem problem;
        PlsEvaluator evaluator;
        double logDet;
        double minPivot = 1.0;

        @Override
        public void close() {
            if (evaluator != null) {
                evaluator.close();
                evaluator = null;
            }
        }
    }

    static FitResult fit(PreparedModel prepared, FitOptions options) {
        ModelFrame frame = prepared.frame();
        PlsProblem base = prepared.problem();
        int n = base.n();
        int p = base.p();
        boolean reml = options.reml();
        if ((options.weights() != null || options.residual() != null) && frame.data() == null) {
            throw new JmixedException("weights and residual structures need the data frame the model was built from;"
                    + " fit with LinearMixedModel.fit(DataFrame, formula, options)");
        }
        double[] weights = options.weights() == null ? null
                : PriorWeights.read(frame.data(), frame.rows(), options.weights());
        ResidualStructure structure = options.residual() != null
                ? ResidualSpec.parse(options.residual()).bind(frame.data(), frame.rows())
                : weights != null ? ResidualSpec.independent(n) : null;
        Whitener whitener = structure == null ? null : new Whitener(base, weights, structure);
        List<CovarianceKind> kinds = new ArrayList<>();
        for (RandomTermData t : prepared.terms()) {
            kinds.add(t.covariance());
        }
        ThetaMap map = new ThetaMap(base.terms(), kinds);
        int mRe = map.length();
        int mRes = structure == null ? 0 : structure.parameterCount();
        int m = mRe + mRes;
        boolean[] bounded = Arrays.copyOf(map.lowerBounded(), m);

        long start = System.nanoTime();
        try (Current cur = new Current()) {
            BackendChoice choice;
            if (whitener == null) {
                cur.problem = base;
                choice = Backends.choose(options.backend(), base);
                cur.evaluator = choice.backend().open(base);
            } else {
                double[] r0 = new double[mRes];
                Whitener.Whitened w0 = whitener.whiten(r0);
                if (w0 == null) {
                    throw new JmixedException("residual structure '" + structure.spec()
                            + "': not positive definite at its starting point");
                }
                choice = Backends.choose(options.backend(), w0.problem());
                switchTo(cur, choice, r0, w0);
            }
            PlsFactorSummary summary = new PlsFactorSummary();
            ToDoubleFunction<double[]> objective = phi -> {
                double[] theta = map.theta(phi);
                for (double t : theta) {
                    if (!Double.isFinite(t)) {
                        return Double.POSITIVE_INFINITY;
                    }
                }
                if (whitener != null) {
                    double[] r = Arrays.copyOfRange(phi, mRe, m);
                    if (!Arrays.equals(r, cur.par)) {
                        Whitener.Whitened w = whitener.whiten(r);
                        if (w == null) {
                            return Double.POSITIVE_INFINITY;
                        }
                        switchTo(cur, choice, r, w);
                    }
                }
                cur.evaluator.factor(theta, summary);
                return ProfiledObjective.value(summary, n, p, reml) + cur.logDet;
            };

            List<String> messages = new ArrayList<>();
            ThetaOptimizer.Result opt;
            Bobyqa.Model bobyqaModel = null;
            boolean fixed = options.fixedTheta() != null;
            if (fixed) {
                if (!map.identity() || mRes > 0) {
                    throw new JmixedException("a fixed theta can be given only for models whose random effects are"
                            + " unstructured and without a residual structure");
                }
                double[] phi = options.fixedTheta();
                if (phi.length != m) {
                    throw new JmixedException("theta has " + phi.length + " values but the model has " + m);
                }
                opt = new ThetaOptimizer.Result(phi, objective.applyAsDouble(phi), 1, false);
                messages.add("evaluated at the given theta; not optimized");
            } else if (m == 1 && !bounded[0]) {
                opt = minimizeOne(objective, options.maxEvaluations());
            } else {
                double[] w = weights;
                ThetaOptimizer optimizer = new ThetaOptimizer(objective, bounded, options.maxEvaluations());
                opt = optimizer.minimize(() -> momentGuess(base, w, structure, bounded, mRe));
                bobyqaModel = optimizer.finalModel();
            }
            boolean converged = !opt.hitEvaluationLimit() && !fixed;
            if (!fixed && opt.hitEvaluationLimit()) {
                messages.add("optimizer stopped after the evaluation limit (" + options.maxEvaluations()
                        + ") without converging");
            } else if (!fixed && m > 0) {
                List<String> problems = ConvergenceCheck.check(objective, opt.theta(), opt.value(), bounded,
                        bobyqaModel).problems();
                if (!problems.isEmpty()) {
                    converged = false;
                    messages.addAll(problems);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            double[] phi = opt.theta();
            double value = objective.applyAsDouble(phi);
            double[] theta = map.theta(phi);
            PlsSolution solution = cur.evaluator.solve(true);
            double sigma2 = ProfiledObjective.sigmaSquared(summary, n, p, reml);
            // An unbounded likelihood shows as a non-finite objective, or as an optimizer that did not
            // converge while driving some row's residual variance to zero (relative to the
            // least-squares residual variance: far below anything a proper fit estimates).
            double olsVariance = olsVariance(base);
            boolean collapsing = !converged && whitener != null && olsVariance > 0
                    && sigma2 * cur.minPivot < UNBOUNDED_VARIANCE_SHARE * olsVariance;
            if (!Double.isFinite(value) || !(sigma2 > 0) || !Double.isFinite(sigma2) || collapsing) {
                throw new JmixedException("formula '" + frame.formula() + "'"
                        + (structure != null && options.residual() != null ? " with residual structure '"
                        + structure.spec() + "'" : "") + ": the likelihood is unbounded (a residual variance goes"
                        + " to zero: the fixed effects fit some rows exactly); simplify the structure or the mean");
            }
            FitResult.Builder b = new ResultAssembler(frame, cur.problem, prepared.terms(), prepared.fixedNames(),
                    prepared.x())
                    .builder(theta, value, sigma2, solution, reml, prepared.thetaLowerBounded(), converged, messages,
                            prepared.dropped(), opt.evaluations(), seconds, choice, cur.evaluator.description());
            b.df(p + m + 1);
            if (whitener != null) {
                b.normalizedResiduals(whitenedResiduals(cur.problem, solution, theta));
            }
            b.weights(options.weights());
            if (options.residual() != null) {
                double[] r = Arrays.copyOfRange(phi, mRe, m);
                b.residualStructure(new ResidualFit(structure.spec(), structure.kind(), structure.parameterNames(),
                        structure.naturalParameters(r), r));
            }
            return b.build();
        }
    }

    /**
     * A start besides the plain one (θ at lme4's start, Λ = I): θ at lme4's start and the residual
     * parameters at moment estimates from the (weighted) least-squares residuals; the optimizer
     * keeps whichever has the lower objective. Null when there is nothing to estimate.
     */
    private static double[] momentGuess(PlsProblem base, double[] weights, ResidualStructure structure,
                                        boolean[] bounded, int mRe) {
        if (structure == null || structure.parameterCount() == 0) {
            return null;
        }
        int n = base.n();
        double[] e = olsResiduals(base);
        if (e == null) {
            return null;
        }
        if (weights != null) {
            for (int i = 0; i < n; i++) {
                e[i] *= Math.sqrt(weights[i]);
            }
        }
        double[] r = structure.momentStart(e);
        if (r == null) {
            return null;
        }
        double[] guess = new double[bounded.length];
        for (int i = 0; i < mRe; i++) {
            guess[i] = bounded[i] ? 1.0 : 0.0;
        }
        System.arraycopy(r, 0, guess, mRe, r.length);
        return guess;
    }

    /** y − Xβ̂ by ordinary least squares (unweighted), or null when X'X is singular. */
    private static double[] olsResiduals(PlsProblem base) {
        int n = base.n();
        int p = base.p();
        double[] xyTxy = base.cross().xyTxy();
        double[] xtx = new double[p * p];
        double[] beta = new double[p];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < p; i++) {
                xtx[i + j * p] = xyTxy[i + j * (p + 1)];
            }
            beta[j] = xyTxy[j + p * (p + 1)];
        }
        if (!SmallCholesky.factor(xtx, p)) {
            return null;
        }
        SmallCholesky.solve(xtx, p, beta);
        double[] e = base.y().clone();
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < n; i++) {
                e[i] -= base.x()[i + j * n] * beta[j];
            }
        }
        return e;
    }

    /** The least-squares residual variance e'e/(n − p), or 0 when unavailable. */
    private static double olsVariance(PlsProblem base) {
        double[] e = olsResiduals(base);
        if (e == null) {
            return 0.0;
        }
        double ss = 0;
        for (double v : e) {
            ss += v * v;
        }
        return ss / (base.n() - base.p());
    }

    /** y − Xβ̂ − Z Λ û in the whitened problem: L⁻¹ times the residuals. */
    private static double[] whitenedResiduals(PlsProblem w, PlsSolution sol, double[] theta) {
        int n = w.n();
        double[] r = w.y().clone();
        for (int j = 0; j < w.p(); j++) {
            double bj = sol.beta()[j];
            for (int i = 0; i < n; i++) {
                r[i] -= w.x()[i + j * n] * bj;
            }
        }
        for (int k = 0; k < w.terms().size(); k++) {
            org.jmixed.spi.TermStructure t = w.terms().get(k);
            int width = t.width();
            double[] tmpl = new double[width * width];
            t.fillTemplate(theta, tmpl);
            int uOff = w.uOffset(k);
            int[] lev = w.levelOfRow().get(k);
            double[] z = w.termColumns().get(k);
            for (int i = 0; i < n; i++) {
                int base = uOff + lev[i] * width;
                for (int a = 0; a < width; a++) {
                    double b = 0;
                    for (int c = 0; c <= a; c++) {
                        b += tmpl[a + c * width] * sol.u()[base + c];
                    }
                    r[i] -= z[i + a * n] * b;
                }
            }
        }
        return r;
    }

    private static void switchTo(Current cur, BackendChoice choice, double[] par, Whitener.Whitened w) {
        cur.close();
        cur.par = par.clone();
        cur.problem = w.problem();
        cur.logDet = w.logDetLambda();
        cur.minPivot = w.minPivot();
        cur.evaluator = choice.backend().open(w.problem());
    }

    /** A single unconstrained parameter: Brent's search over a range wide enough for any correlation. */
    private static ThetaOptimizer.Result minimizeOne(ToDoubleFunction<double[]> objective, int maxEvaluations) {
        int[] count = new int[1];
        double[] point = new double[1];
        UnivariateObjectiveFunction f = new UnivariateObjectiveFunction(z -> {
            count[0]++;
            point[0] = z;
            double v = objective.applyAsDouble(point);
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
        });
        try {
            UnivariatePointValuePair best = new BrentOptimizer(ThetaOptimizer.BRENT_RELATIVE,
                    ThetaOptimizer.BRENT_ABSOLUTE).optimize(new MaxEval(maxEvaluations), f, GoalType.MINIMIZE,
                    new SearchInterval(-SINGLE_PARAMETER_RANGE, SINGLE_PARAMETER_RANGE, 0.0));
            return new ThetaOptimizer.Result(new double[] {best.getPoint()}, best.getValue(), count[0], false);
        } catch (MathIllegalStateException tooMany) {
            return new ThetaOptimizer.Result(new double[] {point[0]}, objective.applyAsDouble(point), count[0], true);
        }
    }
}
