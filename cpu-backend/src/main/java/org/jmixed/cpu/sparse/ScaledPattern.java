package org.jmixed.cpu.sparse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;

import org.jmixed.spi.BlockSparseMatrix;
import org.jmixed.spi.CrossProducts;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.TermStructure;

/**
 * The lower triangle of Λθ'Z'ZΛθ in compressed-column form, in the problem's own (unpermuted) order:
 * its scalar pattern, fixed for the model, and its values for a θ. Shared by the two general sparse
 * paths: {@link SparsePlsEvaluator} orders and analyses this pattern itself and scatters the values
 * into its factor; the CHOLMOD backend hands pattern and values to CHOLMOD as they are
 * ({@code stype = -1}). Neither adds the identity here: each does where its factor wants it.
 *
 * <p>The pattern holds every entry of every stored block of Z'Z (full width × width diagonal blocks,
 * lower halves), so it does not depend on θ even where θ has zeros. Column
 * {@code offset(j) + c·w_j + b} (term j, level c, column b of the term) holds first the rows
 * b..w_j−1 of its own diagonal block (so the diagonal comes first), then, for each later term k, the
 * w_k rows of every block of Z_k'Z_j stored in block column c. Row indices are sorted within each
 * column. Every cross-product entry maps to one position; {@link #fill} assigns each position exactly
 * once, so the value array needs no clearing between θ, and allocates nothing.
 *
 * <p>Not thread-safe: {@link #setTheta} keeps the templates T_k for the next {@link #fill} and
 * {@link #rhs}.
 */
public final class ScaledPattern {
    private final int q;
    private final int nnz;
    private final int[] colPtr;
    private final int[] rowIdx;
    private final int[] offsets;
    private final List<TermStructure> terms;
    private CrossProducts cross;
    private final int nTerms;
    /** offBlockStart[k][j][e]: position of the first (row a = 0) entry of column b = 0 of stored block e of Z_k'Z_j. */
    private final int[][][] offBlockStart;
    private final double[][] templates;
    private final double[] blockTmp;
    private final double[] blockOut;

    /**
     * Reads its values from cross-products of the same design with another response (see
     * {@link org.jmixed.spi.PlsProblem#withResponse}); the pattern itself is unchanged.
     *
     * @throws IllegalArgumentException when they do not share this pattern's Z'Z
     */
    public void replaceCrossProducts(CrossProducts other) {
        if (!other.sharesDesignWith(cross)) {
            throw new IllegalArgumentException("cross-products of another design");
        }
        cross = other;
    }

    /**
     * Builds the pattern from the block structure of the problem's cross-products.
     *
     * @throws IllegalArgumentException when the lower triangle has 2³¹ entries or more
     */
    public ScaledPattern(PlsProblem problem) {
        this.terms = problem.terms();
        this.cross = problem.cross();
        this.nTerms = terms.size();
        this.q = problem.q();
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
        blockTmp = new double[maxW * maxW];
        blockOut = new double[maxW * maxW];

        // The running count in long, so that an overflow is reported rather than wrapped (the
        // column pointers written before it are then never used).
        colPtr = new int[q + 1];
        long total = 0;
        for (int j = 0; j < nTerms; j++) {
            TermStructure tj = terms.get(j);
            int wj = tj.width();
            for (int c = 0; c < tj.nLevels(); c++) {
                long below = 0;
                for (int k = j + 1; k < nTerms; k++) {
                    BlockSparseMatrix zkj = cross.zTzOff(k, j);
                    below += (long) (zkj.colPtr[c + 1] - zkj.colPtr[c]) * zkj.blockRows;
                }
                for (int b = 0; b < wj; b++) {
                    int col = offsets[j] + c * wj + b;
                    colPtr[col] = (int) total;
                    total += (wj - b) + below;
                }
            }
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("Λ'Z'ZΛ has " + total + " stored entries; at most 2^31 supported");
        }
        nnz = (int) total;
        colPtr[q] = nnz;
        rowIdx = new int[nnz];
        offBlockStart = new int[nTerms][nTerms][];
        for (int k = 0; k < nTerms; k++) {
            for (int j = 0; j < k; j++) {
                offBlockStart[k][j] = new int[cross.zTzOff(k, j).nnzBlocks()];
            }
        }
        for (int j = 0; j < nTerms; j++) {
            TermStructure tj = terms.get(j);
            int wj = tj.width();
            for (int c = 0; c < tj.nLevels(); c++) {
                for (int b = 0; b < wj; b++) {
                    int col = offsets[j] + c * wj + b;
                    int pos = colPtr[col];
                    for (int a = b; a < wj; a++) {
                        rowIdx[pos++] = offsets[j] + c * wj + a;
                    }
                    for (int k = j + 1; k < nTerms; k++) {
                        BlockSparseMatrix zkj = cross.zTzOff(k, j);
                        int wk = zkj.blockRows;
                        for (int e = zkj.colPtr[c]; e < zkj.colPtr[c + 1]; e++) {
                            if (b == 0) {
                                offBlockStart[k][j][e] = pos;
                            }
                            int rowBase = offsets[k] + zkj.rowIdx[e] * wk;
                            for (int a = 0; a < wk; a++) {
                                rowIdx[pos++] = rowBase + a;
                            }
                        }
                    }
                }
            }
        }
    }

    /** q, the order of the matrix. */
    public int order() {
        return q;
    }

