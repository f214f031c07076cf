package org.jmixed.cpu.dense;

/** The pure-Java kernels with the default thread count (parallel paths run on the larger sizes). */
class JavaDenseKernelsTest extends DenseKernelsContract {
    private static final DenseKernels K = new JavaDenseKernels(Math.max(2, JavaDenseKernels.defaultThreads()));

    @Override
    DenseKernels kernels() {
        return K;
    }
}
