package org.jmixed.cpu.dense;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Dense kernels in plain Java, tuned for the dense Cholesky that dominates crossed mixed-model fits.
 *
 * <h2>Structure</h2>
 * <ul>
 *   <li>All O(n³) work funnels into one rank-k update engine, {@code C −= A·Bᵀ} (optionally lower
 *       triangle only), built BLIS-style: A and B are packed into 4-row "micro-panels" so that the
 *       4×4 register-blocked micro-kernel reads both operands with unit stride from a small
 *       contiguous array; 16 accumulators live in local variables, which C2 keeps in registers.</li>
 *   <li>{@link #potrfLower} and {@link #trsmRightLowerTrans} are recursive (split in halves), so
 *       almost all their flops land in large SYRK/GEMM calls of that engine; only blocks of order
 *       ≤ {@value #POTRF_BASE} / {@value #TRSM_BASE} are done by unblocked loops.</li>
 *   <li>Large updates are split by row blocks over a small fixed pool of daemon threads
 *       ({@code jmixed.threads}, default {@code availableProcessors()} capped at 8); small ones stay
 *       on the calling thread, where the hand-off would cost more than it saves.</li>
 * </ul>
 * Scratch for packing is per calling thread and reused, so steady-state calls allocate only a few
 * small objects for the parallel hand-off. Instances are stateless and thread-safe.
 */
public final class JavaDenseKernels implements DenseKernels {

    /** Depth of one packed panel: 4 × KC doubles of B (8 KiB) stay in L1 while a row block streams past. */
    static final int KC = 256;
    /** Rows of C per parallel task: MC × KC doubles of packed A (128 KiB) stay in L2 across all columns. */
    static final int MC = 64;
    /** Order at or below which Cholesky is done by the unblocked kernel. */
    static final int POTRF_BASE = 48;
    /** Triangle order at or below which the triangular solve is done column by column. */
    static final int TRSM_BASE = 32;
    /**
     * Flop count below which work stays on the calling thread. Waking a pool thread costs some
     * tens of microseconds; at ~10 GFLOP/s per core 4 Mflop is ~0.4 ms, comfortably more.
     */
    static final double PARALLEL_MIN_FLOPS = 4e6;

    /**
     * Whether {@link Math#fma} compiles to one instruction here (HotSpot's {@code UseFMA}). With it
     * the micro-kernel runs ~30% faster; without it Math.fma falls back to exact (BigDecimal-like)
     * arithmetic and would be disastrously slow, so it is a static final the JIT folds away.
     */
    static final boolean USE_FMA = detectFma();

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final int threads;

    /** Uses {@code jmixed.threads} threads if set, else {@code min(availableProcessors, 8)}. */
    public JavaDenseKernels() {
        this(defaultThreads());
    }

    /** Uses at most {@code threads} threads (1 = strictly single-threaded). */
    public JavaDenseKernels(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    static int defaultThreads() {
        String p = System.getProperty("jmixed.threads");
        if (p != null && !p.isBlank()) {
            try {
                int t = Integer.parseInt(p.trim());
                if (t >= 1) {
                    return Math.min(t, 64);
                }
            } catch (NumberFormatException ignored) {
                // fall through to the default; a bad value must not break a fit
            }
        }
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
    }

    private static boolean detectFma() {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean != null && "true".equals(bean.getVMOption("UseFMA").getValue());
        } catch (Throwable t) {
            return false; // not HotSpot, or management module absent: play safe
        }
    }

    /** Number of threads this instance may use. */
    public int threads() {
        return threads;
    }

    @Override
    public String name() {
        return "pure Java (" + threads + (threads == 1 ? " thread" : " threads") + (USE_FMA ? ", FMA" : "") + ")";
    }

    // ------------------------------------------------------------------------------------------
    // Cholesky
    // ------------------------------------------------------------------------------------------

    @Override
    public int potrfLower(int n, double[] a, int off, int lda) {
        checkSquare("potrfLower", n, a, off, lda);
        return potrfRec(n, a, off, lda);
    }

    /**
     * Recursive Cholesky: [A11 . ; A21 A22] → L11 = chol(A11), L21 = A21·L11⁻ᵀ, A22 −= L21·L21ᵀ,
     * L22 = chol(A22). The halving makes the SYRK at each level as large as possible, which is
     * what the packed engine (and the thread split) needs to run at full speed.
     */
    private int potrfRec(int n, double[] a, int off, int lda) {
        if (n <= POTRF_BASE) {
            return potf2(n, a, off, lda);
        }
        int n1 = roundUp4(n / 2);
        int n2 = n - n1;
        int info = potrfRec(n1, a, off, lda);
        if (info != 0) {
            return info;
        }
        trsmRightLowerTrans(n2, n1, a, off, lda, a, off + n1, lda);
        syrkLowerMinus(n2, n1, a, off + n1, lda, a, off + n1 + n1 * lda, lda);
        info = potrfRec(n2, a, off + n1 + n1 * lda, lda);
        return info == 0 ? 0 : info + n1;
    }

    /** Unblocked right-looking Cholesky; the inner loops are unit-stride axpys over a column. */
    private static int potf2(int n, double[] a, int off, int lda) {
        for (int j = 0; j < n; j++) {
            int cj = off + j * lda;
            double d = a[cj + j];
            if (!(d > 0.0)) { // also catches NaN, as LAPACK does
                return j + 1;
            }
            d = Math.sqrt(d);
            a[cj + j] = d;
            double inv = 1.0 / d;
            for (int i = j + 1; i < n; i++) {
                a[cj + i] *= inv;
            }
            for (int c = j + 1; c < n; c++) {
                double f = a[cj + c];
                int cc = off + c * lda;
                for (int i = c; i < n; i++) {
                    a[cc + i] -= a[cj + i] * f;
                }
            }
        }
        return 0;
    }

    // ------------------------------------------------------------------------------------------
    // Triangular solve with many right-hand sides
    // ------------------------------------------------------------------------------------------

    @Override
    public void trsmRightLowerTrans(int m, int n, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb) {
        checkSquare("trsmRightLowerTrans", n, l, lOff, ldl);
        checkMatrix("trsmRightLowerTrans", "B", m, n, b, bOff, ldb);
        if (m == 0 || n == 0) {
            return;
        }
        // Rows of B are independent problems: split them over threads with no synchronisation
        // inside; each chunk runs the serial recursive solve.
        double flops = (double) m * n * n;
        int chunk = roundUp4(Math.max(32, (m + 2 * threads - 1) / (2 * threads)));
        int tasks = (m + chunk - 1) / chunk;
        if (!parallelWorth(flops, tasks)) {
            trsmSerial(m, n, l, lOff, ldl, b, bOff, ldb);
            return;
        }
        parallelFor(tasks, t -> {
            int r0 = t * chunk;
            int rows = Math.min(chunk, m - r0);
            trsmSerial(rows, n, l, lOff, ldl, b, bOff + r0, ldb);
        });
    }

    /** X·Lᵀ = B by halving L: X1 = B1·L11⁻ᵀ, B2 −= X1·L21ᵀ, X2 = B2·L22⁻ᵀ. */
    private static void trsmSerial(int m, int n, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb) {
        if (n <= TRSM_BASE) {
            trsmUnblocked(m, n, l, lOff, ldl, b, bOff, ldb);
            return;
        }
        int n1 = roundUp4(n / 2);
        int n2 = n - n1;
        trsmSerial(m, n1, l, lOff, ldl, b, bOff, ldb);
        gemmCore(m, n2, n1, b, bOff, ldb, l, lOff + n1, ldl, b, bOff + n1 * ldb, ldb, false, false, 1);
        trsmSerial(m, n2, l, lOff + n1 + n1 * ldl, ldl, b, bOff + n1 * ldb, ldb);
    }

    /** Column j of X = (B[:,j] − Σ_{p<j} X[:,p]·L[j,p]) / L[j,j]; unit-stride axpys. */
    private static void trsmUnblocked(int m, int n, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb) {
        for (int j = 0; j < n; j++) {
            int cj = bOff + j * ldb;
            for (int p = 0; p < j; p++) {
                double f = l[lOff + j + p * ldl];
                if (f != 0.0) {
                    int cp = bOff + p * ldb;
                    for (int i = 0; i < m; i++) {
                        b[cj + i] -= b[cp + i] * f;
                    }
                }
            }
            double inv = 1.0 / l[lOff + j + j * ldl];
            for (int i = 0; i < m; i++) {
                b[cj + i] *= inv;
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Rank-k updates
    // ------------------------------------------------------------------------------------------

    @Override
    public void syrkLowerMinus(int n, int k, double[] a, int aOff, int lda, double[] c, int cOff, int ldc) {
        checkMatrix("syrkLowerMinus", "A", n, k, a, aOff, lda);
        checkSquare("syrkLowerMinus", n, c, cOff, ldc);
        gemmCore(n, n, k, a, aOff, lda, a, aOff, lda, c, cOff, ldc, true, true, threads);
    }

    @Override
    public void gemmNTMinus(int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double[] c, int cOff, int ldc) {
        checkMatrix("gemmNTMinus", "A", m, k, a, aOff, lda);
        checkMatrix("gemmNTMinus", "B", n, k, b, bOff, ldb);
        checkMatrix("gemmNTMinus", "C", m, n, c, cOff, ldc);
        gemmCore(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, false, false, threads);
    }

    /**
     * C −= A·Bᵀ (A m×k, B n×k), or only its lower triangle when {@code lower} (then m = n and,
     * when {@code sameAB}, B is A and is packed once). The k dimension is cut into panels of
     * {@link #KC}; each panel of A and B is packed by the calling thread into its scratch, then row
     * blocks of {@link #MC} rows of C are handed out dynamically to up to {@code nThreads} threads.
     * C must not overlap A or B (it never does in BLAS semantics).
     */
    private static void gemmCore(int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                                 double[] c, int cOff, int ldc, boolean lower, boolean sameAB, int nThreads) {
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        Scratch s = SCRATCH.get();
        int mp = roundUp4(m);
        int np = roundUp4(n);
        int tasks = (m + MC - 1) / MC;
        double flops = lower ? (double) m * m * k : 2.0 * m * n * k;
        boolean parallel = nThreads > 1 && !(Thread.currentThread() instanceof PoolThread)
                && flops >= PARALLEL_MIN_FLOPS && tasks > 1;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            double[] ap = s.packA(mp * kc);
            pack(m, kc, a, aOff + p0 * lda, lda, ap);
            double[] bp;
            if (sameAB) {
                bp = ap;
            } else {
                bp = s.packB(np * kc);
                pack(n, kc, b, bOff + p0 * ldb, ldb, bp);
            }
            if (!parallel) {
                updateRows(0, m, n, kc, ap, bp, c, cOff, ldc, lower, s.tile);
            } else {
                // In the lower case the bottom blocks carry the most columns: hand them out first so
                // the last tasks to finish are the short ones.
                final int kcF = kc;
                pool(nThreads).run(tasks, t -> {
                    int blk = lower ? tasks - 1 - t : t;
                    int r0 = blk * MC;
                    int r1 = Math.min(m, r0 + MC);
                    updateRows(r0, r1, n, kcF, ap, bp, c, cOff, ldc, lower, SCRATCH.get().tile);
                });
            }
        }
    }

    /**
     * Copies the rows × kc block at src[srcOff] (leading dimension ld) into micro-panels of 4 rows:
     * element (r, p) goes to dst[(r & ~3)·kc + 4p + (r & 3)]. The last micro-panel is zero-padded,
     * so the micro-kernel never needs a ragged loop.
     */
    private static void pack(int rows, int kc, double[] src, int srcOff, int ld, double[] dst) {
        int full = rows & ~3;
        for (int i = 0; i < full; i += 4) {
            int d = i * kc;
            int sIdx = srcOff + i;
            for (int p = 0; p < kc; p++, d += 4, sIdx += ld) {
                dst[d] = src[sIdx];
                dst[d + 1] = src[sIdx + 1];
                dst[d + 2] = src[sIdx + 2];
                dst[d + 3] = src[sIdx + 3];
            }
        }
        int rem = rows - full;
        if (rem > 0) {
            int d = full * kc;
            int sIdx = srcOff + full;
            for (int p = 0; p < kc; p++, d += 4, sIdx += ld) {
                for (int r = 0; r < 4; r++) {
                    dst[d + r] = r < rem ? src[sIdx + r] : 0.0;
                }
            }
        }
    }

    /**
     * Rows [r0, r1) of C −= Ap·Bpᵀ for one packed panel of depth kc. Column blocks of 4 are the
     * outer loop so that one B micro-panel (4·kc doubles) stays in L1 while the A row block (in L2)
     * streams past it. r0 is a multiple of 4.
     */
    private static void updateRows(int r0, int r1, int n, int kc, double[] ap, double[] bp, double[] c, int cOff,
                                   int ldc, boolean lower, double[] tile) {
        int jEnd = lower ? Math.min(n, r1) : n;
        for (int j = 0; j < jEnd; j += 4) {
            int cols = Math.min(4, n - j);
            int bo = j * kc;
            int iStart = lower ? Math.max(r0, j) : r0; // tiles wholly above the diagonal are skipped
            for (int i = iStart; i < r1; i += 4) {
                int rows = Math.min(4, r1 - i);
                // Entry (r, c) of the tile is row i+r, column j+c: in the lower triangle iff r − c ≥ j − i.
                int minDiff = lower ? j - i : -4;
                if (USE_FMA) {
                    kernelFma(kc, ap, i * kc, bp, bo, c, cOff + i + j * ldc, ldc, rows, cols, minDiff, tile);
                } else {
                    kernelMulAdd(kc, ap, i * kc, bp, bo, c, cOff + i + j * ldc, ldc, rows, cols, minDiff, tile);
                }
            }
        }
    }

    /**
     * 4×4 micro-kernel with fused multiply-adds: 8 loads feed 16 FMAs per step of p. Kept as flat
     * straight-line code over locals so C2 allocates all 16 accumulators to registers.
     */
    private static void kernelFma(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int q, int ldc,
                                  int rows, int cols, int minDiff, double[] tile) {
        double c00 = 0, c10 = 0, c20 = 0, c30 = 0, c01 = 0, c11 = 0, c21 = 0, c31 = 0;
        double c02 = 0, c12 = 0, c22 = 0, c32 = 0, c03 = 0, c13 = 0, c23 = 0, c33 = 0;
        int aEnd = ao + 4 * kc;
        for (; ao < aEnd; ao += 4, bo += 4) {
            double a0 = ap[ao], a1 = ap[ao + 1], a2 = ap[ao + 2], a3 = ap[ao + 3];
            double b0 = bp[bo], b1 = bp[bo + 1], b2 = bp[bo + 2], b3 = bp[bo + 3];
            c00 = Math.fma(a0, b0, c00); c10 = Math.fma(a1, b0, c10); c20 = Math.fma(a2, b0, c20); c30 = Math.fma(a3, b0, c30);
            c01 = Math.fma(a0, b1, c01); c11 = Math.fma(a1, b1, c11); c21 = Math.fma(a2, b1, c21); c31 = Math.fma(a3, b1, c31);
            c02 = Math.fma(a0, b2, c02); c12 = Math.fma(a1, b2, c12); c22 = Math.fma(a2, b2, c22); c32 = Math.fma(a3, b2, c32);
            c03 = Math.fma(a0, b3, c03); c13 = Math.fma(a1, b3, c13); c23 = Math.fma(a2, b3, c23); c33 = Math.fma(a3, b3, c33);
        }
        if (rows == 4 && cols == 4 && minDiff <= -3) {
            c[q] -= c00; c[q + 1] -= c10; c[q + 2] -= c20; c[q + 3] -= c30; q += ldc;
            c[q] -= c01; c[q + 1] -= c11; c[q + 2] -= c21; c[q + 3] -= c31; q += ldc;
            c[q] -= c02; c[q + 1] -= c12; c[q + 2] -= c22; c[q + 3] -= c32; q += ldc;
            c[q] -= c03; c[q + 1] -= c13; c[q + 2] -= c23; c[q + 3] -= c33;
        } else {
            tile[0] = c00; tile[1] = c10; tile[2] = c20; tile[3] = c30;
            tile[4] = c01; tile[5] = c11; tile[6] = c21; tile[7] = c31;
            tile[8] = c02; tile[9] = c12; tile[10] = c22; tile[11] = c32;
            tile[12] = c03; tile[13] = c13; tile[14] = c23; tile[15] = c33;
            storeMasked(tile, c, q, ldc, rows, cols, minDiff);
        }
    }

    /** Same as {@link #kernelFma} with separate multiply and add, for CPUs without FMA. */
    private static void kernelMulAdd(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int q, int ldc,
                                     int rows, int cols, int minDiff, double[] tile) {
        double c00 = 0, c10 = 0, c20 = 0, c30 = 0, c01 = 0, c11 = 0, c21 = 0, c31 = 0;
        double c02 = 0, c12 = 0, c22 = 0, c32 = 0, c03 = 0, c13 = 0, c23 = 0, c33 = 0;
        int aEnd = ao + 4 * kc;
        for (; ao < aEnd; ao += 4, bo += 4) {
            double a0 = ap[ao], a1 = ap[ao + 1], a2 = ap[ao + 2], a3 = ap[ao + 3];
            double b0 = bp[bo], b1 = bp[bo + 1], b2 = bp[bo + 2], b3 = bp[bo + 3];
            c00 += a0 * b0; c10 += a1 * b0; c20 += a2 * b0; c30 += a3 * b0;
            c01 += a0 * b1; c11 += a1 * b1; c21 += a2 * b1; c31 += a3 * b1;
            c02 += a0 * b2; c12 += a1 * b2; c22 += a2 * b2; c32 += a3 * b2;
            c03 += a0 * b3; c13 += a1 * b3; c23 += a2 * b3; c33 += a3 * b3;
        }
        if (rows == 4 && cols == 4 && minDiff <= -3) {
            c[q] -= c00; c[q + 1] -= c10; c[q + 2] -= c20; c[q + 3] -= c30; q += ldc;
            c[q] -= c01; c[q + 1] -= c11; c[q + 2] -= c21; c[q + 3] -= c31; q += ldc;
            c[q] -= c02; c[q + 1] -= c12; c[q + 2] -= c22; c[q + 3] -= c32; q += ldc;
            c[q] -= c03; c[q + 1] -= c13; c[q + 2] -= c23; c[q + 3] -= c33;
        } else {
            tile[0] = c00; tile[1] = c10; tile[2] = c20; tile[3] = c30;
            tile[4] = c01; tile[5] = c11; tile[6] = c21; tile[7] = c31;
            tile[8] = c02; tile[9] = c12; tile[10] = c22; tile[11] = c32;
            tile[12] = c03; tile[13] = c13; tile[14] = c23; tile[15] = c33;
            storeMasked(tile, c, q, ldc, rows, cols, minDiff);
        }
    }

    /** Edge and diagonal tiles: subtract only entries inside C and (if lower) on/below the diagonal. */
    private static void storeMasked(double[] tile, double[] c, int q, int ldc, int rows, int cols, int minDiff) {
        for (int cc = 0; cc < cols; cc++) {
            int col = q + cc * ldc;
            for (int r = Math.max(0, minDiff + cc); r < rows; r++) {
                c[col + r] -= tile[4 * cc + r];
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Level-2 solves and the inverse (O(n²) / once per fit: kept simple and unit-stride)
    // ------------------------------------------------------------------------------------------

    @Override
    public void trsvLower(int n, double[] l, int lOff, int ldl, double[] b, int bOff) {
        checkSquare("trsvLower", n, l, lOff, ldl);
        checkVector("trsvLower", n, b, bOff);
        // Column-oriented: x_j is final once divided; then it is eliminated from the rows below.
        for (int j = 0; j < n; j++) {
            int cj = lOff + j * ldl;
            double x = b[bOff + j] / l[cj + j];
            b[bOff + j] = x;
            if (x != 0.0) {
                for (int i = j + 1; i < n; i++) {
                    b[bOff + i] -= l[cj + i] * x;
                }
            }
        }
    }

    @Override
    public void trsvLowerTrans(int n, double[] l, int lOff, int ldl, double[] b, int bOff) {
        checkSquare("trsvLowerTrans", n, l, lOff, ldl);
        checkVector("trsvLowerTrans", n, b, bOff);
        // Row j of Lᵀ is column j of L: a unit-stride dot product with the already solved tail.
        for (int j = n - 1; j >= 0; j--) {
            int cj = lOff + j * ldl;
            double s = b[bOff + j];
            for (int i = j + 1; i < n; i++) {
                s -= l[cj + i] * b[bOff + i];
            }
            b[bOff + j] = s / l[cj + j];
        }
    }

    /** Order at or below which the inverse is computed by the unblocked (dtrti2-like) loops. */
    static final int TRTRI_BASE = 128;
    /** Columns of L⁻¹ produced per blocked step of {@link #trtriLower}. */
    static final int TRTRI_CHUNK = 256;

    @Override
    public int trtriLower(int n, double[] a, int off, int lda) {
        checkSquare("trtriLower", n, a, off, lda);
        for (int j = 0; j < n; j++) {
            if (a[off + j + j * lda] == 0.0) {
                return j + 1; // singular, as dtrtri reports it (checked before anything is changed)
            }
        }
        if (n <= TRTRI_BASE) {
            trti2(n, a, off, lda);
            return 0;
        }
        // Blocked: Y = L⁻ᵀ solves Y·Lᵀ = I, i.e. a trsm, which runs on the packed engine and both
        // cores. Y is upper triangular, so rows [r0, r1) of Y only involve columns ≥ r0 and satisfy
        //   Y[r0:r1, r0:] · L[r0:, r0:]ᵀ = I[r0:r1, r0:]
        // which reads only the trailing triangle from r0. Going left to right, the transpose of each
        // finished row chunk (= columns [r0, r1) of L⁻¹) can overwrite L at once: no later chunk
        // reads those columns. Flops: n³/3, like dtrtri; scratch: TRTRI_CHUNK × n doubles.
        int cb = TRTRI_CHUNK;
        double[] y = new double[cb * n];
        for (int r0 = 0; r0 < n; r0 += cb) {
            int rows = Math.min(cb, n - r0);
            int cols = n - r0;
            java.util.Arrays.fill(y, 0, rows * cols, 0.0);
            for (int t = 0; t < rows; t++) {
                y[t + t * rows] = 1.0;
            }
            trsmRightLowerTrans(rows, cols, a, off + r0 + r0 * lda, lda, y, 0, rows);
            for (int t = 0; t < rows; t++) { // column r0+t of L⁻¹, rows r0+t.. = row t of Y, cols t..
                int col = off + r0 + (r0 + t) * lda;
                for (int c = t; c < cols; c++) {
                    a[col + c] = y[t + c * rows];
                }
            }
        }
        return 0;
    }

    /**
     * Unblocked inverse in dtrti2 order: columns right to left; column j below the diagonal becomes
     * −a_jj⁻¹ · T·x with T the already inverted trailing triangle (a lower dtrmv).
     */
    private static void trti2(int n, double[] a, int off, int lda) {
        for (int j = n - 1; j >= 0; j--) {
            int cj = off + j * lda;
            double inv = 1.0 / a[cj + j];
            a[cj + j] = inv;
            for (int p = n - 1; p > j; p--) { // x := T·x, bottom-up so inputs are read before overwritten
                int cp = off + p * lda;
                double xp = a[cj + p];
                if (xp != 0.0) {
                    for (int i = p + 1; i < n; i++) {
                        a[cj + i] += a[cp + i] * xp;
                    }
                }
                a[cj + p] = xp * a[cp + p];
            }
            double f = -inv;
            for (int i = j + 1; i < n; i++) {
                a[cj + i] *= f;
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Threads
    // ------------------------------------------------------------------------------------------

    private boolean parallelWorth(double flops, int tasks) {
        return threads > 1 && tasks > 1 && flops >= PARALLEL_MIN_FLOPS && !(Thread.currentThread() instanceof PoolThread);
    }

    private void parallelFor(int tasks, IntConsumer body) {
        pool(threads).run(tasks, body);
    }

    private static final Object POOL_LOCK = new Object();
    private static volatile Pool sharedPool;

    /** The process-wide pool, grown (never shrunk) to serve {@code nThreads} participants. */
    private static Pool pool(int nThreads) {
        Pool p = sharedPool;
        if (p == null || p.workers < nThreads - 1) {
            synchronized (POOL_LOCK) {
                p = sharedPool;
                if (p == null || p.workers < nThreads - 1) {
                    p = new Pool(nThreads - 1); // the old pool's threads stay alive but idle; daemon
                    sharedPool = p;
                }
            }
        }
        return p.limit(nThreads);
    }

    /** Marks pool threads so nested calls run serially instead of waiting on their own pool. */
    private static final class PoolThread extends Thread {
        PoolThread(Runnable r, int i) {
            super(r, "jmixed-dense-" + i);
            setDaemon(true);
        }
    }

    /**
     * A fixed set of daemon workers plus the calling thread, pulling task indices from a shared
     * counter (dynamic scheduling absorbs the uneven work of triangular updates).
     */
    private static final class Pool {
        final int workers;
        final ExecutorService exec;
        private int participants;

        Pool(int workers) {
            this.workers = workers;
            AtomicInteger idx = new AtomicInteger();
            this.exec = Executors.newFixedThreadPool(Math.max(1, workers),
                    r -> new PoolThread(r, idx.incrementAndGet()));
            this.participants = workers + 1;
        }

        private Pool(Pool base, int participants) {
            this.workers = base.workers;
            this.exec = base.exec;
            this.participants = participants;
        }

        Pool limit(int nThreads) {
            return nThreads - 1 >= workers ? this : new Pool(this, nThreads);
        }

        void run(int tasks, IntConsumer body) {
            int helpers = Math.min(participants - 1, tasks - 1);
            if (helpers <= 0) {
                for (int t = 0; t < tasks; t++) {
                    body.accept(t);
                }
                return;
            }
            AtomicInteger next = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(helpers);
            Runnable loop = () -> {
                try {
                    for (int t; (t = next.getAndIncrement()) < tasks && failure.get() == null; ) {
                        body.accept(t);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            };
            for (int h = 0; h < helpers; h++) {
                exec.execute(() -> {
                    try {
                        loop.run();
                    } finally {
                        done.countDown();
                    }
                });
            }
            loop.run();
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // must not return while helpers still write into C
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable e = failure.get();
            if (e instanceof RuntimeException re) {
                throw re;
            }
            if (e instanceof Error err) {
                throw err;
            }
            if (e != null) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Per-thread packing buffers, grown on demand and kept. */
    private static final class Scratch {
        double[] a = new double[0];
        double[] b = new double[0];
        final double[] tile = new double[16];

        double[] packA(int size) {
            if (a.length < size) {
                a = new double[size];
            }
            return a;
        }

        double[] packB(int size) {
            if (b.length < size) {
                b = new double[size];
            }
            return b;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Argument checks (fail at the door with a message, not deep inside with an index error)
    // ------------------------------------------------------------------------------------------

    private static int roundUp4(int x) {
        return (x + 3) & ~3;
    }

    static void checkSquare(String op, int n, double[] a, int off, int lda) {
        checkMatrix(op, "A", n, n, a, off, lda);
    }

    static void checkMatrix(String op, String what, int rows, int cols, double[] a, int off, int ld) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(op + ": negative dimension of " + what + ": " + rows + " x " + cols);
        }
        if (ld < Math.max(1, rows)) {
            throw new IllegalArgumentException(op + ": leading dimension of " + what + " is " + ld + " < " + rows);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long last = (long) off + (long) (cols - 1) * ld + rows - 1;
        if (off < 0 || last >= a.length) {
            throw new IndexOutOfBoundsException(op + ": " + what + " (" + rows + " x " + cols + ", offset " + off
                    + ", ld " + ld + ") does not fit in an array of length " + a.length);
        }
    }

    static void checkVector(String op, int n, double[] b, int off) {
        if (n > 0 && (off < 0 || (long) off + n > b.length)) {
            throw new IndexOutOfBoundsException(op + ": vector of length " + n + " at offset " + off
                    + " does not fit in an array of length " + b.length);
        }
    }
}
