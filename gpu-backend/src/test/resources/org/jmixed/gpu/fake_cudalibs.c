/*
 * A FAKE cuSOLVER + cuBLAS for CuSolverShimTest: the same exported names as the real libraries,
 * no GPU. Each call appends one line with its arguments to FAKE_LOG (a path given with -D when
 * the test compiles this file) and returns success, except on the magic orders below, which
 * return an error status so that the shim's error mapping can be checked. Pointers are never
 * dereferenced except the size and handle outputs, which the caller owns on the host.
 * Built without -DWITH_TRTRI it lacks cusolverDnXtrtri, like a cuSOLVER older than CUDA 11.4.
 */
#include <stdint.h>
#include <stdio.h>

#define FAIL_POTRF_N 99      /* cusolverDnXpotrf returns CUSOLVER_STATUS_INTERNAL_ERROR (7) */
#define FAIL_TRSM_N 49       /* cublasDtrsm_v2_64 returns CUBLAS_STATUS_EXECUTION_FAILED (13) */

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#include <stdarg.h>
static void logf_(const char *fmt, ...) {
    FILE *f = fopen(FAKE_LOG, "a");
    if (f == NULL) return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fputc('\n', f);
    fclose(f);
}

static int handles;

int cusolverDnCreate(void **h) { *h = (void *) (intptr_t) (0x100 + handles++); logf_("cusolverDnCreate"); return 0; }
int cusolverDnDestroy(void *h) { logf_("cusolverDnDestroy %p", h); return 0; }
int cusolverDnSetStream(void *h, void *s) { logf_("cusolverDnSetStream stream=%p", s); return 0; }
int cusolverDnCreateParams(void **p) { *p = (void *) 0x200; logf_("cusolverDnCreateParams"); return 0; }
int cusolverDnDestroyParams(void *p) { logf_("cusolverDnDestroyParams %p", p); return 0; }

int cusolverDnXpotrf_bufferSize(void *h, void *params, int uplo, int64_t n, int typeA, const void *a, int64_t lda,
                                int compute, size_t *dev, size_t *host) {
    logf_("cusolverDnXpotrf_bufferSize params=%p uplo=%d n=%ld typeA=%d A=%p lda=%ld compute=%d", params, uplo,
          (long) n, typeA, a, (long) lda, compute);
    *dev = 1024;
    *host = 0;
    return 0;
}

int cusolverDnXpotrf(void *h, void *params, int uplo, int64_t n, int typeA, void *a, int64_t lda, int compute,
                     void *work, size_t workBytes, void *hostWork, size_t hostBytes, int *info) {
    logf_("cusolverDnXpotrf params=%p uplo=%d n=%ld typeA=%d A=%p lda=%ld compute=%d work=%p bytes=%zu host=%zu info=%p",
          params, uplo, (long) n, typeA, a, (long) lda, compute, work, workBytes, hostBytes, (void *) info);
    return n == FAIL_POTRF_N ? 7 : 0;
}

#ifdef WITH_TRTRI
int cusolverDnXtrtri_bufferSize(void *h, int uplo, int diag, int64_t n, int typeA, void *a, int64_t lda, size_t *dev,
                                size_t *host) {
    logf_("cusolverDnXtrtri_bufferSize uplo=%d diag=%d n=%ld typeA=%d A=%p lda=%ld", uplo, diag, (long) n, typeA, a,
          (long) lda);
    *dev = 4096;
    *host = 16;
    return 0;
}

int cusolverDnXtrtri(void *h, int uplo, int diag, int64_t n, int typeA, void *a, int64_t lda, void *work,
                     size_t workBytes, void *hostWork, size_t hostBytes, int *info) {
    logf_("cusolverDnXtrtri uplo=%d diag=%d n=%ld typeA=%d A=%p lda=%ld work=%p bytes=%zu host=%zu hostWork=%s info=%p",
          uplo, diag, (long) n, typeA, a, (long) lda, work, workBytes, hostBytes, hostWork ? "yes" : "null",
          (void *) info);
    return 0;
}
#endif

int cublasCreate_v2(void **h) { *h = (void *) 0x300; logf_("cublasCreate_v2"); return 0; }
int cublasDestroy_v2(void *h) { logf_("cublasDestroy_v2 %p", h); return 0; }
int cublasSetStream_v2(void *h, void *s) { logf_("cublasSetStream_v2 %p stream=%p", h, s); return 0; }

int cublasDtrsm_v2_64(void *h, int side, int uplo, int trans, int diag, int64_t m, int64_t n, const double *alpha,
                      const double *a, int64_t lda, double *b, int64_t ldb) {
    logf_("cublasDtrsm_v2_64 %p side=%d uplo=%d trans=%d diag=%d m=%ld n=%ld alpha=%g A=%p lda=%ld B=%p ldb=%ld", h,
          side, uplo, trans, diag, (long) m, (long) n, *alpha, a, (long) lda, (void *) b, (long) ldb);
    return n == FAIL_TRSM_N ? 13 : 0;
}
