package org.jmixed.cholmod;

import static org.jmixed.cholmod.CholmodLibrary.*;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.LongPointer;
import org.jmixed.cpu.DenseXPart;
import org.jmixed.cpu.sparse.ScaledPattern;
import org.jmixed.cpu.sparse.SparseInverseSubset;
import org.jmixed.spi.CrossProducts;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsSolution;
import org.jmixed.spi.TermStructure;

/**
 * PLS evaluator over one CHOLMOD factor of P(Λ'Z'ZΛ + I)Pᵀ, as lme4 does: the pure-Java general
 * sparse path ({@link org.jmixed.cpu.sparse.SparsePlsEvaluator}) with CHOLMOD doing the sparse
 * numerics. Everything else is that path's own code, from {@code org.jmixed.cpu.sparse}: the
 * pattern and values of Λ'Z'ZΛ ({@link ScaledPattern}), the dense X part ({@link DenseXPart}) and
 * the sparse inverse subset ({@link SparseInverseSubset}), so the two backends differ only where
 * CHOLMOD does.
 *
 * <p>Once, at construction: the pattern of Λ'Z'ZΛ copied into a {@code cholmod_sparse},
 * {@code cholmod_l_analyze} (CHOLMOD chooses the fill-reducing ordering and between simplicial and
 * supernodal; {@link #description()} says which), and the dense right-hand side. Per θ,
 * {@link #factor}:
 * <ol>
 *   <li>writes the values of Λ'Z'ZΛ and copies them into the sparse matrix;</li>
 *   <li>{@code cholmod_l_factorize_p} with β = 1 refactors Λ'Z'ZΛ + I into the same factor, kept
 *       as LLᵀ ({@code Common->final_ll}); log|Lθ|² from its diagonal, read in C for either layout;</li>
 *   <li>RZX = L⁻¹PΛ'Z'[X y] by {@code cholmod_l_solve2} (systems P, then L), reusing its outputs and
 *       workspace, so a factorization allocates nothing;</li>
 *   <li>factors [X y]'[X y] − RZX'RZX ((p+1) × (p+1), dense).</li>
 * </ol>
 * {@link #solve} gives β̂, û (systems Lᵀ then Pᵀ) and (RX'RX)⁻¹, and the conditional variances from
 * the sparse inverse subset (Takahashi) of a simplicial LLᵀ copy of the factor.
 *
 * <p>Every CHOLMOD object and the {@code cholmod_common} are freed by {@link #close()}; after that,
 * every call throws IllegalStateException. Not thread-safe.
 */
public final class CholmodPlsEvaluator implements PlsEvaluator {
    /**
     * {@code auto} (CHOLMOD's choice by flops per nonzero of L, the default), {@code simplicial} or
     * {@code supernodal}.
     */
    public static final String FACTORIZATION_PROPERTY = "jmixed.cholmod.factorization";
    private final List<TermStructure> terms;
    private final int nTerms;
    private final int q;
    private final int p;
    private final int m;
    private final ScaledPattern pattern;
    private final double[] ax;
    private final double[] rhs;
    /** RZX, q × m column-major, rows in the factor's (permuted) order. */
    private final double[] rzx;
    /** The (p+1) × (p+1) lower factor of [X y]'[X y] − RZX'RZX, as in the pure-Java sparse path. */
    private DenseXPart xPart;
    /** The problem's cross-products, replaced by {@link #replaceResponse}. */
    private CrossProducts cross;

    // Native state; all null when q == 0.
    private cholmod_common common;
    private cholmod_sparse a;
    private cholmod_factor factor;
    private cholmod_dense b;
    private cholmod_dense permuted = new cholmod_dense();
    private cholmod_dense solved = new cholmod_dense();
    private cholmod_dense work = new cholmod_dense();
    private cholmod_dense work2 = new cholmod_dense();
    private cholmod_sparse noSet = new cholmod_sparse();
    private DoublePointer beta;
    private DoublePointer aValues;
    private DoublePointer bValues;
    private DoublePointer solvedValues;
    private String description;
    private boolean factored;
    private boolean closed;

