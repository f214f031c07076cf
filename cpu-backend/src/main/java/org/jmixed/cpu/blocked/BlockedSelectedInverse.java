package org.jmixed.cpu.blocked;

import java.util.List;

import org.jmixed.cpu.dense.DenseKernels;
import org.jmixed.spi.BlockSparseMatrix;
import org.jmixed.spi.CrossProducts;
import org.jmixed.spi.SelectedInverse;
import org.jmixed.spi.TermStructure;

/**
 * The selected inverse Σ = M⁻¹ of the blocked factor L = [L0, 0; LR0, LD] on the block pattern of
 * Z'Z (what the analytic gradient needs). From Σ·L = L⁻ᵀ, whose block below the diagonal is zero:
 * <pre>
 *   Σ_RR = LD⁻ᵀLD⁻¹                       dense (LAPACK dpotri: about two factorizations' flops)
 *   Σ_R0 = −Σ_RR · LR0 · L0⁻¹              needed only on LR0's pattern: per level c of term 0,
 *                                          the rows of its few blocks times those same rows
 *   Σ_00 = L0⁻ᵀL0⁻¹ − Σ_R0ᵀ · LR0 · L0⁻¹   needed only on the diagonal blocks
 * </pre>
 * so beyond dpotri the cost is Σ_c (blocks in column c)² small products. The workspace (one
 * dense q2 × q2 array, one array like LR0) is allocated on first use and kept.
 */
final class BlockedSelectedInverse {
    private final List<TermStructure> terms;
    private final DenseKernels kernels;
    private final int w0;
    private final int levels0;
    private final int q2;
    /** Where level ℓ of term k ≥ 1 starts in the trailing block: levelStart[k][ℓ]. */
    private final int[][] levelStart;
    private final int[] entryPtr;
    private final int[] entryRow;
    private final int[] entryTerm;
    private final int[] entryHeight;
    private final int[] entrySource;
    private final int[] entryValue;
    private final double[] sigmaRR;
    /** LR0·L0⁻¹, laid out like LR0. */
    private final double[] scaled;
    /** Per-thread workspace of {@link #firstTerm}: L0c⁻¹ and one column's gathered rows. */
    private record Workspace(double[] l0inv, int[] rows, double[] xs, double[] ys) {
        static Workspace of(int w0, int maxRows) {
            return new Workspace(new double[w0 * w0], new int[maxRows], new double[maxRows * w0],
                    new double[maxRows * w0]);
        }
    }

    private final Workspace mine;
    private final Workspace theirs;
    private int split = -1;
    private Boolean fullCheaper;

    BlockedSelectedInverse(List<TermStructure> terms, DenseKernels kernels, int w0, int levels0, int q2,
                           int[][] levelStart, int[] entryPtr, int[] entryRow, int[] entryTerm, int[] entryHeight,
                           int[] entrySource, int[] entryValue, int valueSize) {
        this.terms = terms;
        this.kernels = kernels;
        this.w0 = w0;
        this.levels0 = levels0;
        this.q2 = q2;
        this.levelStart = levelStart;
        this.entryPtr = entryPtr;
        this.entryRow = entryRow;
        this.entryTerm = entryTerm;
        this.entryHeight = entryHeight;
        this.entrySource = entrySource;
        this.entryValue = entryValue;
        this.sigmaRR = new double[Math.multiplyExact(q2, q2)];
        this.scaled = new double[valueSize];
        int maxRows = 0;
        for (int c = 0; c < levels0; c++) {
            int rows = 0;
            for (int e = entryPtr[c]; e < entryPtr[c + 1]; e++) {
                rows += entryHeight[e];
            }
            maxRows = Math.max(maxRows, rows);
        }
        this.mine = Workspace.of(w0, maxRows);
        this.theirs = Workspace.of(w0, maxRows);
    }

    /** A q2 × q2 array the caller may use between calls to {@link #compute}, which overwrites it. */
    double[] workspace() {
        return sigmaRR;
    }

