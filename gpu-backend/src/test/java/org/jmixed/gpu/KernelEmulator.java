package org.jmixed.gpu;

import org.jmixed.spi.PlsFactorSummary;

/**
 * The device algorithm of {@code pls.cu}, step for step, in plain Java on a {@link PackedProblem}:
 * each method is one kernel with its thread loop written out (same index arithmetic, same tile
 * sizes, same order of the tiled Cholesky). It checks the host-side packing and the algorithm on
 * machines without a GPU; the CUDA code itself is checked by the GPU tests.
 */
final class KernelEmulator {
    static final int NB = 64;
    static final int ST = 32;

    private final PackedProblem pp;
    final double[] l0;
    final double[] l0logdet;
    final double[] lr;
    final double[] dense;

    /** Scheduling order of thread blocks and threads: null for ascending, else shuffled by it. */
    private final java.util.Random schedule;

    KernelEmulator(PackedProblem pp) {
        this(pp, null);
    }

    /**
     * An emulator that runs the Schur update's thread blocks (target tiles) and each bin's threads
     * (pairs) in an order shuffled by {@code schedule}, as a GPU may: the result must not change.
     */
    KernelEmulator(PackedProblem pp, java.util.Random schedule) {
        this.pp = pp;
        this.schedule = schedule;
        l0 = new double[pp.a0.length];
        l0logdet = new double[pp.levels0];
        lr = new double[(int) pp.lrLength];
        dense = new double[Math.multiplyExact(pp.n, pp.n)];
    }

    /** One evaluation; throws as the CUDA evaluator does when the Z part is not positive definite. */
    void factor(double[] theta, PlsFactorSummary out) {
        pp.fillTemplates(theta);
        double[] t = pp.templates;
        int t0 = pp.nTerms == 0 ? 0 : pp.templateOffset[0];
        for (int l = 0; l < pp.levels0; l++) {
            factorFirstTerm(l, t, t0);
        }
        for (int e = 0; e < pp.nEntries; e++) {
            scaleEntry(e, t, t0);
        }
        java.util.Arrays.fill(dense, 0.0);
        for (int f = 0; f < pp.nFill; f++) {
            fillBlock(f, t);
        }
        if (stopBeforeSchur) {
            return;
        }
        schurUpdate();
        int n = pp.n;
        int[] info = {0};
        for (int kb = 0; kb < n; kb += NB) {
            int nb = Math.min(NB, n - kb);
            potrfTile(kb, nb, n - 1, info);
            if (kb + nb < n) {
                for (int i = kb + nb; i < n; i++) {
                    trsmRow(i, kb, nb);
                }
                int tiles = (n - kb - nb + ST - 1) / ST;
                for (int bi = 0; bi < tiles; bi++) {
                    for (int bj = 0; bj <= bi; bj++) {
                        syrkTile(bi, bj, kb, nb);
                    }
                }
            }
        }
        double x0 = 0;
        double x1 = 0;
        double x2 = 0;
        for (int i = 0; i < pp.q2; i++) {
            x0 += 2 * Math.log(dense[i + i * n]);
        }
        for (int i = 0; i < pp.p1 - 1; i++) {
            int k = pp.q2 + i;
            x1 += 2 * Math.log(dense[k + k * n]);
        }
        for (int l = 0; l < pp.levels0; l++) {
            x2 += l0logdet[l];
        }
        double r = dense[(n - 1) + (n - 1) * n];
        CudaPlsEvaluator.summarize(info[0], pp, new double[] {x0, x1, r * r, x2}, out);
    }

