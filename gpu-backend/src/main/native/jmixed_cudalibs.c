/*
 * The shim between the CUDA backend (Java, JCuda's driver API) and NVIDIA's dense libraries:
 * cuSOLVER (cusolverDnXpotrf, cusolverDnXtrtri, 64-bit API) and cuBLAS (cublasDtrsm_v2_64).
 * Nothing is linked at build time: the libraries are dlopen'ed at run time (CUDA 13:
 * libcusolver.so.12, libcublas.so.13), and the few prototypes and enum values needed are declared
 * here, so the shim builds with gcc and the JDK's JNI headers alone (no CUDA headers). Device
 * pointers come from JCuda as jlong; the libraries' runtime API uses the device's primary
 * context, the one JCuda retains, so they share memory and the default stream.
 *
 * Every call returns the library's status (0 = success); the Java side (CuSolverShim) names it.
 */
#include <jni.h>
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Values of the CUDA 13 headers (library_types.h, cublas_api.h): stable since CUDA 10. */
enum { JM_CUDA_R_64F = 1 };
enum { JM_FILL_LOWER = 0 };
enum { JM_DIAG_NON_UNIT = 0 };
enum { JM_SIDE_RIGHT = 1 };
enum { JM_OP_T = 1 };

typedef int status_t;
typedef void *handle_t;

typedef struct {
    void *solver;
    void *blas;
    status_t (*dnCreate)(handle_t *);
    status_t (*dnDestroy)(handle_t);
    status_t (*dnSetStream)(handle_t, void *);
    status_t (*dnCreateParams)(handle_t *);
    status_t (*dnDestroyParams)(handle_t);
    status_t (*potrfBufferSize)(handle_t, handle_t, int, int64_t, int, const void *, int64_t, int, size_t *, size_t *);
    status_t (*potrf)(handle_t, handle_t, int, int64_t, int, void *, int64_t, int, void *, size_t, void *, size_t, int *);
    status_t (*trtriBufferSize)(handle_t, int, int, int64_t, int, void *, int64_t, size_t *, size_t *);
    status_t (*trtri)(handle_t, int, int, int64_t, int, void *, int64_t, void *, size_t, void *, size_t, int *);
    status_t (*blasCreate)(handle_t *);
    status_t (*blasDestroy)(handle_t);
    status_t (*blasSetStream)(handle_t, void *);
    status_t (*dtrsm)(handle_t, int, int, int, int, int64_t, int64_t, const double *, const double *, int64_t,
                      double *, int64_t);
} lib_t;

static lib_t lib;

/* One evaluator's handles: cuSOLVER's, its parameters object, cuBLAS's. */
typedef struct {
    handle_t dn;
    handle_t params;
    handle_t blas;
} handles_t;

static char message[600];

/* Every function the shim calls: in which library (0 cuSOLVER, 1 cuBLAS), its name, where it goes. */
static const struct {
    int blas;
    const char *name;
    void **slot;
} symbols[] = {
    {0, "cusolverDnCreate", (void **) &lib.dnCreate},
    {0, "cusolverDnDestroy", (void **) &lib.dnDestroy},
    {0, "cusolverDnSetStream", (void **) &lib.dnSetStream},
    {0, "cusolverDnCreateParams", (void **) &lib.dnCreateParams},
    {0, "cusolverDnDestroyParams", (void **) &lib.dnDestroyParams},
    {0, "cusolverDnXpotrf_bufferSize", (void **) &lib.potrfBufferSize},
    {0, "cusolverDnXpotrf", (void **) &lib.potrf},
    {0, "cusolverDnXtrtri_bufferSize", (void **) &lib.trtriBufferSize},
    {0, "cusolverDnXtrtri", (void **) &lib.trtri},
    {1, "cublasCreate_v2", (void **) &lib.blasCreate},
    {1, "cublasDestroy_v2", (void **) &lib.blasDestroy},
    {1, "cublasSetStream_v2", (void **) &lib.blasSetStream},
    {1, "cublasDtrsm_v2_64", (void **) &lib.dtrsm},
};

