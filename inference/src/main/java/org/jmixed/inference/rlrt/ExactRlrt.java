package org.jmixed.inference.rlrt;

import java.util.SplittableRandom;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.jmixed.JmixedException;
import org.jmixed.inference.linalg.Cholesky;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.inference.structured.PlainView;
import org.jmixed.model.PreparedModel;
import org.jmixed.model.RandomTermData;
import org.jmixed.spi.CrossProducts;
import org.jmixed.spi.PlsProblem;

/**
 * The exact restricted likelihood-ratio test of one variance component (RLRsim's
 * {@code exactRLRT} in its simplest form): H0: Var(b) = 0 in a model whose only random-effects
 * term is that one, with one column ({@code (1 | g)} or {@code (0 + x | g)}). The statistic is
 * RLRT = max(0, REML criterion at θ = 0 − REML criterion at θ̂), the REML criterion at θ = 0
 * being the ordinary linear model's; its null distribution is simulated from the spectral
 * representation ({@link RlrtNullDistribution}). p = #{RLRT* &gt; RLRT} / nsim, as RLRsim, and 1
 * without simulation when RLRT = 0.
 *
 * <p>Not supported (a one-line error says so): several random-effects terms (RLRsim's
 * {@code mA}/{@code m0} form), terms with more than one column ({@code (x | g)}: a covariance
 * matrix, not one variance).
 */
public final class ExactRlrt {
    /** Eigenvalues below this share of the largest count as zero (the part of Z inside the span of X). */
    static final double EIGENVALUE_TOLERANCE = 1e-10;

    /**
     * @param term         the tested term as it was named
     * @param statistic    the observed RLRT
     * @param pValue       the simulated p-value
     * @param pValueSe     its Monte-Carlo standard error sqrt(p(1 − p)/nsim)
     * @param nsim         simulated values (0 when the statistic is 0)
     * @param k            non-zero eigenvalues of Z'(I − H)Z
     * @param sample       the simulated statistics (empty when not simulated)
     * @param fit          the REML fit of the model
     */
    public record Result(String term, double statistic, double pValue, double pValueSe, int nsim, int k,
                         double[] sample, FitResult fit) {
        public Result {
            sample = sample.clone();
        }

        @Override
        public double[] sample() {
            return sample.clone();
        }
    }

    private ExactRlrt() {
    }

