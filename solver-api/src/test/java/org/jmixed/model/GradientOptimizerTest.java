package org.jmixed.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** The projected quasi-Newton optimizer on functions whose minimum is known. */
class GradientOptimizerTest {

    /** f and ∇f from one function returning {f, g...}. */
    static GradientOptimizer.Objective objective(Function<double[], double[]> fg) {
        return new GradientOptimizer.Objective() {
            private double[] last;

            @Override
            public double value(double[] theta) {
                last = fg.apply(theta.clone());
                return last[0];
            }

            @Override
            public void gradient(double[] theta, double[] out) {
                System.arraycopy(last, 1, out, 0, out.length);
            }
        };
    }

    @Test
    void interiorQuadraticMinimum() {
        // (a − 0.3)² + 10 (b + 2)² + (a − 0.3)(b + 2), minimum at (0.3, −2); a bounded below by 0.
        GradientOptimizer opt = new GradientOptimizer(objective(t -> {
            double a = t[0] - 0.3;
            double b = t[1] + 2;
            return new double[] {a * a + 10 * b * b + a * b, 2 * a + b, 20 * b + a};
        }), new boolean[] {true, false}, 1000, null);
        ThetaOptimizer.Result r = opt.minimize(null);
        assertEquals(0.3, r.theta()[0], 1e-6);
        assertEquals(-2.0, r.theta()[1], 1e-6);
        assertTrue(opt.convergenceProblems().isEmpty(), opt.convergenceProblems().toString());
        assertTrue(r.evaluations() < 30, "evaluations " + r.evaluations());
    }

    @Test
    void minimumOnTheBoundIsReachedExactly() {
        // (a + 1)² + (b − 2)²: the unconstrained minimum has a = −1; with a ≥ 0 it is (0, 2).
        GradientOptimizer opt = new GradientOptimizer(objective(t -> new double[] {
            (t[0] + 1) * (t[0] + 1) + (t[1] - 2) * (t[1] - 2), 2 * (t[0] + 1), 2 * (t[1] - 2)}),
                new boolean[] {true, true}, 1000, null);
        ThetaOptimizer.Result r = opt.minimize(null);
        assertEquals(0.0, r.theta()[0], 0.0);
        assertEquals(2.0, r.theta()[1], 1e-6);
        assertTrue(opt.convergenceProblems().isEmpty(), opt.convergenceProblems().toString());
    }

    @Test
    void leavesAStationaryPointOnTheBound() {
        // t⁴ − 2t²: even, so its derivative vanishes at the bound t = 0, a local maximum; minimum at t = 1.
        GradientOptimizer opt = new GradientOptimizer(objective(t -> new double[] {
            Math.pow(t[0], 4) - 2 * t[0] * t[0], 4 * Math.pow(t[0], 3) - 4 * t[0]}),
                new boolean[] {true}, 1000, null);
        ThetaOptimizer.Result r = opt.minimizeFrom(new double[] {0.0});
        assertEquals(1.0, r.theta()[0], 1e-6);
        assertEquals(-1.0, r.value(), 1e-12);
    }

    static double[] rosenbrock(double[] t) {
        double a = t[0];
        double b = t[1];
        return new double[] {(1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a), -2 * (1 - a) - 400 * a * (b - a * a),
            200 * (b - a * a)};
    }

    @Test
    void rosenbrockUnbounded() {
        GradientOptimizer opt = new GradientOptimizer(objective(GradientOptimizerTest::rosenbrock), new boolean[] {false, false}, 5000, null);
        ThetaOptimizer.Result r = opt.minimizeFrom(new double[] {-1.2, 1.0});
        assertEquals(1.0, r.theta()[0], 1e-5);
        assertEquals(1.0, r.theta()[1], 1e-5);
    }

    @Test
    void stopsAtTheEvaluationLimit() {
        GradientOptimizer opt = new GradientOptimizer(objective(GradientOptimizerTest::rosenbrock), new boolean[] {false, false}, 5, null);
        ThetaOptimizer.Result r = opt.minimizeFrom(new double[] {-1.2, 1.0});
        assertTrue(r.hitEvaluationLimit());
        assertTrue(r.evaluations() <= 5, "evaluations " + r.evaluations());
    }
}
