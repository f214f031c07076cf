package org.jmixed.cpu;

import org.jmixed.cpu.dense.DenseKernels;

/** Textbook triple loops: the reference the optimized kernels and evaluators are checked against. */
public final class NaiveDenseKernels implements DenseKernels {
    @Override
    public String name() {
        return "naive reference";
    }

    @Override
    public int potrfLower(int n, double[] a, int off, int lda) {
        for (int j = 0; j < n; j++) {
            double d = a[off + j + j * lda];
            for (int k = 0; k < j; k++) {
                d -= a[off + j + k * lda] * a[off + j + k * lda];
            }
            if (!(d > 0)) {
                return j + 1;
            }
            d = Math.sqrt(d);
            a[off + j + j * lda] = d;
            for (int i = j + 1; i < n; i++) {
                double s = a[off + i + j * lda];
                for (int k = 0; k < j; k++) {
                    s -= a[off + i + k * lda] * a[off + j + k * lda];
                }
                a[off + i + j * lda] = s / d;
            }
        }
        return 0;
    }

    @Override
    public void trsmRightLowerTrans(int m, int n, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb) {
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < n; c++) {
                double s = b[bOff + r + c * ldb];
                for (int k = 0; k < c; k++) {
                    s -= b[bOff + r + k * ldb] * l[lOff + c + k * ldl];
                }
                b[bOff + r + c * ldb] = s / l[lOff + c + c * ldl];
            }
        }
    }

    @Override
    public void syrkLowerMinus(int n, int k, double[] a, int aOff, int lda, double[] c, int cOff, int ldc) {
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) {
                double s = 0;
                for (int m = 0; m < k; m++) {
                    s += a[aOff + i + m * lda] * a[aOff + j + m * lda];
                }
                c[cOff + i + j * ldc] -= s;
            }
        }
    }

    @Override
    public void gemmNTMinus(int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double[] c, int cOff, int ldc) {
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int t = 0; t < k; t++) {
                    s += a[aOff + i + t * lda] * b[bOff + j + t * ldb];
                }
                c[cOff + i + j * ldc] -= s;
            }
        }
    }

    @Override
    public void trsvLower(int n, double[] l, int lOff, int ldl, double[] b, int bOff) {
        for (int i = 0; i < n; i++) {
            double s = b[bOff + i];
            for (int k = 0; k < i; k++) {
                s -= l[lOff + i + k * ldl] * b[bOff + k];
            }
            b[bOff + i] = s / l[lOff + i + i * ldl];
        }
    }

    @Override
    public void trsvLowerTrans(int n, double[] l, int lOff, int ldl, double[] b, int bOff) {
        for (int i = n - 1; i >= 0; i--) {
            double s = b[bOff + i];
            for (int k = i + 1; k < n; k++) {
                s -= l[lOff + k + i * ldl] * b[bOff + k];
            }
            b[bOff + i] = s / l[lOff + i + i * ldl];
        }
    }

    @Override
    public int trtriLower(int n, double[] a, int off, int lda) {
        double[] inv = new double[n * n];
        for (int c = 0; c < n; c++) {
            if (!(a[off + c + c * lda] != 0)) {
                return c + 1;
            }
            inv[c + c * n] = 1.0;
            trsvLower(n, a, off, lda, inv, c * n);
        }
        for (int c = 0; c < n; c++) {
            for (int r = c; r < n; r++) {
                a[off + r + c * lda] = inv[r + c * n];
            }
        }
        return 0;
    }
}
