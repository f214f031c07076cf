package org.jmixed.covariance;

import java.util.List;

import org.jmixed.spi.TermStructure;

/**
 * Maps the optimizer's random-effects parameters φ to the θ that backends see: per term, the lower
 * triangle of its template T (Σ_k = σ² T T'). An unstructured term's parameters are its θ; an
 * identity term has one, τ (T = τ I); a compound-symmetry term has two, τ and z, with
 * T = τ chol((1 − ρ) I + ρ J) and ρ a logistic map of z onto (−1/(w − 1), 1), z = 0 giving ρ = 0.
 * The backends, which only read T through θ, are untouched.
 */
public final class ThetaMap {
    private final List<TermStructure> terms;
    private final List<CovarianceKind> kinds;
    private final int length;
    private final int thetaLength;

    public ThetaMap(List<TermStructure> terms, List<CovarianceKind> kinds) {
        this.terms = List.copyOf(terms);
        this.kinds = List.copyOf(kinds);
        int len = 0;
        int tl = 0;
        for (int k = 0; k < terms.size(); k++) {
            len += count(k);
            tl += terms.get(k).thetaLength();
        }
        this.length = len;
        this.thetaLength = tl;
    }

    private int count(int k) {
        TermStructure t = terms.get(k);
        return switch (kinds.get(k)) {
            case UNSTRUCTURED -> t.thetaLength();
            case IDENTITY -> 1;
            case COMPOUND_SYMMETRY -> t.width() == 1 ? 1 : 2;
        };
    }

    /** Whether every term is unstructured (then φ = θ). */
    public boolean identity() {
        return kinds.stream().allMatch(k -> k == CovarianceKind.UNSTRUCTURED);
    }

    /** Number of optimizer parameters for the random effects. */
    public int length() {
        return length;
    }

    /** Which parameters are bounded below by 0 (template diagonals and τ); the others are free. */
    public boolean[] lowerBounded() {
        boolean[] out = new boolean[length];
        int o = 0;
        for (int k = 0; k < terms.size(); k++) {
            TermStructure t = terms.get(k);
            switch (kinds.get(k)) {
                case UNSTRUCTURED -> {
                    for (int i = 0; i < t.thetaLength(); i++) {
                        out[o + i] = t.isDiagonal(i);
                    }
                }
                default -> out[o] = true;
            }
            o += count(k);
        }
        return out;
    }

    /** θ for the backends at φ (read from {@code phi[0 .. length())}). */
    public double[] theta(double[] phi) {
        double[] theta = new double[thetaLength];
        int o = 0;
        for (int k = 0; k < terms.size(); k++) {
            TermStructure t = terms.get(k);
            int w = t.width();
            int off = t.thetaOffset();
            switch (kinds.get(k)) {
                case UNSTRUCTURED -> System.arraycopy(phi, o, theta, off, t.thetaLength());
                case IDENTITY -> {
                    int idx = off;
                    for (int j = 0; j < w; j++) {
                        for (int i = j; i < w; i++) {
                            theta[idx++] = i == j ? phi[o] : 0.0;
                        }
                    }
                }
                case COMPOUND_SYMMETRY -> {
                    double rho = w == 1 ? 0.0 : correlation(w, phi[o + 1]);
                    double[] c = new double[w * w];
                    for (int j = 0; j < w; j++) {
                        for (int i = 0; i < w; i++) {
                            c[i + j * w] = i == j ? 1.0 : rho;
                        }
                    }
                    if (!Whitener.cholesky(c, w)) {
                        java.util.Arrays.fill(theta, Double.NaN);
                        return theta;
                    }
                    int idx = off;
                    for (int j = 0; j < w; j++) {
                        for (int i = j; i < w; i++) {
                            theta[idx++] = phi[o] * c[i + j * w];
                        }
                    }
                }
            }
            o += count(k);
        }
        return theta;
    }

    /** ρ of a compound-symmetry term of width w ≥ 2 at parameter z. */
    static double correlation(int w, double z) {
        double lower = -1.0 / (w - 1);
        double share = -lower / (1.0 - lower);
        double shift = Math.log(share / (1.0 - share));
        return lower + (1.0 - lower) * ResidualStructure.logistic(z + shift);
    }
}
