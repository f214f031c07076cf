package org.jmixed.gpu;

import jcuda.driver.CUdeviceptr;

/**
 * The dense steps that NVIDIA's libraries do faster than our kernels, when they are installed
 * (reached through the shim, {@link CuSolverShim}): one per evaluator, bound to the context it
 * was opened in. Without them the evaluator uses the kernels of {@code pls.cu}.
 */
interface DenseLibrary extends AutoCloseable {
    /**
     * The lower Cholesky factor of the dense block (order n, leading dimension ld) in place, with the
     * last pivot (r²) clipped at zero as our kernels do; the first failing pivot (1-based, 0 for
     * none) goes to the device int {@code info}.
     */
    void cholesky(CUdeviceptr a, long ld, int n, CUdeviceptr info);

    /** LD := LD⁻¹ in place, LD lower triangular of order n. */
    void invertLower(CUdeviceptr a, long ld, int n);

    /** One line for the evaluator's description, e.g. "cuSOLVER cusolverDnXpotrf". */
    String name();

    @Override
    void close();
}
