package org.jmixed.inference.interval;

import java.util.List;

import org.jmixed.spi.TermStructure;

/**
 * lme4's scale for the variance parameters: per random-effects term, in θ's order (the lower
 * triangle of the term's template, column by column), a standard deviation where θ has a diagonal
 * element and a correlation where it has an off-diagonal one; then σ, the residual standard
 * deviation. lme4's {@code confint()} names them {@code .sig01, .sig02, ...} and {@code .sigma}.
 *
 * <p>Term k's covariance is σ² T T' with T its template, so T = chol(Σ_k)/σ: an element of θ
 * couples the term's standard deviations with σ. Profiling one standard deviation while the others
 * (and σ) are free therefore needs this map in both directions, on every evaluation; {@link #toTheta}
 * allocates nothing.
 */
final class SdCorScale {
    /** A pivot below this share of its diagonal counts as zero: the covariance is singular there. */
    private static final double SINGULAR_PIVOT = 1e-14;

    private final List<TermStructure> terms;
    private final int thetaLength;
    private final boolean[] correlation;
    private final double[] sigma;
    private final double[] lower;

    SdCorScale(List<TermStructure> terms) {
        this.terms = List.copyOf(terms);
        int len = 0;
        int maxWidth = 1;
        for (TermStructure t : terms) {
            len += t.thetaLength();
            maxWidth = Math.max(maxWidth, t.width());
        }
        thetaLength = len;
        correlation = new boolean[len + 1];
        for (TermStructure t : terms) {
            for (int i = 0; i < t.thetaLength(); i++) {
                correlation[t.thetaOffset() + i] = !t.isDiagonal(i);
            }
        }
        sigma = new double[maxWidth * maxWidth];
        lower = new double[maxWidth * maxWidth];
    }

    /** Number of parameters on this scale: θ's length plus one for σ. */
    int size() {
        return thetaLength + 1;
    }

    int thetaLength() {
        return thetaLength;
    }

    /** lme4's name: {@code .sig01} ... for θ's positions, {@code .sigma} for the last. */
    String name(int i) {
        return i == thetaLength ? ".sigma" : String.format(".sig%02d", i + 1);
    }

    boolean isCorrelation(int i) {
        return correlation[i];
    }

    /** Standard deviations and correlations of every term, then σ. */
    double[] fromTheta(double[] theta, double sigmaValue) {
        double[] psi = new double[thetaLength + 1];
        for (TermStructure t : terms) {
            int w = t.width();
            double[] tmpl = new double[w * w];
            t.fillTemplate(theta, tmpl);
            double[] cov = new double[w * w];
            for (int i = 0; i < w; i++) {
                for (int j = 0; j < w; j++) {
                    double s = 0;
                    for (int k = 0; k <= Math.min(i, j); k++) {
                        s += tmpl[i + k * w] * tmpl[j + k * w];
                    }
                    cov[i + j * w] = s * sigmaValue * sigmaValue;
                }
            }
            int pos = t.thetaOffset();
            for (int j = 0; j < w; j++) {
                for (int i = j; i < w; i++) {
                    double sdI = Math.sqrt(cov[i + i * w]);
                    double sdJ = Math.sqrt(cov[j + j * w]);
                    if (i == j) {
                        psi[pos++] = sdI;
                    } else {
                        double r = sdI > 0 && sdJ > 0 ? cov[i + j * w] / (sdI * sdJ) : 0.0;
                        psi[pos++] = Math.max(-1.0, Math.min(1.0, r));
                    }
                }
            }
        }
        psi[thetaLength] = sigmaValue;
        return psi;
    }

    /**
     * θ for standard deviations, correlations and σ ({@code psi}, laid out as {@link #fromTheta}
     * returns them): per term the Cholesky factor of its covariance, divided by σ. A covariance that
     * is only semidefinite (a zero standard deviation, a correlation of ±1) gets zero columns where
     * its pivots vanish, as lme4 does.
     */
    void toTheta(double[] psi, double[] theta) {
        double s = psi[thetaLength];
        for (TermStructure t : terms) {
            int w = t.width();
            int off = t.thetaOffset();
            if (w == 1) {
                theta[off] = psi[off] / s;
                continue;
            }
            int pos = off;
            for (int j = 0; j < w; j++) {
                for (int i = j; i < w; i++) {
                    double v = psi[pos++];
                    if (i == j) {
                        sigma[i + i * w] = v * v;
                    } else {
                        sigma[i + j * w] = v;
                    }
                }
            }
            // Off-diagonal entries hold correlations so far; make them covariances.
            for (int j = 0; j < w; j++) {
                for (int i = j + 1; i < w; i++) {
                    sigma[i + j * w] *= Math.sqrt(sigma[i + i * w] * sigma[j + j * w]);
                }
            }
            for (int j = 0; j < w; j++) {
                double d = sigma[j + j * w];
                for (int k = 0; k < j; k++) {
                    d -= lower[j + k * w] * lower[j + k * w];
                }
                double pivot = d > SINGULAR_PIVOT * sigma[j + j * w] && d > 0 ? Math.sqrt(d) : 0.0;
                lower[j + j * w] = pivot;
                for (int i = j + 1; i < w; i++) {
                    if (pivot == 0.0) {
                        lower[i + j * w] = 0.0;
                        continue;
                    }
                    double e = sigma[i + j * w];
                    for (int k = 0; k < j; k++) {
                        e -= lower[i + k * w] * lower[j + k * w];
                    }
                    lower[i + j * w] = e / pivot;
                }
            }
            pos = off;
            for (int j = 0; j < w; j++) {
                for (int i = j; i < w; i++) {
                    theta[pos++] = lower[i + j * w] / s;
                }
            }
        }
    }
}
