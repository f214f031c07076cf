package org.jmixed.cpu.blocked;

import java.util.ArrayList;
import java.util.List;

import org.jmixed.cpu.DenseXPart;
import org.jmixed.cpu.dense.DenseKernels;
import org.jmixed.spi.BlockSparseMatrix;
import org.jmixed.spi.CrossProducts;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsSolution;
import org.jmixed.spi.SelectedInverse;
import org.jmixed.spi.TermStructure;

/**
 * The blocked PLS factorization for designs whose first term (the one with most levels) is
 * followed by terms that fill in when it is eliminated: crossed designs such as students ×
 * lecturers. The factor is kept as
 * <pre>
 *   L = [ L0    0    0  ]   L0: block diagonal, one width0 × width0 block per level of term 0
 *       [ LR0   LD   0  ]   LR0: sparse, the pattern of Z_R'Z_0; LD: dense, all later terms
 *       [ LX0   LXR  LXX]   LX*: the (p+1) rows of [X y]
 * </pre>
 * so that eliminating term 0 costs almost nothing, the Schur update of the later terms is a sparse
 * outer product, and everything else is a dense Cholesky of order Q2 = Σ_{k≥1} q_k done by the
 * best dense kernels available. All workspace is allocated here, none in {@link #factor}.
 */
public final class BlockedPlsEvaluator implements PlsEvaluator {
    /** Replaced by {@link #replaceResponse}: only its y parts differ from the one opened with. */
    private PlsProblem problem;
    private final DenseKernels kernels;
    private final List<TermStructure> terms;
    private final int nTerms;
    private final int p1;

    // Term 0: block diagonal.
    private final int w0;
    private final int levels0;
    private final int q0;
    private final double[] l0;

    // Later terms: one dense trailing block of order q2, term k ≥ 1 starting at trailingOffset[k].
    private final int q2;
    private final int[] trailingOffset;
    private final double[] dense;
    /**
     * Where level ℓ of term k ≥ 1 starts in the trailing block as stored and factored: trailingOffset[k] + ℓw
     * for the dense factorization, a fill-reducing order for the supernodal one. Everything inside the
     * evaluator works in this order; û and V are put back in the problem's order on the way out.
     */
    private final int[][] levelStart;
    private final boolean permuted;
    /** Which factorization the trailing block gets, and why. */
    private final TrailingChoice trailingChoice;
    /** The supernodal factorization, or null when the trailing block is factored densely. */
    private final SupernodalTrailingCholesky supernodal;

    // LR0 as a list of blocks per level c of term 0, ordered by trailing row.
    private final int[] entryPtr;
    private final int[] entryRow;
    private final int[] entryTerm;
    /** Rows of each block: the width of its term. */
    private final int[] entryHeight;
    private final int[] entrySource;
    private final int[] entryValue;
    private final double[] lr0;
    /**
     * Every term scalar (InstEval, the crossed designs): each block of LR0 is one number, and the
     * per-evaluation loops over its blocks skip the small-block calls (a third of their time with
     * C1, which neither inlines nor unrolls them).
     */
    private final boolean allScalar;
    /** For {@link #allScalar}: the values of Z_k'Z_0 per term k, and term k's θ, filled per evaluation. */
    private final double[][] offValues;
    private final double[] offScale;
    /** The Schur update LD −= LR0·LR0ᵀ, target column by target column. */
    private final SparseSchurUpdate schur;

    // Rows of [X y]: LX0 is (p+1) × q0, LXR is (p+1) × q2, LXX is (p+1) × (p+1); column-major.
    private final double[] lx0;
    private final double[] lxr;
    /** Workspace for [X y]'[X y] minus the Schur term, handed to {@link #xPart}. */
    private final double[] lxx;
    private DenseXPart xPart;

    private final double[][] templates;
    private final double[] scratch;
    /** A w × w block on its way to the upper side of a permuted trailing block, stored transposed. */
    private final double[] blockScratch;
    private final double[] theta;
    private boolean factored;
    /** Made on the first {@link #selectedInverse} call: fits without gradients never pay for it. */
    private BlockedSelectedInverse selected;
    private boolean closed;

