package org.jmixed.covariance;

import java.util.List;

import org.jmixed.JmixedException;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsProblemBuilder;
import org.jmixed.spi.TermStructure;

/**
 * Turns a model with residual covariance σ² Λ (block diagonal, prior weights folded in:
 * Λ_g ← W_g^−½ Λ_g W_g^−½) into an ordinary one: with Λ_g = L_g L_g', the rows of y, X and Z of
 * block g are replaced by L_g⁻¹ times them. The whitened model has residual covariance σ² I, so the
 * backends solve the same penalized least-squares problem as always; the log-likelihood of the
 * original data is that of the whitened data less ½ log|Λ| (the Jacobian), i.e. the profiled
 * criteria (ML deviance and REML criterion) gain {@code + log|Λ|}.
 * <p>
 * A block that mixes rows keeps the random-effects structure only when all its rows belong to the
 * same level of every grouping factor (the residual groups are nested in the random-effects
 * groups); the constructor checks that.
 */
public final class Whitener {
    /**
     * The whitened problem, log|Λ| (including the weights' −Σ log w_i), and the smallest squared
     * pivot of the blocks' Cholesky factors (the smallest variance of a row given the rows before it
     * in its block, relative to σ²): near zero when Λ is nearly singular.
     */
    public record Whitened(PlsProblem problem, double logDetLambda, double minPivot) {
    }

    private final PlsProblem base;
    private final double[] weights;
    private final ResidualStructure structure;

    /**
     * @param base      the unwhitened problem (response already less any offset)
     * @param weights   prior weights per row, or null
     * @param structure the residual structure ({@link ResidualSpec#independent} for weights only)
     */
    public Whitener(PlsProblem base, double[] weights, ResidualStructure structure) {
        this.base = base;
        this.weights = weights;
        this.structure = structure;
        if (structure.correlated()) {
            checkNesting();
        }
    }

    public ResidualStructure structure() {
        return structure;
    }

    private void checkNesting() {
        List<TermStructure> terms = base.terms();
        for (int k = 0; k < terms.size(); k++) {
            int[] lev = base.levelOfRow().get(k);
            for (int[] g : structure.groups()) {
                for (int r : g) {
                    if (lev[r] != lev[g[0]]) {
                        throw new JmixedException("residual structure '" + structure.spec()
                                + "': the random-effects grouping factor '" + terms.get(k).groupName()
                                + "' varies within one residual group; the residual groups must be nested in"
                                + " every random-effects grouping factor");
                    }
                }
            }
        }
    }

    /** The whitened problem at the structure's parameters {@code par}; null when Λ is not positive definite. */
    public Whitened whiten(double[] par) {
        int n = base.n();
        int p = base.p();
        double[] y = base.y().clone();
        double[] x = base.x().clone();
        List<TermStructure> terms = base.terms();
        double[][] cols = new double[terms.size()][];
        for (int k = 0; k < terms.size(); k++) {
            cols[k] = base.termColumns().get(k).clone();
        }
        int m = RowGroups.largest(structure.groups());
        double[] lam = new double[m * m];
        double[] v = new double[m];
        double logDet = 0;
        double minPivot = Double.POSITIVE_INFINITY;
        for (int g = 0; g < structure.groups().length; g++) {
            int[] rows = structure.groups()[g];
            int mg = rows.length;
            structure.covariance(par, g, lam);
            if (weights != null) {
                for (int j = 0; j < mg; j++) {
                    for (int i = 0; i < mg; i++) {
                        lam[i + j * mg] /= Math.sqrt(weights[rows[i]] * weights[rows[j]]);
                    }
                }
            }
            if (!cholesky(lam, mg)) {
                return null;
            }
            for (int j = 0; j < mg; j++) {
                logDet += 2.0 * Math.log(lam[j + j * mg]);
                minPivot = Math.min(minPivot, lam[j + j * mg] * lam[j + j * mg]);
            }
            solveInPlace(lam, mg, rows, y, 0, v);
            for (int c = 0; c < p; c++) {
                solveInPlace(lam, mg, rows, x, c * n, v);
            }
            for (int k = 0; k < terms.size(); k++) {
                for (int c = 0; c < terms.get(k).width(); c++) {
                    solveInPlace(lam, mg, rows, cols[k], c * n, v);
                }
            }
        }
        PlsProblemBuilder b = new PlsProblemBuilder(y, x, p);
        for (int k = 0; k < terms.size(); k++) {
            TermStructure t = terms.get(k);
            b.addTerm(t.groupName(), t.nLevels(), base.levelOfRow().get(k), cols[k], t.width());
        }
        return new Whitened(b.build(), logDet, minPivot);
    }

    /** In-place lower Cholesky of the leading m × m block (column-major, stride m); false if not positive definite. */
    static boolean cholesky(double[] a, int m) {
        for (int j = 0; j < m; j++) {
            double d = a[j + j * m];
            for (int c = 0; c < j; c++) {
                d -= a[j + c * m] * a[j + c * m];
            }
            if (!(d > 0) || !Double.isFinite(d)) {
                return false;
            }
            double ljj = Math.sqrt(d);
            a[j + j * m] = ljj;
            for (int i = j + 1; i < m; i++) {
                double s = a[i + j * m];
                for (int c = 0; c < j; c++) {
                    s -= a[i + c * m] * a[j + c * m];
                }
                a[i + j * m] = s / ljj;
            }
        }
        return true;
    }

    /** data[off + rows[i]] ← (L⁻¹ data_rows)_i by forward substitution. */
    private static void solveInPlace(double[] l, int m, int[] rows, double[] data, int off, double[] v) {
        for (int i = 0; i < m; i++) {
            double s = data[off + rows[i]];
            for (int c = 0; c < i; c++) {
                s -= l[i + c * m] * v[c];
            }
            v[i] = s / l[i + i * m];
        }
        for (int i = 0; i < m; i++) {
            data[off + rows[i]] = v[i];
        }
    }
}
