package org.jmixed.cpu.dense;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** The native BLAS/LAPACK kernels; skipped where no native library loads. */
class NetlibDenseKernelsTest extends DenseKernelsContract {
    private static DenseKernels k;

    @BeforeAll
    static void loadNative() {
        String why = DenseKernelsProvider.nativeUnavailableReason();
        Assumptions.assumeTrue(why == null, "no native BLAS: " + why);
        k = new NetlibDenseKernels();
    }

    @Override
    DenseKernels kernels() {
        return k;
    }
}
