// Device kernels of the CUDA PLS evaluator (FP64 throughout).
//
// The layout is made on the host by org.jmixed.gpu.PackedProblem; every kernel here mirrors one
// step of org.jmixed.cpu.blocked.BlockedPlsEvaluator, with one change: the (p+1) rows of [X y]
// are appended to the dense trailing block, so one dense Cholesky of order N = q2 + p + 1 yields
// LD, LXR and LXX together (and r² as the square of its last pivot). All matrices are
// column-major; dense indices are 64-bit. A template offset of -1 stands for the identity.
// Every reduction has a fixed order (no atomics), so one θ gives the same bits on every run;
// org.jmixed.gpu.KernelEmulator checks this with shuffled scheduling orders.

#include <stdint.h>

#define NB 64       // tile of the dense Cholesky (potrf/trsm/syrk)
#define ST 32       // output tile of the trailing update

extern "C" {

// ---- small dense helpers on column-major blocks in global memory -------------------------------

// out (h x w, leading dim ldo) := Tl' * src * Tr; src h x w contiguous, Tl h x h, Tr w x w lower.
// Done in place in out: first out := src * Tr, then out := Tl' * out row by row (row a reads rows
// m >= a only, so ascending rows may be overwritten).
__device__ void scale_block(const double* tl, int h, const double* src, const double* tr, int w,
                            double* out, int64_t ldo) {
    for (int c = 0; c < w; c++) {
        for (int r = 0; r < h; r++) {
            double s;
            if (tr == 0) {
                s = src[r + c * h];
            } else {
                s = 0.0;
                for (int m = c; m < w; m++) s += src[r + m * h] * tr[m + c * w];
            }
            out[r + c * ldo] = s;
        }
    }
    if (tl != 0) {
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double s = 0.0;
                for (int m = r; m < h; m++) s += tl[m + r * h] * out[m + c * ldo];
                out[r + c * ldo] = s;
            }
        }
    }
}

// ---- term 0: block diagonal --------------------------------------------------------------------

// For each level l: L0_l = chol(T0' A_l T0 + I) in place in l0; logdet[l] = 2 sum log diag.
__global__ void factor_first_term(const double* a0, const double* templ, int t0, int w0, int levels0,
                                  double* l0, double* logdet) {
    int l = blockIdx.x * blockDim.x + threadIdx.x;
    if (l >= levels0) return;
    int bs = w0 * w0;
    double* b = l0 + (int64_t) l * bs;
    scale_block(templ + t0, w0, a0 + (int64_t) l * bs, templ + t0, w0, b, w0);
    for (int d = 0; d < w0; d++) b[d + d * w0] += 1.0;
    double ld = 0.0;
    for (int j = 0; j < w0; j++) {
        double d = b[j + j * w0];
        for (int m = 0; m < j; m++) d -= b[j + m * w0] * b[j + m * w0];
        d = sqrt(d);  // >= 1 in exact arithmetic: T'AT + I is positive definite
        b[j + j * w0] = d;
        for (int i = j + 1; i < w0; i++) {
            double s = b[i + j * w0];
            for (int m = 0; m < j; m++) s -= b[i + m * w0] * b[j + m * w0];
            b[i + j * w0] = s / d;
        }
        for (int i = 0; i < j; i++) b[i + j * w0] = 0.0;
        ld += 2.0 * log(d);
    }
    logdet[l] = ld;
}

// Each entry e of the columns of level c (LR0 blocks and the [X y] rows of term 0):
// lr_e = Tk' S_e T0 L0_c^-T, an h x w0 block.
__global__ void scale_entries(const int* entryLevel, const int* entryH, const int* entryTmpl,
                              const int64_t* entrySrc, const int64_t* entryVal, int nEntries,
                              const double* src, const double* templ, int t0, int w0,
                              const double* l0, double* lr) {
    int e = blockIdx.x * blockDim.x + threadIdx.x;
    if (e >= nEntries) return;
    int h = entryH[e];
    int tk = entryTmpl[e];
    double* out = lr + entryVal[e];
    scale_block(tk < 0 ? 0 : templ + tk, h, src + entrySrc[e], templ + t0, w0, out, h);
    const double* l = l0 + (int64_t) entryLevel[e] * w0 * w0;
    for (int c = 0; c < w0; c++) {
        double inv = 1.0 / l[c + c * w0];
        for (int r = 0; r < h; r++) {
            double s = out[r + c * h];
            for (int m = 0; m < c; m++) s -= out[r + m * h] * l[c + m * w0];
            out[r + c * h] = s * inv;
        }
    }
}

