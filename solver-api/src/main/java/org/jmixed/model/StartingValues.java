package org.jmixed.model;

import java.util.List;

import org.jmixed.spi.CrossProducts;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.TermStructure;

/**
 * A method-of-moments guess of θ from the cross-products, so that the optimizer can start near the
 * optimum instead of at lme4's θ = 1 (on InstEval this halves the evaluations, each a dense
 * Cholesky of order 1142). For each term separately, ignoring the others:
 * <ul>
 *   <li>r = y − Xβ̂ with β̂ the ordinary least-squares fit, s² = r'r / (n − p);</li>
 *   <li>per level ℓ with a non-singular Z_ℓ'Z_ℓ, the least-squares coefficients b̂_ℓ = (Z_ℓ'Z_ℓ)⁻¹Z_ℓ'r,
 *       whose second moment is about Σ_b + σ²(Z_ℓ'Z_ℓ)⁻¹, so Σ_b ≈ mean(b̂b̂') − σ² mean((Z_ℓ'Z_ℓ)⁻¹);</li>
 *   <li>σ² is s² less what the random effects explain, Σ_k tr(Σ_b,k Σ_ℓ Z_ℓ'Z_ℓ) / n; one more pass
 *       with that σ² refines Σ_b;</li>
 *   <li>θ_k is the Cholesky factor of Σ_b,k / σ² (its diagonal alone when that is not positive
 *       definite), with diagonal elements kept inside [{@link #MIN_DIAGONAL}, {@link #MAX_DIAGONAL}].</li>
 * </ul>
 * Models whose terms are all scalar get the joint estimate of {@link ScalarTermMoments} instead,
 * which corrects each term for the others (the term-by-term guess of a nested model's districts
 * carries their schools' and classes' variance too).
 * Only a guess: the optimizer compares it with lme4's start and keeps the better one.
 * Everything comes from the cross-products, at a cost of O(levels · width³) per term.
 */
final class StartingValues {
    /** Smallest diagonal θ proposed: a zero variance is left for the optimizer to reach. */
    static final double MIN_DIAGONAL = 0.05;
    /** Largest diagonal θ proposed. */
    static final double MAX_DIAGONAL = 10.0;
    /** σ² is not taken below this share of s², however much the terms seem to explain. */
    static final double MIN_RESIDUAL_SHARE = 0.05;

    private StartingValues() {
    }

    /** The guess, or null when the data give none (e.g. no level with enough observations). */
    static double[] moments(PlsProblem problem) {
        int p = problem.p();
        int n = problem.n();
        if (n <= p) {
            return null;
        }
        CrossProducts cross = problem.cross();
        double[] beta = leastSquares(cross.xyTxy(), p);
        if (beta == null) {
            return null;
        }
        double s2 = residualSumOfSquares(cross.xyTxy(), p, beta) / (n - p);
        if (!(s2 > 0) || !Double.isFinite(s2)) {
            return null;
        }
        double[] joint = ScalarTermMoments.estimate(problem);
        if (joint != null) {
            return joint;
        }
        List<TermStructure> terms = problem.terms();
        Moments[] moments = new Moments[terms.size()];
        for (int k = 0; k < terms.size(); k++) {
            moments[k] = Moments.of(terms.get(k), cross.zTz(k), cross.zTxy(k), p, beta);
            if (moments[k] == null) {
                return null;
            }
        }
        double sigma2 = s2;
        for (int pass = 0; pass < 2; pass++) {
            double explained = 0;
            for (Moments m : moments) {
                explained += m.explainedVariance(sigma2) / n;
            }
            sigma2 = Math.max(s2 - explained, MIN_RESIDUAL_SHARE * s2);
        }
        double[] theta = new double[problem.thetaLength()];
        for (int k = 0; k < terms.size(); k++) {
            moments[k].relativeFactor(sigma2, theta, terms.get(k).thetaOffset());
        }
        return theta;
    }

    /** β̂ of the least-squares fit of y on X from [X y]'[X y], or null if X'X is not positive definite. */
    private static double[] leastSquares(double[] xyTxy, int p) {
        double[] l = crossProductFactor(xyTxy, p);
        return l == null ? null : leastSquares(xyTxy, p, l);
    }

    /** The Cholesky factor of X'X (p × p, lower) from [X y]'[X y], or null if X'X is not positive definite. */
    static double[] crossProductFactor(double[] xyTxy, int p) {
        int p1 = p + 1;
        double[] l = new double[p * p];
        for (int j = 0; j < p; j++) {
            for (int i = j; i < p; i++) {
                l[i + j * p] = xyTxy[i + j * p1];
            }
        }
        return SmallCholesky.factor(l, p) ? l : null;
    }