    public CholmodPlsEvaluator(PlsProblem problem) {
        CholmodRuntime.require();
        this.terms = problem.terms();
        this.nTerms = terms.size();
        this.q = problem.q();
        this.p = problem.p();
        this.m = p + 1;
        this.rzx = new double[q * m];
        this.xPart = new DenseXPart(q, p, problem.cross().xyTxy());
        this.cross = problem.cross();
        this.rhs = new double[q * m];
        if (q == 0) {
            pattern = null;
            ax = new double[0];
            description = "CHOLMOD " + CholmodRuntime.version() + ": no random effects (dense X part only)";
            return;
        }
        pattern = new ScaledPattern(problem);
        ax = new double[pattern.nnz()];
        boolean ok = false;
        try {
            common = new cholmod_common();
            check(cholmod_l_start(common) != 0, "cholmod_l_start");
            configure(common);
            a = copyPattern(pattern, common);
            check(a != null && !a.isNull(), "cholmod_l_allocate_sparse");
            aValues = a.x();
            factor = cholmod_l_analyze(a, common);
            check(factor != null && !factor.isNull(), "cholmod_l_analyze");
            b = cholmod_l_allocate_dense(q, m, q, CHOLMOD_REAL, common);
            check(b != null && !b.isNull(), "cholmod_l_allocate_dense");
            bValues = b.x();
            beta = new DoublePointer(1.0, 0.0);
            description = String.format("CHOLMOD %s %s LL', ordering %s (chosen by CHOLMOD), q=%d, nnz(A)=%d, "
                            + "nnz(L)≈%.0f, flops/factor≈%.3g", CholmodRuntime.version(),
                    factor.is_super() != 0 ? "supernodal" : "simplicial", orderingName(factor.ordering()), q,
                    pattern.nnz(), common.lnz(), common.fl());
            ok = true;
        } finally {
            if (!ok) {
                close();
            }
        }
    }

    /** CHOLMOD's analysis and the pattern depend on the design only: keep them, take the new y parts. */
    @Override
    public boolean replaceResponse(PlsProblem newProblem) {
        if (closed) {
            throw new IllegalStateException("evaluator closed");
        }
        if (!newProblem.cross().sharesDesignWith(cross)) {
            return false;
        }
        cross = newProblem.cross();
        if (pattern != null) {
            pattern.replaceCrossProducts(cross);
        }
        xPart = new DenseXPart(q, p, cross.xyTxy());
        factored = false;
        return true;
    }

    /** The settings every CHOLMOD workspace of this backend uses. */
    static void configure(cholmod_common c) {
        String mode = System.getProperty(FACTORIZATION_PROPERTY, "auto");
        switch (mode) {
            case "auto": break;
            case "simplicial": c.supernodal(0); break;
            case "supernodal": c.supernodal(2); break;
            default: throw new IllegalArgumentException("system property " + FACTORIZATION_PROPERTY + "=" + mode
                    + " is not one of auto, simplicial, supernodal");
        }
        c.final_ll(1);   // keep LL' so CHOLMOD_L solves with L, and the log-determinant is 2 Σ log L_jj
        c.print(0);      // errors come back as exceptions, not as text on stderr
    }

    /**
     * A new {@code cholmod_sparse} (lower triangle, {@code stype = -1}, sorted, packed) with the
     * pattern's structure, its values left to the caller; null (or a null pointer) when CHOLMOD
     * cannot allocate it. The pattern's int indices are widened to CHOLMOD's long ones through a
     * bounded buffer, so no second copy of the pattern is kept in the Java heap.
     */
    static cholmod_sparse copyPattern(ScaledPattern pattern, cholmod_common c) {
        int n = pattern.order();
        cholmod_sparse s = cholmod_l_allocate_sparse(n, n, pattern.nnz(), 1, 1, -1, CHOLMOD_REAL, c);
        if (s != null && !s.isNull()) {
            putWidened(s.p(), pattern.colPtr(), n + 1);
            putWidened(s.i(), pattern.rowIdx(), pattern.nnz());
        }
        return s;
    }

    private static void putWidened(LongPointer dst, int[] src, int length) {
        long[] buffer = new long[Math.min(length, 1 << 16)];
        for (int off = 0; off < length; off += buffer.length) {
            int len = Math.min(buffer.length, length - off);
            for (int k = 0; k < len; k++) {
                buffer[k] = src[off + k];
            }
            dst.position(off).put(buffer, 0, len);
        }
    }

