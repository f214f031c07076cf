package org.jmixed.cpu.sparse;

import java.util.ArrayList;
import java.util.List;

import org.jmixed.spi.BlockSparseMatrix;
import org.jmixed.spi.CrossProducts;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsSolution;
import org.jmixed.spi.TermStructure;

/**
 * PLS evaluator over one general sparse Cholesky factor of P(Λ'Z'ZΛ + I)Pᵀ, as lme4 does with
 * CHOLMOD: suited to nested and partially crossed designs whose factor stays sparse.
 *
 * <p>Once, at construction: the scalar pattern of Λ'Z'ZΛ + I (every entry of every stored block of
 * Z'Z, full width × width diagonal blocks, so the pattern does not depend on θ even where θ has
 * zeros), an AMD ordering P, the symbolic factorization, and for every scalar cross-product entry
 * the position in L's value array where its scaled value goes. Per θ, {@link #factor}:
 * <ol>
 *   <li>writes T_k' (Z_k'Z_j)_{rc} T_j for every block straight into L's value array, plus I;</li>
 *   <li>factors it in place (left-looking, allocation-free);</li>
 *   <li>RZX = L⁻¹ P Λ'Z'[X y], a dense q × (p+1) block, by p + 1 sparse forward solves;</li>
 *   <li>factors [X y]'[X y] − RZX'RZX ((p+1) × (p+1), dense: {@link DenseXPart}).</li>
 * </ol>
 */
public final class SparsePlsEvaluator implements PlsEvaluator {
    private final PlsProblem problem;
    private final List<TermStructure> terms;
    private final CrossProducts cross;
    private final int nTerms;
    private final int q;
    private final int p;
    /** p + 1: columns of [X y]. */
    private final int m;
    private final int[] offsets;
    private final SymbolicCholesky symbolic;
    private final SparseCholesky chol;
    private final int[] inversePerm;
    /** diagMap[k][l·tri + idx]: position in L of the lower entry (a ≥ b) of term k, level l. */
    private final int[][] diagMap;
    /** offMap[k][j][e·wk·wj + a + b·wk]: position in L of entry (a, b) of stored block e of Z_k'Z_j. */
    private final int[][][] offMap;
    /** RZX, q × m column-major, rows in the permuted order. */
    private final double[] rzx;
    /** The (p+1) × (p+1) lower factor of [X y]'[X y] − RZX'RZX. */
    private final DenseXPart xPart;
    private final double[][] templates;
    private final double[] blockTmp;
    private final double[] blockOut;
    private boolean factored;
    private boolean closed;