    /** Number of stored entries of the lower triangle. */
    public int nnz() {
        return nnz;
    }

    /** Column pointers, length q + 1; the array itself, not to be modified. */
    public int[] colPtr() {
        return colPtr;
    }

    /** Row indices, sorted within each column, the diagonal first; the array itself, not to be modified. */
    public int[] rowIdx() {
        return rowIdx;
    }

    /** Position of (row, col) of the lower triangle, or −1 when it is not stored. */
    public int position(int row, int col) {
        for (int e = colPtr[col]; e < colPtr[col + 1]; e++) {
            if (rowIdx[e] == row) {
                return e;
            }
        }
        return -1;
    }

    /** The templates T_k for this θ; call before {@link #fill} and {@link #rhs}. */
    public void setTheta(double[] theta) {
        for (int k = 0; k < nTerms; k++) {
            terms.get(k).fillTemplate(theta, templates[k]);
        }
    }

    /** ax := the lower triangle of Λ'Z'ZΛ at the current θ (without the identity), aligned with the pattern. */
    public void fill(double[] ax) {
        for (int k = 0; k < nTerms; k++) {
            TermStructure t = terms.get(k);
            int w = t.width();
            double[] tk = templates[k];
            double[] a = cross.zTz(k);
            int base = offsets[k];
            if (w == 1) {
                double s = tk[0] * tk[0];
                for (int l = 0; l < t.nLevels(); l++) {
                    ax[colPtr[base + l]] = a[l] * s;
                }
            } else {
                for (int l = 0; l < t.nLevels(); l++) {
                    congruence(tk, w, a, l * w * w, tk, w);
                    for (int b = 0; b < w; b++) {
                        int pos = colPtr[base + l * w + b];
                        for (int r = b; r < w; r++) {
                            ax[pos++] = blockOut[r + b * w];
                        }
                    }
                }
            }
            for (int j = 0; j < k; j++) {
                BlockSparseMatrix zkj = cross.zTzOff(k, j);
                int wk = zkj.blockRows;
                int wj = zkj.blockCols;
                int bs = wk * wj;
                int[] start = offBlockStart[k][j];
                double[] v = zkj.values;
                int nb = zkj.nnzBlocks();
                if (bs == 1) {
                    double s = templates[k][0] * templates[j][0];
                    for (int e = 0; e < nb; e++) {
                        ax[start[e]] = v[e] * s;
                    }
                } else {
                    // Column b of a block sits in column b of the level's columns: same offset from
                    // that column's start as column 0's entry from column 0's start.
                    for (int c = 0; c < zkj.nBlockCols; c++) {
                        int col0 = offsets[j] + c * wj;
                        for (int e = zkj.colPtr[c]; e < zkj.colPtr[c + 1]; e++) {
                            congruence(templates[k], wk, v, e * bs, templates[j], wj);
                            int rel = start[e] - colPtr[col0];
                            for (int b = 0; b < wj; b++) {
                                // Column col0 + b has b fewer diagonal-block rows than column col0.
                                int pos = colPtr[col0 + b] + rel - b;
                                for (int r = 0; r < wk; r++) {
                                    ax[pos + r] = blockOut[r + b * wk];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * out := Λ'Z'[X y] at the current θ, q × m column-major (m = p + 1, the columns of [X y]).
     *
     * @param rowOrder where row i of the problem's order goes (a factor's inverse permutation), or
     *                 null for the problem's order
     */
    public void rhs(double[] out, int m, int[] rowOrder) {
        for (int k = 0; k < nTerms; k++) {
            TermStructure t = terms.get(k);
            int w = t.width();
            int qk = t.q();
            double[] tk = templates[k];
            double[] zxy = cross.zTxy(k);
            for (int l = 0; l < t.nLevels(); l++) {
                int base = l * w;
                for (int a = 0; a < w; a++) {
                    int i = offsets[k] + base + a;
                    int row = rowOrder == null ? i : rowOrder[i];
                    for (int c = 0; c < m; c++) {
                        double s = 0.0;
                        for (int r = a; r < w; r++) {
                            s += tk[r + a * w] * zxy[base + r + c * qk];
                        }
                        out[row + c * q] = s;
                    }
                }
            }
        }
    }

    /**
     * The diagonal blocks of a symmetric q × q matrix Z known on (at least) the diagonal blocks of
     * this pattern, one array per term: nLevels blocks of w × w, column-major, both halves filled.
     * Used for the conditional variances, with Z the sparse inverse subset on a factor's pattern.
     *
     * @param z        the values of Z
     * @param position index into z of Z(row, col), for row ≥ col of one diagonal block, both in the
     *                 problem's order
     */
    public List<double[]> diagonalBlocks(double[] z, IntBinaryOperator position) {
        List<double[]> out = new ArrayList<>(nTerms);
        for (int k = 0; k < nTerms; k++) {
            TermStructure t = terms.get(k);
            int w = t.width();
            double[] blocks = new double[t.nLevels() * w * w];
            for (int l = 0; l < t.nLevels(); l++) {
                int base = offsets[k] + l * w;
                for (int b = 0; b < w; b++) {
                    for (int a = b; a < w; a++) {
                        double v = z[position.applyAsInt(base + a, base + b)];
                        blocks[l * w * w + a + b * w] = v;
                        blocks[l * w * w + b + a * w] = v;
                    }
                }
            }
            out.add(blocks);
        }
        return out;
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
}
