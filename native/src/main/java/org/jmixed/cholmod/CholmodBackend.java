package org.jmixed.cholmod;

import static org.jmixed.cholmod.CholmodLibrary.*;

import java.util.Optional;

import org.jmixed.cpu.CpuBackend;
import org.jmixed.cpu.sparse.ScaledPattern;
import org.jmixed.spi.PlsBackend;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsProblem;

/**
 * SuiteSparse CHOLMOD through JavaCPP ({@code --backend cholmod}): the general sparse Cholesky lme4
 * uses, with CHOLMOD's own choice of ordering (AMD, or METIS when AMD fills in badly) and of
 * simplicial or supernodal factorization (dense supernodes through the system BLAS).
 *
 * <p>Cost estimate for automatic selection: the symbolic analysis is run on the pattern of
 * Λ'Z'ZΛ + I (it is exact and costs about as much as building the pattern plus one AMD ordering,
 * far less than one numeric factorization of a large model), and CHOLMOD's own flop count and
 * nnz(L) are turned into seconds with the constants below, measured on the 2-core development
 * machine with OpenBLAS.
 */
public final class CholmodBackend implements PlsBackend {
    public static final String NAME = "cholmod";

    /** Fixed cost of one evaluation: JNI calls, CHOLMOD's bookkeeping, the two solves' setup. */
    static final double OVERHEAD_SECONDS = 3e-5;
    /** Rate of CHOLMOD's factorization (supernodal, OpenBLAS, 2 cores), flops per second. */
    static final double FACTOR_FLOPS_PER_SECOND = 5e9;
    /** Rate of the p + 1 triangular solves and the assembly, flops per second. */
    static final double SOLVE_FLOPS_PER_SECOND = 1e9;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return CholmodRuntime.unavailableReason().isPresent()
                ? "SuiteSparse CHOLMOD (unavailable: " + CholmodRuntime.unavailableReason().get() + ")"
                : "SuiteSparse CHOLMOD " + CholmodRuntime.version() + " through JavaCPP";
    }

    @Override
    public Optional<String> unavailableReason() {
        return CholmodRuntime.unavailableReason();
    }

    @Override
    public Optional<Double> estimatedSecondsPerEvaluation(PlsProblem problem) {
        // Pure-Java estimates first: automatic selection loads the library only if CHOLMOD is
        // the cheapest candidate.
        if (problem.q() == 0) {
            return Optional.of(OVERHEAD_SECONDS);
        }
        long q2 = CpuBackend.trailingOrder(problem);
        if (q2 > 0 && q2 <= Integer.MAX_VALUE / q2
                && CpuBackend.schurFillShare(problem, q2) > CpuBackend.DENSE_FILL_SHARE) {
            // Crossed: eliminating the first term leaves a dense block of order q2 whatever the
            // ordering, so its Cholesky bounds the cost; no need for a symbolic analysis, which
            // on a large crossed design takes longer than many evaluations.
            double denseFlops = (double) q2 * q2 * q2 / 3.0;
            return Optional.of(OVERHEAD_SECONDS + denseFlops / FACTOR_FLOPS_PER_SECOND);
        }
        if (CholmodRuntime.unavailableReason().isPresent()) {
            return Optional.empty();
        }
        double[] flLnz = analyze(new ScaledPattern(problem));
        if (flLnz == null) {
            return Optional.empty();
        }
        double solveFlops = 4.0 * flLnz[1] * (problem.p() + 1) + 2.0 * problem.q() * (problem.p() + 1);
        return Optional.of(OVERHEAD_SECONDS + flLnz[0] / FACTOR_FLOPS_PER_SECOND + solveFlops / SOLVE_FLOPS_PER_SECOND);
    }

    /** CHOLMOD's symbolic analysis of the pattern: {flops of one factorization, nnz(L)}, or null. */
    static double[] analyze(ScaledPattern pattern) {
        cholmod_common c = new cholmod_common();
        cholmod_sparse a = null;
        cholmod_factor l = null;
        try {
            if (cholmod_l_start(c) == 0) {
                return null;
            }
            CholmodPlsEvaluator.configure(c);
            a = CholmodPlsEvaluator.copyPattern(pattern, c);
            if (a == null || a.isNull()) {
                return null;
            }
            l = cholmod_l_analyze(a, c);
            if (l == null || l.isNull()) {
                return null;
            }
            return new double[] {c.fl(), c.lnz()};
        } finally {
            if (l != null && !l.isNull()) {
                cholmod_l_free_factor(l, c);
            }
            if (a != null && !a.isNull()) {
                cholmod_l_free_sparse(a, c);
            }
            cholmod_l_finish(c);
            c.close();
        }
    }

    @Override
    public PlsEvaluator open(PlsProblem problem) {
        return new CholmodPlsEvaluator(problem);
    }
}
