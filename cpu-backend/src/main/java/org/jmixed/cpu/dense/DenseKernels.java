package org.jmixed.cpu.dense;

/**
 * The dense linear algebra the blocked PLS factorization needs, on column-major {@code double[]}
 * with explicit offsets and leading dimensions (BLAS/LAPACK conventions). Only the lower triangle
 * of symmetric and triangular matrices is read or written. Implementations: plain Java
 * ({@link JavaDenseKernels}) and native BLAS/LAPACK through dev.ludovic.netlib
 * ({@link NetlibDenseKernels}); {@link DenseKernelsProvider} picks one at start-up.
 */
public interface DenseKernels {

    /** Human-readable name, e.g. "OpenBLAS (dev.ludovic.netlib JNI)" or "pure Java, 2 threads". */
    String name();

    /**
     * In-place Cholesky A = L·Lᵀ of the n × n matrix at a[off], leading dimension lda (LAPACK dpotrf,
     * uplo = L). Returns 0 on success or the 1-based order of the leading minor that is not
     * positive definite.
     */
    int potrfLower(int n, double[] a, int off, int lda);

    /** B := B · L⁻ᵀ, with B m × n and L n × n lower triangular (dtrsm side=R, uplo=L, trans=T, diag=N). */
    void trsmRightLowerTrans(int m, int n, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb);

    /** Lower triangle of C := C − A·Aᵀ, with C n × n and A n × k (dsyrk uplo=L, trans=N, alpha=−1, beta=1). */
    void syrkLowerMinus(int n, int k, double[] a, int aOff, int lda, double[] c, int cOff, int ldc);

    /**
     * Lower triangle of C := −A·Aᵀ, with C n × n and A n × k, C's previous contents ignored (dsyrk
     * uplo=L, trans=N, alpha=−1, beta=0). The default clears the triangle and calls
     * {@link #syrkLowerMinus}.
     */
    default void syrkLowerNegated(int n, int k, double[] a, int aOff, int lda, double[] c, int cOff, int ldc) {
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(c, cOff + j * ldc + j, cOff + j * ldc + n, 0.0);
        }
        syrkLowerMinus(n, k, a, aOff, lda, c, cOff, ldc);
    }

    /** C := C − A·Bᵀ, with C m × n, A m × k, B n × k (dgemm transa=N, transb=T, alpha=−1, beta=1). */
    void gemmNTMinus(int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double[] c, int cOff, int ldc);

    /** Solves L·x = b in place (x overwrites b, stride 1), L n × n lower triangular (dtrsv N). */
    void trsvLower(int n, double[] l, int lOff, int ldl, double[] b, int bOff);

    /** Solves Lᵀ·x = b in place, L n × n lower triangular (dtrsv T). */
    void trsvLowerTrans(int n, double[] l, int lOff, int ldl, double[] b, int bOff);

    /** L := L⁻¹ in place for the n × n lower-triangular L (dtrtri uplo=L, diag=N); 0 or failing index. */
    int trtriLower(int n, double[] a, int off, int lda);

    /**
     * Lower triangle of (L·Lᵀ)⁻¹ = L⁻ᵀL⁻¹ in place, from the n × n Cholesky factor L at a[off]
     * (LAPACK dpotri, uplo = L); 0 or the failing index. The default inverts L, then forms the
     * product column by column: entry (i, j), i ≥ j, needs column j from row i down and column i,
     * neither of which is overwritten before it is read.
     */
    default int potriLower(int n, double[] a, int off, int lda) {
        int info = trtriLower(n, a, off, lda);
        if (info != 0) {
            return info;
        }
        for (int j = 0; j < n; j++) {
            int cj = off + j * lda;
            for (int i = j; i < n; i++) {
                int ci = off + i * lda;
                double s = 0;
                for (int m = i; m < n; m++) {
                    s += a[ci + m] * a[cj + m];
                }
                a[cj + i] = s;
            }
        }
        return 0;
    }
}
