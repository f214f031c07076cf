package org.jmixed.cpu;

import java.util.ArrayList;
import java.util.List;

import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.TermStructure;

/**
 * A deliberately naive PLS evaluator for tests: from a {@link PlsProblem}'s raw data (not its
 * cross-products) it builds dense Z and Λ, the whole (q+p+1)² matrix
 * [ΛZ'ZΛ + I, ΛZ'X, ΛZ'y; ...; y'y], factors it by textbook Cholesky and reads every result off
 * the dense factor. O((q+p)³): only for small problems (q up to a few hundred).
 */
public final class DensePlsReference {
    /** log|Lθ|². */
    public final double logDetL;
    /** log|RX|². */
    public final double logDetRX;
    /** r². */
    public final double pwrss;
    public final double[] beta;
    public final double[] u;
    /** (RX'RX)⁻¹, p × p column-major. */
    public final double[] unscaledVcovBeta;
    /** Per term, the diagonal blocks of (L_ZZ L_ZZ')⁻¹, level by level, width² each. */
    public final List<double[]> condVarU;

    public DensePlsReference(PlsProblem problem, double[] theta) {
        int n = problem.n();
        int p = problem.p();
        int q = problem.q();
        int nt = q + p + 1;
        List<TermStructure> terms = problem.terms();

        // Dense ZΛ (n × q), built from the raw term columns and level indices.
        double[] zl = new double[n * q];
        for (int k = 0; k < terms.size(); k++) {
            TermStructure t = terms.get(k);
            int w = t.width();
            double[] tmpl = new double[w * w];
            t.fillTemplate(theta, tmpl);
            int off = problem.uOffset(k);
            int[] lev = problem.levelOfRow().get(k);
            double[] cols = problem.termColumns().get(k);
            for (int i = 0; i < n; i++) {
                for (int b = 0; b < w; b++) {
                    double s = 0;
                    for (int a = 0; a < w; a++) {
                        s += cols[i + a * n] * tmpl[a + b * w];
                    }
                    zl[i + (off + lev[i] * w + b) * n] += s;
                }
            }
        }
        // The augmented design [ZΛ X y], n × nt.
        double[] d = new double[n * nt];
        System.arraycopy(zl, 0, d, 0, n * q);
        System.arraycopy(problem.x(), 0, d, n * q, n * p);
        System.arraycopy(problem.y(), 0, d, n * (q + p), n);
        double[] a = new double[nt * nt];
        for (int c = 0; c < nt; c++) {
            for (int r = 0; r < nt; r++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += d[i + r * n] * d[i + c * n];
                }
                a[r + c * nt] = s + (r == c && r < q ? 1.0 : 0.0);
            }
        }
        double[] l = cholesky(a, nt);

        double ld = 0;
        for (int j = 0; j < q; j++) {
            ld += 2 * Math.log(l[j + j * nt]);
        }
        double lx = 0;
        for (int j = q; j < q + p; j++) {
            lx += 2 * Math.log(l[j + j * nt]);
        }
        logDetL = ld;
        logDetRX = lx;
        double r = l[(nt - 1) + (nt - 1) * nt];
        pwrss = r * r;

        // [u; β] solves L11ᵀ-type back-substitution: the top-left (q+p) block's transpose against
        // the last row of L.
        int qp = q + p;
        double[] sol = new double[qp];
        for (int i = qp - 1; i >= 0; i--) {
            double s = l[(nt - 1) + i * nt];
            for (int k = i + 1; k < qp; k++) {
                s -= l[k + i * nt] * sol[k];
            }
            sol[i] = s / l[i + i * nt];
        }
        u = java.util.Arrays.copyOfRange(sol, 0, q);
        beta = java.util.Arrays.copyOfRange(sol, q, qp);

        // (RX RXᵀ)⁻¹ by columns of the identity.
        unscaledVcovBeta = new double[p * p];
        for (int c = 0; c < p; c++) {
            double[] e = new double[p];
            e[c] = 1;
            solveLower(l, nt, q, p, e);
            solveLowerT(l, nt, q, p, e);
            for (int i = 0; i < p; i++) {
                unscaledVcovBeta[i + c * p] = e[i];
            }
        }
        // (L_ZZ L_ZZᵀ)⁻¹ in full, then its diagonal blocks.
        double[] inv = new double[q * q];
        for (int c = 0; c < q; c++) {
            double[] e = new double[q];
            e[c] = 1;
            solveLower(l, nt, 0, q, e);
            solveLowerT(l, nt, 0, q, e);
            System.arraycopy(e, 0, inv, c * q, q);
        }
        condVarU = new ArrayList<>();
        for (int k = 0; k < terms.size(); k++) {
            TermStructure t = terms.get(k);
            int w = t.width();
            int off = problem.uOffset(k);
            double[] blocks = new double[t.nLevels() * w * w];
            for (int lv = 0; lv < t.nLevels(); lv++) {
                for (int b = 0; b < w; b++) {
                    for (int aa = 0; aa < w; aa++) {
                        blocks[lv * w * w + aa + b * w] = inv[(off + lv * w + aa) + (off + lv * w + b) * q];
                    }
                }
            }
            condVarU.add(blocks);
        }
    }

    /** Textbook Cholesky of the full symmetric n × n matrix; returns the lower factor. */
    public static double[] cholesky(double[] a, int n) {
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            double s = a[j + j * n];
            for (int k = 0; k < j; k++) {
                s -= l[j + k * n] * l[j + k * n];
            }
            if (s < 0 && j < n - 1) {
                throw new IllegalArgumentException("not positive definite at " + j);
            }
            l[j + j * n] = Math.sqrt(Math.max(s, 0));
            for (int i = j + 1; i < n; i++) {
                double t = a[i + j * n];
                for (int k = 0; k < j; k++) {
                    t -= l[i + k * n] * l[j + k * n];
                }
                l[i + j * n] = t / l[j + j * n];
            }
        }
        return l;
    }

    /** Solves the diagonal sub-block L[o:o+m, o:o+m] x = b. */
    private static void solveLower(double[] l, int n, int o, int m, double[] b) {
        for (int i = 0; i < m; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[(o + i) + (o + k) * n] * b[k];
            }
            b[i] = s / l[(o + i) + (o + i) * n];
        }
    }

    private static void solveLowerT(double[] l, int n, int o, int m, double[] b) {
        for (int i = m - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < m; k++) {
                s -= l[(o + k) + (o + i) * n] * b[k];
            }
            b[i] = s / l[(o + i) + (o + i) * n];
        }
    }
}