// Zero the dense block: n64 doubles.
__global__ void zero_dense(double* a, int64_t n64) {
    int64_t i = (int64_t) blockIdx.x * blockDim.x + threadIdx.x;
    int64_t stride = (int64_t) gridDim.x * blockDim.x;
    for (; i < n64; i += stride) a[i] = 0.0;
}

// Each fill block f: dense[row, col] (h x w) = Tl' S_f Tr (+ I when on the diagonal).
__global__ void fill_dense(const int* fillRow, const int* fillCol, const int* fillH, const int* fillW,
                           const int* fillTl, const int* fillTr, const int64_t* fillSrc,
                           const unsigned char* fillIdentity, int nFill, const double* src,
                           const double* templ, double* dense, int64_t ld) {
    int f = blockIdx.x * blockDim.x + threadIdx.x;
    if (f >= nFill) return;
    int h = fillH[f], w = fillW[f];
    double* out = dense + fillRow[f] + (int64_t) fillCol[f] * ld;
    scale_block(fillTl[f] < 0 ? 0 : templ + fillTl[f], h, src + fillSrc[f],
                fillTr[f] < 0 ? 0 : templ + fillTr[f], w, out, ld);
    if (fillIdentity[f]) {
        for (int d = 0; d < h; d++) out[d + (int64_t) d * ld] += 1.0;
    }
}

// Schur update dense -= LR LR' for the columns of term 0, in a fixed order (see
// org.jmixed.gpu.SchurRows): one thread block owns one row r of the dense block and applies the
// levels that have a scalar row r in ascending level order, with a barrier between levels; the
// pairs (r, s <= r) of one level are distinct entries, so each entry gets its subtractions one at a
// time in level order. No atomics: the result has the same bits whatever the scheduling.
__global__ void schur_update(const int64_t* rowPtr, const int64_t* incScalar, const int* incLevel,
                             const int64_t* scalarPtr, const int* scalarRow, const int64_t* scalarVal,
                             const int* scalarStride, int w0, const double* lr, double* dense, int64_t ld) {
    int r = blockIdx.x;
    for (int64_t k = rowPtr[r]; k < rowPtr[r + 1]; k++) {
        int64_t a = incScalar[k];
        int64_t start = scalarPtr[incLevel[k]];
        const double* x = lr + scalarVal[a];
        int sx = scalarStride[a];
        for (int64_t e = start + threadIdx.x; e <= a; e += blockDim.x) {
            const double* y = lr + scalarVal[e];
            int sy = scalarStride[e];
            double s = 0.0;
            for (int m = 0; m < w0; m++) s += x[m * sx] * y[m * sy];
            dense[r + (int64_t) scalarRow[e] * ld] -= s;
        }
        __syncthreads();
    }
}

// ---- dense Cholesky, right-looking, tiles of NB ------------------------------------------------

// Cholesky of the nb x nb diagonal tile at (kb, kb), one thread block of NB threads. The pivot of
// index lastFree (r^2, the last one) may be zero: it is clipped at 0 instead of failing (a NaN is
// kept, so that the objective is NaN as on the CPU, not -infinity). info gets
// the 1-based index of the first failing pivot.
__global__ void potrf_tile(double* a, int64_t ld, int kb, int nb, int lastFree, int* info) {
    __shared__ double t[NB][NB + 1];
    int tid = threadIdx.x;
    for (int j = 0; j < nb; j++) {
        if (tid < nb && tid >= j) t[tid][j] = a[kb + tid + (int64_t) (kb + j) * ld];
    }
    __syncthreads();
    for (int j = 0; j < nb; j++) {
        if (tid == 0) {
            double d = t[j][j];
            if (!(d > 0.0)) {
                if (kb + j == lastFree) {
                    if (!isnan(d)) d = 0.0;  // r^2 <= 0 by rounding: clipped; NaN stays NaN (as on the CPU)
                } else if (*info == 0) {
                    *info = kb + j + 1;
                }
            }
            t[j][j] = sqrt(d);
        }
        __syncthreads();
        if (tid > j && tid < nb) t[tid][j] /= t[j][j];
        __syncthreads();
        // column l = tid of the rest of the tile: t[i][l] -= t[i][j] t[l][j], i >= l
        if (tid > j && tid < nb) {
            double tlj = t[tid][j];
            for (int i = tid; i < nb; i++) t[i][tid] -= t[i][j] * tlj;
        }
        __syncthreads();
    }
    for (int j = 0; j < nb; j++) {
        if (tid < nb && tid >= j) a[kb + tid + (int64_t) (kb + j) * ld] = t[tid][j];
    }
}