    public SparsePlsEvaluator(PlsProblem problem) {
        this.problem = problem;
        this.terms = problem.terms();
        this.cross = problem.cross();
        this.nTerms = terms.size();
        this.q = problem.q();
        this.p = problem.p();
        this.m = p + 1;
        offsets = new int[nTerms + 1];
        int maxW = 1;
        for (int k = 0; k < nTerms; k++) {
            offsets[k + 1] = offsets[k] + terms.get(k).q();
            maxW = Math.max(maxW, terms.get(k).width());
        }
        templates = new double[nTerms][];
        for (int k = 0; k < nTerms; k++) {
            templates[k] = new double[terms.get(k).width() * terms.get(k).width()];
        }
        blockTmp = new double[maxW * Math.max(maxW, m)];
        blockOut = new double[maxW * Math.max(maxW, m)];

        int[][] pattern = lowerPattern();
        AmdOrdering amd = AmdOrdering.compute(q, pattern[0], pattern[1]);
        symbolic = new SymbolicCholesky(q, pattern[0], pattern[1], amd.perm());
        chol = new SparseCholesky(symbolic);
        inversePerm = symbolic.inversePerm();

        diagMap = new int[nTerms][];
        offMap = new int[nTerms][nTerms][];
        for (int k = 0; k < nTerms; k++) {
            TermStructure t = terms.get(k);
            int w = t.width();
            int tri = w * (w + 1) / 2;
            int[] map = new int[t.nLevels() * tri];
            for (int l = 0; l < t.nLevels(); l++) {
                int base = offsets[k] + l * w;
                int idx = l * tri;
                for (int b = 0; b < w; b++) {
                    for (int a = b; a < w; a++) {
                        map[idx++] = lowerPosition(base + a, base + b);
                    }
                }
            }
            diagMap[k] = map;
            for (int j = 0; j < k; j++) {
                BlockSparseMatrix zkj = cross.zTzOff(k, j);
                int wk = zkj.blockRows;
                int wj = zkj.blockCols;
                int[] om = new int[zkj.nnzBlocks() * wk * wj];
                for (int c = 0; c < zkj.nBlockCols; c++) {
                    for (int e = zkj.colPtr[c]; e < zkj.colPtr[c + 1]; e++) {
                        int r = zkj.rowIdx[e];
                        for (int b = 0; b < wj; b++) {
                            for (int a = 0; a < wk; a++) {
                                om[e * wk * wj + a + b * wk] =
                                        lowerPosition(offsets[k] + r * wk + a, offsets[j] + c * wj + b);
                            }
                        }
                    }
                }
                offMap[k][j] = om;
            }
        }
        rzx = new double[q * m];
        xPart = new DenseXPart(q, p, cross.xyTxy());
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

    /**
     * CSC pattern of the lower triangle of Λ'Z'ZΛ + I (plus the upper half of diagonal blocks,
     * harmless for the consumers): {colPtr, rowIdx}.
     */
    private int[][] lowerPattern() {
        int[] colPtr = new int[q + 1];
        for (int j = 0; j < nTerms; j++) {
            TermStructure tj = terms.get(j);
            int wj = tj.width();
            for (int c = 0; c < tj.nLevels(); c++) {
                int cnt = wj;
                for (int k = j + 1; k < nTerms; k++) {
                    BlockSparseMatrix zkj = cross.zTzOff(k, j);
                    cnt += (zkj.colPtr[c + 1] - zkj.colPtr[c]) * zkj.blockRows;
                }
                for (int b = 0; b < wj; b++) {
                    colPtr[offsets[j] + c * wj + b + 1] = cnt;
                }
            }
        }
        for (int i = 0; i < q; i++) {
            colPtr[i + 1] += colPtr[i];
        }
        int[] rowIdx = new int[colPtr[q]];
        for (int j = 0; j < nTerms; j++) {
            TermStructure tj = terms.get(j);
            int wj = tj.width();
            for (int c = 0; c < tj.nLevels(); c++) {
                for (int b = 0; b < wj; b++) {
                    int col = offsets[j] + c * wj + b;
                    int pos = colPtr[col];
                    for (int a = 0; a < wj; a++) {
                        rowIdx[pos++] = offsets[j] + c * wj + a;
                    }
                    for (int k = j + 1; k < nTerms; k++) {
                        BlockSparseMatrix zkj = cross.zTzOff(k, j);
                        int wk = zkj.blockRows;
                        for (int e = zkj.colPtr[c]; e < zkj.colPtr[c + 1]; e++) {
                            int rowBase = offsets[k] + zkj.rowIdx[e] * wk;
                            for (int a = 0; a < wk; a++) {
                                rowIdx[pos++] = rowBase + a;
                            }
                        }
                    }
                }
            }
        }
        return new int[][] {colPtr, rowIdx};
    }

    @Override
    public void factor(double[] theta, PlsFactorSummary out) {
        checkOpen();
        if (theta.length != problem.thetaLength()) {
            throw new IllegalArgumentException("θ has length " + theta.length + ", expected " + problem.thetaLength());
        }
        for (int k = 0; k < nTerms; k++) {
            terms.get(k).fillTemplate(theta, templates[k]);
        }
        double logDetL = 0.0;
        if (q > 0) {
            assemble();
            int info = chol.factor();
            if (info != 0) {
                throw new IllegalStateException("Λ'Z'ZΛ + I not positive definite at column " + info
                        + " (non-finite θ or cross-products?)");
            }
            logDetL = chol.logDet();
            scaledRhs();
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

    /** Writes P(Λ'Z'ZΛ + I)Pᵀ's lower triangle into L's value array. */
    private void assemble() {
        chol.clear();
        double[] lx = chol.values();
        for (int k = 0; k < nTerms; k++) {
            TermStructure t = terms.get(k);
            int w = t.width();
            double[] tk = templates[k];
            double[] a = cross.zTz(k);
            int[] map = diagMap[k];
            if (w == 1) {
                double s = tk[0] * tk[0];
                for (int l = 0; l < t.nLevels(); l++) {
                    lx[map[l]] += a[l] * s + 1.0;
                }
            } else {
                int tri = w * (w + 1) / 2;
                for (int l = 0; l < t.nLevels(); l++) {
                    congruence(tk, w, a, l * w * w, tk, w);
                    int idx = l * tri;
                    for (int b = 0; b < w; b++) {
                        for (int r = b; r < w; r++) {
                            lx[map[idx++]] += blockOut[r + b * w] + (r == b ? 1.0 : 0.0);
                        }
                    }
                }
            }
            for (int j = 0; j < k; j++) {
                BlockSparseMatrix zkj = cross.zTzOff(k, j);
                int wk = zkj.blockRows;
                int wj = zkj.blockCols;
                int bs = wk * wj;
                int[] om = offMap[k][j];
                double[] v = zkj.values;
                int nb = zkj.nnzBlocks();
                if (bs == 1) {
                    double s = templates[k][0] * templates[j][0];
                    for (int e = 0; e < nb; e++) {
                        lx[om[e]] += v[e] * s;
                    }
                } else {
                    for (int e = 0; e < nb; e++) {
                        congruence(templates[k], wk, v, e * bs, templates[j], wj);
                        for (int s = 0; s < bs; s++) {
                            lx[om[e * bs + s]] += blockOut[s];
                        }
                    }
                }
            }
        }
    }

    /**
     * blockOut := Tkᵀ A Tj for A (wk × wj at a[off], column-major) and lower-triangular templates;
     * wk × wj column-major. The triangular structure halves the work, but blocks are tiny, so plain
     * loops over the full templates (zeros above the diagonal) keep it simple.
     */
    private void congruence(double[] tk, int wk, double[] a, int off, double[] tj, int wj) {
        // blockTmp := A Tj (wk × wj)
        for (int b = 0; b < wj; b++) {
            for (int r = 0; r < wk; r++) {
                double s = 0.0;
                for (int c = b; c < wj; c++) {
                    s += a[off + r + c * wk] * tj[c + b * wj];
                }
                blockTmp[r + b * wk] = s;
            }
        }
        // blockOut := Tkᵀ blockTmp
        for (int b = 0; b < wj; b++) {
            for (int r = 0; r < wk; r++) {
                double s = 0.0;
                for (int c = r; c < wk; c++) {
                    s += tk[c + r * wk] * blockTmp[c + b * wk];
                }
                blockOut[r + b * wk] = s;
            }
        }
    }

    /** rzx := P Λ'Z'[X y] (rows permuted). */
    private void scaledRhs() {
        for (int k = 0; k < nTerms; k++) {
            TermStructure t = terms.get(k);
            int w = t.width();
            int qk = t.q();
            double[] tk = templates[k];
            double[] zxy = cross.zTxy(k);
            for (int l = 0; l < t.nLevels(); l++) {
                int base = l * w;
                for (int a = 0; a < w; a++) {
                    int row = inversePerm[offsets[k] + base + a];
                    for (int c = 0; c < m; c++) {
                        double s = 0.0;
                        for (int r = a; r < w; r++) {
                            s += tk[r + a * w] * zxy[base + r + c * qk];
                        }
                        rzx[row + c * q] = s;
                    }
                }
            }
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
        List<double[]> out = new ArrayList<>(nTerms);
        for (int k = 0; k < nTerms; k++) {
            TermStructure t = terms.get(k);
            int w = t.width();
            int tri = w * (w + 1) / 2;
            double[] blocks = new double[t.nLevels() * w * w];
            int[] map = diagMap[k];
            for (int l = 0; l < t.nLevels(); l++) {
                int idx = l * tri;
                for (int b = 0; b < w; b++) {
                    for (int a = b; a < w; a++) {
                        double v = zx[map[idx++]];
                        blocks[l * w * w + a + b * w] = v;
                        blocks[l * w * w + b + a * w] = v;
                    }
                }
            }
            out.add(blocks);
        }
        return out;
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