    public BlockedPlsEvaluator(PlsProblem problem, DenseKernels kernels) {
        this(problem, kernels, TrailingFactorization.AUTO);
    }

    /**
     * As {@link #BlockedPlsEvaluator(PlsProblem, DenseKernels)}, with the trailing block's factorization
     * forced ({@code DENSE}, {@code SUPERNODAL}) or chosen by estimated cost ({@code AUTO}).
     */
    public BlockedPlsEvaluator(PlsProblem problem, DenseKernels kernels, TrailingFactorization mode) {
        this.problem = problem;
        this.kernels = kernels;
        this.terms = problem.terms();
        this.nTerms = terms.size();
        this.p1 = problem.p() + 1;
        this.theta = new double[problem.thetaLength()];
        CrossProducts cross = problem.cross();

        int maxWidth = 1;
        templates = new double[nTerms][];
        for (int k = 0; k < nTerms; k++) {
            int w = terms.get(k).width();
            templates[k] = new double[w * w];
            maxWidth = Math.max(maxWidth, w);
        }
        scratch = new double[maxWidth * maxWidth];
        blockScratch = new double[maxWidth * maxWidth];

        if (nTerms == 0) {
            w0 = 1;
            levels0 = 0;
        } else {
            w0 = terms.get(0).width();
            levels0 = terms.get(0).nLevels();
        }
        q0 = levels0 * w0;
        l0 = new double[levels0 * w0 * w0];

        trailingOffset = new int[Math.max(nTerms, 1)];
        int off = 0;
        for (int k = 1; k < nTerms; k++) {
            trailingOffset[k] = off;
            off += terms.get(k).q();
        }
        q2 = off;
        trailingChoice = TrailingChoice.choose(terms, cross, mode);
        levelStart = trailingChoice.levelStarts(terms, trailingOffset);
        permuted = trailingChoice.sparse();
        // dev.ludovic.netlib checks that a matrix at offset off with leading dimension ld and k
        // columns ends before off + ld·k, which a supernode's diagonal block at (c0, c0) overruns
        // by c0 at the last column: the supernodal path pads the array by one column.
        dense = new double[Math.addExact(Math.multiplyExact(q2, q2), permuted ? q2 : 0)];
        supernodal = permuted ? new SupernodalTrailingCholesky(trailingChoice.analysis(), kernels, p1) : null;

        // Merge the block columns of Z_k'Z_0 (k ≥ 1) into one list of blocks per level of term 0.
        entryPtr = new int[levels0 + 1];
        for (int k = 1; k < nTerms; k++) {
            BlockSparseMatrix a = cross.zTzOff(k, 0);
            for (int c = 0; c < levels0; c++) {
                entryPtr[c + 1] += a.colPtr[c + 1] - a.colPtr[c];
            }
        }
        for (int c = 0; c < levels0; c++) {
            entryPtr[c + 1] += entryPtr[c];
        }
        int nEntries = entryPtr[levels0];
        entryRow = new int[nEntries];
        entryTerm = new int[nEntries];
        entrySource = new int[nEntries];
        entryValue = new int[nEntries];
        int[] next = entryPtr.clone();
        int valueSize = 0;
        for (int k = 1; k < nTerms; k++) {
            BlockSparseMatrix a = cross.zTzOff(k, 0);
            int wk = terms.get(k).width();
            for (int c = 0; c < levels0; c++) {
                for (int e = a.colPtr[c]; e < a.colPtr[c + 1]; e++) {
                    int slot = next[c]++;
                    entryRow[slot] = levelStart[k][a.rowIdx[e]];
                    entryTerm[slot] = k;
                    entrySource[slot] = e * a.blockSize();
                }
            }
        }
        if (permuted) {
            sortEntriesByRow(next);
        }
        entryHeight = new int[nEntries];
        for (int e = 0; e < nEntries; e++) {
            entryHeight[e] = terms.get(entryTerm[e]).width();
            entryValue[e] = valueSize;
            valueSize += entryHeight[e] * w0;
        }
        lr0 = new double[valueSize];
        schur = new SparseSchurUpdate(entryPtr, entryRow, entryHeight, entryValue, w0, q2);
        allScalar = w0 == 1 && valueSize == nEntries;
        offValues = new double[nTerms][];
        offScale = new double[nTerms];

        lx0 = new double[p1 * q0];
        lxr = new double[p1 * q2];
        lxx = new double[p1 * p1];
        xPart = new DenseXPart(problem.q(), problem.p(), cross.xyTxy());
    }

