package org.jmixed.inference.ddf;

import java.util.Arrays;

import org.jmixed.model.PreparedModel;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsSolution;
import org.jmixed.spi.TermStructure;

/**
 * A model as a function of its variance parameters (θ, σ), σ not profiled out: the deviance (ML)
 * or REML criterion, −2 log-likelihood up to nothing, and the covariance σ²(RX'RX)⁻¹ of β̂. Each
 * new θ is one refactorization by the backend; the last θ is remembered, so that moving σ alone
 * costs nothing.
 */
final class VarianceParameterModel implements AutoCloseable {
    private static final double LOG_TWO_PI = Math.log(2.0 * Math.PI);

    private final PlsEvaluator evaluator;
    private final PlsProblem problem;
    private final int n;
    private final int p;
    private final boolean reml;
    private final PlsFactorSummary summary = new PlsFactorSummary();
    private double[] lastTheta;
    private double[] lastUnscaledVcov;
    private double pwrss;

    VarianceParameterModel(PreparedModel prepared, PlsEvaluator evaluator, boolean reml) {
        this.evaluator = evaluator;
        this.problem = prepared.problem();
        this.n = prepared.problem().n();
        this.p = prepared.problem().p();
        this.reml = reml;
    }

    int p() {
        return p;
    }

    private void factor(double[] theta) {
        if (lastTheta == null || !Arrays.equals(lastTheta, theta)) {
            evaluator.factor(theta, summary);
            lastTheta = theta.clone();
            PlsSolution s = evaluator.solve(false);
            lastUnscaledVcov = s.unscaledVcovBeta().clone();
            pwrss = penalizedRss(theta, s.beta(), s.u());
        }
    }

    /**
     * ‖y − Xβ − ZΛu‖² + ‖u‖² from the data. The factor's r² comes from cross-products, y'y minus
     * a nearly equal quantity, and carries an error of about ε·y'y: harmless to an optimizer but
     * enough, divided by the square of a 10⁻⁴ step, to move a numerical second derivative by a
     * percent. Computed from the residuals it is accurate to about ε·r².
     */
    private double penalizedRss(double[] theta, double[] beta, double[] u) {
        int nn = problem.n();
        double[] res = problem.y().clone();
        double[] x = problem.x();
        for (int j = 0; j < p; j++) {
            double b = beta[j];
            for (int i = 0; i < nn; i++) {
                res[i] -= x[i + j * nn] * b;
            }
        }
        double ss = 0.0;
        for (int k = 0; k < problem.terms().size(); k++) {
            TermStructure t = problem.terms().get(k);
            int w = t.width();
            double[] tk = new double[w * w];
            t.fillTemplate(theta, tk);
            int off = problem.uOffset(k);
            // b = Λu per level
            double[] b = new double[t.q()];
            for (int l = 0; l < t.nLevels(); l++) {
                for (int a = 0; a < w; a++) {
                    double s = 0.0;
                    for (int c = 0; c <= a; c++) {
                        s += tk[a + c * w] * u[off + l * w + c];
                    }
                    b[l * w + a] = s;
                }
            }
            for (int i = off; i < off + t.q(); i++) {
                ss += u[i] * u[i];
            }
            int[] level = problem.levelOfRow().get(k);
            double[] z = problem.termColumns().get(k);
            for (int i = 0; i < nn; i++) {
                int l = level[i];
                double s = 0.0;
                for (int a = 0; a < w; a++) {
                    s += z[i + a * nn] * b[l * w + a];
                }
                res[i] -= s;
            }
        }
        for (double r : res) {
            ss += r * r;
        }
        return ss;
    }

    /** −2 log-likelihood (ML) or −2 restricted log-likelihood (REML) at varpar = (θ, σ). */
    double deviance(double[] varpar) {
        int k = varpar.length - 1;
        double sigma2 = varpar[k] * varpar[k];
        factor(Arrays.copyOf(varpar, k));
        double m = reml ? n - p : n;
        double dev = summary.logDetL + pwrss / sigma2 + m * (LOG_TWO_PI + Math.log(sigma2));
        return reml ? dev + summary.logDetRX : dev;
    }

    /** (RX'RX)⁻¹ at θ, p × p column-major. */
    double[] unscaledVcov(double[] theta) {
        factor(theta);
        return lastUnscaledVcov.clone();
    }

    /** σ²(RX'RX)⁻¹ at varpar = (θ, σ), flattened p × p column-major. */
    double[] vcovBeta(double[] varpar) {
        int k = varpar.length - 1;
        double[] v = unscaledVcov(Arrays.copyOf(varpar, k));
        double s2 = varpar[k] * varpar[k];
        for (int i = 0; i < v.length; i++) {
            v[i] *= s2;
        }
        return v;
    }

    @Override
    public void close() {
        evaluator.close();
    }
}