    /** β̂ from [X y]'[X y] and the factor of X'X ({@link #crossProductFactor}). */
    static double[] leastSquares(double[] xyTxy, int p, double[] l) {
        int p1 = p + 1;
        double[] beta = new double[p];
        for (int i = 0; i < p; i++) {
            beta[i] = xyTxy[i + p * p1];
        }
        SmallCholesky.solve(l, p, beta);
        return beta;
    }

    static double residualSumOfSquares(double[] xyTxy, int p, double[] beta) {
        int p1 = p + 1;
        double rss = xyTxy[p + p * p1];
        for (int i = 0; i < p; i++) {
            rss -= beta[i] * xyTxy[i + p * p1];
        }
        return rss;
    }

    /** One term's sums over its levels: Σ b̂b̂', Σ (Z_ℓ'Z_ℓ)⁻¹, Σ Z_ℓ'Z_ℓ, and the count of levels used. */
    private static final class Moments {
        final int w;
        final double[] bb;
        final double[] inverses;
        final double[] gram;
        int used;

        private Moments(int w) {
            this.w = w;
            bb = new double[w * w];
            inverses = new double[w * w];
            gram = new double[w * w];
        }

        static Moments of(TermStructure term, double[] zTz, double[] zTxy, int p, double[] beta) {
            int w = term.width();
            int q = term.q();
            Moments m = new Moments(w);
            double[] l = new double[w * w];
            double[] b = new double[w];
            double[] e = new double[w];
            for (int level = 0; level < term.nLevels(); level++) {
                int o = level * w * w;
                for (int j = 0; j < w; j++) {
                    for (int i = 0; i < w; i++) {
                        m.gram[i + j * w] += zTz[o + i + j * w];
                        l[i + j * w] = zTz[o + i + j * w];
                    }
                }
                if (!SmallCholesky.factor(l, w)) {
                    continue;
                }
                for (int i = 0; i < w; i++) {
                    int row = level * w + i;
                    double c = zTxy[row + p * q];
                    for (int f = 0; f < p; f++) {
                        c -= zTxy[row + f * q] * beta[f];
                    }
                    b[i] = c;
                }
                SmallCholesky.solve(l, w, b);
                for (int j = 0; j < w; j++) {
                    for (int i = 0; i < w; i++) {
                        m.bb[i + j * w] += b[i] * b[j];
                    }
                    java.util.Arrays.fill(e, 0.0);
                    e[j] = 1.0;
                    SmallCholesky.solve(l, w, e);
                    for (int i = 0; i < w; i++) {
                        m.inverses[i + j * w] += e[i];
                    }
                }
                m.used++;
            }
            return m.used >= 2 ? m : null;
        }

        /** Σ_b = mean(b̂b̂') − σ² mean((Z_ℓ'Z_ℓ)⁻¹), column-major w × w. */
        double[] covariance(double sigma2) {
            double[] s = new double[w * w];
            for (int i = 0; i < w * w; i++) {
                s[i] = (bb[i] - sigma2 * inverses[i]) / used;
            }
            return s;
        }

        /** tr(Σ_b Σ_ℓ Z_ℓ'Z_ℓ) with negative variances counted as zero. */
        double explainedVariance(double sigma2) {
            double[] s = covariance(sigma2);
            double t = 0;
            for (int i = 0; i < w; i++) {
                for (int j = 0; j < w; j++) {
                    double v = i == j ? Math.max(s[i + i * w], 0.0) : s[i + j * w];
                    t += v * gram[j + i * w];
                }
            }
            return Math.max(t, 0.0);
        }

        /** Writes the lower Cholesky factor of Σ_b / σ² into θ, column by column. */
        void relativeFactor(double sigma2, double[] theta, int offset) {
            double[] s = covariance(sigma2);
            double[] l = new double[w * w];
            for (int j = 0; j < w; j++) {
                for (int i = 0; i < w; i++) {
                    l[i + j * w] = s[i + j * w] / sigma2;
                }
            }
            boolean full = SmallCholesky.factor(l, w);
            int k = offset;
            for (int j = 0; j < w; j++) {
                for (int i = j; i < w; i++) {
                    double v;
                    if (i == j) {
                        v = full ? l[i + i * w] : Math.sqrt(Math.max(s[i + i * w], 0.0) / sigma2);
                        v = Math.min(Math.max(v, MIN_DIAGONAL), MAX_DIAGONAL);
                    } else {
                        v = full ? l[i + j * w] : 0.0;
                    }
                    theta[k++] = Double.isFinite(v) ? v : (i == j ? 1.0 : 0.0);
                }
            }
        }
    }
}
