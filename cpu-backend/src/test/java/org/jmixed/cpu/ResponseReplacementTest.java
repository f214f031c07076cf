package org.jmixed.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;

import org.jmixed.cpu.blocked.BlockedPlsEvaluator;
import org.jmixed.cpu.dense.DenseKernelsProvider;
import org.jmixed.cpu.sparse.SparsePlsEvaluator;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsProblemBuilder;
import org.jmixed.spi.PlsSolution;
import org.junit.jupiter.api.Test;

/**
 * PlsProblem.withResponse and PlsEvaluator.replaceResponse: the new problem's cross-products are
 * those a builder computes from scratch with the new y, and an evaluator re-pointed at it factors
 * exactly as one opened on it.
 */
class ResponseReplacementTest {
    /** Crossed (two terms, one of width 2) with two fixed-effects columns. */
    private static PlsProblem problem(double[] y, double[] x, int[] g1, int[] g2, double[] z1, double[] z2) {
        return new PlsProblemBuilder(y, x, 2).addTerm("a", 7, g1, z1, 2).addTerm("b", 4, g2, z2, 1).build();
    }

    private final int n = 60;
    private final Random rnd = new Random(11);
    private final double[] x = new double[n * 2];
    private final int[] g1 = new int[n];
    private final int[] g2 = new int[n];
    private final double[] z1 = new double[n * 2];
    private final double[] z2 = new double[n];
    private final double[] y1 = new double[n];
    private final double[] y2 = new double[n];

    ResponseReplacementTest() {
        for (int i = 0; i < n; i++) {
            x[i] = 1;
            x[i + n] = rnd.nextGaussian();
            g1[i] = i % 7;
            g2[i] = (i / 3) % 4;
            z1[i] = 1;
            z1[i + n] = rnd.nextGaussian();
            z2[i] = 1;
            y1[i] = rnd.nextGaussian() + g1[i];
            y2[i] = 3 * rnd.nextGaussian() - g2[i];
        }
    }

    @Test
    void crossProductsOfTheNewResponseAreTheBuildersOwn() {
        PlsProblem first = problem(y1, x, g1, g2, z1, z2);
        PlsProblem swapped = first.withResponse(y2);
        PlsProblem fresh = problem(y2, x, g1, g2, z1, z2);
        assertArrayEquals(fresh.cross().xyTxy(), swapped.cross().xyTxy(), 0.0);
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(fresh.cross().zTxy(k), swapped.cross().zTxy(k), 0.0);
            assertSame(first.cross().zTz(k), swapped.cross().zTz(k));
        }
        assertTrue(swapped.cross().sharesDesignWith(first.cross()));
        assertFalse(fresh.cross().sharesDesignWith(first.cross()));
        assertSame(y2, swapped.y());
    }

    @Test
    void blockedEvaluatorFollowsTheNewResponse() {
        check(p -> new BlockedPlsEvaluator(p, DenseKernelsProvider.best()));
    }

    @Test
    void sparseEvaluatorFollowsTheNewResponse() {
        check(SparsePlsEvaluator::new);
    }

    private void check(Function<PlsProblem, PlsEvaluator> open) {
        PlsProblem first = problem(y1, x, g1, g2, z1, z2);
        PlsProblem second = first.withResponse(y2);
        double[] theta = {0.8, 0.3, 0.5, 1.2};
        try (PlsEvaluator reused = open.apply(first); PlsEvaluator fresh = open.apply(second)) {
            PlsFactorSummary a = new PlsFactorSummary();
            reused.factor(theta, a);
            assertTrue(reused.replaceResponse(second));
            reused.factor(theta, a);
            PlsFactorSummary b = new PlsFactorSummary();
            fresh.factor(theta, b);
            assertEquals(b.logDetL, a.logDetL, 0.0);
            assertEquals(b.logDetRX, a.logDetRX, 0.0);
            assertEquals(b.pwrss, a.pwrss, 0.0);
            PlsSolution sa = reused.solve(false);
            PlsSolution sb = fresh.solve(false);
            assertArrayEquals(sb.beta(), sa.beta(), 0.0);
            assertArrayEquals(sb.u(), sa.u(), 0.0);
            // A problem of another design is refused, and the evaluator keeps its response.
            PlsProblem other = problem(y1, x, g1, g2, z1, z2);
            assertFalse(reused.replaceResponse(other));
            reused.factor(theta, a);
            assertEquals(b.pwrss, a.pwrss, 0.0);
        }
    }
}