// Panel below the diagonal tile: A21 := A21 L11^-T, one row per thread.
__global__ void trsm_panel(double* a, int64_t ld, int n, int kb, int nb) {
    __shared__ double l[NB][NB + 1];
    for (int idx = threadIdx.x; idx < nb * nb; idx += blockDim.x) {
        int r = idx % nb, c = idx / nb;
        l[r][c] = r >= c ? a[kb + r + (int64_t) (kb + c) * ld] : 0.0;
    }
    __syncthreads();
    int i = kb + nb + blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    double x[NB];
    for (int c = 0; c < nb; c++) x[c] = a[i + (int64_t) (kb + c) * ld];
    for (int c = 0; c < nb; c++) {
        double s = x[c];
        for (int m = 0; m < c; m++) s -= x[m] * l[c][m];
        x[c] = s / l[c][c];
    }
    for (int c = 0; c < nb; c++) a[i + (int64_t) (kb + c) * ld] = x[c];
}

// Trailing update A22 -= A21 A21' (lower triangle only) for rows/cols from s = kb + nb. Grid
// (tiles, tiles) of ST x ST output tiles; blocks above the diagonal return at once.
__global__ void syrk_update(double* a, int64_t ld, int n, int kb, int nb) {
    int bi = blockIdx.x, bj = blockIdx.y;
    if (bi < bj) return;
    __shared__ double ai[ST][NB + 1];
    __shared__ double aj[ST][NB + 1];
    int s = kb + nb;
    int tx = threadIdx.x, ty = threadIdx.y;  // ST x (ST / 4) threads
    int row0 = s + bi * ST, col0 = s + bj * ST;
    for (int m = ty; m < nb; m += blockDim.y) {
        int r = row0 + tx, c = col0 + tx;
        ai[tx][m] = r < n ? a[r + (int64_t) (kb + m) * ld] : 0.0;
        aj[tx][m] = c < n ? a[c + (int64_t) (kb + m) * ld] : 0.0;
    }
    __syncthreads();
    int r = row0 + tx;
    for (int cc = ty; cc < ST; cc += blockDim.y) {
        int c = col0 + cc;
        if (r < n && c < n && r >= c) {
            double sum = 0.0;
            for (int m = 0; m < nb; m++) sum += ai[tx][m] * aj[cc][m];
            a[r + (int64_t) c * ld] -= sum;
        }
    }
}

// ---- timing -------------------------------------------------------------------------------------

// A test matrix for timing the dense Cholesky alone (GpuCheck dense): lower triangle of
// a[i,j] = 1 / (1 + |i - j|) off the diagonal, n on it (diagonally dominant, so positive definite).
__global__ void fill_test_spd(double* a, int64_t ld, int n) {
    int64_t total = (int64_t) n * n;
    for (int64_t k = (int64_t) blockIdx.x * blockDim.x + threadIdx.x; k < total;
         k += (int64_t) gridDim.x * blockDim.x) {
        int64_t i = k % n, j = k / n;
        if (i >= j) a[i + j * ld] = i == j ? (double) n : 1.0 / (1.0 + (double) (i - j));
    }
}

// ---- results -----------------------------------------------------------------------------------

// One block of 1024 threads, fixed summation order:
// out[0] = 2 sum log a[i,i], i < q2;  out[1] = same for q2 <= i < q2 + p;  out[2] = a[n-1,n-1]^2;
// out[3] = sum of the first term's per-level log-determinants.
__global__ void summarize(const double* a, int64_t ld, int q2, int p, const double* l0logdet,
                          int levels0, double* out) {
    __shared__ double s0[1024], s1[1024], s2[1024];
    int tid = threadIdx.x;
    double x0 = 0.0, x1 = 0.0, x2 = 0.0;
    for (int i = tid; i < q2; i += blockDim.x) x0 += 2.0 * log(a[i + (int64_t) i * ld]);
    for (int i = tid; i < p; i += blockDim.x) {
        int k = q2 + i;
        x1 += 2.0 * log(a[k + (int64_t) k * ld]);
    }
    for (int i = tid; i < levels0; i += blockDim.x) x2 += l0logdet[i];
    s0[tid] = x0; s1[tid] = x1; s2[tid] = x2;
    __syncthreads();
    for (int h = blockDim.x / 2; h > 0; h /= 2) {
        if (tid < h) {
            s0[tid] += s0[tid + h];
            s1[tid] += s1[tid + h];
            s2[tid] += s2[tid + h];
        }
        __syncthreads();
    }
    if (tid == 0) {
        int last = q2 + p;
        double r = a[last + (int64_t) last * ld];
        out[0] = s0[0];
        out[1] = s1[0];
        out[2] = r * r;
        out[3] = s2[0];
    }
}

