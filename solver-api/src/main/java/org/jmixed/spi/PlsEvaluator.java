package org.jmixed.spi;

/**
 * A backend's factorization state for one model. {@link PlsBackend#open} does the symbolic work
 * (orderings, block layout, device uploads) once; {@link #factor} then refactors for each θ and
 * returns three numbers. Implementations allocate their workspace up front, so {@code factor}
 * allocates nothing, and may keep everything resident (native memory, a GPU).
 */
public interface PlsEvaluator extends AutoCloseable {

    /** Refactors Λθ'Z'ZΛθ + I and the X/y part for this θ and writes log-determinants and r². */
    void factor(double[] theta, PlsFactorSummary out);

    /**
     * Solves at the θ of the last {@link #factor} call.
     *
     * @param conditionalVariances whether to compute the diagonal blocks of (L_ZZ L_ZZ')⁻¹
     */
    PlsSolution solve(boolean conditionalVariances);

    /**
     * Re-points this evaluator at a problem that differs from its own only in the response, one
     * made by {@link PlsProblem#withResponse} from it (Z'Z shared: see
     * {@link CrossProducts#sharesDesignWith}), keeping the symbolic analysis and the workspace:
     * each refit of a parametric bootstrap then costs only its factorizations. After it,
     * {@link #factor} and {@link #solve} answer for the new response.
     *
     * <p>Optional. Returns false when this evaluator cannot (the default), and the caller opens a
     * new evaluator on the problem instead; it also returns false, changing nothing, when the
     * problem does not share this evaluator's design.
     */
    default boolean replaceResponse(PlsProblem problem) {
        return false;
    }

    /**
     * Writes the selected inverse of M = Λθ'Z'ZΛθ + I and V = M⁻¹Λθ'Z'X at the θ of the last
     * {@link #factor} call (what the analytic gradient of the criterion needs; see
     * {@link SelectedInverse}).
     *
     * <p>Optional. Returns false when this evaluator cannot (the default): the caller then
     * optimizes without derivatives.
     */
    default boolean selectedInverse(SelectedInverse out) {
        return false;
    }

    /** Whether {@link #selectedInverse} is implemented (callable before any factorization). */
    default boolean hasSelectedInverse() {
        return false;
    }

    /** One line on how this evaluator factors the problem, e.g. the block layout or the ordering. */
    String description();

    /** Releases native or device memory; further calls fail. */
    @Override
    void close();
}