    private static void scaleBlock(double[] tm, int tl, int h, double[] src, int srcOff, double[] tmr, int tr, int w,
                                   double[] out, int outOff, int ldo) {
        for (int c = 0; c < w; c++) {
            for (int r = 0; r < h; r++) {
                double s;
                if (tr < 0) {
                    s = src[srcOff + r + c * h];
                } else {
                    s = 0;
                    for (int m = c; m < w; m++) {
                        s += src[srcOff + r + m * h] * tmr[tr + m + c * w];
                    }
                }
                out[outOff + r + c * ldo] = s;
            }
        }
        if (tl >= 0) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    double s = 0;
                    for (int m = r; m < h; m++) {
                        s += tm[tl + m + r * h] * out[outOff + m + c * ldo];
                    }
                    out[outOff + r + c * ldo] = s;
                }
            }
        }
    }

    private void factorFirstTerm(int l, double[] t, int t0) {
        int w0 = pp.w0;
        int o = l * w0 * w0;
        scaleBlock(t, t0, w0, pp.a0, o, t, t0, w0, l0, o, w0);
        for (int d = 0; d < w0; d++) {
            l0[o + d + d * w0] += 1.0;
        }
        double ld = 0;
        for (int j = 0; j < w0; j++) {
            double d = l0[o + j + j * w0];
            for (int m = 0; m < j; m++) {
                d -= l0[o + j + m * w0] * l0[o + j + m * w0];
            }
            d = Math.sqrt(d);
            l0[o + j + j * w0] = d;
            for (int i = j + 1; i < w0; i++) {
                double s = l0[o + i + j * w0];
                for (int m = 0; m < j; m++) {
                    s -= l0[o + i + m * w0] * l0[o + j + m * w0];
                }
                l0[o + i + j * w0] = s / d;
            }
            for (int i = 0; i < j; i++) {
                l0[o + i + j * w0] = 0;
            }
            ld += 2 * Math.log(d);
        }
        l0logdet[l] = ld;
    }

    private void scaleEntry(int e, double[] t, int t0) {
        int h = pp.entryH[e];
        int w0 = pp.w0;
        int out = (int) pp.entryValue[e];
        scaleBlock(t, pp.entryTemplate[e], h, pp.entrySourceValues, (int) pp.entrySource[e], t, t0, w0, lr, out, h);
        int lo = pp.entryLevel[e] * w0 * w0;
        for (int c = 0; c < w0; c++) {
            double inv = 1.0 / l0[lo + c + c * w0];
            for (int r = 0; r < h; r++) {
                double s = lr[out + r + c * h];
                for (int m = 0; m < c; m++) {
                    s -= lr[out + r + m * h] * l0[lo + c + m * w0];
                }
                lr[out + r + c * h] = s * inv;
            }
        }
    }

    private void fillBlock(int f, double[] t) {
        int ld = pp.n;
        int off = pp.fillRow[f] + pp.fillCol[f] * ld;
        scaleBlock(t, pp.fillTl[f], pp.fillH[f], pp.fillSourceValues, (int) pp.fillSource[f], t, pp.fillTr[f],
                pp.fillW[f], dense, off, ld);
        if (pp.fillIdentity[f] != 0) {
            for (int d = 0; d < pp.fillH[f]; d++) {
                dense[off + d + d * ld] += 1.0;
            }
        }
    }

    /** For tests of the Schur update: factor() returns after fill_dense. */
    boolean stopBeforeSchur;

    /** schur_update: its thread blocks, one per dense row, in scheduling order. */
    void schurUpdate() {
        for (int r : order(pp.n)) {
            schurRow(r);
        }
    }

    /** 0..n-1, ascending or shuffled by the schedule. */
    private int[] order(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        if (schedule != null) {
            for (int i = n - 1; i > 0; i--) {
                int j = schedule.nextInt(i + 1);
                int t = o[i];
                o[i] = o[j];
                o[j] = t;
            }
        }
        return o;
    }

    /** schur_update's thread block for row r: its levels in order, each level's pairs in scheduling order. */
    private void schurRow(int r) {
        SchurRows sr = pp.schurRows;
        for (long k = sr.rowPtr[r]; k < sr.rowPtr[r + 1]; k++) {
            int a = (int) sr.incScalar[(int) k];
            int start = (int) pp.scalarPtr[sr.incLevel[(int) k]];
            for (int t : order(a - start + 1)) {
                int e = start + t;
                double s = 0;
                for (int m = 0; m < pp.w0; m++) {
                    s += lr[(int) pp.scalarValue[a] + m * pp.scalarStride[a]]
                            * lr[(int) pp.scalarValue[e] + m * pp.scalarStride[e]];
                }
                dense[r + pp.scalarRow[e] * pp.n] -= s;
            }
            // __syncthreads(): the next level may hit the same entries
        }
    }

    private void potrfTile(int kb, int nb, int lastFree, int[] info) {
        int ld = pp.n;
        double[][] t = new double[NB][NB + 1];
        for (int j = 0; j < nb; j++) {
            for (int tid = j; tid < nb; tid++) {
                t[tid][j] = dense[kb + tid + (kb + j) * ld];
            }
        }
        for (int j = 0; j < nb; j++) {
            double d = t[j][j];
            if (!(d > 0.0)) {
                if (kb + j == lastFree) {
                    if (!Double.isNaN(d)) {
                        d = 0.0;
                    }
                } else if (info[0] == 0) {
                    info[0] = kb + j + 1;
                }
            }
            t[j][j] = Math.sqrt(d);
            for (int tid = j + 1; tid < nb; tid++) {
                t[tid][j] /= t[j][j];
            }
            for (int tid = j + 1; tid < nb; tid++) {
                double tlj = t[tid][j];
                for (int i = tid; i < nb; i++) {
                    t[i][tid] -= t[i][j] * tlj;
                }
            }
        }
        for (int j = 0; j < nb; j++) {
            for (int tid = j; tid < nb; tid++) {
                dense[kb + tid + (kb + j) * ld] = t[tid][j];
            }
        }
    }

    private void trsmRow(int i, int kb, int nb) {
        int ld = pp.n;
        double[] x = new double[NB];
        for (int c = 0; c < nb; c++) {
            x[c] = dense[i + (kb + c) * ld];
        }
        for (int c = 0; c < nb; c++) {
            double s = x[c];
            for (int m = 0; m < c; m++) {
                s -= x[m] * dense[kb + c + (kb + m) * ld];
            }
            x[c] = s / dense[kb + c + (kb + c) * ld];
        }
        for (int c = 0; c < nb; c++) {
            dense[i + (kb + c) * ld] = x[c];
        }
    }

    private void syrkTile(int bi, int bj, int kb, int nb) {
        int n = pp.n;
        int s = kb + nb;
        int row0 = s + bi * ST;
        int col0 = s + bj * ST;
        double[][] ai = new double[ST][NB + 1];
        double[][] aj = new double[ST][NB + 1];
        for (int tx = 0; tx < ST; tx++) {
            for (int m = 0; m < nb; m++) {
                int r = row0 + tx;
                int c = col0 + tx;
                ai[tx][m] = r < n ? dense[r + (kb + m) * n] : 0.0;
                aj[tx][m] = c < n ? dense[c + (kb + m) * n] : 0.0;
            }
        }
        for (int tx = 0; tx < ST; tx++) {
            int r = row0 + tx;
            for (int cc = 0; cc < ST; cc++) {
                int c = col0 + cc;
                if (r < n && c < n && r >= c) {
                    double sum = 0;
                    for (int m = 0; m < nb; m++) {
                        sum += ai[tx][m] * aj[cc][m];
                    }
                    dense[r + c * n] -= sum;
                }
            }
        }
    }
}
