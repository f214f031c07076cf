package org.jmixed.cpu;

import java.lang.ref.WeakReference;
import java.util.Optional;

import org.jmixed.JmixedException;
import org.jmixed.cpu.blocked.BlockedPlsEvaluator;
import org.jmixed.cpu.dense.DenseKernels;
import org.jmixed.cpu.dense.DenseKernelsProvider;
import org.jmixed.cpu.sparse.SparsePlsEvaluator;
import org.jmixed.spi.BlockSparseMatrix;
import org.jmixed.spi.PlsBackend;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.TermStructure;

/**
 * The pure-Java backend ({@code --backend java}). For each model it chooses between the blocked
 * factorization (block-diagonal first term, dense trailing block: right for crossed designs) and
 * the general sparse Cholesky with AMD ordering (right when the later terms are nested and a dense
 * trailing block would be large but mostly empty), by comparing their flop counts. System property
 * {@code jmixed.cpu.factorization=blocked|sparse} forces one.
 */
public final class CpuBackend implements PlsBackend {
    public static final String NAME = "java";
    public static final String FACTORIZATION_PROPERTY = "jmixed.cpu.factorization";

    /**
     * How many times more a flop costs in the scalar sparse kernel than in the dense kernels:
     * the sparse path wins only when it saves more work than this.
     */
    static final double SPARSE_FLOP_PENALTY = 8.0;
    /** Share of the heap the dense trailing block may take before the sparse path is forced. */
    static final double DENSE_MEMORY_SHARE = 0.4;
    /**
     * When the Schur update touches more than this share of the trailing block, the block is dense
     * in practice and the blocked path is taken without analysing the sparse alternative.
     */
    public static final double DENSE_FILL_SHARE = 0.1;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "pure Java: blocked or general sparse Cholesky (AMD); dense kernels: " + DenseKernelsProvider.best().name();
    }

    @Override
    public void preload() {
        DenseKernelsProvider.best();
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public Optional<Double> estimatedSecondsPerEvaluation(PlsProblem problem) {
        double q2 = trailingOrder(problem);
        double rate = DenseKernelsProvider.nativeAvailable() ? 3e10 : 4e9;
        return Optional.of(q2 * q2 * q2 / 3.0 / rate + problem.q() * 1e-8 + problem.n() * 1e-9);
    }

    @Override
    public PlsEvaluator open(PlsProblem problem) {
        DenseKernels kernels = DenseKernelsProvider.best();
        String forced = System.getProperty(FACTORIZATION_PROPERTY, "auto");
        switch (forced) {
            case "blocked":
                return new BlockedPlsEvaluator(problem, kernels);
            case "sparse":
                return new SparsePlsEvaluator(problem);
            case "auto":
                break;
            default:
                throw new JmixedException("system property " + FACTORIZATION_PROPERTY + "=" + forced
                        + " is not one of auto, blocked, sparse");
        }
        long q2 = trailingOrder(problem);
        if (problem.terms().size() <= 1 || q2 == 0) {
            return new BlockedPlsEvaluator(problem, kernels);
        }
        double denseBytes = 8.0 * q2 * q2;
        boolean fitsInMemory = denseBytes <= DENSE_MEMORY_SHARE * Runtime.getRuntime().maxMemory()
                && q2 <= Integer.MAX_VALUE / q2;
        if (fitsInMemory && schurFillShare(problem, q2) > DENSE_FILL_SHARE) {
            // Crossed: eliminating the first term fills the trailing block anyway.
            return new BlockedPlsEvaluator(problem, kernels);
        }
        SparsePlsEvaluator sparse = new SparsePlsEvaluator(problem);
        double sparseFlops = sparse.symbolic().flops();
        double blockedFlops = q2 * (double) q2 * q2 / 3.0;
        if (!fitsInMemory || sparseFlops * SPARSE_FLOP_PENALTY < blockedFlops) {
            return sparse;
        }
        sparse.close();
        return new BlockedPlsEvaluator(problem, kernels);
    }

    /**
     * The share of the trailing block's lower triangle that eliminating the first term fills in:
     * distinct positions (i, j) with a column of LR0 holding both rows i and j, over the size of
     * the triangle. Nested designs fill almost nothing (their rows meet in few columns); crossed
     * designs fill much of it. Counted exactly with a marker per row, at a cost of one step per
     * product of the Schur update. Automatic selection asks for it for each backend's estimate
     * and again when the evaluator opens, so the last answer is kept (weakly, by identity).
     *
     * <p>Every caller only compares the share with {@link #DENSE_FILL_SHARE}, so the count stops
     * as soon as it passes that share: the answer is exact up to it, and above it a lower bound
     * that already exceeds it. A crossed design fills its first rows densely, so the count ends
     * after a few per cent of the work that the exact share takes (cold JVM, 400,000 rows of
     * 20,000 users crossed with 2,000 items: 86 ms exact, 29 ms now, most of it the index arrays).
     */
    public static double schurFillShare(PlsProblem problem, long q2) {
        FillShare last = lastFillShare;
        if (last != null && last.problem.get() == problem && last.q2 == q2) {
            return last.share;
        }
        double share = countSchurFillShare(problem, q2);
        lastFillShare = new FillShare(new WeakReference<>(problem), q2, share);
        return share;
    }

    private record FillShare(WeakReference<PlsProblem> problem, long q2, double share) {
    }

    private static volatile FillShare lastFillShare;

    private static double countSchurFillShare(PlsProblem problem, long q2) {
        int levels0 = problem.terms().get(0).nLevels();
        int n2 = (int) q2;
        // Scalar rows of each column of LR0 (CSC), and its transpose (columns of each row).
        int[] colStart = new int[levels0 + 1];
        for (int k = 1; k < problem.terms().size(); k++) {
            BlockSparseMatrix a = problem.cross().zTzOff(k, 0);
            for (int c = 0; c < levels0; c++) {
                colStart[c + 1] += (a.colPtr[c + 1] - a.colPtr[c]) * a.blockRows;
            }
        }
        for (int c = 0; c < levels0; c++) {
            colStart[c + 1] += colStart[c];
        }
        int[] rows = new int[colStart[levels0]];
        int[] fill = java.util.Arrays.copyOf(colStart, levels0);
        int offset = 0;
        for (int k = 1; k < problem.terms().size(); k++) {
            BlockSparseMatrix a = problem.cross().zTzOff(k, 0);
            for (int c = 0; c < levels0; c++) {
                for (int e = a.colPtr[c]; e < a.colPtr[c + 1]; e++) {
                    for (int r = 0; r < a.blockRows; r++) {
                        rows[fill[c]++] = offset + a.rowIdx[e] * a.blockRows + r;
                    }
                }
            }
            offset += problem.terms().get(k).q();
        }
        int[] rowStart = new int[n2 + 1];
        for (int r : rows) {
            rowStart[r + 1]++;
        }
        for (int i = 0; i < n2; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        int[] colsOfRow = new int[rows.length];
        int[] next = java.util.Arrays.copyOf(rowStart, n2);
        for (int c = 0; c < levels0; c++) {
            for (int t = colStart[c]; t < colStart[c + 1]; t++) {
                colsOfRow[next[rows[t]]++] = c;
            }
        }
        int[] mark = new int[n2];
        java.util.Arrays.fill(mark, -1);
        double triangle = q2 * (q2 + 1) / 2.0;
        long enough = (long) Math.floor(DENSE_FILL_SHARE * triangle) + 1;
        long filled = 0;
        for (int j = 0; j < n2 && filled < enough; j++) {
            mark[j] = j;
            filled++;
            for (int t = rowStart[j]; t < rowStart[j + 1]; t++) {
                int c = colsOfRow[t];
                for (int u = colStart[c]; u < colStart[c + 1]; u++) {
                    int i = rows[u];
                    if (i > j && mark[i] != j) {
                        mark[i] = j;
                        filled++;
                    }
                }
            }
        }
        return filled / triangle;
    }

    /** Order of the dense block the blocked path would factor: all terms after the first. */
    public static long trailingOrder(PlsProblem problem) {
        long q2 = 0;
        for (int k = 1; k < problem.terms().size(); k++) {
            TermStructure t = problem.terms().get(k);
            q2 += t.q();
        }
        return q2;
    }
}
