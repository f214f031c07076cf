package org.jmixed.model;

import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;
import org.jmixed.spi.PlsProblem;

/**
 * Minimizes the profiled objective over θ: diagonals bounded below by 0, off-diagonals free.
 * BOBYQA ({@link Bobyqa}) for two or more parameters, a bounded Brent search for one. BOBYQA starts
 * from lme4's start (1 on the diagonals of the templates, 0 elsewhere) or from a guess such as
 * {@link StartingValues}, whichever has the lower objective; from a guess the first trust region
 * is smaller, scaled to the guess.
 */
final class ThetaOptimizer {
    /**
     * BOBYQA's initial trust-region radius; θ is on the scale of a relative standard deviation and
     * starts at 1. Chosen by measurement over the reference models: 0.5 took the fewest evaluations
     * overall (InstEval 94 against 116 at 0.2) at the same objective (within 1e-9).
     */
    static final double INITIAL_RADIUS = 0.5;
    /**
     * From a guess, the initial radius is this share of its largest element, within
     * [{@link #MIN_GUESS_RADIUS}, {@link #INITIAL_RADIUS}]: small enough not to throw away a good
     * guess, large enough to build BOBYQA's first model. Chosen by measurement over the reference,
     * covariance-structure and large crossed/nested models once the guess for scalar terms became
     * joint ({@link ScalarTermMoments}): 0.1 took 4,001 evaluations in all against 4,021 at 0.05
     * and 4,036 at 0.15 (0.25 before: 4,059), at the same objectives (within 1e-12 relative).
     */
    static final double GUESS_RADIUS_SHARE = 0.1;
    static final double MIN_GUESS_RADIUS = 0.02;
    /** BOBYQA's final trust-region radius: well below the 1e-4 relative accuracy we promise for θ. */
    static final double STOPPING_RADIUS = 1e-6;
    /**
     * BOBYQA ends before {@link #STOPPING_RADIUS} once a whole stage of its trust-region radius, at
     * or below 1e-4 and at or below 1e-3 of the smallest non-zero |θ_j|, lowered the objective by no
     * more than 1e-12 of it (2.4e-7 on InstEval's REML criterion of 237,734, far below any
     * statistical meaning). Over the reference, covariance-structure and large crossed/nested fits
     * this saved 75 of 3,994 evaluations (InstEval 31 → 28, 400k crossed 21 → 19, nested-100k
     * 38 → 28, Penicillin 28 → 20) with every objective within 7e-13 relative and θ within 2e-5
     * relative of the fits run to the stopping radius. The share of the smallest θ matters where
     * θ are of different sizes: psid's {@code (1 | person) + (0 + year | person)}, θ = (0.83,
     * 0.011), stopped short at a radius of 1e-4 alone (objective 1.8e-8 relative too high).
     */
    static final Bobyqa.SettledStop SETTLED = new Bobyqa.SettledStop(1e-4, 1e-3, 1e-12);
    /** Relative and absolute tolerances of the one-dimensional search. */
    static final double BRENT_RELATIVE = 1e-10;
    static final double BRENT_ABSOLUTE = 1e-11;
    /** A diagonal θ below this is tried at exactly zero, its bound; lme4 calls such fits singular. */
    static final double BOUNDARY_SNAP = 1e-4;

    /** Outcome of one optimization. */
    record Result(double[] theta, double value, int evaluations, boolean hitEvaluationLimit) {
    }

    private final ToDoubleFunction<double[]> objective;
    private final boolean[] diagonal;
    private final int maxEvaluations;
    /** BOBYQA's start and its value, already known, so that its first evaluation costs nothing. */
    private double[] knownStart;
    private double knownStartValue;
    private final SearchRecord record;
    /** BOBYQA's quadratic model at the end of the last search; null when there is none. */
    private Bobyqa.Model finalModel;
    /** BOBYQA's {@link Bobyqa.StageProbe}; null for none. */
    private Bobyqa.StageProbe probe;

    ThetaOptimizer(ToDoubleFunction<double[]> objective, boolean[] diagonal, int maxEvaluations) {
        this(objective, diagonal, maxEvaluations, null);
    }

    ThetaOptimizer(ToDoubleFunction<double[]> objective, boolean[] diagonal, int maxEvaluations,
                   EvaluationListener listener) {
        this.objective = objective;
        this.diagonal = diagonal.clone();
        this.maxEvaluations = maxEvaluations;
        this.record = new SearchRecord(objective, listener);
    }

    /** Evaluates and remembers the best point seen, so that an interrupted search still returns it. */
    double evaluate(double[] theta) {
        if (knownStart != null && java.util.Arrays.equals(theta, knownStart)) {
            return knownStartValue;
        }
        return record.evaluate(theta);
    }

    Result minimize() {
        return minimize(() -> null);
    }

    /**
     * @param guess a starting point to try besides lme4's (null for none); asked for only when it
     *              will be tried: two or more θ and an evaluation cap with room for the comparison
     */
    Result minimize(Supplier<double[]> guess) {
        int m = diagonal.length;
        double[] start = new double[m];
        for (int i = 0; i < m; i++) {
            start[i] = diagonal[i] ? 1.0 : 0.0;
        }
        boolean limited = false;
        if (m == 0) {
            evaluate(start);
        } else if (m == 1) {
            limited = minimizeOne();
        } else {
            limited = minimizeMany(start, guess);
        }
        return record.result(diagonal, limited);
    }

    /**
     * From the first trust region of a refit, this share of the start's largest element, within
     * [{@link #MIN_GUESS_RADIUS}, {@link #INITIAL_RADIUS}]: bootstrap estimates scatter around the
     * original by about a standard error, which for θ is of this order. Chosen by measurement on
     * sleepstudy refits (fewest evaluations at the same objectives).
     */
    static final double REFIT_RADIUS_SHARE = 0.1;

