package org.jmixed.gpu;

import java.util.Arrays;

import org.jmixed.cpu.NaiveDenseKernels;

/**
 * The solve kernels of {@code pls.cu} (xy_rhs ... first_term_condvar) in plain Java, each with its
 * thread loop written out and its reductions in the kernels' order ({@link #blockSum}: RB strided
 * partial sums, then the tree), working on the factor a {@link KernelEmulator} left. Driven by
 * {@link DeviceSolve#run}, exactly as the device is.
 */
final class SolveEmulator implements DeviceSolve.Steps {
    static final int RB = 256;
    static final int NB = KernelEmulator.NB;

    private static final NaiveDenseKernels NAIVE = new NaiveDenseKernels();

    private final PackedProblem pp;
    private final double[] a;
    private final double[] lr;
    private final double[] l0;
    private final int ld;
    private final int q0;
    private final int p;
    private final double[] u;
    private final double[] g0;
    private final double[] gTrailing;
    private final double[] tmp;
    private double[] beta;
    /** Whether {@link #invertTrailing} runs by tiles (what our kernels do) or by a plain inversion (what a library does). */
    boolean invertByTiles = true;

    SolveEmulator(KernelEmulator em, PackedProblem pp) {
        this.pp = pp;
        this.a = em.dense;
        this.lr = em.lr;
        this.l0 = em.l0;
        this.ld = pp.n;
        this.q0 = pp.levels0 * pp.w0;
        this.p = pp.p1 - 1;
        this.u = new double[q0 + pp.q2];
        this.g0 = new double[pp.levels0 * pp.w0 * pp.w0];
        this.gTrailing = new double[(int) pp.trailingTermOut[pp.nTerms]];
        this.tmp = new double[Math.max(1, pp.q2 * NB)];
    }

    /** block_sum: thread t holds partial[t]; the tree adds partial[t + h] into partial[t], h = RB/2 .. 1. */
    static double blockSum(double[] partial) {
        double[] sh = partial.clone();
        for (int h = RB / 2; h > 0; h /= 2) {
            for (int t = 0; t < h; t++) {
                sh[t] += sh[t + h];
            }
        }
        return sh[0];
    }

    @Override
    public double[] readXFactor() {
        double[] x = new double[pp.p1 * pp.p1];
        for (int j = 0; j < pp.p1; j++) {
            System.arraycopy(a, pp.q2 + (pp.q2 + j) * ld, x, j * pp.p1, pp.p1);
        }
        return x;
    }

    @Override
    public void xyRhs(double[] b) {
        beta = b.clone();
        for (int j = 0; j < pp.q2; j++) {
            int col = pp.q2 + j * ld;
            double s = a[col + p];
            for (int i = 0; i < p; i++) {
                s -= a[col + i] * beta[i];
            }
            u[q0 + j] = s;
        }
    }

    @Override
    public void trsvUpdate(int kb, int nb) {
        for (int blk = 0; blk < nb; blk++) {
            int j = kb + blk;
            double[] partial = new double[RB];
            for (int t = 0; t < RB; t++) {
                for (int i = kb + nb + t; i < pp.q2; i += RB) {
                    partial[t] += a[i + j * ld] * u[q0 + i];
                }
            }
            u[q0 + j] -= blockSum(partial);
        }
    }

    @Override
    public void trsvTile(int kb, int nb) {
        for (int j = kb + nb - 1; j >= kb; j--) {
            double s = u[q0 + j];
            for (int i = j + 1; i < kb + nb; i++) {
                s -= a[i + j * ld] * u[q0 + i];
            }
            u[q0 + j] = s / a[j + j * ld];
        }
    }

    @Override
    public void firstTermU() {
        int w0 = pp.w0;
        int p1 = pp.p1;
        for (int c = 0; c < pp.levels0; c++) {
            int last = pp.entryPtr[c + 1] - 1;
            int lx = (int) pp.entryValue[last];
            int uo = c * w0;
            for (int m = 0; m < w0; m++) {
                double s = lr[lx + p + m * p1];
                for (int i = 0; i < p; i++) {
                    s -= lr[lx + i + m * p1] * beta[i];
                }
                u[uo + m] = s;
            }
            for (int e = pp.entryPtr[c]; e < last; e++) {
                int h = pp.entryH[e];
                int b = (int) pp.entryValue[e];
                int x = q0 + pp.entryRow[e];
                for (int m = 0; m < w0; m++) {
                    double s = 0;
                    for (int r = 0; r < h; r++) {
                        s += lr[b + r + m * h] * u[x + r];
                    }
                    u[uo + m] -= s;
                }
            }
            // L0_c^-T backward: the kernel's loop, which is the naive trsv's
            NAIVE.trsvLowerTrans(w0, l0, c * w0 * w0, w0, u, uo);
        }
    }

    @Override
    public double[] readU() {
        return u.clone();
    }

    @Override
    public void invertTrailing() {
        if (invertByTiles) {
            DeviceSolve.invertByTiles(this, pp.q2);
            return;
        }
        // A library's trtri: the same inverse by plain column-wise substitution.
        NAIVE.trtriLower(pp.q2, a, 0, ld);
    }