    /** Fills the blocks of {@code out} (not V) from the current factor: L0 blocks, LR0, LD. */
    void compute(double[] l0, double[] lr0, double[] dense, CrossProducts cross, SelectedInverse out) {
        if (terms.isEmpty()) {
            return;
        }
        if (q2 > 0) {
            System.arraycopy(dense, 0, sigmaRR, 0, sigmaRR.length);
            int info = kernels.potriLower(q2, sigmaRR, 0, q2);
            if (info != 0) {
                throw new IllegalStateException("singular trailing factor at " + info);
            }
            // Mirrored, so that the products below read Σ_RR down columns (a 10 MB matrix for
            // InstEval: row-wise access would miss the cache at every element).
            mirrorLower(sigmaRR, q2);
        }
        SecondCore second = SecondCore.get();
        if (second == null || levels0 < 2) {
            firstTerm(l0, lr0, out, 0, levels0, mine);
        } else {
            int half = splitLevel();
            second.runBoth(() -> firstTerm(l0, lr0, out, half, levels0, theirs),
                    () -> firstTerm(l0, lr0, out, 0, half, mine));
        }
        for (int k = 1; k < terms.size(); k++) {
            int wk = terms.get(k).width();
            double[] d = out.diag[k];
            for (int l = 0; l < terms.get(k).nLevels(); l++) {
                int r = levelStart[k][l];
                copyBlock(r, wk, r, wk, d, l * wk * wk);
            }
            for (int j = 1; j < k; j++) {
                int wj = terms.get(j).width();
                BlockSparseMatrix a = cross.zTzOff(k, j);
                double[] g = out.off[k][j];
                for (int c = 0; c < a.nBlockCols; c++) {
                    for (int e = a.colPtr[c]; e < a.colPtr[c + 1]; e++) {
                        copyBlock(levelStart[k][a.rowIdx[e]], wk, levelStart[j][c], wj, g,
                                e * wk * wj);
                    }
                }
            }
        }
    }

    /**
     * Term 0's levels [fromLevel, toLevel): Σ_R0 on their blocks and Σ_00's diagonal blocks. Ranges write
     * disjoint parts of {@code out} and {@link #scaled}; with their own {@code l0inv} two run at once.
     */
    private void firstTerm(double[] l0, double[] lr0, SelectedInverse out, int fromLevel, int toLevel,
                           Workspace work) {
        double[] l0inv = work.l0inv;
        int bs0 = w0 * w0;
        double[] g0 = out.diag[0];
        for (int c = fromLevel; c < toLevel; c++) {
            SmallBlocks.invertLower(l0, c * bs0, w0, l0inv, 0);
            int start = entryPtr[c];
            int end = entryPtr[c + 1];
            for (int e = start; e < end; e++) {
                SmallBlocks.multiplyLower(lr0, entryValue[e], entryHeight[e], l0inv, w0, scaled, entryValue[e]);
            }
            // Σ_R0 on column c's blocks = −Σ_RR[rows, rows] · scaled[rows]: gather the rows and
            // their scaled values, multiply reading Σ_RR down the column of each output row
            // (Σ_RR is symmetric), scatter into out.
            int n = 0;
            for (int e = start; e < end; e++) {
                for (int b = 0; b < entryHeight[e]; b++) {
                    work.rows[n++] = entryRow[e] + b;
                }
            }
            int k = 0;
            for (int e = start; e < end; e++) {
                int he = entryHeight[e];
                int v = entryValue[e];
                for (int b = 0; b < he; b++, k++) {
                    for (int s = 0; s < w0; s++) {
                        work.xs[k + s * n] = scaled[v + b + s * he];
                    }
                }
            }
            int[] rows = work.rows;
            double[] xs = work.xs;
            for (int a = 0; a < n; a++) {
                int col = rows[a] * q2;
                for (int s = 0; s < w0; s++) {
                    int xo = s * n;
                    double sum = 0;
                    for (int b = 0; b < n; b++) {
                        sum += sigmaRR[col + rows[b]] * xs[xo + b];
                    }
                    work.ys[a + xo] = -sum;
                }
            }
            k = 0;
            for (int f = start; f < end; f++) {
                int hf = entryHeight[f];
                double[] target = out.off[entryTerm[f]][0];
                int to = entrySource[f];
                for (int a = 0; a < hf; a++, k++) {
                    for (int s = 0; s < w0; s++) {
                        target[to + a + s * hf] = work.ys[k + s * n];
                    }
                }
            }
            // Σ_00 = L0⁻ᵀL0⁻¹ − Σ_f Σ_R0[f]ᵀ · scaled_f
            int go = c * bs0;
            for (int x = 0; x < w0; x++) {
                for (int y = 0; y < w0; y++) {
                    double sum = 0;
                    for (int m = Math.max(x, y); m < w0; m++) {
                        sum += l0inv[m + x * w0] * l0inv[m + y * w0];
                    }
                    for (int f = start; f < end; f++) {
                        int hf = entryHeight[f];
                        double[] sr0 = out.off[entryTerm[f]][0];
                        int to = entrySource[f];
                        int v = entryValue[f];
                        for (int a = 0; a < hf; a++) {
                            sum -= sr0[to + a + x * hf] * scaled[v + a + y * hf];
                        }
                    }
                    g0[go + x + y * w0] = sum;
                }
            }
        }
    }

    /** Tile of {@link #mirrorLower}: 64 × 64 doubles, 32 KiB, read and written while in cache. */
    private static final int MIRROR_TILE = 64;