    /**
     * Orders the blocks of each level of term 0 by their (permuted) row, as the Schur update and the
     * conditional variances expect; {@code end[c]} is the end of level c's blocks.
     */
    private void sortEntriesByRow(int[] end) {
        // Insertion sort of the three parallel arrays: a level of term 0 has a few dozen blocks.
        for (int c = 0; c < levels0; c++) {
            for (int i = entryPtr[c] + 1; i < end[c]; i++) {
                int row = entryRow[i];
                int term = entryTerm[i];
                int source = entrySource[i];
                int j = i - 1;
                while (j >= entryPtr[c] && entryRow[j] > row) {
                    entryRow[j + 1] = entryRow[j];
                    entryTerm[j + 1] = entryTerm[j];
                    entrySource[j + 1] = entrySource[j];
                    j--;
                }
                entryRow[j + 1] = row;
                entryTerm[j + 1] = term;
                entrySource[j + 1] = source;
            }
        }
    }

    /** Every array here depends on the design only; the response enters through the cross-products each factor reads. */
    @Override
    public boolean replaceResponse(PlsProblem newProblem) {
        if (closed) {
            throw new IllegalStateException("evaluator is closed");
        }
        if (!newProblem.cross().sharesDesignWith(problem.cross())) {
            return false;
        }
        problem = newProblem;
        xPart = new DenseXPart(newProblem.q(), newProblem.p(), newProblem.cross().xyTxy());
        factored = false;
        return true;
    }

    @Override
    public String description() {
        if (nTerms == 0) {
            return "no random-effects terms: Cholesky of [X y]'[X y] (" + kernels.name() + ")";
        }
        StringBuilder sb = new StringBuilder("blocked Cholesky: '").append(terms.get(0).groupName())
                .append("' block-diagonal (").append(levels0).append(" blocks of ").append(w0).append('×')
                .append(w0).append(')');
        if (nTerms > 1) {
            List<String> later = new ArrayList<>();
            for (int k = 1; k < nTerms; k++) {
                later.add(terms.get(k).groupName());
            }
            sb.append(", ").append(trailingChoice.description()).append(" (").append(String.join(", ", later))
                    .append(')');
        }
        return sb.append("; dense kernels: ").append(kernels.name()).toString();
    }

    @Override
    public void factor(double[] th, PlsFactorSummary out) {
        if (closed) {
            throw new IllegalStateException("evaluator is closed");
        }
        if (th.length != theta.length) {
            throw new IllegalArgumentException("theta has length " + th.length + ", expected " + theta.length);
        }
        System.arraycopy(th, 0, theta, 0, th.length);
        for (int k = 0; k < nTerms; k++) {
            terms.get(k).fillTemplate(theta, templates[k]);
        }
        CrossProducts cross = problem.cross();
        double logDet = 0.0;
        if (nTerms > 0) {
            logDet += factorFirstTerm(cross);
            scaleTrailingColumnsOfFirstTerm(cross);
            formXRows(cross);
            logDet += factorTrailing(cross);
        }
        out.logDetL = logDet;
        factorXBlock(cross, out);
        factored = true;
    }

