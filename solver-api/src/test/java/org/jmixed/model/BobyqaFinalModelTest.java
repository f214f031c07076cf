package org.jmixed.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

/** BOBYQA's final quadratic model and the convergence check's use of it (issue 14). */
class BobyqaFinalModelTest {
    /** A quartic with a known minimum at (1, −2, 0.5): gradient 0 there, Hessian diag(4, 2, 6). */
    private static final ToDoubleFunction<double[]> F = x -> {
        double a = x[0] - 1;
        double b = x[1] + 2;
        double c = x[2] - 0.5;
        return 2 * a * a + b * b + 3 * c * c + a * b * 0.5 + a * a * a * a;
    };
    private static final double[] LOWER = {-10, -10, -10};
    private static final double[] UPPER = {10, 10, 10};

    @Test
    void theFinalModelInterpolatesAroundTheOptimum() {
        Bobyqa bobyqa = new Bobyqa(3);
        Bobyqa.Result r = bobyqa.minimize(F, new double[] {0, 0, 0}, LOWER, UPPER, 0.5, 1e-7, 2000);
        Bobyqa.Model model = bobyqa.finalModel();
        assertNotNull(model);
        assertEquals(7, model.values().length);
        for (int k = 0; k < 7; k++) {
            double[] p = {model.points()[k], model.points()[k + 7], model.points()[k + 14]};
            assertEquals(F.applyAsDouble(p), model.values()[k], 1e-12, "interpolated value " + k);
        }
        // the centre is the model's lowest point; a last short step outside the model may be lower still
        assertTrue(model.centerValue() >= r.value());
        ModelGradientEstimate e = ModelGradientEstimate.at(model, r.x(), r.value());
        assertTrue(Double.isFinite(e.errorBound), "points close enough for a bound");
        // the exact gradient at the optimum found, within the stated bound
        double[] exact = {4 * (r.x()[0] - 1) + 0.5 * (r.x()[1] + 2) + 4 * Math.pow(r.x()[0] - 1, 3),
            2 * (r.x()[1] + 2) + 0.5 * (r.x()[0] - 1), 6 * (r.x()[2] - 0.5)};
        double distance = 0;
        for (int i = 0; i < 3; i++) {
            distance += (exact[i] - e.gradient[i]) * (exact[i] - e.gradient[i]);
        }
        assertTrue(Math.sqrt(distance) <= e.errorBound, Math.sqrt(distance) + " > bound " + e.errorBound);
        // every component settled by the model: the check costs nothing, and passes
        int[] calls = new int[1];
        ConvergenceCheck.Outcome outcome = ConvergenceCheck.check(x -> {
            calls[0]++;
            return F.applyAsDouble(x);
        }, r.x(), r.value(), new boolean[3], model);
        assertEquals(List.of(), outcome.problems());
        assertEquals(0, outcome.evaluations());
        assertEquals(0, calls[0]);
        assertEquals(3, outcome.modelComponents());
    }

    @Test
    void noModelWhenTheEvaluationLimitEndsTheRun() {
        Bobyqa bobyqa = new Bobyqa(3);
        Bobyqa.Result r = bobyqa.minimize(F, new double[] {0, 0, 0}, LOWER, UPPER, 0.5, 1e-7, 12);
        assertTrue(r.hitEvaluationLimit());
        assertNull(bobyqa.finalModel());
    }

    @Test
    void farFromTheModelPointsTheCheckFallsBackToFiniteDifferences() {
        Bobyqa bobyqa = new Bobyqa(3);
        bobyqa.minimize(F, new double[] {0, 0, 0}, LOWER, UPPER, 0.5, 1e-7, 2000);
        double[] away = {1.5, -2, 0.5};
        ConvergenceCheck.Outcome outcome = ConvergenceCheck.check(F, away, F.applyAsDouble(away), new boolean[3],
                bobyqa.finalModel());
        assertEquals(6, outcome.evaluations());
        assertEquals(1, outcome.problems().size());
        assertEquals(ConvergenceCheck.check(F, away, F.applyAsDouble(away), new boolean[3]), outcome.problems());
    }
}