// ---- the solve after the last factorization -----------------------------------------------------
// beta is solved on the host from the small [X y] factor; u and the conditional variances here, on
// the resident factor (no host copy of the dense block). org.jmixed.gpu.DeviceSolve drives these
// kernels in order; org.jmixed.gpu.SolveEmulator mirrors them. Fixed reduction orders throughout.

#define RB 256      // threads of the reduction kernels
#define MAXW0 16    // widest term 0 the conditional variances kernel takes (checked on the host)

// Sum of one double per thread of a block of RB threads, in a fixed tree order; every thread gets it.
__device__ double block_sum(double v, double* sh) {
    int tid = threadIdx.x;
    sh[tid] = v;
    __syncthreads();
    for (int h = RB / 2; h > 0; h /= 2) {
        if (tid < h) sh[tid] += sh[tid + h];
        __syncthreads();
    }
    double r = sh[0];
    __syncthreads();
    return r;
}

// u2[j] = LXR[p, j] - sum_{i<p} LXR[i, j] beta[i], j < q2: the trailing part of c_u - RZX beta
// (LXR: rows q2 .. q2 + p of the dense block).
__global__ void xy_rhs(const double* a, int64_t ld, int q2, int p, const double* beta, double* u2) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= q2) return;
    const double* col = a + q2 + (int64_t) j * ld;
    double s = col[p];
    for (int i = 0; i < p; i++) s -= col[i] * beta[i];
    u2[j] = s;
}

// x := LD^-T x, tiles of NB from the last one backward. Update: for each column j of the tile
// [kb, kb + nb) (one block of RB threads each), x[j] -= sum_{i >= kb + nb} L[i, j] x[i].
__global__ void trsv_lt_update(const double* a, int64_t ld, int m, int kb, int nb, double* x) {
    __shared__ double sh[RB];
    int j = kb + blockIdx.x;
    double s = 0.0;
    for (int i = kb + nb + threadIdx.x; i < m; i += RB) s += a[i + (int64_t) j * ld] * x[i];
    s = block_sum(s, sh);
    if (threadIdx.x == 0) x[j] -= s;
}

// Then the tile itself, L11^T x = x backward: one thread.
__global__ void trsv_lt_tile(const double* a, int64_t ld, int kb, int nb, double* x) {
    for (int j = kb + nb - 1; j >= kb; j--) {
        double s = x[j];
        for (int i = j + 1; i < kb + nb; i++) s -= a[i + (int64_t) j * ld] * x[i];
        x[j] = s / a[j + (int64_t) j * ld];
    }
}

// u0 for each level c of term 0 (one thread each): c_u - LX0_c' beta - LR0_c' u2, then L0_c^-T.
// The entries of level c are entryPtr[c] .. entryPtr[c + 1] - 1, the last one its [X y] block.
__global__ void first_term_u(const int* entryPtr, const int* entryRow, const int* entryH, const int64_t* entryVal,
                             int levels0, int w0, int p, const double* lr, const double* l0,
                             const double* beta, const double* u2, double* u0) {
    int c = blockIdx.x * blockDim.x + threadIdx.x;
    if (c >= levels0) return;
    int last = entryPtr[c + 1] - 1;
    int p1 = p + 1;
    const double* lx = lr + entryVal[last];
    double* u = u0 + (int64_t) c * w0;
    for (int m = 0; m < w0; m++) {
        double s = lx[p + m * p1];
        for (int i = 0; i < p; i++) s -= lx[i + m * p1] * beta[i];
        u[m] = s;
    }
    for (int e = entryPtr[c]; e < last; e++) {
        int h = entryH[e];
        const double* b = lr + entryVal[e];
        const double* x = u2 + entryRow[e];
        for (int m = 0; m < w0; m++) {
            double s = 0.0;
            for (int a = 0; a < h; a++) s += b[a + m * h] * x[a];
            u[m] -= s;
        }
    }
    const double* l = l0 + (int64_t) c * w0 * w0;
    for (int m = w0 - 1; m >= 0; m--) {
        double s = u[m];
        for (int k = m + 1; k < w0; k++) s -= l[k + m * w0] * u[k];
        u[m] = s / l[m + m * w0];
    }
}

