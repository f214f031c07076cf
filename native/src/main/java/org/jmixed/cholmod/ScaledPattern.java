package org.jmixed.cholmod;

import java.util.List;

import org.jmixed.spi.BlockSparseMatrix;
import org.jmixed.spi.CrossProducts;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.TermStructure;

/**
 * The lower triangle of Λθ'Z'ZΛθ in compressed-column form, in the problem's own (unpermuted) order,
 * as CHOLMOD takes it ({@code stype = -1}): its pattern, fixed for the model, and its values for a θ.
 * The pattern holds every entry of every stored block of Z'Z (full width × width diagonal blocks,
 * lower halves), so it does not depend on θ even where θ has zeros; the identity is added by CHOLMOD
 * ({@code cholmod_factorize_p} with β = 1). Row indices are sorted within each column.
 *
 * <p>Column {@code offsets[j] + c·w_j + b} (term j, level c, column b of the term) holds first the
 * rows b..w_j−1 of its own diagonal block, then, for each later term k, the w_k rows of every block
 * of Z_k'Z_j stored in block column c. Every cross-product entry maps to one position; {@link #fill}
 * assigns each position exactly once, so the value array needs no clearing between θ.
 */
final class ScaledPattern {
    final int q;
    final int nnz;
    final long[] colPtr;
    final long[] rowIdx;
    final int[] offsets;
    private final List<TermStructure> terms;
    private final CrossProducts cross;
    private final int nTerms;
    /** offMap[k][j][e]: position of the first (row a = 0) entry of column b = 0 of stored block e of Z_k'Z_j. */
    private final int[][][] offBlockStart;
    private final double[][] templates;
    private final double[] blockTmp;
    private final double[] blockOut;

    ScaledPattern(PlsProblem problem) {
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

        colPtr = new long[q + 1];
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
                    colPtr[col] = total;
                    total += (wj - b) + below;
                }
            }
        }
        colPtr[q] = total;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("Λ'Z'ZΛ has " + total + " stored entries; at most 2^31 supported");
        }
        nnz = (int) total;
        rowIdx = new long[nnz];
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
                    int pos = (int) colPtr[col];
                    for (int a = b; a < wj; a++) {
                        rowIdx[pos++] = offsets[j] + (long) c * wj + a;
                    }
                    for (int k = j + 1; k < nTerms; k++) {
                        BlockSparseMatrix zkj = cross.zTzOff(k, j);
                        int wk = zkj.blockRows;
                        for (int e = zkj.colPtr[c]; e < zkj.colPtr[c + 1]; e++) {
                            if (b == 0) {
                                offBlockStart[k][j][e] = pos;
                            }
                            long rowBase = offsets[k] + (long) zkj.rowIdx[e] * wk;
                            for (int a = 0; a < wk; a++) {
                                rowIdx[pos++] = rowBase + a;
                            }
                        }
                    }
                }
            }
        }
    }

    /** Position of (row, col) of the lower triangle, or −1 when it is not stored. */
    int position(long row, int col) {
        for (long e = colPtr[col]; e < colPtr[col + 1]; e++) {
            if (rowIdx[(int) e] == row) {
                return (int) e;
            }
        }
        return -1;
    }

    /** The templates T_k for this θ; call before {@link #fill} and {@link #rhs}. */
    void setTheta(double[] theta) {
        for (int k = 0; k < nTerms; k++) {
            terms.get(k).fillTemplate(theta, templates[k]);
        }
    }

    /** ax := the lower triangle of Λ'Z'ZΛ at the current θ (without the identity). */
    void fill(double[] ax) {
        for (int k = 0; k < nTerms; k++) {
            TermStructure t = terms.get(k);
            int w = t.width();
            double[] tk = templates[k];
            double[] a = cross.zTz(k);
            int base = offsets[k];
            if (w == 1) {
                double s = tk[0] * tk[0];
                for (int l = 0; l < t.nLevels(); l++) {
                    ax[(int) colPtr[base + l]] = a[l] * s;
                }
            } else {
                for (int l = 0; l < t.nLevels(); l++) {
                    congruence(tk, w, a, l * w * w, tk, w);
                    for (int b = 0; b < w; b++) {
                        int pos = (int) colPtr[base + l * w + b];
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
                            int rel = start[e] - (int) colPtr[col0];
                            for (int b = 0; b < wj; b++) {
                                // Column col0 + b has b fewer diagonal-block rows than column col0.
                                int pos = (int) colPtr[col0 + b] + rel - b;
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

    /** out := Λ'Z'[X y], q × m column-major, in the problem's order. */
    void rhs(double[] out, int m) {
        for (int k = 0; k < nTerms; k++) {
            TermStructure t = terms.get(k);
            int w = t.width();
            int qk = t.q();
            double[] tk = templates[k];
            double[] zxy = cross.zTxy(k);
            for (int l = 0; l < t.nLevels(); l++) {
                int base = l * w;
                for (int a = 0; a < w; a++) {
                    int row = offsets[k] + base + a;
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

    /** blockOut := Tkᵀ A Tj for A (wk × wj at a[off], column-major) and lower-triangular templates. */
    private void congruence(double[] tk, int wk, double[] a, int off, double[] tj, int wj) {
        for (int b = 0; b < wj; b++) {
            for (int r = 0; r < wk; r++) {
                double s = 0.0;
                for (int c = b; c < wj; c++) {
                    s += a[off + r + c * wk] * tj[c + b * wj];
                }
                blockTmp[r + b * wk] = s;
            }
        }
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