    /**
     * Minimizes from a point known to be good, for refits to data like the original's (the
     * parametric bootstrap): BOBYQA from there alone, with a first trust region of
     * {@link #REFIT_RADIUS_SHARE} of its size, no comparison with lme4's start. One θ is searched
     * as {@link #minimize()} does; an unusable start (wrong length, outside the bounds) falls back
     * to it too.
     */
    Result minimizeFrom(double[] start) {
        int m = diagonal.length;
        if (m < 2 || start == null || start.length != m || !ThetaBounds.feasible(start, diagonal)) {
            return minimize();
        }
        double radius = Math.min(INITIAL_RADIUS,
                Math.max(MIN_GUESS_RADIUS, REFIT_RADIUS_SHARE * ThetaBounds.maxAbs(start)));
        boolean limited = bobyqa(start.clone(), radius, maxEvaluations);
        return record.result(diagonal, limited);
    }

    private boolean minimizeOne() {
        double[] point = new double[1];
        UnivariateObjectiveFunction f = new UnivariateObjectiveFunction(t -> {
            point[0] = t;
            return evaluate(point);
        });
        // Grow the interval until the objective rises at its upper end, then search inside it.
        double lower = 0.0;
        double upper = 4.0;
        double fUpper = f.getObjectiveFunction().value(upper);
        while (upper < 1e6 && fUpper < f.getObjectiveFunction().value(upper / 2)) {
            lower = upper / 4;
            upper *= 4;
            fUpper = f.getObjectiveFunction().value(upper);
        }
        try {
            new BrentOptimizer(BRENT_RELATIVE, BRENT_ABSOLUTE).optimize(new MaxEval(maxEvaluations), f,
                    GoalType.MINIMIZE, new SearchInterval(lower, upper, Math.max(lower, Math.min(1.0, upper))));
            return false;
        } catch (MathIllegalStateException tooMany) {
            return true;
        }
    }

    /**
     * As {@link #minimize(Supplier)} with {@link StartingValues#moments} of the problem, except that
     * the joint guess of a model whose terms are all scalar ({@link ScalarTermMoments}) is used
     * alone: it lands near the optimum (on the reference and large crossed/nested designs its
     * objective was always far below that of lme4's start), so the evaluation at lme4's start
     * would only be spent to be discarded.
     */
    Result minimizeFromMoments(PlsProblem problem) {
        int m = diagonal.length;
        double[] joint = m >= 2 && maxEvaluations >= 2 * m + 4 ? ScalarTermMoments.estimate(problem) : null;
        if (joint == null || joint.length != m || !ThetaBounds.feasible(joint, diagonal)) {
            return minimize(() -> StartingValues.moments(problem));
        }
        boolean limited = bobyqa(joint, guessRadius(joint), maxEvaluations);
        return record.result(diagonal, limited);
    }

    /** The first trust-region radius from a guess: {@link #GUESS_RADIUS_SHARE} of its size, bounded. */
    private static double guessRadius(double[] guess) {
        return Math.min(INITIAL_RADIUS, Math.max(MIN_GUESS_RADIUS, GUESS_RADIUS_SHARE * ThetaBounds.maxAbs(guess)));
    }

    private boolean minimizeMany(double[] lme4Start, Supplier<double[]> guessSupplier) {
        int m = lme4Start.length;
        double[] from = lme4Start;
        double radius = INITIAL_RADIUS;
        // The comparison costs two evaluations; under a cap too small for BOBYQA's first model
        // they are better spent by BOBYQA itself.
        double[] guess = maxEvaluations >= 2 * m + 4 ? guessSupplier.get() : null;
        if (guess != null && guess.length == m && ThetaBounds.feasible(guess, diagonal)) {
            double lme4Value = evaluate(lme4Start);
            double guessValue = evaluate(guess);
            if (guessValue < lme4Value) {
                from = guess.clone();
                radius = guessRadius(guess);
            }
            knownStart = from.clone();
            knownStartValue = Math.min(guessValue, lme4Value);
        }
        try {
            return bobyqa(from, radius, Math.max(1, maxEvaluations - record.evaluations));
        } finally {
            knownStart = null;
        }
    }

    /** Lets BOBYQA's searches end early where {@code probe} says (see {@link Bobyqa.StageProbe}). */
    ThetaOptimizer withStageProbe(Bobyqa.StageProbe probe) {
        this.probe = probe;
        return this;
    }

    /**
     * BOBYQA's final quadratic model of the last search, for {@link ConvergenceCheck}; null when the
     * search was not BOBYQA's (one θ) or ended by the evaluation limit.
     */
    Bobyqa.Model finalModel() {
        return finalModel;
    }

    /** {@link Bobyqa} from start with diagonals bounded below by 0; true if it ran out of evaluations. */
    private boolean bobyqa(double[] start, double radius, int evaluationCap) {
        int m = start.length;
        double[] lo = new double[m];
        double[] hi = new double[m];
        for (int i = 0; i < m; i++) {
            lo[i] = diagonal[i] ? 0.0 : Double.NEGATIVE_INFINITY;
            hi[i] = Double.POSITIVE_INFINITY;
        }
        Bobyqa bobyqa = new Bobyqa(m);
        boolean limited = bobyqa.minimize(this::evaluate, start, lo, hi, radius, STOPPING_RADIUS, evaluationCap,
                SETTLED, probe).hitEvaluationLimit();
        finalModel = bobyqa.finalModel();
        return limited;
    }
}
