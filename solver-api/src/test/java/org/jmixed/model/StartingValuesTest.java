package org.jmixed.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.jmixed.data.CrossedSimulator;
import org.jmixed.data.DataFrame;
import org.jmixed.data.Gaussians;
import org.jmixed.spi.PlsProblem;
import org.junit.jupiter.api.Test;

class StartingValuesTest {

    private static PlsProblem problem(DataFrame data, String formula) {
        return LinearMixedModel.plsProblem(ModelFrameBuilder.build(data, formula));
    }

    @Test
    void crossedGuessIsNearTheSimulatedRelativeStandardDeviations() {
        // Simulated with sd 0.5 (user), 0.8 (item), 1 (residual): θ = (0.5, 0.8) in term order.
        // Each term is guessed as if alone, so the other term's effects inflate it somewhat:
        // a guess within a factor 1.5 is what the optimizer needs.
        DataFrame data = CrossedSimulator.simulate(60_000, 2_000, 400, 3).toDataFrame();
        PlsProblem problem = problem(data, CrossedSimulator.FORMULA);
        double[] guess = StartingValues.moments(problem);
        assertNotNull(guess);
        assertEquals("user", problem.terms().get(0).groupName());
        assertWithinFactor(0.5, guess[0], 1.5);
        assertWithinFactor(0.8, guess[1], 1.5);
    }

    private static void assertWithinFactor(double expected, double actual, double factor) {
        assertTrue(actual > expected / factor && actual < expected * factor, actual + " vs " + expected);
    }

    @Test
    void slopeTermGivesACorrelatedFactor() {
        // y = 1 + 2x + a_g + b_g x + ε with sd(a) = 2, sd(b) = 1, cor(a, b) = 0.6, sd(ε) = 1.
        SplittableRandom rnd = new SplittableRandom(11);
        int groups = 300;
        int per = 20;
        double[] x = new double[groups * per];
        double[] y = new double[groups * per];
        String[] g = new String[groups * per];
        double[] z1 = Gaussians.draw(rnd, groups, 1.0);
        double[] z2 = Gaussians.draw(rnd, groups, 1.0);
        double[] eps = Gaussians.draw(rnd, groups * per, 1.0);
        for (int j = 0; j < groups; j++) {
            double a = 2 * z1[j];
            double b = 0.6 * z1[j] + 0.8 * z2[j];
            for (int r = 0; r < per; r++) {
                int i = j * per + r;
                x[i] = r / (double) per;
                g[i] = "g" + j;
                y[i] = 1 + 2 * x[i] + a + b * x[i] * 1.0 + eps[i];
            }
        }
        DataFrame data = DataFrame.builder().numeric("y", y).numeric("x", x).categorical("g", g).build();
        double[] guess = StartingValues.moments(problem(data, "y ~ x + (x | g)"));
        assertNotNull(guess);
        // Λ = chol(Σ_b / σ²) = [[2, 0], [0.6, 0.8]].
        assertEquals(2.0, guess[0], 0.4);
        assertEquals(0.6, guess[1], 0.4);
        assertEquals(0.8, guess[2], 0.4);
    }

    @Test
    void diagonalStaysInsideItsBoundsWhenTheDataShowNoGroupVariance() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 400;
        double[] y = Gaussians.draw(rnd, n, 1.0);
        String[] g = new String[n];
        for (int i = 0; i < n; i++) {
            g[i] = "g" + (i % 40);
        }
        DataFrame data = DataFrame.builder().numeric("y", y).categorical("g", g).build();
        double[] guess = StartingValues.moments(problem(data, "y ~ 1 + (1 | g)"));
        assertNotNull(guess);
        assertTrue(guess[0] >= StartingValues.MIN_DIAGONAL && guess[0] < 0.5, "theta " + guess[0]);
    }

    @Test
    void noGuessWhenFewerThanTwoLevelsCanBeSolved() {
        // x is constant within each level: Z_l'Z_l of the slope term is singular everywhere.
        double[] y = {1, 2, 3, 4, 5, 6, 7};
        double[] x = {0, 0, 1, 1, 2, 2, 2};
        String[] g = {"a", "a", "b", "b", "c", "c", "c"};
        DataFrame data = DataFrame.builder().numeric("y", y).numeric("x", x).categorical("g", g).build();
        assertNull(StartingValues.moments(problem(data, "y ~ 1 + (x | g)")));
    }
}
