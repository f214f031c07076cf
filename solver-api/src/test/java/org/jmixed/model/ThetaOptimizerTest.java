package org.jmixed.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

class ThetaOptimizerTest {
    private static final boolean[] DIAGONAL = {true, false, true};
    private static final double[] OPTIMUM = {0.3, -0.2, 0.05};

    /** A smooth bowl with its minimum at OPTIMUM, recording every point evaluated. */
    private static ToDoubleFunction<double[]> bowl(List<double[]> seen) {
        return t -> {
            seen.add(t.clone());
            double s = 0;
            for (int i = 0; i < t.length; i++) {
                double d = t[i] - OPTIMUM[i];
                s += (i + 1) * d * d + d * d * d * d;
            }
            return 100 + s;
        };
    }

    @Test
    void goodGuessSavesEvaluationsAndReachesTheSameOptimum() {
        List<double[]> fromLme4 = new ArrayList<>();
        ThetaOptimizer.Result plain = new ThetaOptimizer(bowl(fromLme4), DIAGONAL, 10_000).minimize();
        List<double[]> fromGuess = new ArrayList<>();
        ThetaOptimizer.Result guided = new ThetaOptimizer(bowl(fromGuess), DIAGONAL, 10_000)
                .minimize(() -> new double[] {0.32, -0.15, 0.08});
        assertArrayEquals(OPTIMUM, plain.theta(), 1e-5);
        assertArrayEquals(OPTIMUM, guided.theta(), 1e-5);
        assertTrue(guided.evaluations() < plain.evaluations(),
                guided.evaluations() + " evaluations from the guess vs " + plain.evaluations());
        // Every evaluation is counted once: the chosen start is not paid for twice.
        assertEquals(fromGuess.size(), guided.evaluations());
        assertFalse(guided.hitEvaluationLimit());
    }

    @Test
    void worseGuessIsDroppedForLme4sStart() {
        List<double[]> seen = new ArrayList<>();
        ThetaOptimizer.Result r = new ThetaOptimizer(bowl(seen), DIAGONAL, 10_000)
                .minimize(() -> new double[] {9, 9, 9});
        assertArrayEquals(new double[] {1, 0, 1}, seen.get(0), 0.0);
        assertArrayEquals(new double[] {9, 9, 9}, seen.get(1), 0.0);
        // BOBYQA's first trust region is lme4's: its first new point lies 0.5 from (1, 0, 1).
        double[] third = seen.get(2);
        double moved = 0;
        for (int i = 0; i < 3; i++) {
            moved = Math.max(moved, Math.abs(third[i] - new double[] {1, 0, 1}[i]));
        }
        assertEquals(ThetaOptimizer.INITIAL_RADIUS, moved, 1e-12);
        assertArrayEquals(OPTIMUM, r.theta(), 1e-5);
    }

    @Test
    void infeasibleGuessIsIgnored() {
        List<double[]> seen = new ArrayList<>();
        ThetaOptimizer.Result r = new ThetaOptimizer(bowl(seen), DIAGONAL, 10_000)
                .minimize(() -> new double[] {-1, 0, 0.1});
        for (double[] t : seen) {
            assertTrue(t[0] >= 0, "evaluated outside the bounds");
        }
        assertArrayEquals(OPTIMUM, r.theta(), 1e-5);
    }

    @Test
    void evaluationCapHoldsWithAGuess() {
        for (int cap : new int[] {1, 3, 9, 12}) {
            List<double[]> seen = new ArrayList<>();
            ThetaOptimizer.Result r = new ThetaOptimizer(bowl(seen), DIAGONAL, cap)
                    .minimize(() -> new double[] {0.32, -0.15, 0.08});
            assertTrue(seen.size() <= cap, seen.size() + " evaluations under a cap of " + cap);
            assertTrue(r.hitEvaluationLimit());
        }
    }
}