    /** L0: Cholesky of T0'A_ℓT0 + I for each level ℓ. Returns its part of log|Lθ|². */
    private double factorFirstTerm(CrossProducts cross) {
        double[] a0 = cross.zTz(0);
        double[] t0 = templates[0];
        int bs = w0 * w0;
        double logDet = 0.0;
        for (int l = 0; l < levels0; l++) {
            int o = l * bs;
            SmallBlocks.scaleBlock(t0, w0, a0, o, t0, w0, l0, o, w0, scratch);
            for (int d = 0; d < w0; d++) {
                l0[o + d + d * w0] += 1.0;
            }
            SmallBlocks.cholesky(l0, o, w0);
            for (int d = 0; d < w0; d++) {
                logDet += 2.0 * Math.log(l0[o + d + d * w0]);
            }
        }
        return logDet;
    }

    /** LR0 = Λ_R'(Z_R'Z_0)Λ_0 L0⁻ᵀ, block by block. */
    private void scaleTrailingColumnsOfFirstTerm(CrossProducts cross) {
        double[] t0 = templates[0];
        if (allScalar) {
            scaleScalarTrailingColumns(cross, t0[0]);
            return;
        }
        for (int c = 0; c < levels0; c++) {
            for (int e = entryPtr[c]; e < entryPtr[c + 1]; e++) {
                int k = entryTerm[e];
                int h = terms.get(k).width();
                BlockSparseMatrix a = cross.zTzOff(k, 0);
                SmallBlocks.scaleBlock(templates[k], h, a.values, entrySource[e], t0, w0, lr0, entryValue[e], h, scratch);
                SmallBlocks.solveRightLowerTrans(l0, c * w0 * w0, w0, lr0, entryValue[e], h, h);
            }
        }
    }

    /**
     * {@link #scaleTrailingColumnsOfFirstTerm} for scalar terms: LR0[e] = (θ_k·a·θ_0)·(1/L0[c]), the
     * same operations in the same order as the block path, so both give the same bits.
     */
    private void scaleScalarTrailingColumns(CrossProducts cross, double theta0) {
        for (int k = 1; k < nTerms; k++) {
            offValues[k] = cross.zTzOff(k, 0).values;
            offScale[k] = templates[k][0];
        }
        for (int c = 0; c < levels0; c++) {
            double inv = 1.0 / l0[c];
            for (int e = entryPtr[c]; e < entryPtr[c + 1]; e++) {
                int k = entryTerm[e];
                lr0[entryValue[e]] = offScale[k] * offValues[k][entrySource[e]] * theta0 * inv;
            }
        }
    }

    /**
     * LD: dense Λ_R'Z_R'Z_RΛ_R + I − LR0·LR0ᵀ, then its Cholesky, and LXR := LXR·LD⁻ᵀ. Returns its
     * part of log|Lθ|².
     */
    private double factorTrailing(CrossProducts cross) {
        if (q2 == 0) {
            return 0.0;
        }
        if (supernodal != null) {
            supernodal.clear(dense);
        } else {
            // Only the lower triangle is read from here on; clearing it alone halves the traffic.
            for (int j = 0; j < q2; j++) {
                java.util.Arrays.fill(dense, j * q2 + j, (j + 1) * q2, 0.0);
            }
        }
        for (int k = 1; k < nTerms; k++) {
            TermStructure tk = terms.get(k);
            int w = tk.width();
            double[] a = cross.zTz(k);
            double[] t = templates[k];
            for (int l = 0; l < tk.nLevels(); l++) {
                int r0 = levelStart[k][l];
                SmallBlocks.scaleBlock(t, w, a, l * w * w, t, w, dense, r0 + r0 * q2, q2, scratch);
                for (int d = 0; d < w; d++) {
                    dense[r0 + d + (r0 + d) * q2] += 1.0;
                }
            }
            for (int j = 1; j < k; j++) {
                BlockSparseMatrix b = cross.zTzOff(k, j);
                int wj = terms.get(j).width();
                for (int c = 0; c < b.nBlockCols; c++) {
                    int col0 = levelStart[j][c];
                    for (int e = b.colPtr[c]; e < b.colPtr[c + 1]; e++) {
                        int row0 = levelStart[k][b.rowIdx[e]];
                        if (row0 > col0) {
                            SmallBlocks.scaleBlock(t, w, b.values, e * b.blockSize(), templates[j], wj, dense,
                                    row0 + col0 * q2, q2, scratch);
                        } else {
                            // The fill-reducing order put this block above the diagonal: store its transpose.
                            SmallBlocks.scaleBlock(t, w, b.values, e * b.blockSize(), templates[j], wj, blockScratch,
                                    0, w, scratch);
                            for (int x = 0; x < w; x++) {
                                for (int y = 0; y < wj; y++) {
                                    dense[col0 + y + (row0 + x) * q2] = blockScratch[x + y * w];
                                }
                            }
                        }
                    }
                }
            }
        }
        schur.apply(dense, lr0);
        int info = supernodal != null ? supernodal.factor(dense, p1, lxr) : kernels.potrfLower(q2, dense, 0, q2);
        if (info != 0) {
            throw new IllegalStateException("dense trailing block not positive definite at pivot " + info);
        }
        if (supernodal == null) {
            kernels.trsmRightLowerTrans(p1, q2, dense, 0, q2, lxr, 0, p1);
        }
        double logDet = 0.0;
        for (int i = 0; i < q2; i++) {
            logDet += 2.0 * Math.log(dense[i + i * q2]);
        }
        return logDet;
    }