// In-place inverse of the lower triangular LD (order m), tiles of NB from the last one backward:
// inv(L11) in place (trtri_tile), tmp := inv(L22) L21 (trtri_panel_left, inv(L22) already in
// place), L21 := -tmp inv(L11) (trtri_panel_right). The tile: one block of NB threads, thread c
// computes column c of the inverse by forward substitution from the tile in shared memory.
__global__ void trtri_tile(double* a, int64_t ld, int kb, int nb) {
    __shared__ double t[NB][NB + 1];
    int tid = threadIdx.x;
    for (int j = 0; j < nb; j++) {
        if (tid < nb) t[tid][j] = tid >= j ? a[kb + tid + (int64_t) (kb + j) * ld] : 0.0;
    }
    __syncthreads();
    if (tid < nb) {
        int c = tid;
        double v[NB];
        for (int i = c; i < nb; i++) {
            double s = i == c ? 1.0 : 0.0;
            for (int k = c; k < i; k++) s -= t[i][k] * v[k];
            v[i] = s / t[i][i];
            a[kb + i + (int64_t) (kb + c) * ld] = v[i];
        }
    }
}

// tmp[i - s, c] = sum_{k = s..i} inv(L22)[i, k] L21[k, c], s = kb + nb: one row i per thread;
// tmp has leading dimension m - s.
__global__ void trtri_panel_left(const double* a, int64_t ld, int m, int kb, int nb, double* tmp) {
    int s = kb + nb;
    int i = s + blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= m) return;
    double acc[NB];
    for (int c = 0; c < nb; c++) acc[c] = 0.0;
    for (int k = s; k <= i; k++) {
        double lik = a[i + (int64_t) k * ld];
        for (int c = 0; c < nb; c++) acc[c] += lik * a[k + (int64_t) (kb + c) * ld];
    }
    for (int c = 0; c < nb; c++) tmp[(i - s) + (int64_t) c * (m - s)] = acc[c];
}

// L21[i, c] = -sum_{k = c..nb-1} tmp[i - s, k] inv(L11)[k, c]: one row per thread.
__global__ void trtri_panel_right(double* a, int64_t ld, int m, int kb, int nb, const double* tmp) {
    int s = kb + nb;
    int i = s + blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= m) return;
    for (int c = 0; c < nb; c++) {
        double acc = 0.0;
        for (int k = c; k < nb; k++) acc += tmp[(i - s) + (int64_t) k * (m - s)] * a[kb + k + (int64_t) (kb + c) * ld];
        a[i + (int64_t) (kb + c) * ld] = -acc;
    }
}

// Conditional variances of the later terms: the diagonal blocks of (LD LD')^-1 = inv(LD)' inv(LD),
// one block of RB threads per level (columns col0 .. col0 + w - 1 of the inverse, in place in a):
// g[a, b] = sum_{i >= col0 + max(a, b)} inv[i, col0 + a] inv[i, col0 + b].
__global__ void trailing_condvar(const double* inv, int64_t ld, int q2, const int* levelCol, const int* levelW,
                                 const int64_t* levelOut, double* g) {
    __shared__ double sh[RB];
    int l = blockIdx.x;
    int col0 = levelCol[l], w = levelW[l];
    double* out = g + levelOut[l];
    for (int b = 0; b < w; b++) {
        for (int a = 0; a < w; a++) {
            const double* ca = inv + (int64_t) (col0 + a) * ld;
            const double* cb = inv + (int64_t) (col0 + b) * ld;
            double s = 0.0;
            for (int i = col0 + max(a, b) + threadIdx.x; i < q2; i += RB) s += ca[i] * cb[i];
            s = block_sum(s, sh);
            if (threadIdx.x == 0) out[a + b * w] = s;
        }
    }
}

