package org.jmixed.cpu.blocked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jmixed.cpu.References;
import org.jmixed.cpu.dense.DenseKernelsProvider;
import org.jmixed.data.CsvReader;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsProblemBuilder;
import org.jmixed.spi.PlsSolution;
import org.jmixed.spi.SelectedInverse;
import org.jmixed.spi.TermStructure;
import org.junit.jupiter.api.Test;

/**
 * The supernodal trailing factorization (fill-reducing order, dense tail) against the dense one of
 * the same blocked evaluator: the criterion's three parts, β̂, û, the conditional variances and the
 * selected inverse, at several θ (lme4's start, a scaled start, a random point, and a point with a
 * zero component, i.e. a singular fit), on crossed, nested and vector-valued designs; and the rule
 * that chooses between them.
 */
class SupernodalTrailingTest {
    /** The criterion's parts (sums of logarithms of the same pivots, in another order). */
    private static final double CRITERION_TOLERANCE = 1e-10;
    /** Solutions and inverses, relative to the largest entry of each. */
    private static final double SOLUTION_TOLERANCE = 1e-8;

    @Test
    void instEvalAgrees() {
        PlsProblem problem = formula("InstEval.csv", "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)");
        assertAgreement(problem, 2);
    }

    @Test
    void penicillinAgrees() {
        assertAgreement(formula("Penicillin.csv", "diameter ~ 1 + (1 | plate) + (1 | sample)"), 3);
    }

    @Test
    void pastesNestedAgrees() {
        assertAgreement(formula("Pastes.csv", "strength ~ 1 + (1 | batch/cask)"), 4);
    }

    @Test
    void eggsNestedThreeDeepAgrees() {
        assertAgreement(formula("eggs.csv", "Fat ~ 1 + (1 | Lab/Technician/Sample)"), 5);
    }

    @Test
    void simulatedCrossedWithVectorTermAgrees() {
        assertAgreement(simulatedCrossed(new Random(6), 600, 120, 8, true), 6);
    }

    @Test
    void manyFixedEffectsAgree() {
        // More rows of [X y] than the supernodes' own small-solve loops take: the native solve instead.
        assertAgreement(simulatedCrossed(new Random(9), 400, 90, 6, true,
                SupernodalTrailingCholesky.FEW_ROWS + 4), 9);
    }

    @Test
    void instEvalChoosesTheSupernodalFactorization() {
        PlsProblem problem = formula("InstEval.csv", "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)");
        try (BlockedPlsEvaluator ev = new BlockedPlsEvaluator(problem, DenseKernelsProvider.best())) {
            assertTrue(ev.description().contains("sparse trailing block of order 1142 (AMD"), ev.description());
        }
    }

    @Test
    void denselyCrossedDesignKeepsTheDenseFactorizationWithoutOrdering() {
        // Every item meets most others through some user: the pattern itself is nearly full.
        PlsProblem problem = simulatedCrossed(new Random(7), 3000, 300, 40, false);
        try (BlockedPlsEvaluator ev = new BlockedPlsEvaluator(problem, DenseKernelsProvider.best())) {
            assertTrue(ev.description().contains("dense trailing block of order 300 (its pattern is over 50% full)"),
                    ev.description());
        }
    }

    @Test
    void randomlyCrossedSparsePatternKeepsTheDenseFactorization() {
        // A fifth of the item pairs meet, at random: a random graph fills in whatever the order.
        PlsProblem problem = simulatedCrossed(new Random(8), 3000, 300, 3, false);
        try (BlockedPlsEvaluator ev = new BlockedPlsEvaluator(problem, DenseKernelsProvider.best())) {
            assertTrue(ev.description().contains("dense trailing block of order 300 (sparse: AMD, "), ev.description());
            assertTrue(ev.description().contains("of dense flops, not estimated faster)"), ev.description());
        }
    }

    @Test
    void supernodalNeedsHalfTheFlopsEvenWhenTheTimeModelFavoursIt() {
        assertTrue(TrailingChoice.supernodalPays(0.23, 1.0, 0.5, 1.0));
        assertFalse(TrailingChoice.supernodalPays(0.81, 1.0, 0.5, 1.0));
        assertFalse(TrailingChoice.supernodalPays(0.23, 1.0, 1.5, 1.0));
    }

    @Test
    void smallTrailingBlockIsNotAnalyzed() {
        PlsProblem problem = formula("Penicillin.csv", "diameter ~ 1 + (1 | plate) + (1 | sample)");
        try (BlockedPlsEvaluator ev = new BlockedPlsEvaluator(problem, DenseKernelsProvider.best())) {
            assertTrue(ev.description().contains("dense trailing block of order 6 (sample)"), ev.description());
        }
    }

    private static PlsProblem formula(String file, String formula) {
        return LinearMixedModel.prepare(CsvReader.read(References.data(file)), formula).problem();
    }

    /**
     * users × items, each user rating {@code perUser} random items; y ~ 1 + x with (1 | user) and
     * either (1 + x | item) and a small third term (1 | group of items), or (1 | item) alone.
     */
    private static PlsProblem simulatedCrossed(Random rnd, int users, int items, int perUser, boolean vector) {
        return simulatedCrossed(rnd, users, items, perUser, vector, 2);
    }

