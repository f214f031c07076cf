package org.jmixed.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

/** The early stop of BOBYQA once a stage of rho no longer lowers f by a meaningful share of it. */
class BobyqaSettledStopTest {
    /** A deviance-like objective: a large constant plus a curved, correlated quadratic in 3 variables. */
    private static final double LEVEL = 2.5e5;
    private static final double[] MINIMUM = {0.28, 0.44, 0.07};
    private static final ToDoubleFunction<double[]> DEVIANCE = x -> {
        double a = x[0] - MINIMUM[0];
        double b = x[1] - MINIMUM[1];
        double c = x[2] - MINIMUM[2];
        return LEVEL + 4e4 * a * a + 2e4 * b * b + 3e3 * c * c + 1e4 * a * b;
    };
    private static final double[] START = {0.3, 0.4, 0.1};
    private static final double[] LOWER = {0, 0, 0};
    private static final double[] UPPER = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};

    private static Bobyqa.Result run(double settledRadius, double settledDecrease) {
        return new Bobyqa(3).minimize(DEVIANCE, START, LOWER, UPPER, 0.03, 1e-8, 1000,
                new Bobyqa.SettledStop(settledRadius, 1, settledDecrease));
    }

    @Test
    void stopsEarlierAtTheSameOptimumToTheResolutionAsked() {
        Bobyqa.Result full = run(0, 0);
        Bobyqa.Result settled = run(1e-4, 1e-12);
        assertTrue(settled.evaluations() < full.evaluations(),
                settled.evaluations() + " evaluations, to the stopping radius " + full.evaluations());
        // A stage that lowered f by at most 1e-12 · f means f is within about that of its minimum,
        // and x within √(2 · 1e-12 · f / curvature) of the optimum (smallest curvature 2 · 3e3 here).
        assertEquals(LEVEL, settled.value(), 1e-11 * LEVEL);
        double resolution = Math.sqrt(2 * 1e-12 * LEVEL / 6e3) * 10;
        assertArrayEquals(MINIMUM, settled.x(), resolution);
    }

    @Test
    void noSettledRadiusIsThePlainSearch() {
        Bobyqa.Result plain = new Bobyqa(3).minimize(DEVIANCE, START, LOWER, UPPER, 0.03, 1e-8, 1000);
        Bobyqa.Result zero = run(0, 0);
        assertEquals(plain.evaluations(), zero.evaluations());
        assertArrayEquals(plain.x(), zero.x(), 0.0);
    }

    @Test
    void aDecreaseAboveTheThresholdKeepsTheSearchGoing() {
        // On a function of scale 1 a stage's decrease is never below 1e-12 relative before x is
        // resolved far below the settled radius: the search runs to the end as without the rule.
        ToDoubleFunction<double[]> unitScale = x -> 1 + (x[0] - 0.3) * (x[0] - 0.3) + 2 * (x[1] - 0.2) * (x[1] - 0.2)
                + 0.5 * (x[2] - 0.1) * (x[2] - 0.1);
        Bobyqa.Result settled = new Bobyqa(3).minimize(unitScale, START, LOWER, UPPER, 0.03, 1e-6, 1000,
                new Bobyqa.SettledStop(1e-4, 1, 1e-12));
        assertArrayEquals(new double[] {0.3, 0.2, 0.1}, settled.x(), 1e-5);
    }
}
