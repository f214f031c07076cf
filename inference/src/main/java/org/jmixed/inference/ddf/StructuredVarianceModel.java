package org.jmixed.inference.ddf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jmixed.JmixedException;
import org.jmixed.covariance.CovarianceKind;
import org.jmixed.covariance.PriorWeights;
import org.jmixed.covariance.ResidualSpec;
import org.jmixed.covariance.ResidualStructure;
import org.jmixed.covariance.ThetaMap;
import org.jmixed.covariance.Whitener;
import org.jmixed.model.FitResult;
import org.jmixed.model.ModelFrame;
import org.jmixed.model.PreparedModel;
import org.jmixed.model.RandomTermData;
import org.jmixed.spi.Backends;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.TermStructure;

/**
 * A model with a residual structure, prior weights or idn()/cs() terms as a function of its full
 * parameter vector v = (φ, r, σ): φ the random-effects parameters the optimizer used
 * ({@link ThetaMap}), r the residual structure's own parameters, σ not profiled out. The deviance
 * (ML) or REML criterion is that of the model whitened at r, plus log|Λ(r)|; the covariance of β̂
 * is σ²(RX'RX)⁻¹ of the whitened problem. Each new r re-whitens the data and opens a new evaluator
 * ({@link VarianceParameterModel} does the rest); the last one is kept, so a change of φ or σ alone
 * costs one refactorization or nothing. For Satterthwaite's df through the numerical Hessian over
 * all variance parameters.
 */
public final class StructuredVarianceModel implements AutoCloseable {
    private final PreparedModel prepared;
    private final ThetaMap map;
    private final Whitener whitener;
    private final ResidualStructure structure;
    private final int mRe;
    private final int mRes;
    private final boolean reml;
    private final String backend;
    private final double[] start;
    private double[] lastR;
    private VarianceParameterModel current;
    private double logDet;

    public StructuredVarianceModel(PreparedModel prepared, FitResult fit, String backend) {
        this.prepared = prepared;
        this.reml = fit.reml();
        this.backend = backend;
        PlsProblem base = prepared.problem();
        List<CovarianceKind> kinds = new ArrayList<>();
        for (RandomTermData t : prepared.terms()) {
            kinds.add(t.covariance());
        }
        map = new ThetaMap(base.terms(), kinds);
        mRe = map.length();
        ModelFrame frame = prepared.frame();
        double[] weights = fit.weights() == null ? null
                : PriorWeights.read(frame.data(), frame.rows(), fit.weights());
        double[] r0;
        if (fit.residualStructure() != null) {
            r0 = fit.residualStructure().optimized();
            if (r0 == null) {
                throw new JmixedException("the fit does not carry its residual parameters; fit it again");
            }
            structure = ResidualSpec.parse(fit.residualStructure().structure()).bind(frame.data(), frame.rows());
        } else {
            r0 = new double[0];
            structure = weights == null ? null : ResidualSpec.independent(base.n());
        }
        whitener = structure == null ? null : new Whitener(base, weights, structure);
        mRes = r0.length;
        double[] phi = phi(base.terms(), kinds, fit.theta());
        start = Arrays.copyOf(phi, mRe + mRes + 1);
        System.arraycopy(r0, 0, start, mRe, mRes);
        start[mRe + mRes] = fit.sigma();
    }

    /** The parameters at the fit: (φ, r, σ). */
    public double[] start() {
        return start.clone();
    }

    private VarianceParameterModel at(double[] v) {
        double[] r = Arrays.copyOfRange(v, mRe, mRe + mRes);
        if (current == null || !Arrays.equals(r, lastR)) {
            PlsProblem problem = prepared.problem();
            logDet = 0.0;
            if (whitener != null) {
                Whitener.Whitened w = whitener.whiten(r);
                if (w == null) {
                    throw new JmixedException("the residual structure is not positive definite near the estimates"
                            + " (a correlation at ±1?); Satterthwaite's df and the Wald intervals of the variance"
                            + " parameters are not defined there");
                }
                problem = w.problem();
                logDet = w.logDetLambda();
            }
            close();
            PreparedModel p = new PreparedModel(prepared.frame(), problem, prepared.terms(), prepared.fixedNames(),
                    prepared.dropped(), problem.x());
            current = new VarianceParameterModel(p, Backends.choose(backend, problem).backend().open(problem), reml);
            lastR = r;
        }
        return current;
    }

    /** θ at v = (φ, r, σ), as the backends take it. */
    public double[] theta(double[] v) {
        return map.theta(v);
    }

    /** The residual structure's own parameters r within v, and how many. */
    public int residualOffset() {
        return mRe;
    }

    public int residualCount() {
        return mRes;
    }

    /** The residual structure bound to the model's rows, or null without one (or with weights only). */
    public ResidualStructure residualStructure() {
        return mRes == 0 ? null : structure;
    }

    /** (θ, σ) for the whitened model. */
    private double[] thetaSigma(double[] v) {
        double[] theta = map.theta(v);
        double[] out = Arrays.copyOf(theta, theta.length + 1);
        out[theta.length] = v[v.length - 1];
        return out;
    }

    /** −2 log-likelihood (ML) or −2 restricted log-likelihood (REML) at v = (φ, r, σ). */
    public double deviance(double[] v) {
        VarianceParameterModel m = at(v);
        return m.deviance(thetaSigma(v)) + logDet;
    }

    /** σ²(X'V⁻¹X)⁻¹ at v, p × p column-major. */
    double[] vcovBeta(double[] v) {
        return at(v).vcovBeta(thetaSigma(v));
    }

    /**
     * φ from θ, the inverse of {@link ThetaMap#theta}: an unstructured term's θ as is; an identity
     * term's τ, its template's first diagonal element; a compound-symmetry term's a and d, the
     * square roots of the eigenvalues of T T' (a² = c₁₁ − c₁₂ and d² = c₁₁ + (w − 1) c₁₂).
     */
    static double[] phi(List<TermStructure> terms, List<CovarianceKind> kinds, double[] theta) {
        List<Double> out = new ArrayList<>();
        for (int k = 0; k < terms.size(); k++) {
            TermStructure t = terms.get(k);
            int w = t.width();
            int off = t.thetaOffset();
            switch (kinds.get(k)) {
                case UNSTRUCTURED -> {
                    for (int i = 0; i < t.thetaLength(); i++) {
                        out.add(theta[off + i]);
                    }
                }
                case IDENTITY -> out.add(theta[off]);
                case COMPOUND_SYMMETRY -> {
                    if (w == 1) {
                        out.add(Math.abs(theta[off]));
                    } else {
                        double[] tmpl = new double[w * w];
                        t.fillTemplate(theta, tmpl);
                        double c11 = tmpl[0] * tmpl[0];
                        double c12 = tmpl[0] * tmpl[1];
                        out.add(Math.sqrt(Math.max(0.0, c11 - c12)));
                        out.add(Math.sqrt(Math.max(0.0, c11 + (w - 1) * c12)));
                    }
                }
            }
        }
        double[] phi = new double[out.size()];
        for (int i = 0; i < phi.length; i++) {
            phi[i] = out.get(i);
        }
        return phi;
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