// Term 0, one thread per level c: L0_c := inv(L0_c) in place (backward, column by column), the
// LR0 blocks of c := LR0 inv(L0_c) in place (columns ascending: column s reads columns >= s), and
// g0_c = inv(L0_c)' inv(L0_c), the level's conditional variance before the trailing part.
__global__ void first_term_inverse(const int* entryPtr, const int* entryH, const int64_t* entryVal, int levels0,
                                   int w0, double* l0, double* lr, double* g0) {
    int c = blockIdx.x * blockDim.x + threadIdx.x;
    if (c >= levels0) return;
    int bs = w0 * w0;
    double* l = l0 + (int64_t) c * bs;
    for (int j = w0 - 1; j >= 0; j--) {
        double d = 1.0 / l[j + j * w0];
        l[j + j * w0] = d;
        for (int i = w0 - 1; i > j; i--) {
            double s = 0.0;
            for (int k = j + 1; k <= i; k++) s += l[i + k * w0] * l[k + j * w0];
            l[i + j * w0] = -s * d;
        }
    }
    int last = entryPtr[c + 1] - 1;
    for (int e = entryPtr[c]; e < last; e++) {
        int h = entryH[e];
        double* b = lr + entryVal[e];
        for (int s = 0; s < w0; s++) {
            for (int a = 0; a < h; a++) {
                double t = 0.0;
                for (int m = s; m < w0; m++) t += b[a + m * h] * l[m + s * w0];
                b[a + s * h] = t;
            }
        }
    }
    double* g = g0 + (int64_t) c * bs;
    for (int b = 0; b < w0; b++) {
        for (int a = 0; a < w0; a++) {
            double s = 0.0;
            for (int i = max(a, b); i < w0; i++) s += l[i + a * w0] * l[i + b * w0];
            g[a + b * w0] = s;
        }
    }
}

// Then the trailing part of term 0's conditional variances, one block of RB threads per level c:
// W = inv(LD) B_c with B_c the scaled LR0 blocks of c (rows firstRow .. q2 - 1 of W, one row i per
// thread at a time, never stored), g0_c += W'W.
__global__ void first_term_condvar(const int* entryPtr, const int* entryRow, const int* entryH,
                                   const int64_t* entryVal, int w0, int q2, const double* lr,
                                   const double* inv, int64_t ld, double* g0) {
    __shared__ double sh[RB];
    int c = blockIdx.x;
    int start = entryPtr[c], last = entryPtr[c + 1] - 1;
    if (start == last) return;
    int firstRow = entryRow[start];
    double g[MAXW0 * MAXW0];
    double wv[MAXW0];
    for (int k = 0; k < w0 * w0; k++) g[k] = 0.0;
    for (int i = firstRow + threadIdx.x; i < q2; i += RB) {
        for (int s = 0; s < w0; s++) wv[s] = 0.0;
        for (int e = start; e < last; e++) {
            int row = entryRow[e];
            if (row > i) break;
            int h = entryH[e];
            const double* b = lr + entryVal[e];
            for (int a = 0; a < h && row + a <= i; a++) {
                double f = inv[i + (int64_t) (row + a) * ld];
                for (int s = 0; s < w0; s++) wv[s] += f * b[a + s * h];
            }
        }
        for (int b = 0; b < w0; b++) {
            for (int a = 0; a < w0; a++) g[a + b * w0] += wv[a] * wv[b];
        }
    }
    double* out = g0 + (int64_t) c * w0 * w0;
    for (int k = 0; k < w0 * w0; k++) {
        double s = block_sum(g[k], sh);
        if (threadIdx.x == 0) out[k] += s;
    }
}

// The last pivot after cuSOLVER has factored the leading n - 1 columns and cuBLAS has solved the
// last row: d = a[n-1, n-1] - sum_k a[n-1, k]^2, clipped at 0 as in potrf_tile (NaN kept). One
// block of RB threads.
__global__ void last_pivot(double* a, int64_t ld, int n) {
    __shared__ double sh[RB];
    int last = n - 1;
    double s = 0.0;
    for (int k = threadIdx.x; k < last; k += RB) {
        double v = a[last + (int64_t) k * ld];
        s += v * v;
    }
    s = block_sum(s, sh);
    if (threadIdx.x == 0) {
        double d = a[last + (int64_t) last * ld] - s;
        if (!(d > 0.0) && !isnan(d)) d = 0.0;
        a[last + (int64_t) last * ld] = sqrt(d);
    }
}

}  // extern "C"
