package org.jmixed.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jmixed.JmixedException;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.junit.jupiter.api.Test;

/**
 * Data whose cross-products overflow, and an objective that is never a number, end in a one-line
 * {@link JmixedException}, not in a NullPointerException from the optimizer (found by feeding
 * {@code jmixed fit} a covariate of 1e300: every evaluation was NaN).
 */
class NonFiniteModelTest {
    @Test
    void overflowingCrossProductsAreRefusedBeforeFitting() {
        StringBuilder csv = new StringBuilder("y,x,g\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 7).append(".5,").append(i % 3 + 1).append("e300,\"g").append(i % 5).append("\"\n");
        }
        DataFrame data = CsvReader.parse(csv.toString(), "big.csv");
        JmixedException random = assertThrows(JmixedException.class, () -> LinearMixedModel.prepare(data, "y ~ 1 + (x | g)"));
        assertTrue(random.getMessage().contains("term for 'g'") && random.getMessage().contains("rescale"),
                random.getMessage());
        JmixedException fixed = assertThrows(JmixedException.class, () -> LinearMixedModel.prepare(data, "x ~ 1 + (1 | g)"));
        assertTrue(fixed.getMessage().contains("fixed-effects and response columns"), fixed.getMessage());
    }

    @Test
    void anObjectiveThatIsNeverANumberIsAClearError() {
        for (boolean[] diagonal : new boolean[][] {{true}, {true, false, true}}) {
            ThetaOptimizer opt = new ThetaOptimizer(theta -> Double.NaN, diagonal, 200);
            JmixedException e = assertThrows(JmixedException.class, opt::minimize);
            assertTrue(e.getMessage().startsWith("the REML/ML criterion is not a number"), e.getMessage());
        }
    }
}