    /** LX0 = [X y]'Z_0Λ_0 L0⁻ᵀ and LXR = [X y]'Z_RΛ_R − LX0·LR0ᵀ, which {@link #factorTrailing} solves by LD. */
    private void formXRows(CrossProducts cross) {
        if (nTerms == 0) {
            return;
        }
        scaleXRows(cross.zTxy(0), templates[0], w0, levels0, lx0, firstTermStarts());
        for (int l = 0; l < levels0; l++) {
            SmallBlocks.solveRightLowerTrans(l0, l * w0 * w0, w0, lx0, l * w0 * p1, p1, p1);
        }
        if (q2 == 0) {
            return;
        }
        for (int k = 1; k < nTerms; k++) {
            TermStructure tk = terms.get(k);
            scaleXRows(cross.zTxy(k), templates[k], tk.width(), tk.nLevels(), lxr, levelStart[k]);
        }
        if (allScalar) {
            for (int c = 0; c < levels0; c++) {
                int src = c * p1;
                for (int e = entryPtr[c]; e < entryPtr[c + 1]; e++) {
                    double b = lr0[entryValue[e]];
                    int dst = entryRow[e] * p1;
                    for (int i = 0; i < p1; i++) {
                        lxr[dst + i] -= lx0[src + i] * b;
                    }
                }
            }
            return;
        }
        for (int c = 0; c < levels0; c++) {
            for (int e = entryPtr[c]; e < entryPtr[c + 1]; e++) {
                int h = entryHeight[e];
                int v = entryValue[e];
                int row = entryRow[e];
                for (int a = 0; a < h; a++) {
                    int dst = (row + a) * p1;
                    for (int m = 0; m < w0; m++) {
                        double b = lr0[v + a + m * h];
                        int src = (c * w0 + m) * p1;
                        for (int i = 0; i < p1; i++) {
                            lxr[dst + i] -= lx0[src + i] * b;
                        }
                    }
                }
            }
        }
    }

    /** out[:, start(ℓ) + c] = Σ_m zTxy[ℓw + m, :] T[m, c]: the (p+1) × q block [X y]'Z_kΛ_k. */
    private void scaleXRows(double[] zTxy, double[] t, int w, int levels, double[] out, int[] start) {
        int q = levels * w;
        for (int l = 0; l < levels; l++) {
            for (int c = 0; c < w; c++) {
                int dst = (start[l] + c) * p1;
                for (int i = 0; i < p1; i++) {
                    double s = 0;
                    for (int m = c; m < w; m++) {
                        s += zTxy[l * w + m + i * q] * t[m + c * w];
                    }
                    out[dst + i] = s;
                }
            }
        }
    }