    /**
     * @param model      the prepared model, whose only random-effects term is the tested one
     * @param term       the tested term: its grouping factor ({@code operator}) or the term as
     *                   written ({@code (1 | operator)}, {@code (0 + Days | Subject)})
     * @param nsim       simulated values of the null distribution
     * @param seed       the simulation's seed
     * @param fitOptions backend and evaluation cap (the fit is by REML whatever its setting)
     */
    public static Result test(PreparedModel prepared, String term, int nsim, long seed, FitOptions fitOptions) {
        if (fitOptions.residual() != null) {
            throw new JmixedException("rlrt: not defined with --residual '" + fitOptions.residual() + "': the exact"
                    + " null distribution needs independent residuals of known relative variances (prior weights are"
                    + " fine), and a residual structure has parameters of its own; compare the models with"
                    + " jmixed compare");
        }
        if (nsim < 1) {
            throw new JmixedException("the number of simulations must be at least 1, not " + nsim);
        }
        // prior weights: the spectral representation holds for the equivalent unweighted model
        // (rows of y − offset, X and Z scaled by √w), whose REML criteria differ by a constant
        PlainView view = PlainView.of(prepared, fitOptions, "the exact RLRT");
        PreparedModel model = view.model();
        RandomTermData only = checkedTerm(model, term);
        FitResult fit = LinearMixedModel.fit(prepared, fitOptions.withReml(true));
        FitResult nullFit = LinearMixedModel.fit(model, view.options().withReml(true)
                .withFixedTheta(new double[] {0.0}));
        double statistic = Math.max(0.0, nullFit.objective() + view.logDetLambda() - fit.objective());
        PlsProblem problem = model.problem();
        double[] mu = eigenvalues(problem);
        if (statistic == 0.0) {
            return new Result(term, 0.0, 1.0, 0.0, 0, mu.length, new double[0], fit);
        }
        if (mu.length == 0) {
            throw new JmixedException("term '" + term + "' (" + only.columnNames().get(0) + " | " + only.groupName()
                    + ") lies in the span of the fixed effects: nothing to test");
        }
        RlrtNullDistribution dist = new RlrtNullDistribution(mu, problem.n(), problem.p());
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] sample = new double[nsim];
        int beyond = 0;
        for (int i = 0; i < nsim; i++) {
            sample[i] = dist.draw(rnd);
            if (sample[i] > statistic) {
                beyond++;
            }
        }
        double p = beyond / (double) nsim;
        return new Result(term, statistic, p, Math.sqrt(p * (1 - p) / nsim), nsim, mu.length, sample, fit);
    }

    /** The model's single one-column term, if it is the one named. */
    static RandomTermData checkedTerm(PreparedModel model, String term) {
        String formula = model.frame().formula();
        if (model.terms().size() != 1) {
            throw new JmixedException("rlrt: formula '" + formula + "' has " + model.terms().size()
                    + " random-effects terms; the exact RLRT needs a model whose only random term is the tested"
                    + " one, with one column ((1 | g) or (0 + x | g))");
        }
        RandomTermData t = model.terms().get(0);
        if (t.width() != 1) {
            throw new JmixedException("rlrt: term (" + String.join(" + ", t.columnNames()) + " | " + t.groupName()
                    + ") has " + t.width() + " columns; the exact RLRT tests one variance: use (1 | g) or (0 + x | g)");
        }
        String group = term.trim();
        if (group.startsWith("(") && group.endsWith(")")) {
            group = group.substring(1, group.length() - 1);
        }
        if (group.contains("|")) {
            group = group.substring(group.lastIndexOf('|') + 1);
        }
        group = group.replace(" ", "");
        if (!group.equals(t.groupName().replace(" ", ""))) {
            throw new JmixedException("rlrt: --term '" + term + "' is not the model's random term ("
                    + t.columnNames().get(0) + " | " + t.groupName() + ")");
        }
        return t;
    }

    /**
     * The non-zero eigenvalues of Z'(I − X(X'X)⁻¹X')Z = Z'Z − Z'X (X'X)⁻¹ X'Z, from the
     * cross-products (Z'Z is diagonal for a one-column term).
     */
    static double[] eigenvalues(PlsProblem problem) {
        CrossProducts cross = problem.cross();
        int q = problem.q();
        int p = problem.p();
        int m = p + 1;
        double[] zz = cross.zTz(0);
        double[] zxy = cross.zTxy(0);
        double[] xx = new double[p * p];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < p; i++) {
                xx[i + j * p] = cross.xyTxy()[i + j * m];
            }
        }
        double[] l = xx;
        if (!Cholesky.factorInPlace(l, p)) {
            throw new JmixedException("X'X is not positive definite");
        }
        // G = L⁻¹ X'Z, p × q: then Z'X (X'X)⁻¹ X'Z = G'G.
        double[] g = new double[p * q];
        for (int c = 0; c < q; c++) {
            for (int i = 0; i < p; i++) {
                double s = zxy[c + i * q];
                for (int k = 0; k < i; k++) {
                    s -= l[i + k * p] * g[k + c * p];
                }
                g[i + c * p] = s / l[i + i * p];
            }
        }
        double[][] a = new double[q][q];
        for (int r = 0; r < q; r++) {
            for (int c = 0; c <= r; c++) {
                double s = r == c ? zz[r] : 0.0;
                for (int k = 0; k < p; k++) {
                    s -= g[k + r * p] * g[k + c * p];
                }
                a[r][c] = s;
                a[c][r] = s;
            }
        }
        double[] ev = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(a, false)).getEigenvalues();
        double max = 0;
        for (double e : ev) {
            max = Math.max(max, e);
        }
        int k = 0;
        double[] out = new double[ev.length];
        for (double e : ev) {
            if (e > EIGENVALUE_TOLERANCE * max) {
                out[k++] = e;
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

}
