package org.jmixed.model;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Bound-constrained minimization without derivatives by trust regions and quadratic interpolation,
 * after Powell's BOBYQA (M.J.D. Powell, "The BOBYQA algorithm for bound constrained optimization
 * without derivatives", DAMTP 2009/NA06).
 *
 * <p>The model Q interpolates f at 2n+1 points. Each new point replaces one old point and changes
 * Q by the least Frobenius norm change of its Hessian that keeps interpolation (Powell 2004). That
 * change, and the choice of the point to drop, come from H, the inverse of the interpolation
 * system W = [[A, e, Y'], [e', 0, 0], [Y, 0, 0]] (A = ½ (y_k'y_l)², y_k the points relative to a
 * base point). Unlike Powell's, this implementation keeps H and the model Hessian explicitly, as
 * plain dense matrices: θ has few elements, so O((3n)²) per iteration is nothing beside one
 * evaluation of f, and the explicit form lets H be rebuilt exactly by one small factorization
 * whenever the base point moves or an update looks unreliable.
 *
 * <p>Steps: a truncated conjugate-gradient step within the trust region and the bounds (a
 * variable that reaches its bound stays there for the rest of the step), then a search along the
 * trust-region boundary for models that are not convex; geometry steps that keep the points
 * well placed choose, among moves towards the other points and along the gradient of the
 * Lagrange function of the point being replaced, the one with the largest update denominator.
 *
 * <p>All workspace is allocated by the constructor for a given number of variables; a run
 * allocates nothing per iteration. Deterministic: the same inputs give bit-identical results.
 * Not thread-safe: one instance per thread.
 */
public final class Bobyqa {
    /** The outcome of one minimization. */
    public record Result(double[] x, double value, int evaluations, boolean hitEvaluationLimit) {
    }

    /**
     * An end before rhoEnd, for objectives with a meaningful scale: once a whole stage of the
     * trust-region resolution rho, at or below min(radius, share · the smallest non-zero |x_j|),
     * has lowered f by no more than decrease · |f|, the search ends. The share keeps the stage fine
     * beside small variables (a θ of 0.01 is not settled at a resolution of 1e-4).
     *
     * @param radius   the largest rho at which the search may end this way
     * @param share    the largest rho relative to the smallest non-zero |x_j|
     * @param decrease the decrease of f over a stage, relative to |f|, that counts as none
     */
    public record SettledStop(double radius, double share, double decrease) {
        /** No early end: the search runs to rhoEnd. */
        public static final SettledStop NEVER = new SettledStop(0, 0, 0);
    }

    /**
     * Asked at the end of a stage that is fine enough for the {@link SettledStop} but lowered f by
     * more than its share: whether other evidence, such as an exact gradient, shows x settled all
     * the same, so that the search ends there instead of spending a whole finer stage to show it.
     */
    public interface StageProbe {
        /**
         * @param model the quadratic model at the stage's end (its center is the best point)
         * @param rho   the resolution of the stage just finished
         */
        boolean settled(Model model, double rho);
    }

    /**
     * The quadratic model at the end of a run, in absolute coordinates: Q(x) = centerValue +
     * gradient'(x − center) + ½ (x − center)' hessian (x − center), interpolating f at the 2n+1
     * points (npt × n, column-major) with the given values; center is the lowest of them.
     */
    public record Model(double[] center, double centerValue, double[] gradient, double[] hessian, double[] points,
                        double[] values) {
    }

    /** Restarts allowed in one run (see {@link #restartAllowed()}). */
    private static final int MAX_RESTARTS = 3;

    private final int n;
    private final int npt;
    /** Order of W and H: the points, the constant, the n gradient components. */
    private final int dim;

    // Problem, relative to the base point.
    private final double[] base;
    private final double[] lower;
    private final double[] upper;
    private final double[] sl;
    private final double[] su;
    /** Interpolation points relative to base, npt × n column-major. */
    private final double[] xpt;
    private final double[] fval;
    private final double[] xopt;
    /** Model gradient at xopt and model Hessian (n × n). */
    private final double[] gopt;
    private final double[] hess;
    /** H = W⁻¹, dim × dim column-major, and workspace for rebuilding it. */
    private final double[] hmat;
    private final double[] wmat;
    // Vectors for one candidate point: w, H w, a column of H, e_t − H w.
    private final double[] wvec;
    private final double[] hw;
    private final double[] hcol;
    private final double[] vvec;
    // The step and the points it produces.
    private final double[] d;
    private final double[] xnew;
    private final double[] xfull;
    private final double[] gnew;
    // Trust-region step workspace.
    private final double[] s;
    private final double[] hs;
    private final double[] hd;
    /** Where a restart centres its points. */
    private final double[] anchor;
    private final int[] fixed;
    // Geometry step workspace.
    private final double[] glag;
    private final double[] cand;

    private ToDoubleFunction<double[]> f;
    private int maxEvaluations;
    private int evaluations;
    private boolean limited;
    private int kopt;
    private double crvmin;
    private int restarts;
    /** β of the point xnew for which {@link #lagrangeAtNew()} last filled hw. */
    private double betaNew;
    /** Lower bound on the trust-region radius (the resolution of the current stage) and the radius. */
    private double rho;
    private double delta;
    /** f at xopt when the current stage of rho began. */
    private double stageStartValue;
    /** The early stop of the current run ({@link SettledStop#NEVER} for none). */
    private SettledStop settled = SettledStop.NEVER;
    /** The current run's {@link StageProbe}; null for none. */
    private StageProbe probe;
    private final double[] bestX;
    private double bestF;
    /** Whether Q and the points describe the run's end (initialized, not cut by the evaluation limit). */
    private boolean modelReady;

    /** Workspace for problems of n variables (n ≥ 1). */
    public Bobyqa(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("BOBYQA needs at least one variable");
        }
        this.n = n;
        this.npt = 2 * n + 1;
        this.dim = npt + n + 1;
        base = new double[n];
        lower = new double[n];
        upper = new double[n];
        sl = new double[n];
        su = new double[n];
        xpt = new double[npt * n];
        fval = new double[npt];
        xopt = new double[n];
        gopt = new double[n];
        hess = new double[n * n];
        hmat = new double[dim * dim];
        wmat = new double[dim * dim];
        wvec = new double[dim];
        hw = new double[dim];
        hcol = new double[dim];
        vvec = new double[dim];
        d = new double[n];
        xnew = new double[n];
        xfull = new double[n];
        gnew = new double[n];
        s = new double[n];
        hs = new double[n];
        hd = new double[n];
        anchor = new double[n];
        fixed = new int[n];
        glag = new double[n];
        cand = new double[n];
        bestX = new double[n];
    }

    /** The number of variables this instance was made for. */
    public int dimension() {
        return n;
    }

    /**
     * Minimizes f from start within [lower, upper] (infinite bounds allowed).
     *
     * @param f              the objective; the array it is given is only valid during the call
     * @param start          the starting point (moved inside the bounds, and away from a bound
     *                       closer than rhoBegin, as the initial points need)
     * @param lower          lower bounds; upper − lower must be at least 2·rhoBegin
     * @param upper          upper bounds
     * @param rhoBegin       initial trust-region radius: about a tenth of the expected change
     * @param rhoEnd         final trust-region radius: the accuracy wanted in x
     * @param maxEvaluations the most evaluations of f; reaching it ends the search with
     *                       {@link Result#hitEvaluationLimit()}
     */
    public Result minimize(ToDoubleFunction<double[]> f, double[] start, double[] lower, double[] upper,
                           double rhoBegin, double rhoEnd, int maxEvaluations) {
        return minimize(f, start, lower, upper, rhoBegin, rhoEnd, maxEvaluations, SettledStop.NEVER);
    }

    /**
     * As {@link #minimize(ToDoubleFunction, double[], double[], double[], double, double, int)},
     * and may stop before rhoEnd as {@code stop} says.
     */
    public Result minimize(ToDoubleFunction<double[]> f, double[] start, double[] lower, double[] upper,
                           double rhoBegin, double rhoEnd, int maxEvaluations, SettledStop stop) {
        return minimize(f, start, lower, upper, rhoBegin, rhoEnd, maxEvaluations, stop, null);
    }

    /**
     * As {@link #minimize(ToDoubleFunction, double[], double[], double[], double, double, int, SettledStop)},
     * and may also stop at the end of a stage fine enough for {@code stop} where {@code probe} (null
     * for none) says x is settled.
     */
    public Result minimize(ToDoubleFunction<double[]> f, double[] start, double[] lower, double[] upper,
                           double rhoBegin, double rhoEnd, int maxEvaluations, SettledStop stop, StageProbe probe) {
        if (start.length != n || lower.length != n || upper.length != n) {
            throw new IllegalArgumentException("expected " + n + " variables");
        }
        if (!(rhoBegin > 0) || !(rhoEnd > 0) || rhoEnd > rhoBegin) {
            throw new IllegalArgumentException("need 0 < rhoEnd <= rhoBegin, not " + rhoEnd + ", " + rhoBegin);
        }
        for (int j = 0; j < n; j++) {
            if (!(upper[j] - lower[j] >= 2 * rhoBegin)) {
                throw new IllegalArgumentException("bounds of variable " + j + " closer than 2·rhoBegin");
            }
        }
        this.f = f;
        this.maxEvaluations = maxEvaluations;
        this.settled = stop;
        this.probe = probe;
        this.endedByProbe = false;
        this.evaluations = 0;
        this.limited = false;
        this.bestF = Double.POSITIVE_INFINITY;
        this.modelReady = false;
        System.arraycopy(lower, 0, this.lower, 0, n);
        System.arraycopy(upper, 0, this.upper, 0, n);
        try {
            run(start, rhoBegin, rhoEnd);
        } finally {
            this.f = null;
            this.probe = null;
        }
        return new Result(bestX.clone(), bestF, evaluations, limited);
    }

    /**
     * The model Q of the last run at its end, for estimating the gradient and curvature there
     * without evaluations; null when the run ended by the evaluation limit or before its first
     * model was complete.
     */
    public Model finalModel() {
        if (!modelReady || limited) {
            return null;
        }
        double[] center = new double[n];
        double[] points = new double[npt * n];
        for (int j = 0; j < n; j++) {
            center[j] = base[j] + xopt[j];
            for (int k = 0; k < npt; k++) {
                points[k + npt * j] = base[j] + xpt[k + npt * j];
            }
        }
        return new Model(center, fval[kopt], gopt.clone(), hess.clone(), points, fval.clone());
    }

    // ---------------------------------------------------------------------------------------
    // Main iteration

    private void run(double[] start, double rhoBegin, double rhoEnd) {
        restarts = 0;
        stageStartValue = Double.POSITIVE_INFINITY;
        if (!initialize(start, rhoBegin, Double.NaN)) {
            return;
        }
        rho = rhoBegin;
        delta = rho;
        double ratio = 0;
        // Sizes of the last three model errors |f − Q| at new points, to tell when the model is trusted.
        double diffa = 0;
        double diffb = 0;
        double diffc = 0;
        int nfsav = evaluations;
        // > 0: trust-region steps since rho last changed; 0: after a geometry step; −1: a step too short to try.
        int ntrits = 0;
        while (true) {
            double dsq = trustRegionStep(delta);
            double dnorm = Math.min(delta, Math.sqrt(dsq));
            double distsq;
            if (dnorm < 0.5 * rho) {
                // Too short to be worth an evaluation: either the model is good enough at this rho
                // (reduce rho) or the points far from xopt need improving first.
                ntrits = -1;
                distsq = 100 * rho * rho;
                if (evaluations > nfsav + 2 && modelTrusted(Math.max(diffa, Math.max(diffb, diffc)))) {
                    if (!reduceRho(rhoEnd)) {
                        finishShortStep();
                        return;
                    }
                    ntrits = 0;
                    nfsav = evaluations;
                    continue;
                }
            } else {
                ntrits++;
                shiftBaseIfFar(dsq);
                projectStep();
                double vquad = modelChange();
                double fnew = evaluate();
                if (limited) {
                    return;
                }
                double fopt = fval[kopt];
                if (!Double.isFinite(fnew)) {
                    // No quadratic can interpolate it: retreat towards xopt, replacing no point.
                    if (dnorm > rho) {
                        delta = Math.max(rho, 0.5 * Math.min(delta, dnorm));
                        continue;
                    }
                    if (!reduceRho(rhoEnd)) {
                        return;
                    }
                    ntrits = 0;
                    nfsav = evaluations;
                    continue;
                }
                double diff = fnew - fopt - vquad;
                diffc = diffb;
                diffb = diffa;
                diffa = Math.abs(diff);
                if (dnorm > rho) {
                    nfsav = evaluations;
                }
                if (!(vquad < 0)) {
                    // The model promises no decrease: it cannot guide the search any further.
                    return;
                }
                ratio = (fnew - fopt) / vquad;
                if (ratio <= 0.1) {
                    delta = Math.min(0.5 * delta, dnorm);
                } else if (ratio <= 0.7) {
                    delta = Math.max(0.5 * delta, dnorm);
                } else {
                    delta = Math.max(0.5 * delta, 2 * dnorm);
                }
                if (delta <= 1.5 * rho) {
                    delta = rho;
                }
                int knew = pointToReplace(delta);
                if (knew < 0 && rebuildH()) {
                    // Rounding has spoilt the updated H: the exact one for these points decides.
                    knew = pointToReplace(delta);
                }
                if (knew < 0 || !replacePoint(knew, fnew, diff)) {
                    if (restartAllowed()) {
                        ntrits = 0;
                        nfsav = evaluations;
                        continue;
                    }
                    return;
                }
                if (fnew <= fopt + 0.1 * vquad) {
                    continue;
                }
                distsq = Math.max(4 * delta * delta, 100 * rho * rho);
            }
            int far = farthestPoint(distsq);
            if (far >= 0) {
                // A geometry step: replace the point farthest from xopt by one that keeps the
                // interpolation system well conditioned.
                double dist = Math.sqrt(pointDistanceSquared(far));
                if (ntrits == -1) {
                    delta = Math.min(0.1 * delta, 0.5 * dist);
                    if (delta <= 1.5 * rho) {
                        delta = rho;
                    }
                }
                ntrits = 0;
                double adelt = Math.max(Math.min(0.1 * dist, delta), rho);
                shiftBaseIfFar(adelt * adelt);
                geometryStep(far, adelt);
                double vquad = modelChange();
                double fnew = evaluate();
                if (limited || !Double.isFinite(fnew)) {
                    return;
                }
                double diff = fnew - fval[kopt] - vquad;
                diffc = diffb;
                diffb = diffa;
                diffa = Math.abs(diff);
                if (dotSelf(d) > rho * rho) {
                    nfsav = evaluations;
                }
                if (!replacePoint(far, fnew, diff)) {
                    if (restartAllowed()) {
                        ntrits = 0;
                        nfsav = evaluations;
                        continue;
                    }
                    return;
                }
                continue;
            }
            if (ntrits != -1 && (ratio > 0 || Math.max(delta, dnorm) > rho)) {
                continue;
            }
            if (!reduceRho(rhoEnd)) {
                if (ntrits == -1) {
                    finishShortStep();
                }
                return;
            }
            ntrits = 0;
            nfsav = evaluations;
        }
    }

    /**
     * Whether the model may be trusted at this rho: its recent errors are small beside the
     * curvature, and at a bound the gradient does not point inside by more than those errors.
     */
    private boolean modelTrusted(double errbig) {
        if (crvmin > 0 && errbig > 0.125 * rho * rho * crvmin) {
            return false;
        }
        double bdtol = errbig / rho;
        for (int j = 0; j < n; j++) {
            double bdtest = bdtol;
            if (xnew[j] == sl[j]) {
                bdtest = gnew[j];
            }
            if (xnew[j] == su[j]) {
                bdtest = -gnew[j];
            }
            if (bdtest < bdtol && bdtest + 0.5 * hess[j + j * n] * rho < bdtol) {
                return false;
            }
        }
        return true;
    }

    /**
     * When the interpolation points have become degenerate (no replacement has a positive
     * denominator even with H computed afresh), starts again with 2n+1 new points around the best
     * point at the current rho: what Powell's RESCUE achieves, more simply, at the price of 2n
     * evaluations. At most {@link #MAX_RESTARTS} times per run; false if not allowed or if the
     * evaluation limit came first.
     */
    private boolean restartAllowed() {
        if (restarts >= MAX_RESTARTS || limited) {
            return false;
        }
        restarts++;
        for (int j = 0; j < n; j++) {
            anchor[j] = base[j] + xopt[j];
        }
        if (!initialize(anchor, rho, fval[kopt])) {
            return false;
        }
        delta = rho;
        return true;
    }

    /**
     * Whether the stage of rho just finished ends the search by the {@link SettledStop}: fine
     * enough, and f lowered by no more than its share of |f| since the stage began.
     */
    private boolean settledStage() {
        return fineStage() && stageStartValue - fval[kopt] <= settled.decrease() * Math.abs(fval[kopt]);
    }

    /** Whether the stage's rho is at or below min(radius, share · the smallest non-zero |x_j|). */
    private boolean fineStage() {
        double smallest = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double x = Math.abs(base[j] + xopt[j]);
            if (x > 0) {
                smallest = Math.min(smallest, x);
            }
        }
        return rho <= Math.min(settled.radius(), settled.share() * smallest);
    }

    /** Whether the {@link StageProbe} ends the search at the end of a fine stage. */
    private boolean probeSettles() {
        if (probe == null || !fineStage()) {
            return false;
        }
        Model model = finalModel();
        endedByProbe = model != null && probe.settled(model, rho);
        return endedByProbe;
    }

    /** Whether the current run was ended by its {@link StageProbe}. */
    private boolean endedByProbe;

    /**
     * Lowers rho towards rhoEnd (and delta with it); false when rho is rhoEnd already, or when the
     * stage just finished ends the search ({@link #settledStage()}).
     */
    private boolean reduceRho(double rhoEnd) {
        if (rho <= rhoEnd) {
            return false;
        }
        if (settledStage() || probeSettles()) {
            // A whole stage at this resolution has not lowered f by a meaningful amount, or the
            // probe shows by other means that it would not: x is settled, and the finer stages
            // down to rhoEnd would only polish digits of it.
            return false;
        }
        stageStartValue = fval[kopt];
        delta = 0.5 * rho;
        double r = rho / rhoEnd;
        if (r <= 16) {
            rho = rhoEnd;
        } else if (r <= 250) {
            rho = Math.sqrt(r) * rhoEnd;
        } else {
            rho = 0.1 * rho;
        }
        delta = Math.max(delta, rho);
        return true;
    }

    /**
     * The last step was too short to help the model but may still be lower: try it, if an
     * evaluation is left (the search has converged either way).
     */
    private void finishShortStep() {
        // The probe has shown the best point settled: the short step would only polish it, and
        // would move the best point away from where the probe's evidence (a gradient) was taken.
        if (evaluations < maxEvaluations && !endedByProbe) {
            projectStep();
            evaluate();
        }
    }

    // ---------------------------------------------------------------------------------------
    // Initial points, model and H

    /** Evaluates the 2n+1 initial points and builds Q and H; false when the evaluation limit came first. */
    private boolean initialize(double[] start, double rho, double startValue) {
        modelReady = false;
        for (int j = 0; j < n; j++) {
            double x = Math.min(Math.max(start[j], lower[j]), upper[j]);
            double lo = lower[j] - x;
            double hi = upper[j] - x;
            // The initial points lie rho and 2·rho from base: keep them inside the bounds.
            if (lo >= -rho) {
                if (lo >= 0) {
                    x = lower[j];
                } else {
                    x = lower[j] + rho;
                }
            } else if (hi <= rho) {
                if (hi <= 0) {
                    x = upper[j];
                } else {
                    x = upper[j] - rho;
                }
            }
            base[j] = x;
            sl[j] = lower[j] - x;
            su[j] = upper[j] - x;
            if (x == lower[j]) {
                sl[j] = 0;
            }
            if (x == upper[j]) {
                su[j] = 0;
            }
        }
        Arrays.fill(xpt, 0.0);
        Arrays.fill(xopt, 0.0);
        kopt = 0;
        // Point 0 is base; point 1+j steps a along axis j, point 1+n+j steps b along it.
        for (int k = 0; k < npt; k++) {
            if (k > 0) {
                int j = (k - 1) % n;
                double step;
                if (k <= n) {
                    step = su[j] == 0 ? -rho : rho;
                } else if (sl[j] == 0) {
                    step = Math.min(2 * rho, su[j]);
                } else if (su[j] == 0) {
                    step = Math.max(-2 * rho, sl[j]);
                } else {
                    step = -rho;
                }
                xpt[k + npt * j] = step;
            }
            for (int j = 0; j < n; j++) {
                xnew[j] = xpt[k + npt * j];
            }
            double v = k == 0 && !Double.isNaN(startValue) && Arrays.equals(base, start) ? startValue : evaluate();
            if (limited) {
                return false;
            }
            if (!Double.isFinite(v)) {
                return false;
            }
            fval[k] = v;
            if (v < fval[kopt]) {
                kopt = k;
            }
        }
        // Q: gradient at base and a diagonal Hessian from the three points on each axis.
        Arrays.fill(hess, 0.0);
        double f0 = fval[0];
        for (int j = 0; j < n; j++) {
            double a = xpt[1 + j + npt * j];
            double b = xpt[1 + n + j + npt * j];
            double slopeA = (fval[1 + j] - f0) / a;
            double slopeB = (fval[1 + n + j] - f0) / b;
            double h = 2 * (slopeB - slopeA) / (b - a);
            hess[j + j * n] = h;
            gopt[j] = slopeA - 0.5 * h * a;
        }
        for (int j = 0; j < n; j++) {
            xopt[j] = xpt[kopt + npt * j];
            gopt[j] += hess[j + j * n] * xopt[j];
        }
        modelReady = rebuildH();
        return modelReady;
    }

    /**
     * Computes H = W⁻¹ from the points by Gaussian elimination with partial pivoting, after scaling
     * the points to unit size (W = D Ŵ D with D = diag(r², …, r⁻², r⁻¹, …)), so that the
     * elimination sees entries of order one. False if W is singular to working precision.
     */
    private boolean rebuildH() {
        double r2 = 0;
        for (int k = 0; k < npt; k++) {
            r2 = Math.max(r2, pointNormSquared(k));
        }
        double r = Math.sqrt(r2);
        if (!(r > 0)) {
            return false;
        }
        // Ŵ in wmat, identity in hmat; solve Ŵ X = I.
        Arrays.fill(wmat, 0.0);
        for (int k = 0; k < npt; k++) {
            for (int l = 0; l <= k; l++) {
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += xpt[k + npt * j] * xpt[l + npt * j];
                }
                double a = 0.5 * dot * dot / (r2 * r2);
                wmat[k + dim * l] = a;
                wmat[l + dim * k] = a;
            }
            wmat[k + dim * npt] = 1;
            wmat[npt + dim * k] = 1;
            for (int j = 0; j < n; j++) {
                double y = xpt[k + npt * j] / r;
                wmat[k + dim * (npt + 1 + j)] = y;
                wmat[npt + 1 + j + dim * k] = y;
            }
        }
        Arrays.fill(hmat, 0.0);
        for (int i = 0; i < dim; i++) {
            hmat[i + dim * i] = 1;
        }
        if (!solveInPlace(wmat, hmat, dim)) {
            return false;
        }
        // Undo the scaling: H = D⁻¹ Ĥ D⁻¹.
        for (int c = 0; c < dim; c++) {
            double dc = scaleInverse(c, r);
            for (int i = 0; i < dim; i++) {
                hmat[i + dim * c] *= dc * scaleInverse(i, r);
            }
        }
        // Symmetric in exact arithmetic: keep it so.
        for (int c = 0; c < dim; c++) {
            for (int i = c + 1; i < dim; i++) {
                double m = 0.5 * (hmat[i + dim * c] + hmat[c + dim * i]);
                hmat[i + dim * c] = m;
                hmat[c + dim * i] = m;
            }
        }
        return true;
    }

    private double scaleInverse(int i, double r) {
        if (i < npt) {
            return 1 / (r * r);
        }
        return i == npt ? r * r : r;
    }

    /** Solves A X = B in place (B becomes X) by Gaussian elimination with row pivoting. */
    private boolean solveInPlace(double[] a, double[] b, int m) {
        for (int c = 0; c < m; c++) {
            int p = c;
            double big = Math.abs(a[c + m * c]);
            for (int i = c + 1; i < m; i++) {
                double v = Math.abs(a[i + m * c]);
                if (v > big) {
                    big = v;
                    p = i;
                }
            }
            if (!(big > 1e-13)) {
                return false;
            }
            if (p != c) {
                swapRows(a, m, p, c);
                swapRows(b, m, p, c);
            }
            double inv = 1 / a[c + m * c];
            for (int i = c + 1; i < m; i++) {
                double factor = a[i + m * c] * inv;
                if (factor != 0) {
                    for (int k = c; k < m; k++) {
                        a[i + m * k] -= factor * a[c + m * k];
                    }
                    for (int k = 0; k < m; k++) {
                        b[i + m * k] -= factor * b[c + m * k];
                    }
                }
            }
        }
        for (int k = 0; k < m; k++) {
            for (int i = m - 1; i >= 0; i--) {
                double v = b[i + m * k];
                for (int l = i + 1; l < m; l++) {
                    v -= a[i + m * l] * b[l + m * k];
                }
                b[i + m * k] = v / a[i + m * i];
            }
        }
        return true;
    }

    private static void swapRows(double[] a, int m, int p, int q) {
        for (int k = 0; k < m; k++) {
            double t = a[p + m * k];
            a[p + m * k] = a[q + m * k];
            a[q + m * k] = t;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Evaluation and model bookkeeping

    /** f at base + xnew, kept inside the bounds exactly; counts, and remembers the best. */
    private double evaluate() {
        if (evaluations >= maxEvaluations) {
            limited = true;
            return Double.NaN;
        }
        for (int j = 0; j < n; j++) {
            double x = Math.min(Math.max(base[j] + xnew[j], lower[j]), upper[j]);
            if (xnew[j] == sl[j]) {
                x = lower[j];
            } else if (xnew[j] == su[j]) {
                x = upper[j];
            }
            xfull[j] = x;
        }
        evaluations++;
        double v = f.applyAsDouble(xfull);
        if (Double.isNaN(v)) {
            v = Double.POSITIVE_INFINITY;
        }
        if (v < bestF || evaluations == 1) {
            bestF = v;
            System.arraycopy(xfull, 0, bestX, 0, n);
        }
        return v;
    }

    /** Q(xopt + d) − Q(xopt). */
    private double modelChange() {
        hessianTimes(d, hd);
        double v = 0;
        for (int j = 0; j < n; j++) {
            v += d[j] * (gopt[j] + 0.5 * hd[j]);
        }
        return v;
    }

    private void hessianTimes(double[] v, double[] out) {
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += hess[i + n * j] * v[j];
            }
            out[i] = sum;
        }
    }

    /** xnew = xopt + d inside the bounds, and d made to match. */
    private void projectStep() {
        for (int j = 0; j < n; j++) {
            double x = Math.min(Math.max(xopt[j] + d[j], sl[j]), su[j]);
            if (fixed[j] < 0) {
                x = sl[j];
            } else if (fixed[j] > 0) {
                x = su[j];
            }
            xnew[j] = x;
            d[j] = x - xopt[j];
        }
    }

    /**
     * Fills hw = H w for xnew, whose first npt elements are the Lagrange functions at xnew, and
     * returns β = ½‖y‖⁴ − w'Hw (y = xnew relative to base): the denominator of replacing point k by
     * xnew is H_kk β + ℓ_k(xnew)². Computed from v = w − w(xopt), as Powell does, because
     * H w(xopt) = e_kopt: with p = xopt and d = xnew − xopt, v_k = (d'y_k)(p'y_k + ½ d'y_k), its
     * constant part is 0 and its gradient part d, so that nothing of the size of ‖y‖⁴ cancels:
     * H w = H v + e_kopt and β = (p'd)² + ½‖d‖⁴ + ‖p‖²‖d‖² + 2 (p'd)‖d‖² − v'Hv.
     */
    private double lagrangeAtNew() {
        double pd = 0;
        double dd = 0;
        double pp = 0;
        for (int j = 0; j < n; j++) {
            double step = xnew[j] - xopt[j];
            pd += xopt[j] * step;
            dd += step * step;
            pp += xopt[j] * xopt[j];
        }
        for (int k = 0; k < npt; k++) {
            double dy = 0;
            double py = 0;
            for (int j = 0; j < n; j++) {
                double y = xpt[k + npt * j];
                dy += (xnew[j] - xopt[j]) * y;
                py += xopt[j] * y;
            }
            wvec[k] = dy * (py + 0.5 * dy);
        }
        wvec[npt] = 0;
        for (int j = 0; j < n; j++) {
            wvec[npt + 1 + j] = xnew[j] - xopt[j];
        }
        double vhv = 0;
        for (int i = 0; i < dim; i++) {
            double sum = 0;
            for (int c = 0; c < dim; c++) {
                sum += hmat[i + dim * c] * wvec[c];
            }
            hw[i] = sum;
            vhv += wvec[i] * sum;
        }
        hw[kopt] += 1;
        betaNew = pd * pd + 0.5 * dd * dd + pp * dd + 2 * pd * dd - vhv;
        return betaNew;
    }

    /** After a trust-region step: the point whose replacement by xnew is best conditioned, weighted by distance. */
    private int pointToReplace(double delta) {
        double beta = lagrangeAtNew();
        double delsq = delta * delta;
        double best = 0;
        int knew = -1;
        for (int k = 0; k < npt; k++) {
            if (k == kopt) {
                continue;
            }
            double den = hmat[k + dim * k] * beta + hw[k] * hw[k];
            double distsq = 0;
            for (int j = 0; j < n; j++) {
                double t = xpt[k + npt * j] - xnew[j];
                distsq += t * t;
            }
            double weight = Math.max(1, (distsq / delsq) * (distsq / delsq));
            if (weight * den > best) {
                best = weight * den;
                knew = k;
            }
        }
        return knew;
    }

    /**
     * Replaces point t by xnew with value fnew, using hw and β of xnew (from
     * {@link #lagrangeAtNew()}, called last for this xnew): updates H (Powell's formula for changing one row and
     * column of W), the model by diff times the new Lagrange function of t, and xopt when fnew is
     * the lowest value. False when the update is numerically impossible and H cannot be rebuilt.
     */
    private boolean replacePoint(int t, double fnew, double diff) {
        double beta = betaNew;
        double alpha = hmat[t + dim * t];
        double tau = hw[t];
        double sigma = alpha * beta + tau * tau;
        for (int j = 0; j < n; j++) {
            xpt[t + npt * j] = xnew[j];
        }
        fval[t] = fnew;
        if (sigma > 1e-12 * (Math.abs(alpha * beta) + tau * tau) && sigma > 0) {
            for (int i = 0; i < dim; i++) {
                hcol[i] = hmat[i + dim * t];
                vvec[i] = -hw[i];
            }
            vvec[t] += 1;
            // H += [v u] [[α, τ], [τ, −β]] [v u]' / σ, one column at a time.
            double inv = 1 / sigma;
            for (int c = 0; c < dim; c++) {
                double a = inv * (alpha * vvec[c] + tau * hcol[c]);
                double b = inv * (tau * vvec[c] - beta * hcol[c]);
                int col = dim * c;
                for (int i = 0; i < dim; i++) {
                    hmat[i + col] += vvec[i] * a + hcol[i] * b;
                }
            }
        } else if (!rebuildH()) {
            return false;
        }
        // Q += diff · ℓ_t: Hessian Σ λ_k y_k y_k', gradient at xopt Ξ_t + Σ λ_k y_k (y_k'xopt).
        if (diff != 0) {
            lagrangeGradientAtXopt(t);
            for (int k = 0; k < npt; k++) {
                double lambda = diff * hmat[k + dim * t];
                if (lambda == 0) {
                    continue;
                }
                for (int c = 0; c < n; c++) {
                    double yc = lambda * xpt[k + npt * c];
                    for (int i = 0; i < n; i++) {
                        hess[i + n * c] += yc * xpt[k + npt * i];
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                gopt[j] += diff * glag[j];
            }
        }
        if (fnew < fval[kopt]) {
            for (int j = 0; j < n; j++) {
                s[j] = xnew[j] - xopt[j];
            }
            hessianTimes(s, hs);
            for (int j = 0; j < n; j++) {
                gopt[j] += hs[j];
                xopt[j] = xnew[j];
            }
            kopt = t;
        }
        return true;
    }

    /**
     * glag = ∇ℓ_t(xopt) for the Lagrange function of point t held in H's column t: its gradient at
     * base Ξ_t plus its Hessian Σ_k H_kt y_k y_k' times xopt.
     */
    private void lagrangeGradientAtXopt(int t) {
        for (int j = 0; j < n; j++) {
            glag[j] = hmat[npt + 1 + j + dim * t];
        }
        for (int k = 0; k < npt; k++) {
            double lambda = hmat[k + dim * t];
            if (lambda == 0) {
                continue;
            }
            double yx = 0;
            for (int j = 0; j < n; j++) {
                yx += xpt[k + npt * j] * xopt[j];
            }
            for (int j = 0; j < n; j++) {
                glag[j] += lambda * xpt[k + npt * j] * yx;
            }
        }
    }

    private int farthestPoint(double threshold) {
        int far = -1;
        double best = threshold;
        for (int k = 0; k < npt; k++) {
            double distsq = pointDistanceSquared(k);
            if (distsq > best) {
                best = distsq;
                far = k;
            }
        }
        return far;
    }

    private double pointDistanceSquared(int k) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double t = xpt[k + npt * j] - xopt[j];
            sum += t * t;
        }
        return sum;
    }

    private double pointNormSquared(int k) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double t = xpt[k + npt * j];
            sum += t * t;
        }
        return sum;
    }

    private static double dotSelf(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return sum;
    }

    /**
     * Moves the base point to xopt when the step is small beside xopt's distance from it: w'Hw and
     * ½‖y‖⁴ then nearly cancel in β. The model is unchanged (gradient at xopt, explicit Hessian);
     * H is rebuilt for the shifted points.
     */
    private void shiftBaseIfFar(double stepSquared) {
        double xoptsq = dotSelf(xopt);
        if (!(stepSquared <= 1e-3 * xoptsq)) {
            return;
        }
        for (int j = 0; j < n; j++) {
            double shift = xopt[j];
            base[j] += shift;
            sl[j] -= shift;
            su[j] -= shift;
            for (int k = 0; k < npt; k++) {
                xpt[k + npt * j] -= shift;
            }
            xopt[j] = 0;
            xpt[kopt + npt * j] = 0;
        }
        rebuildH();
    }

    // ---------------------------------------------------------------------------------------
    // The trust-region step

    /**
     * d ≈ argmin Q(xopt + d) subject to ‖d‖ ≤ delta and the bounds: conjugate gradients on the
     * free variables, a variable reaching its bound being fixed there and the iteration restarted;
     * when the step reaches the trust-region boundary, rotations of d within the boundary reduce Q
     * further. Sets gnew = ∇Q(xopt + d) and crvmin (the least curvature met along a full
     * conjugate-gradient step, 0 if the boundary was reached, −1 if neither). Returns ‖d‖².
     */
    private double trustRegionStep(double delta) {
        int nact = 0;
        for (int j = 0; j < n; j++) {
            fixed[j] = 0;
            if (xopt[j] <= sl[j] && gopt[j] >= 0) {
                fixed[j] = -1;
                nact++;
            } else if (xopt[j] >= su[j] && gopt[j] <= 0) {
                fixed[j] = 1;
                nact++;
            }
            d[j] = 0;
            gnew[j] = gopt[j];
            s[j] = 0;
        }
        double delsq = delta * delta;
        double qred = 0;
        crvmin = -1;
        double beta = 0;
        double gredsq = 0;
        int iterc = 0;
        int itermax = 0;
        boolean boundary = false;
        while (true) {
            double stepsq = 0;
            for (int j = 0; j < n; j++) {
                s[j] = fixed[j] != 0 ? 0 : beta * s[j] - gnew[j];
                stepsq += s[j] * s[j];
            }
            if (stepsq == 0) {
                break;
            }
            if (beta == 0) {
                gredsq = stepsq;
                itermax = iterc + n - nact;
            }
            if (gredsq * delsq <= 1e-4 * qred * qred) {
                break;
            }
            hessianTimes(s, hs);
            double resid = delsq;
            double ds = 0;
            double shs = 0;
            for (int j = 0; j < n; j++) {
                if (fixed[j] == 0) {
                    resid -= d[j] * d[j];
                    ds += d[j] * s[j];
                    shs += s[j] * hs[j];
                }
            }
            if (resid <= 0) {
                boundary = true;
                break;
            }
            double root = Math.sqrt(stepsq * resid + ds * ds);
            double blen = ds < 0 ? (root - ds) / stepsq : resid / (root + ds);
            double stplen = blen;
            if (shs > 0) {
                stplen = Math.min(blen, gredsq / shs);
            }
            int iact = -1;
            for (int j = 0; j < n; j++) {
                if (s[j] != 0) {
                    double xsum = xopt[j] + d[j];
                    double room = s[j] > 0 ? (su[j] - xsum) / s[j] : (sl[j] - xsum) / s[j];
                    if (room < stplen) {
                        stplen = room;
                        iact = j;
                    }
                }
            }
            double sdec = 0;
            double ggsav = gredsq;
            if (stplen > 0) {
                iterc++;
                double curv = shs / stepsq;
                if (iact < 0 && curv > 0) {
                    crvmin = crvmin == -1 ? curv : Math.min(crvmin, curv);
                }
                gredsq = 0;
                for (int j = 0; j < n; j++) {
                    gnew[j] += stplen * hs[j];
                    if (fixed[j] == 0) {
                        gredsq += gnew[j] * gnew[j];
                    }
                    d[j] += stplen * s[j];
                }
                sdec = Math.max(stplen * (ggsav - 0.5 * stplen * shs), 0);
                qred += sdec;
            }
            if (iact >= 0) {
                nact++;
                fixed[iact] = s[iact] > 0 ? 1 : -1;
                delsq -= d[iact] * d[iact];
                if (delsq <= 0) {
                    boundary = true;
                    break;
                }
                beta = 0;
                continue;
            }
            if (stplen < blen) {
                if (iterc == itermax || sdec <= 0.01 * qred) {
                    break;
                }
                beta = gredsq / ggsav;
                continue;
            }
            boundary = true;
            break;
        }
        if (boundary) {
            crvmin = 0;
            if (nact < n - 1) {
                alongBoundary(qred);
            }
        }
        projectStep();
        return dotSelf(d);
    }

    /**
     * With d on the trust-region boundary (‖d_free‖² = delsq), turns the free part of d in the
     * plane of d and the steepest descent direction, keeping its length, to the angle of least Q
     * (a grid over the angle refined by a parabola); repeated while the reduction is worth it. A
     * variable whose bound limits the angle is fixed at that bound and the turning ends.
     */
    private void alongBoundary(double qred) {
        for (int iter = 0; iter < 2 * n; iter++) {
            double dredsq = 0;
            double dredg = 0;
            double gredsq = 0;
            for (int j = 0; j < n; j++) {
                if (fixed[j] == 0) {
                    dredsq += d[j] * d[j];
                    dredg += d[j] * gnew[j];
                    gredsq += gnew[j] * gnew[j];
                }
            }
            double temp = gredsq * dredsq - dredg * dredg;
            if (!(temp > 1e-4 * qred * qred)) {
                return;
            }
            temp = Math.sqrt(temp);
            for (int j = 0; j < n; j++) {
                s[j] = fixed[j] != 0 ? 0 : (dredg * d[j] - dredsq * gnew[j]) / temp;
                cand[j] = fixed[j] != 0 ? 0 : d[j];
            }
            // t = tan(θ/2) up to 1 (a quarter turn), less where a free variable would leave its bounds.
            double tbound = 1;
            int iact = -1;
            for (int j = 0; j < n; j++) {
                if (fixed[j] == 0) {
                    double limit = boundAngle(j, tbound);
                    if (limit < tbound) {
                        tbound = limit;
                        iact = j;
                    }
                }
            }
            hessianTimes(s, hs);
            hessianTimes(cand, hd);
            // With Δ(θ) = (cos θ − 1) d_free + sin θ s, the reduction is −(gnew'Δ + ½ Δ'HΔ).
            double gd = 0;
            double gs = 0;
            double dhd = 0;
            double shs = 0;
            double dhs = 0;
            for (int j = 0; j < n; j++) {
                gd += gnew[j] * cand[j];
                gs += gnew[j] * s[j];
                dhd += cand[j] * hd[j];
                shs += s[j] * hs[j];
                dhs += cand[j] * hs[j];
            }
            int steps = (int) (17 * tbound + 3.1);
            double bestRed = 0;
            int bestI = -1;
            double prevRed = 0;
            double redBefore = 0;
            double redAfter = 0;
            for (int i = 1; i <= steps; i++) {
                double red = reductionAt(tbound * i / steps, gd, gs, dhd, shs, dhs);
                if (red > bestRed) {
                    bestRed = red;
                    bestI = i;
                    redBefore = prevRed;
                    redAfter = red;
                } else if (i == bestI + 1) {
                    redAfter = red;
                }
                prevRed = red;
            }
            if (bestI < 0) {
                return;
            }
            double t = tbound * bestI / steps;
            if (bestI < steps) {
                double denom = redBefore - 2 * bestRed + redAfter;
                if (denom < 0) {
                    t += 0.5 * (tbound / steps) * (redBefore - redAfter) / denom;
                }
            }
            double red = reductionAt(t, gd, gs, dhd, shs, dhs);
            if (red < bestRed) {
                t = tbound * bestI / steps;
                red = bestRed;
            }
            double c = (1 - t * t) / (1 + t * t);
            double sn = 2 * t / (1 + t * t);
            for (int j = 0; j < n; j++) {
                gnew[j] += (c - 1) * hd[j] + sn * hs[j];
                if (fixed[j] == 0) {
                    d[j] = c * d[j] + sn * s[j];
                }
            }
            qred += red;
            if (iact >= 0 && t == tbound) {
                fixed[iact] = xopt[iact] + d[iact] >= 0.5 * (sl[iact] + su[iact]) ? 1 : -1;
                return;
            }
            if (red <= 0.01 * qred) {
                return;
            }
        }
    }

    /** The decrease of Q when the free part of d turns by θ = 2 atan(t) towards s. */
    private static double reductionAt(double t, double gd, double gs, double dhd, double shs, double dhs) {
        double c = (1 - t * t) / (1 + t * t);
        double sn = 2 * t / (1 + t * t);
        double cm = c - 1;
        return -(cm * gd + sn * gs + 0.5 * (cm * cm * dhd + 2 * cm * sn * dhs + sn * sn * shs));
    }

    /**
     * The largest t = tan(θ/2) ≤ cap for which xopt_j + cos θ d_j + sin θ s_j stays within the
     * bounds of variable j.
     */
    private double boundAngle(int j, double cap) {
        double lo = 0;
        double hi = cap;
        if (withinBounds(j, hi)) {
            return cap;
        }
        for (int it = 0; it < 40; it++) {
            double mid = 0.5 * (lo + hi);
            if (withinBounds(j, mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private boolean withinBounds(int j, double t) {
        double c = (1 - t * t) / (1 + t * t);
        double sn = 2 * t / (1 + t * t);
        double x = xopt[j] + c * d[j] + sn * s[j];
        return x >= sl[j] && x <= su[j];
    }

    // ---------------------------------------------------------------------------------------
    // The geometry step

    /**
     * Chooses d with ‖d‖ ≤ adelt inside the bounds that makes replacing point knew by xopt + d
     * best conditioned: candidates along the lines from xopt to the other points (at the step that
     * maximizes |ℓ_knew| on each) and along ±∇ℓ_knew(xopt); the winner has the largest
     * denominator H_tt β + ℓ_knew². Leaves d and xnew set.
     */
    private void geometryStep(int knew, double adelt) {
        lagrangeGradientAtXopt(knew);
        double alpha = hmat[knew + dim * knew];
        double bestDen = -1;
        for (int k = 0; k < npt; k++) {
            if (k == kopt) {
                continue;
            }
            double dist = Math.sqrt(pointDistanceSquared(k));
            if (dist == 0) {
                continue;
            }
            // Along u = xpt_k − xopt: ℓ(t) = dl·t + (δ − dl)·t², δ = 1 for k = knew, else 0.
            double dl = 0;
            double tlo = -adelt / dist;
            double thi = adelt / dist;
            for (int j = 0; j < n; j++) {
                double u = xpt[k + npt * j] - xopt[j];
                dl += glag[j] * u;
                if (u > 0) {
                    tlo = Math.max(tlo, (sl[j] - xopt[j]) / u);
                    thi = Math.min(thi, (su[j] - xopt[j]) / u);
                } else if (u < 0) {
                    tlo = Math.max(tlo, (su[j] - xopt[j]) / u);
                    thi = Math.min(thi, (sl[j] - xopt[j]) / u);
                }
            }
            if (!(tlo <= thi)) {
                continue;
            }
            double delta = k == knew ? 1 : 0;
            double curv = delta - dl;
            double t = tlo;
            double best = Math.abs(t * (dl + curv * t));
            double vhi = Math.abs(thi * (dl + curv * thi));
            if (vhi > best) {
                best = vhi;
                t = thi;
            }
            if (curv != 0) {
                double ts = -dl / (2 * curv);
                if (ts > tlo && ts < thi && Math.abs(ts * (dl + curv * ts)) > best) {
                    t = ts;
                }
            }
            for (int j = 0; j < n; j++) {
                cand[j] = t * (xpt[k + npt * j] - xopt[j]);
            }
            bestDen = considerCandidate(knew, alpha, bestDen);
        }
        // Along ±∇ℓ_knew, with components pressing on an active bound removed.
        for (int sign = -1; sign <= 1; sign += 2) {
            double norm = 0;
            for (int j = 0; j < n; j++) {
                double g = sign * glag[j];
                if ((xopt[j] <= sl[j] && g < 0) || (xopt[j] >= su[j] && g > 0)) {
                    g = 0;
                }
                cand[j] = g;
                norm += g * g;
            }
            if (norm == 0) {
                continue;
            }
            double scale = adelt / Math.sqrt(norm);
            for (int j = 0; j < n; j++) {
                cand[j] = Math.min(Math.max(xopt[j] + scale * cand[j], sl[j]), su[j]) - xopt[j];
            }
            bestDen = considerCandidate(knew, alpha, bestDen);
        }
        for (int j = 0; j < n; j++) {
            xnew[j] = xopt[j] + d[j];
            fixed[j] = xnew[j] <= sl[j] ? -1 : xnew[j] >= su[j] ? 1 : 0;
            if (fixed[j] < 0) {
                xnew[j] = sl[j];
            } else if (fixed[j] > 0) {
                xnew[j] = su[j];
            }
            d[j] = xnew[j] - xopt[j];
        }
        lagrangeAtNew();
    }

    /** Keeps cand as d when its denominator beats bestDen; returns the larger denominator. */
    private double considerCandidate(int knew, double alpha, double bestDen) {
        for (int j = 0; j < n; j++) {
            xnew[j] = xopt[j] + cand[j];
        }
        double beta = lagrangeAtNew();
        double den = alpha * beta + hw[knew] * hw[knew];
        if (den > bestDen) {
            System.arraycopy(cand, 0, d, 0, n);
            return den;
        }
        return bestDen;
    }
}