/* Opens both libraries and finds every function; null when all is there, else the reason. */
JNIEXPORT jstring JNICALL Java_org_jmixed_gpu_CuSolverShim_load(JNIEnv *env, jclass cls, jstring jsolver,
                                                                 jstring jblas) {
    char names[2][256];
    jstring given[2] = {jsolver, jblas};
    void *so[2];
    for (int k = 0; k < 2; k++) {
        const char *c = (*env)->GetStringUTFChars(env, given[k], NULL);
        snprintf(names[k], sizeof names[k], "%s", c);
        (*env)->ReleaseStringUTFChars(env, given[k], c);
        so[k] = dlopen(names[k], RTLD_NOW | RTLD_LOCAL);
        if (so[k] == NULL) {
            snprintf(message, sizeof message, "cannot load %s: %s", names[k], dlerror());
            return (*env)->NewStringUTF(env, message);
        }
    }
    lib.solver = so[0];
    lib.blas = so[1];
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
        int k = symbols[i].blas;
        *symbols[i].slot = dlsym(so[k], symbols[i].name);
        if (*symbols[i].slot == NULL) {
            snprintf(message, sizeof message, "%s has no %s (not CUDA 12 or newer?)", names[k], symbols[i].name);
            return (*env)->NewStringUTF(env, message);
        }
    }
    return NULL;
}

/*
 * Creates the handles on the default stream (the one JCuda's launches use). Returns
 * 1000 * step + status when step (1 cusolverDnCreate, 2 cusolverDnCreateParams, 3 cublasCreate,
 * 4 a SetStream) fails, 0 with out[0] the handles otherwise.
 */
JNIEXPORT jint JNICALL Java_org_jmixed_gpu_CuSolverShim_create(JNIEnv *env, jclass cls, jlongArray out) {
    handles_t *h = calloc(1, sizeof *h);
    if (h == NULL) {
        return 5000;
    }
    status_t st;
    if ((st = lib.dnCreate(&h->dn)) != 0) {
        free(h);
        return 1000 + st;
    }
    if ((st = lib.dnCreateParams(&h->params)) != 0) {
        lib.dnDestroy(h->dn);
        free(h);
        return 2000 + st;
    }
    if ((st = lib.blasCreate(&h->blas)) != 0) {
        lib.dnDestroyParams(h->params);
        lib.dnDestroy(h->dn);
        free(h);
        return 3000 + st;
    }
    if ((st = lib.dnSetStream(h->dn, NULL)) != 0 || (st = lib.blasSetStream(h->blas, NULL)) != 0) {
        lib.blasDestroy(h->blas);
        lib.dnDestroyParams(h->params);
        lib.dnDestroy(h->dn);
        free(h);
        return 4000 + st;
    }
    jlong v = (jlong) (intptr_t) h;
    (*env)->SetLongArrayRegion(env, out, 0, 1, &v);
    return 0;
}

JNIEXPORT void JNICALL Java_org_jmixed_gpu_CuSolverShim_destroy(JNIEnv *env, jclass cls, jlong jh) {
    handles_t *h = (handles_t *) (intptr_t) jh;
    lib.blasDestroy(h->blas);
    lib.dnDestroyParams(h->params);
    lib.dnDestroy(h->dn);
    free(h);
}

static void put_sizes(JNIEnv *env, jlongArray out, size_t dev, size_t host) {
    jlong v[2] = {(jlong) dev, (jlong) host};
    (*env)->SetLongArrayRegion(env, out, 0, 2, v);
}

