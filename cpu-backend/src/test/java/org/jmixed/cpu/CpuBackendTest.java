package org.jmixed.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.jmixed.spi.BackendChoice;
import org.jmixed.spi.Backends;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsProblemBuilder;
import org.junit.jupiter.api.Test;

/** The pure-Java backend is found by ServiceLoader and picks the factorization that suits the design. */
class CpuBackendTest {

    @Test
    void foundByServiceLoaderAndChosenAutomatically() {
        PlsProblem p = nested(2_000, 200, 20, 1);
        BackendChoice choice = Backends.choose("auto", p);
        assertEquals("java", choice.backend().name());
        assertTrue(choice.reason().startsWith("auto"), choice.reason());
    }

    @Test
    void deepNestingGoesToTheSparsePathAndCrossingToTheBlockedOne() {
        // 4,000 classes in 400 schools in 40 districts: a dense trailing block of order 440
        // would be almost empty.
        PlsProblem nested = nested(12_000, 400, 40, 2);
        try (PlsEvaluator ev = new CpuBackend().open(nested)) {
            assertTrue(ev.description().startsWith("general sparse Cholesky"), ev.description());
        }
        PlsProblem crossed = crossed(20_000, 2_000, 300, 3);
        try (PlsEvaluator ev = new CpuBackend().open(crossed)) {
            assertTrue(ev.description().startsWith("blocked Cholesky"), ev.description());
        }
    }

    @Test
    void bothPathsAgreeOnANestedDesign() {
        PlsProblem p = nested(6_000, 150, 15, 4);
        double[] theta = {0.7, 1.3, 0.4};
        PlsFactorSummary blocked = new PlsFactorSummary();
        PlsFactorSummary sparse = new PlsFactorSummary();
        try (PlsEvaluator b = new org.jmixed.cpu.blocked.BlockedPlsEvaluator(p,
                org.jmixed.cpu.dense.DenseKernelsProvider.best());
             PlsEvaluator s = new org.jmixed.cpu.sparse.SparsePlsEvaluator(p)) {
            b.factor(theta, blocked);
            s.factor(theta, sparse);
        }
        assertEquals(blocked.logDetL, sparse.logDetL, 1e-9 * Math.abs(blocked.logDetL));
        assertEquals(blocked.logDetRX, sparse.logDetRX, 1e-9 * Math.abs(blocked.logDetRX));
        assertEquals(blocked.pwrss, sparse.pwrss, 1e-9 * blocked.pwrss);
    }

    @Test
    void fillShareIsExactUpToTheDenseThresholdAndPassesItWhenAbove() {
        PlsProblem nested = nested(2_000, 200, 20, 5);
        long q2 = CpuBackend.trailingOrder(nested);
        double exactNested = bruteForceFillShare(nested, (int) q2);
        assertTrue(exactNested < CpuBackend.DENSE_FILL_SHARE, "nested designs fill little: " + exactNested);
        assertEquals(exactNested, CpuBackend.schurFillShare(nested, q2), 1e-15);

        PlsProblem crossed = crossed(6_000, 600, 200, 6);
        long q2c = CpuBackend.trailingOrder(crossed);
        double exactCrossed = bruteForceFillShare(crossed, (int) q2c);
        double counted = CpuBackend.schurFillShare(crossed, q2c);
        assertTrue(exactCrossed > 2 * CpuBackend.DENSE_FILL_SHARE, "crossed designs fill much: " + exactCrossed);
        assertTrue(counted > CpuBackend.DENSE_FILL_SHARE && counted <= exactCrossed,
                "counting stops once past the threshold: " + counted + " of " + exactCrossed);
    }

    /** The filled share of the trailing triangle, from a q2 × q2 table of the Schur update's products. */
    private static double bruteForceFillShare(PlsProblem p, int q2) {
        boolean[][] filled = new boolean[q2][q2];
        int levels0 = p.terms().get(0).nLevels();
        for (int c = 0; c < levels0; c++) {
            java.util.List<Integer> rows = new java.util.ArrayList<>();
            int offset = 0;
            for (int k = 1; k < p.terms().size(); k++) {
                org.jmixed.spi.BlockSparseMatrix a = p.cross().zTzOff(k, 0);
                for (int e = a.colPtr[c]; e < a.colPtr[c + 1]; e++) {
                    for (int r = 0; r < a.blockRows; r++) {
                        rows.add(offset + a.rowIdx[e] * a.blockRows + r);
                    }
                }
                offset += p.terms().get(k).q();
            }
            for (int i : rows) {
                for (int j : rows) {
                    filled[Math.max(i, j)][Math.min(i, j)] = true;
                }
            }
        }
        long count = 0;
        for (int i = 0; i < q2; i++) {
            filled[i][i] = true;
            for (int j = 0; j <= i; j++) {
                count += filled[i][j] ? 1 : 0;
            }
        }
        return count / (q2 * (q2 + 1) / 2.0);
    }

    /** Classes within schools within districts, terms most-levels first as the model layer orders them. */
    static PlsProblem nested(int n, int schools, int districts, long seed) {
        Random rnd = new Random(seed);
        int classes = 10 * schools;
        int[] cls = new int[n];
        int[] school = new int[n];
        int[] district = new int[n];
        double[] y = new double[n];
        double[] ones = new double[n];
        for (int i = 0; i < n; i++) {
            cls[i] = i < classes ? i : rnd.nextInt(classes);
            school[i] = cls[i] / 10;
            district[i] = school[i] % districts;
            ones[i] = 1;
            y[i] = rnd.nextGaussian() + 0.3 * cls[i] % 7 + school[i] % 5;
        }
        return new PlsProblemBuilder(y, ones, 1).addTerm("class", classes, cls, ones, 1)
                .addTerm("school", schools, school, ones, 1).addTerm("district", districts, district, ones, 1).build();
    }

    static PlsProblem crossed(int n, int users, int items, long seed) {
        Random rnd = new Random(seed);
        int[] u = new int[n];
        int[] it = new int[n];
        double[] y = new double[n];
        double[] ones = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = i < users ? i : rnd.nextInt(users);
            it[i] = i < items ? i : rnd.nextInt(items);
            ones[i] = 1;
            y[i] = rnd.nextGaussian() + (u[i] % 3) + 0.5 * (it[i] % 4);
        }
        return new PlsProblemBuilder(y, ones, 1).addTerm("user", users, u, ones, 1)
                .addTerm("item", items, it, ones, 1).build();
    }
}