    /**
     * LXX = chol([X y]'[X y] − LX0·LX0ᵀ − LXR·LXRᵀ): the Schur term with the dense kernels (LX is
     * stored by rows, q long), the small factor by the shared {@link DenseXPart}. A non-positive
     * X part gives NaN, which the optimizer treats as an infinite objective.
     */
    private void factorXBlock(CrossProducts cross, PlsFactorSummary out) {
        System.arraycopy(cross.xyTxy(), 0, lxx, 0, p1 * p1);
        if (q0 > 0) {
            kernels.syrkLowerMinus(p1, q0, lx0, 0, p1, lxx, 0, p1);
        }
        if (q2 > 0) {
            kernels.syrkLowerMinus(p1, q2, lxr, 0, p1, lxx, 0, p1);
        }
        try {
            out.logDetRX = 2.0 * xPart.factorReduced(lxx);
            out.pwrss = xPart.pwrss();
        } catch (IllegalStateException notPositiveDefinite) {
            out.logDetRX = Double.NaN;
            out.pwrss = Double.NaN;
        }
    }

    @Override
    public PlsSolution solve(boolean conditionalVariances) {
        if (!factored) {
            throw new IllegalStateException("solve() before factor()");
        }
        double[] beta = xPart.beta();
        double[] u = solveRandomEffects(beta);
        double[] vcov = xPart.unscaledVcovBeta();
        List<double[]> condVar = conditionalVariances ? conditionalVarianceBlocks() : null;
        return new PlsSolution(beta, u, vcov, condVar);
    }

    /** û = L_ZZ⁻ᵀ (c_u − LXZ'β̂), where c_u is the y row of LX. */
    private double[] solveRandomEffects(double[] beta) {
        int p = p1 - 1;
        double[] u = new double[q0 + q2];
        for (int j = 0; j < q0; j++) {
            double s = lx0[p + j * p1];
            for (int i = 0; i < p; i++) {
                s -= lx0[i + j * p1] * beta[i];
            }
            u[j] = s;
        }
        for (int j = 0; j < q2; j++) {
            double s = lxr[p + j * p1];
            for (int i = 0; i < p; i++) {
                s -= lxr[i + j * p1] * beta[i];
            }
            u[q0 + j] = s;
        }
        solveLTrans(u);
        toProblemOrder(u, 0);
        return u;
    }

    /** Level starts of term 0 (which is never permuted), for {@link #scaleXRows}. */
    private int[] firstTermStarts() {
        if (firstStarts == null) {
            firstStarts = new int[levels0];
            for (int l = 0; l < levels0; l++) {
                firstStarts[l] = l * w0;
            }
        }
        return firstStarts;
    }

    private int[] firstStarts;

    /** Puts the trailing part of the length-q vector at x[off] from the evaluator's order back into the problem's. */
    private void toProblemOrder(double[] x, int off) {
        if (!permuted) {
            return;
        }
        double[] ordered = new double[q2];
        for (int k = 1; k < nTerms; k++) {
            int w = terms.get(k).width();
            for (int l = 0; l < terms.get(k).nLevels(); l++) {
                System.arraycopy(x, off + q0 + levelStart[k][l], ordered, trailingOffset[k] + l * w, w);
            }
        }
        System.arraycopy(ordered, 0, x, off + q0, q2);
    }

    /** u := L_ZZ⁻ᵀ u. */
    private void solveLTrans(double[] u) {
        if (q2 > 0) {
            kernels.trsvLowerTrans(q2, dense, 0, q2, u, q0);
        }
        for (int c = 0; c < levels0; c++) {
            for (int e = entryPtr[c]; e < entryPtr[c + 1]; e++) {
                int h = entryHeight[e];
                int v = entryValue[e];
                int row = entryRow[e];
                for (int m = 0; m < w0; m++) {
                    double s = 0;
                    for (int a = 0; a < h; a++) {
                        s += lr0[v + a + m * h] * u[q0 + row + a];
                    }
                    u[c * w0 + m] -= s;
                }
            }
            SmallBlocks.solveLowerTrans(l0, c * w0 * w0, w0, u, c * w0);
        }
    }

