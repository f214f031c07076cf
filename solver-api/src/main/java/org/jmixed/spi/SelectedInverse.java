package org.jmixed.spi;

import java.util.List;

/**
 * What the analytic gradient of the profiled criterion needs from a factorization, at the θ of the
 * evaluator's last {@link PlsEvaluator#factor}: the entries of M⁻¹, M = Λθ'Z'ZΛθ + I, on the block
 * pattern of Z'Z (a selected inverse), laid out exactly like {@link CrossProducts}, and the q × p
 * matrix V = M⁻¹Λθ'Z'X. Allocated once per model by {@link #allocate}; evaluators overwrite it.
 *
 * <ul>
 *   <li>{@code diag[k]}: the diagonal blocks of M⁻¹ for term k, like {@code zTz(k)};</li>
 *   <li>{@code off[k][j]} for k &gt; j: the blocks of M⁻¹ at the stored blocks of
 *       {@code zTzOff(k, j)}, in its order (block row = level of k, block column = level of j);</li>
 *   <li>{@code v}: V, q × p column-major, rows term by term, level-major like u.</li>
 * </ul>
 */
public final class SelectedInverse {
    /**
     * Set by the caller: the diagonal blocks alone will do (the caller then uses the identity
     * Λ'Z'ZΛ = M − I, valid where every template T is invertible). An evaluator may still fill
     * everything.
     */
    public boolean diagonalSuffices;
    /** Set by the evaluator: only {@code diag} (and {@code v}) were written this time. */
    public boolean diagonalOnly;
    /**
     * Set by the evaluator, with {@link #diagonalOnly}: the first block of each {@code diag[k]}
     * holds the sum of the term's diagonal blocks over its levels (all the identity needs); the
     * rest of {@code diag[k]} was not written.
     */
    public boolean diagonalSummed;
    public final double[][] diag;
    public final double[][][] off;
    public final double[] v;

    private SelectedInverse(double[][] diag, double[][][] off, double[] v) {
        this.diag = diag;
        this.off = off;
        this.v = v;
    }

    /** Storage for the selected inverse of this problem's M. */
    public static SelectedInverse allocate(PlsProblem problem) {
        List<TermStructure> terms = problem.terms();
        int nTerms = terms.size();
        double[][] diag = new double[nTerms][];
        double[][][] off = new double[nTerms][][];
        for (int k = 0; k < nTerms; k++) {
            diag[k] = new double[problem.cross().zTz(k).length];
            off[k] = new double[k][];
            for (int j = 0; j < k; j++) {
                off[k][j] = new double[problem.cross().zTzOff(k, j).values.length];
            }
        }
        return new SelectedInverse(diag, off, new double[Math.multiplyExact(problem.q(), problem.p())]);
    }
}
