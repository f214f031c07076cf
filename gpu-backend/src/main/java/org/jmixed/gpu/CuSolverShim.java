package org.jmixed.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import org.jmixed.JmixedException;

/**
 * The JNI shim to NVIDIA's dense libraries ({@code src/main/native/jmixed_cudalibs.c}, packaged as
 * {@value #RESOURCE}). The shim {@code dlopen}s cuSOLVER and cuBLAS itself, so their absence is an
 * answer ({@link #unavailableReason}), not a link error: the backend then factors with its own
 * kernels. Device pointers are raw addresses ({@link DeviceAddress}); each call returns the
 * library's status, which {@link #check} turns into a one-line message naming the call.
 */
final class CuSolverShim {
    static final String RESOURCE = "/org/jmixed/gpu/native/libjmixedcudalibs.so";
    /** The sonames of CUDA 13's cuSOLVER 12.x and cuBLAS 13.x. */
    static final String CUSOLVER = "libcusolver.so.12";
    static final String CUBLAS = "libcublas.so.13";
    /** {@code -Djmixed.cuda.cusolver=false}: factor with our kernels even where cuSOLVER is installed. */
    static final String USE_PROPERTY = "jmixed.cuda.cusolver";

    private static String shimLoadFailure;
    private static boolean shimLoaded;
    private static Optional<String> defaultReason;

    private CuSolverShim() {
    }

    /**
     * Why the backend factors with its own kernels ("cuSOLVER not used: ..."), or empty when
     * cuSOLVER and cuBLAS were found under their CUDA 13 sonames. Decided once per JVM.
     */
    static synchronized Optional<String> unavailableReason() {
        if (defaultReason == null) {
            if ("false".equals(System.getProperty(USE_PROPERTY))) {
                defaultReason = Optional.of("cuSOLVER not used: -D" + USE_PROPERTY + "=false");
            } else {
                String why = loadFrom(CUSOLVER, CUBLAS);
                defaultReason = Optional.ofNullable(why == null ? null : "cuSOLVER not used: " + why);
            }
        }
        return defaultReason;
    }

    /** Loads the shim, then has it open these two libraries: null when everything was found, else why not. */
    static synchronized String loadFrom(String cusolver, String cublas) {
        String why = loadShim();
        return why != null ? why : load(cusolver, cublas);
    }

    private static String loadShim() {
        if (shimLoaded || shimLoadFailure != null) {
            return shimLoadFailure;
        }
        try (InputStream in = CuSolverShim.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                shimLoadFailure = "the shim " + RESOURCE + " is not in this build (built with -Djmixed.shim.skip)";
                return shimLoadFailure;
            }
            Path dir = Files.createTempDirectory("jmixed-cudalibs");
            Path so = dir.resolve("libjmixedcudalibs.so");
            Files.copy(in, so, StandardCopyOption.REPLACE_EXISTING);
            so.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            System.load(so.toString());
            shimLoaded = true;
            return null;
        } catch (IOException | LinkageError e) {
            shimLoadFailure = "cannot load the shim " + RESOURCE + ": " + e.getMessage();
            return shimLoadFailure;
        }
    }

    /** Throws the one-line error of a failed library call; {@code blas} picks cuBLAS's status names. */
    static void check(String call, int status, boolean blas) {
        if (status != 0) {
            throw new JmixedException("backend 'cuda': " + call + " failed: "
                    + (blas ? cublasStatus(status) : cusolverStatus(status)) + " (" + status + ")");
        }
    }

    /** Names of cusolverStatus_t (cusolver_common.h). */
    static String cusolverStatus(int s) {
        return switch (s) {
            case -1 -> "host workspace allocation failed";
            case 1 -> "CUSOLVER_STATUS_NOT_INITIALIZED";
            case 2 -> "CUSOLVER_STATUS_ALLOC_FAILED";
            case 3 -> "CUSOLVER_STATUS_INVALID_VALUE";
            case 4 -> "CUSOLVER_STATUS_ARCH_MISMATCH";
            case 5 -> "CUSOLVER_STATUS_MAPPING_ERROR";
            case 6 -> "CUSOLVER_STATUS_EXECUTION_FAILED";
            case 7 -> "CUSOLVER_STATUS_INTERNAL_ERROR";
            case 8 -> "CUSOLVER_STATUS_MATRIX_TYPE_NOT_SUPPORTED";
            case 9 -> "CUSOLVER_STATUS_NOT_SUPPORTED";
            default -> "cuSOLVER status";
        };
    }

    /** Names of cublasStatus_t (cublas_api.h). */
    static String cublasStatus(int s) {
        return switch (s) {
            case 1 -> "CUBLAS_STATUS_NOT_INITIALIZED";
            case 3 -> "CUBLAS_STATUS_ALLOC_FAILED";
            case 7 -> "CUBLAS_STATUS_INVALID_VALUE";
            case 8 -> "CUBLAS_STATUS_ARCH_MISMATCH";
            case 11 -> "CUBLAS_STATUS_MAPPING_ERROR";
            case 13 -> "CUBLAS_STATUS_EXECUTION_FAILED";
            case 14 -> "CUBLAS_STATUS_INTERNAL_ERROR";
            case 15 -> "CUBLAS_STATUS_NOT_SUPPORTED";
            case 16 -> "CUBLAS_STATUS_LICENSE_ERROR";
            default -> "cuBLAS status";
        };
    }

    // ---- the shim's functions (jmixed_cudalibs.c); addresses are device pointers ------------------

    /** dlopens both libraries and finds the functions: null, or why not (one line). */
    static native String load(String cusolver, String cublas);

    /** New handles (out[0]); 0, or 1000·step + status of the failing step (1 cusolverDnCreate, 2 params, 3 cublasCreate, 4 set stream). */
    static native int create(long[] out);

    static native void destroy(long handles);

    /** sizes = {device bytes, host bytes} of cusolverDnXpotrf (lower, FP64) at order n. */
    static native int potrfBufferSize(long handles, long n, long a, long lda, long[] sizes);

    static native int potrf(long handles, long n, long a, long lda, long work, long workBytes, long hostBytes, long info);

    /** sizes = {device bytes, host bytes} of cusolverDnXtrtri (lower, non-unit, FP64) at order n. */
    static native int trtriBufferSize(long handles, long n, long a, long lda, long[] sizes);

    static native int trtri(long handles, long n, long a, long lda, long work, long workBytes, long hostBytes, long info);

    /** cublasDtrsm_v2_64: B (m × n) := B L⁻ᵀ, L lower non-unit n × n. */
    static native int trsmRightLowerTrans(long handles, long m, long n, long l, long ldl, long b, long ldb);
}