    /** As above, with p fixed-effect columns (the intercept, x, and p − 2 more Gaussian columns). */
    private static PlsProblem simulatedCrossed(Random rnd, int users, int items, int perUser, boolean vector, int p) {
        int n = users * perUser;
        double[] y = new double[n];
        double[] x = new double[p * n];
        int[] user = new int[n];
        int[] item = new int[n];
        int[] group = new int[n];
        double[] ones = new double[n];
        double[] slope = new double[2 * n];
        for (int i = 0; i < n; i++) {
            user[i] = i / perUser;
            item[i] = i < items ? i : rnd.nextInt(items);
            group[i] = item[i] % 7;
            x[i] = 1;
            x[n + i] = rnd.nextGaussian();
            for (int c = 2; c < p; c++) {
                x[c * n + i] = rnd.nextGaussian();
            }
            y[i] = 1 + 0.5 * x[n + i] + 0.3 * (user[i] % 5) + 0.2 * (item[i] % 3) * x[n + i] + rnd.nextGaussian();
            ones[i] = 1;
            slope[i] = 1;
            slope[n + i] = x[n + i];
        }
        PlsProblemBuilder b = new PlsProblemBuilder(y, x, p).addTerm("user", users, user, ones, 1);
        if (vector) {
            b.addTerm("item", items, item, slope, 2).addTerm("group", 7, group, ones, 1);
        } else {
            b.addTerm("item", items, item, ones, 1);
        }
        return b.build();
    }

    /** θ points: lme4's start, 0.7 × it, a random point, and the random point with a zero diagonal element. */
    private static List<double[]> thetas(PlsProblem problem, long seed) {
        Random rnd = new Random(seed);
        int m = problem.thetaLength();
        double[] start = new double[m];
        double[] scaled = new double[m];
        double[] random = new double[m];
        List<Integer> diagonals = new ArrayList<>();
        for (TermStructure t : problem.terms()) {
            for (int i = 0; i < t.thetaLength(); i++) {
                int at = t.thetaOffset() + i;
                boolean diag = t.isDiagonal(i);
                start[at] = diag ? 1 : 0;
                scaled[at] = 0.7 * start[at];
                random[at] = diag ? 0.2 + 1.5 * rnd.nextDouble() : rnd.nextGaussian() * 0.5;
                if (diag && t != problem.terms().get(0)) {
                    diagonals.add(at);
                }
            }
        }
        double[] singular = random.clone();
        singular[diagonals.get(rnd.nextInt(diagonals.size()))] = 0.0;
        return List.of(start, scaled, random, singular);
    }

    private static void assertAgreement(PlsProblem problem, long seed) {
        try (BlockedPlsEvaluator dense = new BlockedPlsEvaluator(problem, DenseKernelsProvider.best(),
                TrailingFactorization.DENSE);
             BlockedPlsEvaluator sparse = new BlockedPlsEvaluator(problem, DenseKernelsProvider.best(),
                     TrailingFactorization.SUPERNODAL)) {
            assertTrue(sparse.description().contains("sparse trailing block"), sparse.description());
            for (double[] theta : thetas(problem, seed)) {
                String at = java.util.Arrays.toString(theta);
                PlsFactorSummary d = new PlsFactorSummary();
                PlsFactorSummary s = new PlsFactorSummary();
                dense.factor(theta, d);
                sparse.factor(theta, s);
                assertRelative(d.logDetL, s.logDetL, CRITERION_TOLERANCE, "log|L|² at " + at);
                assertRelative(d.logDetRX, s.logDetRX, CRITERION_TOLERANCE, "log|RX|² at " + at);
                assertRelative(d.pwrss, s.pwrss, CRITERION_TOLERANCE, "pwrss at " + at);
                PlsSolution ds = dense.solve(true);
                PlsSolution ss = sparse.solve(true);
                assertClose(ds.beta(), ss.beta(), "beta at " + at);
                assertClose(ds.u(), ss.u(), "u at " + at);
                for (int k = 0; k < ds.condVarU().size(); k++) {
                    assertClose(ds.condVarU().get(k), ss.condVarU().get(k), "conditional variances of term " + k
                            + " at " + at);
                }
                SelectedInverse di = SelectedInverse.allocate(problem);
                SelectedInverse si = SelectedInverse.allocate(problem);
                assertTrue(dense.selectedInverse(di) && sparse.selectedInverse(si));
                assertClose(di.v, si.v, "V at " + at);
                for (int k = 0; k < di.diag.length; k++) {
                    assertClose(di.diag[k], si.diag[k], "selected inverse, diagonal blocks of term " + k + " at " + at);
                    for (int j = 0; j < k; j++) {
                        assertClose(di.off[k][j], si.off[k][j], "selected inverse, block (" + k + ", " + j + ") at " + at);
                    }
                }
            }
        }
    }

    private static void assertRelative(double expected, double actual, double tol, String what) {
        assertEquals(expected, actual, tol * Math.max(1.0, Math.abs(expected)), what);
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 1e-300;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], SOLUTION_TOLERANCE * scale, what + " [" + i + "]");
        }
    }
}
