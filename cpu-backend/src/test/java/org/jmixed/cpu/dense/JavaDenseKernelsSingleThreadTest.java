package org.jmixed.cpu.dense;

/** The pure-Java kernels restricted to the calling thread (the serial code paths). */
class JavaDenseKernelsSingleThreadTest extends DenseKernelsContract {
    private static final DenseKernels K = new JavaDenseKernels(1);

    @Override
    DenseKernels kernels() {
        return K;
    }
}