    @Override
    public void trtriTile(int kb, int nb) {
        double[][] t = new double[NB][NB + 1];
        for (int j = 0; j < nb; j++) {
            for (int tid = 0; tid < nb; tid++) {
                t[tid][j] = tid >= j ? a[kb + tid + (kb + j) * ld] : 0.0;
            }
        }
        for (int c = 0; c < nb; c++) {
            double[] v = new double[NB];
            for (int i = c; i < nb; i++) {
                double s = i == c ? 1.0 : 0.0;
                for (int k = c; k < i; k++) {
                    s -= t[i][k] * v[k];
                }
                v[i] = s / t[i][i];
                a[kb + i + (kb + c) * ld] = v[i];
            }
        }
    }

    @Override
    public void trtriPanelLeft(int kb, int nb) {
        int m = pp.q2;
        int s = kb + nb;
        for (int i = s; i < m; i++) {
            double[] acc = new double[NB];
            for (int k = s; k <= i; k++) {
                double lik = a[i + k * ld];
                for (int c = 0; c < nb; c++) {
                    acc[c] += lik * a[k + (kb + c) * ld];
                }
            }
            for (int c = 0; c < nb; c++) {
                tmp[(i - s) + c * (m - s)] = acc[c];
            }
        }
    }

    @Override
    public void trtriPanelRight(int kb, int nb) {
        int m = pp.q2;
        int s = kb + nb;
        for (int i = s; i < m; i++) {
            for (int c = 0; c < nb; c++) {
                double acc = 0;
                for (int k = c; k < nb; k++) {
                    acc += tmp[(i - s) + k * (m - s)] * a[kb + k + (kb + c) * ld];
                }
                a[i + (kb + c) * ld] = -acc;
            }
        }
    }

    @Override
    public void trailingCondVar() {
        for (int l = 0; l < pp.trailingLevelCol.length; l++) {
            int col0 = pp.trailingLevelCol[l];
            int w = pp.trailingLevelW[l];
            int out = (int) pp.trailingLevelOut[l];
            for (int b = 0; b < w; b++) {
                for (int aa = 0; aa < w; aa++) {
                    int ca = (col0 + aa) * ld;
                    int cb = (col0 + b) * ld;
                    double[] partial = new double[RB];
                    for (int t = 0; t < RB; t++) {
                        for (int i = col0 + Math.max(aa, b) + t; i < pp.q2; i += RB) {
                            partial[t] += a[ca + i] * a[cb + i];
                        }
                    }
                    gTrailing[out + aa + b * w] = blockSum(partial);
                }
            }
        }
    }

    @Override
    public void firstTermInverse() {
        int w0 = pp.w0;
        int bs = w0 * w0;
        for (int c = 0; c < pp.levels0; c++) {
            int l = c * bs;
            for (int j = w0 - 1; j >= 0; j--) {
                double d = 1.0 / l0[l + j + j * w0];
                l0[l + j + j * w0] = d;
                for (int i = w0 - 1; i > j; i--) {
                    double s = 0;
                    for (int k = j + 1; k <= i; k++) {
                        s += l0[l + i + k * w0] * l0[l + k + j * w0];
                    }
                    l0[l + i + j * w0] = -s * d;
                }
            }
            int last = pp.entryPtr[c + 1] - 1;
            for (int e = pp.entryPtr[c]; e < last; e++) {
                int h = pp.entryH[e];
                int b = (int) pp.entryValue[e];
                for (int s = 0; s < w0; s++) {
                    for (int r = 0; r < h; r++) {
                        double t = 0;
                        for (int m = s; m < w0; m++) {
                            t += lr[b + r + m * h] * l0[l + m + s * w0];
                        }
                        lr[b + r + s * h] = t;
                    }
                }
            }
            for (int b = 0; b < w0; b++) {
                for (int aa = 0; aa < w0; aa++) {
                    double s = 0;
                    for (int i = Math.max(aa, b); i < w0; i++) {
                        s += l0[l + i + aa * w0] * l0[l + i + b * w0];
                    }
                    g0[l + aa + b * w0] = s;
                }
            }
        }
    }

    @Override
    public void firstTermCondVar() {
        int w0 = pp.w0;
        for (int c = 0; c < pp.levels0; c++) {
            int start = pp.entryPtr[c];
            int last = pp.entryPtr[c + 1] - 1;
            if (start == last) {
                continue;
            }
            int firstRow = pp.entryRow[start];
            double[][] g = new double[RB][w0 * w0];
            for (int t = 0; t < RB; t++) {
                double[] wv = new double[w0];
                for (int i = firstRow + t; i < pp.q2; i += RB) {
                    Arrays.fill(wv, 0.0);
                    for (int e = start; e < last; e++) {
                        int row = pp.entryRow[e];
                        if (row > i) {
                            break;
                        }
                        int h = pp.entryH[e];
                        int b = (int) pp.entryValue[e];
                        for (int r = 0; r < h && row + r <= i; r++) {
                            double f = a[i + (row + r) * ld];
                            for (int s = 0; s < w0; s++) {
                                wv[s] += f * lr[b + r + s * h];
                            }
                        }
                    }
                    for (int b = 0; b < w0; b++) {
                        for (int aa = 0; aa < w0; aa++) {
                            g[t][aa + b * w0] += wv[aa] * wv[b];
                        }
                    }
                }
            }
            for (int k = 0; k < w0 * w0; k++) {
                double[] partial = new double[RB];
                for (int t = 0; t < RB; t++) {
                    partial[t] = g[t][k];
                }
                g0[c * w0 * w0 + k] += blockSum(partial);
            }
        }
    }

    @Override
    public double[] readFirstTermCondVar() {
        return g0.clone();
    }

    @Override
    public double[] readTrailingCondVar() {
        return gTrailing.clone();
    }
}
