package org.jmixed.cpu.blocked;

/**
 * Kernels on the tiny width × width blocks of a random-effects term (width is the number of
 * columns of a term, 1 for {@code (1 | g)}, 2 for {@code (Days | Subject)}). Column-major, offsets
 * explicit, no allocation. Width-1 cases reduce to scalar arithmetic.
 */
final class SmallBlocks {
    private SmallBlocks() {
    }

    /**
     * out (h × w, leading dimension ldOut) := Tk' · a · Tj where a is h × w at a[aOff] (contiguous),
     * Tk is h × h, Tj is w × w, both lower triangular. {@code tmp} needs h × w entries.
     */
    static void scaleBlock(double[] tk, int h, double[] a, int aOff, double[] tj, int w, double[] out, int outOff,
                           int ldOut, double[] tmp) {
        if (h == 1 && w == 1) {
            out[outOff] = tk[0] * a[aOff] * tj[0];
            return;
        }
        // tmp = a · Tj
        for (int c = 0; c < w; c++) {
            for (int r = 0; r < h; r++) {
                double s = 0;
                for (int m = c; m < w; m++) {
                    s += a[aOff + r + m * h] * tj[m + c * w];
                }
                tmp[r + c * h] = s;
            }
        }
        // out = Tk' · tmp
        for (int c = 0; c < w; c++) {
            for (int r = 0; r < h; r++) {
                double s = 0;
                for (int m = r; m < h; m++) {
                    s += tk[m + r * h] * tmp[m + c * h];
                }
                out[outOff + r + c * ldOut] = s;
            }
        }
    }

    /** In-place Cholesky of the w × w block at a[off] (lower triangle); returns false if not positive definite. */
    static boolean cholesky(double[] a, int off, int w) {
        for (int j = 0; j < w; j++) {
            double d = a[off + j + j * w];
            for (int m = 0; m < j; m++) {
                double v = a[off + j + m * w];
                d -= v * v;
            }
            if (!(d > 0)) {
                return false;
            }
            d = Math.sqrt(d);
            a[off + j + j * w] = d;
            for (int i = j + 1; i < w; i++) {
                double s = a[off + i + j * w];
                for (int m = 0; m < j; m++) {
                    s -= a[off + i + m * w] * a[off + j + m * w];
                }
                a[off + i + j * w] = s / d;
            }
            for (int i = 0; i < j; i++) {
                a[off + i + j * w] = 0.0;
            }
        }
        return true;
    }

    /** b (h × w, leading dimension ldb) := b · L⁻ᵀ with L the w × w lower triangle at l[lOff]. */
    static void solveRightLowerTrans(double[] l, int lOff, int w, double[] b, int bOff, int h, int ldb) {
        for (int c = 0; c < w; c++) {
            double d = l[lOff + c + c * w];
            for (int m = 0; m < c; m++) {
                double lcm = l[lOff + c + m * w];
                if (lcm != 0.0) {
                    for (int r = 0; r < h; r++) {
                        b[bOff + r + c * ldb] -= b[bOff + r + m * ldb] * lcm;
                    }
                }
            }
            double inv = 1.0 / d;
            for (int r = 0; r < h; r++) {
                b[bOff + r + c * ldb] *= inv;
            }
        }
    }

    /** x := L⁻¹ x for the w × w lower triangle at l[lOff], x at x[xOff] with stride 1. */
    static void solveLower(double[] l, int lOff, int w, double[] x, int xOff) {
        for (int i = 0; i < w; i++) {
            double s = x[xOff + i];
            for (int m = 0; m < i; m++) {
                s -= l[lOff + i + m * w] * x[xOff + m];
            }
            x[xOff + i] = s / l[lOff + i + i * w];
        }
    }

    /** x := L⁻ᵀ x for the w × w lower triangle at l[lOff]. */
    static void solveLowerTrans(double[] l, int lOff, int w, double[] x, int xOff) {
        for (int i = w - 1; i >= 0; i--) {
            double s = x[xOff + i];
            for (int m = i + 1; m < w; m++) {
                s -= l[lOff + m + i * w] * x[xOff + m];
            }
            x[xOff + i] = s / l[lOff + i + i * w];
        }
    }

    /** out (w × w) := L⁻¹ for the w × w lower triangle at l[lOff]; zeros above the diagonal. */
    static void invertLower(double[] l, int lOff, int w, double[] out, int outOff) {
        for (int c = 0; c < w; c++) {
            for (int r = 0; r < w; r++) {
                out[outOff + r + c * w] = r == c ? 1.0 : 0.0;
            }
            solveLower(l, lOff, w, out, outOff + c * w);
        }
    }

    /** out (h × w at outOff) = B (h × w at bOff) · L, L w × w lower triangular at l[0]; all column-major. */
    static void multiplyLower(double[] b, int bOff, int h, double[] l, int w, double[] out, int outOff) {
        for (int s = 0; s < w; s++) {
            for (int a = 0; a < h; a++) {
                double sum = 0;
                for (int m = s; m < w; m++) {
                    sum += b[bOff + a + m * h] * l[m + s * w];
                }
                out[outOff + a + s * h] = sum;
            }
        }
    }
}