    static String orderingName(int ordering) {
        switch (ordering) {
            case CHOLMOD_NATURAL: return "natural";
            case CHOLMOD_GIVEN: return "given";
            case CHOLMOD_AMD: return "AMD";
            case CHOLMOD_METIS: return "METIS";
            case CHOLMOD_NESDIS: return "NESDIS";
            case CHOLMOD_COLAMD: return "COLAMD";
            case CHOLMOD_POSTORDERED: return "natural (postordered)";
            default: return "#" + ordering;
        }
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            throw CholmodException.failed(what, common == null ? 0 : common.status());
        }
    }

    @Override
    public void factor(double[] theta, PlsFactorSummary out) {
        checkOpen();
        if (theta.length != problemThetaLength()) {
            throw new IllegalArgumentException("θ has length " + theta.length + ", expected " + problemThetaLength());
        }
        factored = false;
        double logDetL = 0.0;
        if (q > 0) {
            pattern.setTheta(theta);
            pattern.fill(ax);
            aValues.put(ax, 0, ax.length);
            cholmod_l_factorize_p(a, beta, null, 0, factor, common);
            int status = common.status();
            if (status == CHOLMOD_NOT_POSDEF || factor.minor() < q) {
                throw new CholmodException("CHOLMOD: Λ'Z'ZΛ + I is not positive definite: stopped at column "
                        + (factor.minor() + 1) + " of " + q + " (non-finite θ or cross-products?)");
            }
            check(status >= CHOLMOD_OK, "cholmod_l_factorize_p");
            if (factor.is_ll() == 0) {
                // Not expected with final_ll, but the solves below need LL'.
                check(cholmod_l_change_factor(CHOLMOD_REAL, 1, factor.is_super(), 1, 1, factor, common) != 0,
                        "cholmod_l_change_factor");
            }
            logDetL = jmixed_log_det(factor);
            if (Double.isNaN(logDetL)) {
                throw new CholmodException("CHOLMOD: Λ'Z'ZΛ + I is not positive definite (a non-positive or NaN pivot; "
                        + "non-finite θ or cross-products?)");
            }
            pattern.rhs(rhs, m, null);
            bValues.put(rhs, 0, rhs.length);
            check(cholmod_l_solve2(CHOLMOD_P, factor, b, null, permuted, noSet, work, work2, common) != 0,
                    "cholmod_l_solve2 (P)");
            check(cholmod_l_solve2(CHOLMOD_L, factor, permuted, null, solved, noSet, work, work2, common) != 0,
                    "cholmod_l_solve2 (L)");
            long address = jmixed_dense_values(solved);
            if (solvedValues == null || solvedValues.address() != address) {
                solvedValues = solved.x();
            }
            solvedValues.get(rzx, 0, rzx.length);
        }
        double logDetRX = xPart.factor(rzx);
        out.logDetL = logDetL;
        out.logDetRX = 2.0 * logDetRX;
        out.pwrss = xPart.pwrss();
        factored = true;
    }

    private int problemThetaLength() {
        int len = 0;
        for (TermStructure t : terms) {
            len += t.thetaLength();
        }
        return len;
    }

    @Override
    public PlsSolution solve(boolean conditionalVariances) {
        checkOpen();
        if (!factored) {
            throw new IllegalStateException("solve() before a successful factor()");
        }
        double[] betaHat = xPart.beta();
        double[] u = new double[q];
        if (q > 0) {
            backSolve(xPart.residualRhs(rzx, betaHat), u);
        }
        return new PlsSolution(betaHat, u, xPart.unscaledVcovBeta(),
                conditionalVariances ? conditionalVariances() : null);
    }

    /** u := Pᵀ L⁻ᵀ t. */
    private void backSolve(double[] t, double[] u) {
        cholmod_dense rhs1 = cholmod_l_allocate_dense(q, 1, q, CHOLMOD_REAL, common);
        cholmod_dense y = null;
        cholmod_dense x = null;
        try {
            check(rhs1 != null && !rhs1.isNull(), "cholmod_l_allocate_dense");
            rhs1.x().put(t, 0, q);
            y = cholmod_l_solve(CHOLMOD_Lt, factor, rhs1, common);
            check(y != null && !y.isNull(), "cholmod_l_solve (Lt)");
            x = cholmod_l_solve(CHOLMOD_Pt, factor, y, common);
            check(x != null && !x.isNull(), "cholmod_l_solve (Pt)");
            x.x().get(u, 0, q);
        } finally {
            freeDense(rhs1);
            freeDense(y);
            freeDense(x);
        }
    }

    private void freeDense(cholmod_dense d) {
        if (d != null && !d.isNull()) {
            cholmod_l_free_dense(d, common);
        }
    }

    /**
     * Diagonal blocks of (Λ'Z'ZΛ + I)⁻¹ in the problem's order, from the entries of the inverse on
     * the pattern of a simplicial, packed LLᵀ copy of the factor (CHOLMOD's supernodal factor is
     * converted with {@code cholmod_l_change_factor}; the supernodes' explicit zeros stay in the
     * pattern, which keeps it closed under the recurrences).
     */
    private List<double[]> conditionalVariances() {
        if (q == 0) {
            List<double[]> out = new ArrayList<>(nTerms);
            for (TermStructure t : terms) {
                out.add(new double[0]);
            }
            return out;
        }
        int[] lp;
        int[] li;
        double[] lx;
        int[] pinv = new int[q];
        cholmod_factor copy = cholmod_l_copy_factor(factor, common);
        try {
            check(copy != null && !copy.isNull(), "cholmod_l_copy_factor");
            check(cholmod_l_change_factor(CHOLMOD_REAL, 1, 0, 1, 1, copy, common) != 0, "cholmod_l_change_factor");
            long[] colPtr = new long[q + 1];
            copy.p().get(colPtr, 0, q + 1);
            long nnzL = colPtr[q];
            if (nnzL > Integer.MAX_VALUE - 16) {
                throw new CholmodException("CHOLMOD: nnz(L) = " + nnzL + " too large for conditional variances");
            }
            long[] rows = new long[(int) nnzL];
            copy.i().get(rows, 0, rows.length);
            lx = new double[(int) nnzL];
            copy.x().get(lx, 0, lx.length);
            long[] perm = new long[q];
            copy.Perm().get(perm, 0, q);
            lp = new int[q + 1];
            li = new int[(int) nnzL];
            for (int j = 0; j <= q; j++) {
                lp[j] = (int) colPtr[j];
            }
            for (int e = 0; e < li.length; e++) {
                li[e] = (int) rows[e];
            }
            for (int k = 0; k < q; k++) {
                pinv[(int) perm[k]] = k;
            }
        } finally {
            if (copy != null && !copy.isNull()) {
                cholmod_l_free_factor(copy, common);
            }
        }
        double[] zx = SparseInverseSubset.compute(q, lp, li, lx);
        return pattern.diagonalBlocks(zx, (row, col) -> {
            int pa = pinv[row];
            int pb = pinv[col];
            int c = Math.min(pa, pb);
            int r = Math.max(pa, pb);
            for (int e = lp[c]; e < lp[c + 1]; e++) {
                if (li[e] == r) {
                    return e;
                }
            }
            throw new IllegalStateException("entry (" + r + ", " + c + ") missing from L");
        });
    }

    @Override
    public String description() {
        checkOpen();
        return description;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("evaluator is closed");
        }
    }

    /** Frees every CHOLMOD object and the workspace; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        factored = false;
        if (common != null) {
            for (cholmod_dense d : new cholmod_dense[] {b, permuted, solved, work, work2}) {
                freeDense(d);
            }
            if (noSet != null && !noSet.isNull()) {
                cholmod_l_free_sparse(noSet, common);
            }
            if (a != null && !a.isNull()) {
                cholmod_l_free_sparse(a, common);
            }
            if (factor != null && !factor.isNull()) {
                cholmod_l_free_factor(factor, common);
            }
            cholmod_l_finish(common);
            common.close();
            common = null;
        }
        if (beta != null) {
            beta.close();
        }
        aValues = null;
        bValues = null;
        solvedValues = null;
    }
}