/* Workspace of the lower FP64 Cholesky of order n: sizes = {device bytes, host bytes}. */
JNIEXPORT jint JNICALL Java_org_jmixed_gpu_CuSolverShim_potrfBufferSize(JNIEnv *env, jclass cls, jlong jh, jlong n,
                                                                        jlong a, jlong lda, jlongArray sizes) {
    handles_t *h = (handles_t *) (intptr_t) jh;
    size_t dev = 0, host = 0;
    status_t st = lib.potrfBufferSize(h->dn, h->params, JM_FILL_LOWER, n, JM_CUDA_R_64F, (const void *) (intptr_t) a,
                                      lda, JM_CUDA_R_64F, &dev, &host);
    put_sizes(env, sizes, dev, host);
    return st;
}

/* Host workspace, when the library asks for one (usually none): allocated for the call. */
static void *host_work(jlong bytes) {
    return bytes > 0 ? malloc((size_t) bytes) : NULL;
}

/* The lower FP64 Cholesky in place; the first failing pivot (1-based) goes to the device int info. */
JNIEXPORT jint JNICALL Java_org_jmixed_gpu_CuSolverShim_potrf(JNIEnv *env, jclass cls, jlong jh, jlong n, jlong a,
                                                              jlong lda, jlong work, jlong workBytes, jlong hostBytes,
                                                              jlong info) {
    handles_t *h = (handles_t *) (intptr_t) jh;
    void *hw = host_work(hostBytes);
    if (hostBytes > 0 && hw == NULL) {
        return -1;
    }
    status_t st = lib.potrf(h->dn, h->params, JM_FILL_LOWER, n, JM_CUDA_R_64F, (void *) (intptr_t) a, lda,
                            JM_CUDA_R_64F, (void *) (intptr_t) work, (size_t) workBytes, hw, (size_t) hostBytes,
                            (int *) (intptr_t) info);
    free(hw);
    return st;
}

/* Workspace of the in-place inverse of a lower, non-unit triangular matrix of order n. */
JNIEXPORT jint JNICALL Java_org_jmixed_gpu_CuSolverShim_trtriBufferSize(JNIEnv *env, jclass cls, jlong jh, jlong n,
                                                                        jlong a, jlong lda, jlongArray sizes) {
    handles_t *h = (handles_t *) (intptr_t) jh;
    size_t dev = 0, host = 0;
    status_t st = lib.trtriBufferSize(h->dn, JM_FILL_LOWER, JM_DIAG_NON_UNIT, n, JM_CUDA_R_64F,
                                      (void *) (intptr_t) a, lda, &dev, &host);
    put_sizes(env, sizes, dev, host);
    return st;
}

JNIEXPORT jint JNICALL Java_org_jmixed_gpu_CuSolverShim_trtri(JNIEnv *env, jclass cls, jlong jh, jlong n, jlong a,
                                                              jlong lda, jlong work, jlong workBytes, jlong hostBytes,
                                                              jlong info) {
    handles_t *h = (handles_t *) (intptr_t) jh;
    void *hw = host_work(hostBytes);
    if (hostBytes > 0 && hw == NULL) {
        return -1;
    }
    status_t st = lib.trtri(h->dn, JM_FILL_LOWER, JM_DIAG_NON_UNIT, n, JM_CUDA_R_64F, (void *) (intptr_t) a, lda,
                            (void *) (intptr_t) work, (size_t) workBytes, hw, (size_t) hostBytes,
                            (int *) (intptr_t) info);
    free(hw);
    return st;
}

/* B := B L^-T with L lower, non-unit (m x n B, n x n L): the rows below a factored block. */
JNIEXPORT jint JNICALL Java_org_jmixed_gpu_CuSolverShim_trsmRightLowerTrans(JNIEnv *env, jclass cls, jlong jh,
                                                                            jlong m, jlong n, jlong l, jlong ldl,
                                                                            jlong b, jlong ldb) {
    handles_t *h = (handles_t *) (intptr_t) jh;
    const double one = 1.0;
    return lib.dtrsm(h->blas, JM_SIDE_RIGHT, JM_FILL_LOWER, JM_OP_T, JM_DIAG_NON_UNIT, m, n, &one,
                     (const double *) (intptr_t) l, ldl, (double *) (intptr_t) b, ldb);
}