    /**
     * a[j, i] = a[i, j] for i > j (the n × n column-major array a): tile by tile, so that the
     * strided writes of each tile hit the same few cache lines again (a 10,000² block mirrored
     * column by column misses the cache at every write: seconds instead of a fraction of one).
     */
    static void mirrorLower(double[] a, int n) {
        for (int jb = 0; jb < n; jb += MIRROR_TILE) {
            int jEnd = Math.min(n, jb + MIRROR_TILE);
            for (int ib = jb; ib < n; ib += MIRROR_TILE) {
                int iEnd = Math.min(n, ib + MIRROR_TILE);
                for (int j = jb; j < jEnd; j++) {
                    int col = j * n;
                    for (int i = Math.max(ib, j + 1); i < iEnd; i++) {
                        a[j + i * n] = a[i + col];
                    }
                }
            }
        }
    }

    /** The level of term 0 that splits the work Σ_c (rows of column c)² in two halves. */
    private int splitLevel() {
        if (split < 0) {
            double total = 0;
            double[] work = new double[levels0];
            for (int c = 0; c < levels0; c++) {
                double rows = 0;
                for (int e = entryPtr[c]; e < entryPtr[c + 1]; e++) {
                    rows += entryHeight[e];
                }
                work[c] = rows * rows + 1;
                total += work[c];
            }
            double acc = 0;
            int c = 0;
            while (c < levels0 - 1 && acc + work[c] <= total / 2) {
                acc += work[c++];
            }
            split = Math.max(1, c);
        }
        return split;
    }

    /** The three ways {@link #compute}, {@link #diagonalSums} and the conditional variances' blocks. */
    enum Way { FULL, DIAGONAL, SUMMED }

    /**
     * Which way gives the gradient what it needs: the full selected inverse unless the diagonal
     * blocks suffice; then, for a scalar first term, their sums ({@link #diagonalSums}: no loop
     * over LD⁻¹'s columns and no gathers from Σ_RR per level), otherwise the cheaper by
     * estimate of the full inverse and the diagonal blocks. {@link #INVERSE_PROPERTY} overrides.
     */
    Way way(boolean diagonalSuffices) {
        String forced = System.getProperty(INVERSE_PROPERTY, "auto");
        if (!diagonalSuffices || forced.equals("full")) {
            return Way.FULL;
        }
        if (forced.equals("diagonal")) {
            return Way.DIAGONAL;
        }
        if (w0 == 1) {
            return Way.SUMMED;
        }
        return fullCheaperThanDiagonal() ? Way.FULL : Way.DIAGONAL;
    }

    /**
     * Estimated cost of the full selected inverse relative to the diagonal blocks alone, in flops
     * of the dense kernels: dpotri's 2q2³/3 against dtrtri's q2³/3, plus the loops of each: the
     * gathers Σ_c (rows of column c)²·w0 here, at about a tenth of the dense kernels' speed, against
     * the conditional variances' products Σ_e (q2 − row_e)·h_e·w0, which stream LD⁻¹'s columns: a
     * tenth too while LD⁻¹ stays in cache, a hundredth once it does not (the 1M-row crossed design,
     * q2 = 10,000: 5.4 s for 4·10⁹ of them; the full inverse's way took 7.5 s in all against 8.9).
     */
    boolean fullCheaperThanDiagonal() {
        String forced = System.getProperty(INVERSE_PROPERTY, "auto");
        if (forced.equals("full") || forced.equals("diagonal")) {
            return forced.equals("full");
        }
        if (fullCheaper == null) {
            double q = q2;
            double full = 2.0 * q * q * q / 3.0;
            double diagonal = q * q * q / 3.0;
            double streaming = 8.0 * q * q <= CACHED_BYTES ? LOOP_PENALTY : 10 * LOOP_PENALTY;
            for (int c = 0; c < levels0; c++) {
                double rows = 0;
                for (int e = entryPtr[c]; e < entryPtr[c + 1]; e++) {
                    rows += entryHeight[e];
                    diagonal += streaming * 2.0 * (q2 - entryRow[e]) * entryHeight[e] * w0;
                }
                full += LOOP_PENALTY * 2.0 * rows * rows * w0;
            }
            fullCheaper = full < diagonal;
        }
        return fullCheaper;
    }

    /** A dense block up to this size is taken to stay in the caches (InstEval's 1,142²: 10 MB). */
    private static final double CACHED_BYTES = 16 << 20;

    /**
     * {@code auto} (the default: by {@link #way}; {@code summed} says the same), {@code full} or
     * {@code diagonal} (the conditional variances' blocks): which way the gradient gets what it
     * needs; {@code full} and {@code diagonal} also choose how the conditional variances are
     * computed (tests use each).
     */
    static final String INVERSE_PROPERTY = "jmixed.gradient.inverse";

    /** Dense-kernel flops per flop of the plain loops (BLAS about 40, the loops about 4 GFLOP/s here). */
    private static final double LOOP_PENALTY = 10.0;