    @Override
    public boolean hasSelectedInverse() {
        return true;
    }

    /** Σ from {@link BlockedSelectedInverse}; V column by column, V[:, b] = L_ZZ⁻ᵀ (row b of LX)ᵀ. */
    @Override
    public boolean selectedInverse(SelectedInverse out) {
        if (!factored) {
            throw new IllegalStateException("selectedInverse() before factor()");
        }
        BlockedSelectedInverse selected = selected();
        BlockedSelectedInverse.Way way = selected.way(out.diagonalSuffices);
        out.diagonalOnly = way != BlockedSelectedInverse.Way.FULL;
        out.diagonalSummed = way == BlockedSelectedInverse.Way.SUMMED;
        switch (way) {
            case SUMMED -> selected.diagonalSums(l0, lr0, dense, schur, out);
            case DIAGONAL -> {
                // The conditional variances' blocks: one triangular inversion.
                System.arraycopy(dense, 0, selected.workspace(), 0, q2 * q2);
                List<double[]> blocks = conditionalVarianceBlocks(selected.workspace());
                for (int k = 0; k < nTerms; k++) {
                    System.arraycopy(blocks.get(k), 0, out.diag[k], 0, out.diag[k].length);
                }
            }
            case FULL -> selected.compute(l0, lr0, dense, problem.cross(), out);
        }
        int q = q0 + q2;
        double[] column = new double[q];
        for (int b = 0; b < p1 - 1; b++) {
            for (int j = 0; j < q0; j++) {
                column[j] = lx0[b + j * p1];
            }
            for (int j = 0; j < q2; j++) {
                column[q0 + j] = lxr[b + j * p1];
            }
            solveLTrans(column);
            toProblemOrder(column, 0);
            System.arraycopy(column, 0, out.v, b * q, q);
        }
        return true;
    }

    /** The selected inverse's workspace and rules, made on first use: fits without gradients or conditional variances never pay for it. */
    private BlockedSelectedInverse selected() {
        if (selected == null) {
            selected = new BlockedSelectedInverse(terms, kernels, w0, levels0, q2, levelStart, entryPtr, entryRow,
                    entryTerm, entryHeight, entrySource, entryValue, lr0.length);
        }
        return selected;
    }

    /**
     * Diagonal blocks of (L_ZZ L_ZZ')⁻¹, the cheaper way by {@link BlockedSelectedInverse}'s
     * estimate: the full Σ_RR and per-level gathers from it ({@link BlockedSelectedInverse#compute}),
     * or LD⁻¹ and a product per block of term 0 ({@link #conditionalVarianceBlocks(double[])}).
     */
    private List<double[]> conditionalVarianceBlocks() {
        if (q2 > 0 && selected().fullCheaperThanDiagonal()) {
            SelectedInverse all = SelectedInverse.allocate(problem);
            selected.compute(l0, lr0, dense, problem.cross(), all);
            return new ArrayList<>(List.of(all.diag));
        }
        return conditionalVarianceBlocks(dense.clone());
    }

