package org.jmixed.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jmixed.JmixedException;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsSolution;
import org.junit.jupiter.api.Test;

/** The choice between the gradient search and BOBYQA. */
class GradientFitTest {

    /** An evaluator that only says whether it has a selected inverse. */
    static PlsEvaluator evaluator(boolean selectedInverse) {
        return new PlsEvaluator() {
            @Override
            public void factor(double[] theta, PlsFactorSummary out) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PlsSolution solve(boolean conditionalVariances) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean hasSelectedInverse() {
                return selectedInverse;
            }

            @Override
            public String description() {
                return "test";
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void autoUsesTheGradientForOneTermOnly() {
        String saved = System.getProperty(GradientFit.PROPERTY);
        try {
            System.clearProperty(GradientFit.PROPERTY);
            assertTrue(GradientFit.applies(evaluator(true), 1, 1));
            assertTrue(GradientFit.applies(evaluator(true), 3, 1));
            assertFalse(GradientFit.applies(evaluator(true), 2, 2));
            assertFalse(GradientFit.applies(evaluator(true), 3, 3));
            assertFalse(GradientFit.applies(evaluator(false), 3, 1));
            assertFalse(GradientFit.applies(evaluator(true), 0, 0));
            System.setProperty(GradientFit.PROPERTY, "gradient");
            assertTrue(GradientFit.applies(evaluator(true), 2, 2));
            assertFalse(GradientFit.applies(evaluator(false), 2, 2));
            System.setProperty(GradientFit.PROPERTY, "bobyqa");
            assertFalse(GradientFit.applies(evaluator(true), 1, 1));
            System.setProperty(GradientFit.PROPERTY, "newton");
            assertThrows(JmixedException.class, () -> GradientFit.applies(evaluator(true), 1, 1));
        } finally {
            if (saved == null) {
                System.clearProperty(GradientFit.PROPERTY);
            } else {
                System.setProperty(GradientFit.PROPERTY, saved);
            }
        }
    }
}
