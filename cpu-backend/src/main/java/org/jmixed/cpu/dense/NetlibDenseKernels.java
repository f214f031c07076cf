package org.jmixed.cpu.dense;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import dev.ludovic.netlib.lapack.NativeLAPACK;
import org.netlib.util.intW;

/**
 * Dense kernels delegated to the system BLAS/LAPACK through dev.ludovic.netlib's JNI bindings
 * (the offset-taking overloads, so no copies are made).
 *
 * <p>Threading: the native library threads internally (OpenBLAS pthreads uses every core), so
 * these methods are meant to be called from one thread at a time; calling them concurrently from
 * several threads oversubscribes the cores.
 */
public final class NetlibDenseKernels implements DenseKernels {

    private final BLAS blas;
    private final LAPACK lapack;
    private final String name;
    /**
     * LAPACK's info argument, one per thread: the supernodal trailing factorization calls dpotrf once
     * per supernode (65 times per InstEval evaluation), and an evaluation allocates nothing.
     */
    private static final ThreadLocal<intW> INFO = ThreadLocal.withInitial(() -> new intW(0));

    /**
     * Binds to the native instances.
     *
     * @throws RuntimeException (from dev.ludovic.netlib) when no native library can be loaded
     */
    public NetlibDenseKernels() {
        this(NativeBLAS.getInstance(), NativeLAPACK.getInstance(), "native BLAS/LAPACK (dev.ludovic.netlib JNI)");
    }

    /** Binds to the given instances (any implementation, e.g. for tests); {@code name} is reported as is. */
    public NetlibDenseKernels(BLAS blas, LAPACK lapack, String name) {
        this.blas = blas;
        this.lapack = lapack;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int potrfLower(int n, double[] a, int off, int lda) {
        JavaDenseKernels.checkSquare("potrfLower", n, a, off, lda);
        if (n == 0) {
            return 0;
        }
        intW info = INFO.get();
        info.val = 0;
        lapack.dpotrf("L", n, a, off, lda, info);
        if (info.val < 0) {
            throw new IllegalArgumentException("dpotrf: illegal argument " + (-info.val));
        }
        return info.val;
    }

    @Override
    public void trsmRightLowerTrans(int m, int n, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb) {
        JavaDenseKernels.checkSquare("trsmRightLowerTrans", n, l, lOff, ldl);
        JavaDenseKernels.checkMatrix("trsmRightLowerTrans", "B", m, n, b, bOff, ldb);
        if (m == 0 || n == 0) {
            return;
        }
        blas.dtrsm("R", "L", "T", "N", m, n, 1.0, l, lOff, ldl, b, bOff, ldb);
    }

    @Override
    public void syrkLowerMinus(int n, int k, double[] a, int aOff, int lda, double[] c, int cOff, int ldc) {
        JavaDenseKernels.checkMatrix("syrkLowerMinus", "A", n, k, a, aOff, lda);
        JavaDenseKernels.checkSquare("syrkLowerMinus", n, c, cOff, ldc);
        if (n == 0 || k == 0) {
            return;
        }
        blas.dsyrk("L", "N", n, k, -1.0, a, aOff, lda, 1.0, c, cOff, ldc);
    }

    @Override
    public void syrkLowerNegated(int n, int k, double[] a, int aOff, int lda, double[] c, int cOff, int ldc) {
        JavaDenseKernels.checkMatrix("syrkLowerNegated", "A", n, k, a, aOff, lda);
        JavaDenseKernels.checkSquare("syrkLowerNegated", n, c, cOff, ldc);
        if (n == 0) {
            return;
        }
        if (k == 0) {
            DenseKernels.super.syrkLowerNegated(n, k, a, aOff, lda, c, cOff, ldc);
            return;
        }
        blas.dsyrk("L", "N", n, k, -1.0, a, aOff, lda, 0.0, c, cOff, ldc);
    }

    @Override
    public void gemmNTMinus(int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double[] c, int cOff, int ldc) {
        JavaDenseKernels.checkMatrix("gemmNTMinus", "A", m, k, a, aOff, lda);
        JavaDenseKernels.checkMatrix("gemmNTMinus", "B", n, k, b, bOff, ldb);
        JavaDenseKernels.checkMatrix("gemmNTMinus", "C", m, n, c, cOff, ldc);
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        blas.dgemm("N", "T", m, n, k, -1.0, a, aOff, lda, b, bOff, ldb, 1.0, c, cOff, ldc);
    }

    @Override
    public void trsvLower(int n, double[] l, int lOff, int ldl, double[] b, int bOff) {
        JavaDenseKernels.checkSquare("trsvLower", n, l, lOff, ldl);
        JavaDenseKernels.checkVector("trsvLower", n, b, bOff);
        if (n == 0) {
            return;
        }
        blas.dtrsv("L", "N", "N", n, l, lOff, ldl, b, bOff, 1);
    }

    @Override
    public void trsvLowerTrans(int n, double[] l, int lOff, int ldl, double[] b, int bOff) {
        JavaDenseKernels.checkSquare("trsvLowerTrans", n, l, lOff, ldl);
        JavaDenseKernels.checkVector("trsvLowerTrans", n, b, bOff);
        if (n == 0) {
            return;
        }
        blas.dtrsv("L", "T", "N", n, l, lOff, ldl, b, bOff, 1);
    }

    @Override
    public int trtriLower(int n, double[] a, int off, int lda) {
        JavaDenseKernels.checkSquare("trtriLower", n, a, off, lda);
        if (n == 0) {
            return 0;
        }
        intW info = INFO.get();
        info.val = 0;
        lapack.dtrtri("L", "N", n, a, off, lda, info);
        if (info.val < 0) {
            throw new IllegalArgumentException("dtrtri: illegal argument " + (-info.val));
        }
        return info.val;
    }

    @Override
    public int potriLower(int n, double[] a, int off, int lda) {
        JavaDenseKernels.checkSquare("potriLower", n, a, off, lda);
        if (n == 0) {
            return 0;
        }
        intW info = INFO.get();
        info.val = 0;
        lapack.dpotri("L", n, a, off, lda, info);
        if (info.val < 0) {
            throw new IllegalArgumentException("dpotri: illegal argument " + (-info.val));
        }
        return info.val;
    }
}