    /**
     * Diagonal blocks of (L_ZZ L_ZZ')⁻¹ = M'M with M = L_ZZ⁻¹ = [L0⁻¹, 0; −LD⁻¹LR0L0⁻¹, LD⁻¹]:
     * one dense triangular inversion of LD plus, per level of term 0, a product of LD⁻¹ with that
     * level's few sparse blocks; {@code dinv} (a copy of LD) is the workspace it inverts.
     */
    private List<double[]> conditionalVarianceBlocks(double[] dinv) {
        List<double[]> out = new ArrayList<>(nTerms);
        if (q2 > 0) {
            int info = kernels.trtriLower(q2, dinv, 0, q2);
            if (info != 0) {
                throw new IllegalStateException("singular trailing factor at " + info);
            }
        }
        double[] g0 = new double[levels0 * w0 * w0];
        SecondCore second = SecondCore.get();
        if (second == null || levels0 < 2) {
            firstTermVarianceBlocks(dinv, g0, 0, levels0);
        } else {
            int half = levels0 / 2;
            second.runBoth(() -> firstTermVarianceBlocks(dinv, g0, half, levels0),
                    () -> firstTermVarianceBlocks(dinv, g0, 0, half));
        }
        if (nTerms > 0) {
            out.add(g0);
        }
        for (int k = 1; k < nTerms; k++) {
            TermStructure tk = terms.get(k);
            int wk = tk.width();
            double[] g = new double[tk.nLevels() * wk * wk];
            for (int l = 0; l < tk.nLevels(); l++) {
                int col0 = levelStart[k][l];
                for (int a = 0; a < wk; a++) {
                    for (int b = 0; b < wk; b++) {
                        double sum = 0;
                        int ca = (col0 + a) * q2;
                        int cb = (col0 + b) * q2;
                        // LD⁻¹ is lower triangular; above its diagonal the array holds stale values.
                        for (int i = col0 + Math.max(a, b); i < q2; i++) {
                            sum += dinv[ca + i] * dinv[cb + i];
                        }
                        g[l * wk * wk + a + b * wk] = sum;
                    }
                }
            }
            out.add(g);
        }
        return out;
    }

    /**
     * Term 0's blocks of levels [from, to) into g0; each range has its own workspace, so two
     * ranges can run at once.
     */
    private void firstTermVarianceBlocks(double[] dinv, double[] g0, int from, int to) {
        int bs0 = w0 * w0;
        double[] l0inv = new double[bs0];
        double[] w = new double[q2 * w0];
        double[] bScaled = new double[Math.max(1, maxEntryHeight() * w0)];
        for (int c = from; c < to; c++) {
            SmallBlocks.invertLower(l0, c * bs0, w0, l0inv, 0);
            int gOff = c * bs0;
            addGram(l0inv, 0, w0, w0, w0, g0, gOff);
            int start = entryPtr[c];
            int end = entryPtr[c + 1];
            if (start == end) {
                continue;
            }
            int firstRow = entryRow[start];
            for (int s = 0; s < w0; s++) {
                java.util.Arrays.fill(w, s * q2 + firstRow, (s + 1) * q2, 0.0);
            }
            for (int e = start; e < end; e++) {
                int h = entryHeight[e];
                int v = entryValue[e];
                int row = entryRow[e];
                // bScaled (h × w0) = LR0 block · L0⁻¹
                SmallBlocks.multiplyLower(lr0, v, h, l0inv, w0, bScaled, 0);
                // W[:, s] += LD⁻¹[:, row..row+h) · bScaled[:, s]; LD⁻¹ is lower, so rows ≥ row.
                for (int s = 0; s < w0; s++) {
                    for (int a = 0; a < h; a++) {
                        double f = bScaled[a + s * h];
                        if (f == 0.0) {
                            continue;
                        }
                        int col = (row + a) * q2;
                        int wOff = s * q2;
                        for (int i = row + a; i < q2; i++) {
                            w[wOff + i] += dinv[col + i] * f;
                        }
                    }
                }
            }
            for (int a = 0; a < w0; a++) {
                for (int b = 0; b < w0; b++) {
                    double sum = 0;
                    for (int i = firstRow; i < q2; i++) {
                        sum += w[i + a * q2] * w[i + b * q2];
                    }
                    g0[gOff + a + b * w0] += sum;
                }
            }
        }
    }

    private int maxEntryHeight() {
        int h = 1;
        for (TermStructure t : terms) {
            h = Math.max(h, t.width());
        }
        return h;
    }

    /** g (w × w at gOff) += M'M for the rows × w matrix M at m[mOff] (leading dimension ld). */
    private static void addGram(double[] m, int mOff, int rows, int w, int ld, double[] g, int gOff) {
        for (int a = 0; a < w; a++) {
            for (int b = 0; b < w; b++) {
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    s += m[mOff + i + a * ld] * m[mOff + i + b * ld];
                }
                g[gOff + a + b * w] += s;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