    /**
     * For a scalar first term, the sums over levels of M⁻¹'s diagonal blocks, each into the first
     * block of {@code out.diag[k]} (what the gradient's identity needs, and all it needs). Term 0's
     * diagonal is 1/l0_c² + s_cᵀ·Σ_RR·s_c with s_c = LR0[:, c]/l0_c, and summed over c that is
     * Σ 1/l0_c² + tr(Σ_RR·P), P = Σ_c s_c s_cᵀ: the Schur update's own products (every target
     * column in cache) instead of one gather from Σ_RR per pair of rows of each level, which miss
     * the cache where Σ_RR is large. −P lives in the strict upper triangle of the workspace while
     * dpotri fills its lower triangle with Σ_RR.
     */
    void diagonalSums(double[] l0, double[] lr0, double[] dense, SparseSchurUpdate schur, SelectedInverse out) {
        if (w0 != 1) {
            throw new IllegalStateException("the sums need a scalar first term, not width " + w0);
        }
        double firstSum = 0;
        for (int c = 0; c < levels0; c++) {
            double inverse = 1.0 / l0[c];
            firstSum += inverse * inverse;
            for (int e = entryPtr[c]; e < entryPtr[c + 1]; e++) {
                int v = entryValue[e];
                for (int a = 0; a < entryHeight[e]; a++) {
                    scaled[v + a] = lr0[v + a] * inverse;
                }
            }
        }
        for (int k = 0; k < terms.size(); k++) {
            int w = terms.get(k).width();
            java.util.Arrays.fill(out.diag[k], 0, w * w, 0.0);
        }
        if (q2 == 0) {
            out.diag[0][0] = firstSum;
            return;
        }
        double[] sigma = sigmaRR;
        for (int j = 0; j < q2; j++) {
            java.util.Arrays.fill(sigma, j * q2 + j, (j + 1) * q2, 0.0);
        }
        schur.apply(sigma, scaled);
        if (minusPDiagonal == null) {
            minusPDiagonal = new double[q2];
        }
        for (int i = 0; i < q2; i++) {
            minusPDiagonal[i] = sigma[i + i * q2];
        }
        mirrorLower(sigma, q2);
        for (int j = 0; j < q2; j++) {
            System.arraycopy(dense, j * q2 + j, sigma, j * q2 + j, q2 - j);
        }
        int info = kernels.potriLower(q2, sigma, 0, q2);
        if (info != 0) {
            throw new IllegalStateException("singular trailing factor at " + info);
        }
        out.diag[0][0] = firstSum - traceWithUpper(sigma, minusPDiagonal, q2);
        for (int k = 1; k < terms.size(); k++) {
            int wk = terms.get(k).width();
            double[] d = out.diag[k];
            for (int l = 0; l < terms.get(k).nLevels(); l++) {
                int r = levelStart[k][l];
                for (int y = 0; y < wk; y++) {
                    for (int x = 0; x < wk; x++) {
                        int i = r + Math.max(x, y);
                        int j = r + Math.min(x, y);
                        d[x + y * wk] += sigma[i + j * q2];
                    }
                }
            }
        }
    }

    /** −P's diagonal for {@link #diagonalSums}; allocated on first use. */
    private double[] minusPDiagonal;

    /**
     * Σ_ij A[i, j]·B[i, j] for the symmetric A held in a's lower triangle and the symmetric B held
     * in a's strict upper triangle and {@code bDiagonal}: tile by tile (as {@link #mirrorLower}), so
     * that the upper triangle's row-wise reads stay in cache.
     */
    static double traceWithUpper(double[] a, double[] bDiagonal, int n) {
        double diagonal = 0;
        for (int i = 0; i < n; i++) {
            diagonal += a[i + i * n] * bDiagonal[i];
        }
        double below = 0;
        for (int jb = 0; jb < n; jb += MIRROR_TILE) {
            int jEnd = Math.min(n, jb + MIRROR_TILE);
            for (int ib = jb; ib < n; ib += MIRROR_TILE) {
                int iEnd = Math.min(n, ib + MIRROR_TILE);
                for (int j = jb; j < jEnd; j++) {
                    int col = j * n;
                    for (int i = Math.max(ib, j + 1); i < iEnd; i++) {
                        below += a[i + col] * a[j + i * n];
                    }
                }
            }
        }
        return diagonal + 2.0 * below;
    }

    /** Σ_RR[r, s] (mirrored). */
    private double sigma(int r, int s) {
        return sigmaRR[r + s * q2];
    }

    private void copyBlock(int r0, int h, int c0, int w, double[] out, int outOff) {
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < h; x++) {
                out[outOff + x + y * h] = sigma(r0 + x, c0 + y);
            }
        }
    }
}
