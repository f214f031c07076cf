package org.jmixed.cpu.sparse;

import java.util.List;

import org.jmixed.cpu.DenseXPart;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsSolution;
import org.jmixed.spi.TermStructure;

/**
 * PLS evaluator over one general sparse Cholesky factor of P(Λ'Z'ZΛ + I)Pᵀ, as lme4 does with
 * CHOLMOD: suited to nested and partially crossed designs whose factor stays sparse.
 *
 * <p>Once, at construction: the scalar pattern of Λ'Z'ZΛ ({@link ScaledPattern}: every entry of
 * every stored block of Z'Z, full width × width diagonal blocks, so the pattern does not depend on
 * θ even where θ has zeros), an AMD ordering P, the symbolic factorization, and for every entry of
 * the pattern the position in L's value array where its value goes. Per θ, {@link #factor}:
 * <ol>
 *   <li>computes T_k' (Z_k'Z_j)_{rc} T_j for every block ({@link ScaledPattern#fill}) and scatters
 *       the values into L's value array, plus I;</li>
 *   <li>factors it in place (left-looking, allocation-free);</li>
 *   <li>RZX = L⁻¹ P Λ'Z'[X y], a dense q × (p+1) block, by p + 1 sparse forward solves;</li>
 *   <li>factors [X y]'[X y] − RZX'RZX ((p+1) × (p+1), dense: {@link DenseXPart}).</li>
 * </ol>
 * The pattern, its values, the X part and the sparse inverse subset of the conditional variances
 * are the same code as the CHOLMOD backend's; only the ordering and the sparse numerics differ.
 */
public final class SparsePlsEvaluator implements PlsEvaluator {
    private PlsProblem problem;
    private final int q;
    /** p + 1: columns of [X y]. */
    private final int m;
    private final ScaledPattern pattern;
    private final SymbolicCholesky symbolic;
    private final SparseCholesky chol;
    private final int[] inversePerm;
    /** toL[e]: position in L's value array of the entry at position e of the pattern. */
    private final int[] toL;
    /** The values of Λ'Z'ZΛ on the pattern at the current θ, before the scatter into L. */
    private final double[] ax;
    /** RZX, q × m column-major, rows in the permuted order. */
    private final double[] rzx;
    /** The (p+1) × (p+1) lower factor of [X y]'[X y] − RZX'RZX. */
    private DenseXPart xPart;
    private boolean factored;
    private boolean closed;

    public SparsePlsEvaluator(PlsProblem problem) {
        this.problem = problem;
        this.q = problem.q();
        this.m = problem.p() + 1;
        pattern = new ScaledPattern(problem);
        int[] colPtr = pattern.colPtr();
        int[] rowIdx = pattern.rowIdx();
        AmdOrdering amd = AmdOrdering.compute(q, colPtr, rowIdx);
        symbolic = new SymbolicCholesky(q, colPtr, rowIdx, amd.perm());
        chol = new SparseCholesky(symbolic);
        inversePerm = symbolic.inversePerm();

        toL = new int[pattern.nnz()];
        for (int col = 0; col < q; col++) {
            for (int e = colPtr[col]; e < colPtr[col + 1]; e++) {
                toL[e] = lowerPosition(rowIdx[e], col);
            }
        }
        ax = new double[pattern.nnz()];
        rzx = new double[q * m];
        xPart = new DenseXPart(q, problem.p(), problem.cross().xyTxy());
    }

    /** The ordering, the symbolic factor and the pattern depend on the design only: keep them, take the new y parts. */
    @Override
    public boolean replaceResponse(PlsProblem newProblem) {
        checkOpen();
        if (!newProblem.cross().sharesDesignWith(problem.cross())) {
            return false;
        }
        problem = newProblem;
        pattern.replaceCrossProducts(newProblem.cross());
        xPart = new DenseXPart(q, newProblem.p(), newProblem.cross().xyTxy());
        factored = false;
        return true;
    }

    /** Position in L's values of C(pinv[row], pinv[col]) taken in the lower triangle. */
    private int lowerPosition(int row, int col) {
        int a = inversePerm[row];
        int b = inversePerm[col];
        int pos = a >= b ? symbolic.position(a, b) : symbolic.position(b, a);
        if (pos < 0) {
            throw new IllegalStateException("entry (" + row + ", " + col + ") missing from the pattern of L");
        }
        return pos;
    }

    @Override
    public void factor(double[] theta, PlsFactorSummary out) {
        checkOpen();
        if (theta.length != problem.thetaLength()) {
            throw new IllegalArgumentException("θ has length " + theta.length + ", expected " + problem.thetaLength());
        }
        pattern.setTheta(theta);
        double logDetL = 0.0;
        if (q > 0) {
            assemble();
            int info = chol.factor();
            if (info != 0) {
                throw new IllegalStateException("Λ'Z'ZΛ + I not positive definite at column " + info
                        + " (non-finite θ or cross-products?)");
            }
            logDetL = chol.logDet();
            pattern.rhs(rzx, m, inversePerm);
            for (int c = 0; c < m; c++) {
                chol.solveL(rzx, c * q);
            }
        }
        double logDetRX = xPart.factor(rzx);
        out.logDetL = logDetL;
        out.logDetRX = 2.0 * logDetRX;
        out.pwrss = xPart.pwrss();
        factored = true;
    }

    /**
     * Writes P(Λ'Z'ZΛ + I)Pᵀ's lower triangle into L's value array: the pattern's values scattered
     * to their places in L (every position written at most once, the fill-in left at zero), then
     * the identity on the diagonal, which is the first entry of every column of the pattern.
     */
    private void assemble() {
        chol.clear();
        double[] lx = chol.values();
        pattern.fill(ax);
        int nnz = ax.length;
        for (int e = 0; e < nnz; e++) {
            lx[toL[e]] += ax[e];
        }
        int[] colPtr = pattern.colPtr();
        for (int col = 0; col < q; col++) {
            lx[toL[colPtr[col]]] += 1.0;
        }
    }

    @Override
    public PlsSolution solve(boolean conditionalVariances) {
        checkOpen();
        if (!factored) {
            throw new IllegalStateException("solve() before factor()");
        }
        double[] beta = xPart.beta();
        // û: Lᵀ P u = c_u − RZX β.
        double[] u = new double[q];
        if (q > 0) {
            double[] t = xPart.residualRhs(rzx, beta);
            chol.solveLt(t, 0);
            for (int i = 0; i < q; i++) {
                u[i] = t[inversePerm[i]];
            }
        }
        return new PlsSolution(beta, u, xPart.unscaledVcovBeta(),
                conditionalVariances ? conditionalVariances() : null);
    }

    /**
     * Diagonal blocks of (L Lᵀ)⁻¹, un-permuted, read from the sparse inverse subset (the entries of
     * C⁻¹ on the pattern of L, {@link SparseInverseSubset}), which every diagonal block lies in.
     */
    private List<double[]> conditionalVariances() {
        double[] zx = q == 0 ? new double[0]
                : SparseInverseSubset.compute(q, symbolic.lColPtr(), symbolic.lRowIdx(), chol.values());
        return pattern.diagonalBlocks(zx, (row, col) -> toL[pattern.position(row, col)]);
    }

    @Override
    public String description() {
        return String.format("general sparse Cholesky, AMD ordering, q=%d, nnz(L)=%d, flops/factor≈%.3g",
                q, symbolic.nnzL(), symbolic.flops());
    }

    /** The symbolic analysis, for callers choosing between this path and a blocked one. */
    public SymbolicCholesky symbolic() {
        return symbolic;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("evaluator closed");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
