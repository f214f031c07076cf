package org.jmixed.covariance;

import java.util.List;

import org.jmixed.spi.TermStructure;

/**
 * Maps the optimizer's random-effects parameters φ to the θ that backends see: per term, the lower
 * triangle of its template T (Σ_k = σ² T T'). An unstructured term's parameters are its θ; an
 * identity term has one, τ ≥ 0 (T = τ I); a compound-symmetry term of width w has two, a ≥ 0 and
 * d ≥ 0, the square roots of the eigenvalues of T T' = a² (I − J/w) + d² J/w (so
 * τ² = (a² (w − 1) + d²)/w and ρ = (d² − a²)/(a² (w − 1) + d²)). Both are bounded below by 0 like
 * the diagonal of an unstructured θ, so a correlation of 1 (a = 0) or −1/(w − 1) (d = 0) is a
 * reachable boundary, reported as singular, as lme4 does; lme4's start θ = 1 is ρ = 0, τ = 1.
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
                default -> java.util.Arrays.fill(out, o, o + count(k), true);
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
                    double[] c = new double[w * w];
                    if (w == 1) {
                        c[0] = phi[o] * phi[o];
                    } else {
                        double a2 = phi[o] * phi[o];
                        double d2 = phi[o + 1] * phi[o + 1];
                        for (int j = 0; j < w; j++) {
                            for (int i = 0; i < w; i++) {
                                c[i + j * w] = (i == j ? a2 : 0.0) + (d2 - a2) / w;
                            }
                        }
                    }
                    semidefiniteCholesky(c, w);
                    int idx = off;
                    for (int j = 0; j < w; j++) {
                        for (int i = j; i < w; i++) {
                            theta[idx++] = c[i + j * w];
                        }
                    }
                }
            }
            o += count(k);
        }
        return theta;
    }

    /**
     * In-place lower Cholesky factor of a positive semidefinite w × w matrix: a pivot that is zero
     * up to rounding (relative to the largest diagonal element) gives a zero column, so a singular
     * covariance still has a factor T with T T' equal to it.
     */
    static void semidefiniteCholesky(double[] a, int w) {
        double scale = 0;
        for (int j = 0; j < w; j++) {
            scale = Math.max(scale, Math.abs(a[j + j * w]));
        }
        double tiny = 1e-13 * scale;
        for (int j = 0; j < w; j++) {
            double d = a[j + j * w];
            for (int c = 0; c < j; c++) {
                d -= a[j + c * w] * a[j + c * w];
            }
            if (d <= tiny) {
                for (int i = j; i < w; i++) {
                    a[i + j * w] = 0.0;
                }
                continue;
            }
            double ljj = Math.sqrt(d);
            a[j + j * w] = ljj;
            for (int i = j + 1; i < w; i++) {
                double s = a[i + j * w];
                for (int c = 0; c < j; c++) {
                    s -= a[i + c * w] * a[j + c * w];
                }
                a[i + j * w] = s / ljj;
            }
        }
    }
}
