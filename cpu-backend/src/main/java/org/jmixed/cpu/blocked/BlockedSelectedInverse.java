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
    private final int[] trailingOffset;
    private final int[] entryPtr;
    private final int[] entryRow;
    private final int[] entryTerm;
    private final int[] entryHeight;
    private final int[] entrySource;
    private final int[] entryValue;
    private final double[] sigmaRR;
    /** LR0·L0⁻¹, laid out like LR0. */
    private final double[] scaled;
    private final double[] l0inv;

    BlockedSelectedInverse(List<TermStructure> terms, DenseKernels kernels, int w0, int levels0, int q2,
                           int[] trailingOffset, int[] entryPtr, int[] entryRow, int[] entryTerm, int[] entryHeight,
                           int[] entrySource, int[] entryValue, int valueSize) {
        this.terms = terms;
        this.kernels = kernels;
        this.w0 = w0;
        this.levels0 = levels0;
        this.q2 = q2;
        this.trailingOffset = trailingOffset;
        this.entryPtr = entryPtr;
        this.entryRow = entryRow;
        this.entryTerm = entryTerm;
        this.entryHeight = entryHeight;
        this.entrySource = entrySource;
        this.entryValue = entryValue;
        this.sigmaRR = new double[Math.multiplyExact(q2, q2)];
        this.scaled = new double[valueSize];
        this.l0inv = new double[w0 * w0];
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
        }
        firstTerm(l0, lr0, cross, out);
        for (int k = 1; k < terms.size(); k++) {
            int wk = terms.get(k).width();
            double[] d = out.diag[k];
            for (int l = 0; l < terms.get(k).nLevels(); l++) {
                int r = trailingOffset[k] + l * wk;
                copyBlock(r, wk, r, wk, d, l * wk * wk);
            }
            for (int j = 1; j < k; j++) {
                int wj = terms.get(j).width();
                BlockSparseMatrix a = cross.zTzOff(k, j);
                double[] g = out.off[k][j];
                for (int c = 0; c < a.nBlockCols; c++) {
                    for (int e = a.colPtr[c]; e < a.colPtr[c + 1]; e++) {
                        copyBlock(trailingOffset[k] + a.rowIdx[e] * wk, wk, trailingOffset[j] + c * wj, wj, g,
                                e * wk * wj);
                    }
                }
            }
        }
    }

    private void firstTerm(double[] l0, double[] lr0, CrossProducts cross, SelectedInverse out) {
        int bs0 = w0 * w0;
        double[] g0 = out.diag[0];
        for (int c = 0; c < levels0; c++) {
            SmallBlocks.invertLower(l0, c * bs0, w0, l0inv, 0);
            int start = entryPtr[c];
            int end = entryPtr[c + 1];
            for (int e = start; e < end; e++) {
                int h = entryHeight[e];
                int v = entryValue[e];
                for (int s = 0; s < w0; s++) {
                    for (int a = 0; a < h; a++) {
                        double sum = 0;
                        for (int m = s; m < w0; m++) {
                            sum += lr0[v + a + m * h] * l0inv[m + s * w0];
                        }
                        scaled[v + a + s * h] = sum;
                    }
                }
            }
            // Σ_R0 rows of block f = −Σ_e Σ_RR[rows f, rows e] · scaled_e, written straight into out.
            for (int f = start; f < end; f++) {
                int hf = entryHeight[f];
                int rf = entryRow[f];
                double[] target = out.off[entryTerm[f]][0];
                int to = entrySource[f];
                java.util.Arrays.fill(target, to, to + hf * w0, 0.0);
                for (int e = start; e < end; e++) {
                    int he = entryHeight[e];
                    int re = entryRow[e];
                    int v = entryValue[e];
                    for (int a = 0; a < hf; a++) {
                        for (int b = 0; b < he; b++) {
                            double sig = sigma(rf + a, re + b);
                            if (sig == 0.0) {
                                continue;
                            }
                            for (int s = 0; s < w0; s++) {
                                target[to + a + s * hf] -= sig * scaled[v + b + s * he];
                            }
                        }
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

    /** Σ_RR[r, s] from its lower triangle. */
    private double sigma(int r, int s) {
        return r >= s ? sigmaRR[r + s * q2] : sigmaRR[s + r * q2];
    }

    private void copyBlock(int r0, int h, int c0, int w, double[] out, int outOff) {
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < h; x++) {
                out[outOff + x + y * h] = sigma(r0 + x, c0 + y);
            }
        }
    }
}
