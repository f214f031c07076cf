package org.jmixed.inference.ddf;

import org.jmixed.model.FitResult;
import org.jmixed.model.PreparedModel;
import org.jmixed.spi.Backends;
import org.jmixed.spi.PlsProblem;

/**
 * Satterthwaite's denominator degrees of freedom, as lmerTest computes them. The variance
 * parameters are (θ, σ); their asymptotic covariance is A = 2 H⁻¹, H the Hessian of the deviance
 * (ML) or REML criterion as a function of (θ, σ), σ not profiled out. For a contrast l,
 * var(lβ̂) = l C l' with C = σ²(RX'RX)⁻¹(θ), and its gradient g over the variance parameters gives
 * df = 2 (l C l')² / (g' A g). Both derivatives are taken numerically (central differences,
 * Richardson extrapolation), each point one refactorization by the backend.
 *
 * <p>A multi-row contrast L is tested as lmerTest does: the eigenvectors of L C L' make the rows
 * independent, each gets its own df ν_m, and the F statistic's df is 2E/(E − q) with
 * E = Σ ν_m/(ν_m − 2) (2 when some ν_m ≤ 2).
 */
public final class Satterthwaite {
    private final int p;
    private final double[] beta;
    private final double[] vcov;
    private final double sigma;
    private final double[] a;
    private final double[][] jacobian;

    private Satterthwaite(double[] beta, double[] vcov, double sigma, double[] a, double[][] jacobian) {
        this.p = beta.length;
        this.beta = beta;
        this.vcov = vcov;
        this.sigma = sigma;
        this.a = a;
        this.jacobian = jacobian;
    }

    /** Computes A and the Jacobian of vcov(β̂) at the fit, opening an evaluator of the prepared model. */
    public static Satterthwaite compute(PreparedModel prepared, FitResult fit, String backend) {
        PlsProblem problem = prepared.problem();
        double[] theta = fit.theta();
        int k = theta.length + 1;
        double[] varpar = java.util.Arrays.copyOf(theta, k);
        varpar[k - 1] = fit.sigma();
        try (VarianceParameterModel model = new VarianceParameterModel(prepared,
                Backends.choose(backend, problem).backend().open(problem), fit.reml())) {
            return compute(model::deviance, model::vcovBeta, varpar, fit);
        }
    }

    /**
     * Satterthwaite's df for a model given as functions of any parameter vector that holds σ and
     * determines the deviance (not profiled) and σ²(X'V⁻¹X)⁻¹: the df do not depend on how the
     * variance parameters are written, so a residual structure's or an idn()/cs() term's own
     * parameters serve as well as θ.
     *
     * @param point the parameters at the fit's optimum
     */
    static Satterthwaite compute(java.util.function.ToDoubleFunction<double[]> deviance,
                                 java.util.function.Function<double[], double[]> vcovBeta, double[] point,
                                 FitResult fit) {
        int k = point.length;
        double[] h = NumericDerivatives.hessian(deviance, point);
        double[] hinv = Dense.pseudoInverseSymmetric(h, k, 1e-8);
        double[] aMat = new double[k * k];
        for (int i = 0; i < aMat.length; i++) {
            aMat[i] = 2.0 * hinv[i];
        }
        double[][] jac = NumericDerivatives.jacobian(vcovBeta, point);
        return new Satterthwaite(fit.fixef().estimate(), fit.fixef().vcov(), fit.sigma(), aMat, jac);
    }

    /** The asymptotic covariance of the variance parameters (θ, σ, or a structured model's), k × k column-major. */
    public double[] varianceParameterCovariance() {
        return a.clone();
    }

    /** Satterthwaite's df of the contrast l'β. */
    public double df(double[] l) {
        double v = Dense.quadratic(l, vcov, l, p);
        return 2.0 * v * v / gradientForm(l);
    }

    private double gradientForm(double[] l) {
        int k = jacobian.length;
        double[] g = new double[k];
        for (int i = 0; i < k; i++) {
            g[i] = Dense.quadratic(l, jacobian[i], l, p);
        }
        return Dense.quadratic(g, a, g, k);
    }

    /** The t statistic l'β̂ / sd(l'β̂). */
    public double t(double[] l) {
        double est = 0.0;
        for (int i = 0; i < p; i++) {
            est += l[i] * beta[i];
        }
        return est / Math.sqrt(Dense.quadratic(l, vcov, l, p));
    }

    /** The F test of Lβ = 0 (L given by rows), as lmerTest's {@code contestMD}. */
    public ContrastTest test(double[][] rows) {
        int r = rows.length;
        double[] l = Contrasts.matrix(rows, p);
        double[] vl = Contrasts.sandwich(l, r, vcov, p);
        double[] d = new double[r];
        double[] vec = Dense.symmetricEigen(vl, r, d);
        double tol = Math.max(Math.sqrt(Math.ulp(1.0)) * d[0], 0.0);
        int q = 0;
        for (double v : d) {
            if (v > tol) {
                q++;
            }
        }
        if (q == 0) {
            return new ContrastTest(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1.0);
        }
        double fsum = 0.0;
        double[] nu = new double[q];
        for (int m = 0; m < q; m++) {
            double[] row = new double[p];
            for (int c = 0; c < p; c++) {
                double s = 0.0;
                for (int i = 0; i < r; i++) {
                    s += vec[i + m * r] * l[i + c * r];
                }
                row[c] = s;
            }
            double t = t(row);
            fsum += t * t;
            nu[m] = df(row);
        }
        double f = fsum / q;
        double ddf = combinedDf(nu);
        double pv = Tails.fUpper(f, q, ddf);
        double ms = f * sigma * sigma;
        return new ContrastTest(q, ddf, f, pv, ms * q, ms, 1.0);
    }

    /** lmerTest's df of an F statistic from the df of its independent components. */
    static double combinedDf(double[] nu) {
        if (nu.length == 1) {
            return nu[0];
        }
        boolean equal = true;
        double mean = 0.0;
        for (int i = 0; i < nu.length; i++) {
            mean += nu[i] / nu.length;
            if (i > 0 && Math.abs(nu[i] - nu[i - 1]) >= 1e-8) {
                equal = false;
            }
        }
        if (equal) {
            return mean;
        }
        double e = 0.0;
        for (double v : nu) {
            if (v <= 2.0) {
                return 2.0;
            }
            e += v / (v - 2.0);
        }
        return 2.0 * e / (e - nu.length);
    }
}
