package org.jmixed.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BobyqaTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    /** The extended Rosenbrock function: Σ 100 (x_{i+1} − x_i²)² + (1 − x_i)², minimum 0 at all ones. */
    private static double rosenbrock(double[] x) {
        double sum = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            sum += 100 * a * a + b * b;
        }
        return sum;
    }

    /** The classical start (−1.2, 1, −1.2, 1, …). */
    private static double[] rosenbrockStart(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        return x;
    }

    private static double[] filled(int n, double v) {
        double[] x = new double[n];
        Arrays.fill(x, v);
        return x;
    }

    /** Records every point f is evaluated at. */
    private static ToDoubleFunction<double[]> recording(ToDoubleFunction<double[]> f, List<double[]> seen) {
        return x -> {
            seen.add(x.clone());
            return f.applyAsDouble(x);
        };
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {2, 3, 4, 5})
    void rosenbrockWithoutBounds(int n) {
        Bobyqa.Result r = new Bobyqa(n).minimize(BobyqaTest::rosenbrock, rosenbrockStart(n), filled(n, -INF),
                filled(n, INF), 0.5, 1e-8, 5000);
        assertFalse(r.hitEvaluationLimit());
        assertArrayEquals(filled(n, 1.0), r.x(), 1e-5);
        assertTrue(r.value() < 1e-10, "f = " + r.value());
        assertEquals(rosenbrock(r.x()), r.value(), 0.0);
    }

    /**
     * Bounds that exclude the unconstrained minimum: x_0 ≤ 0.5 and x_i ≥ −0.5 elsewhere. The
     * result must satisfy the first-order conditions: zero (central-difference) gradient in the
     * free variables, a gradient pushing outwards in the variables held at a bound.
     */
    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {2, 3, 4, 5})
    void rosenbrockWithActiveBounds(int n) {
        double[] lo = filled(n, -0.5);
        double[] hi = filled(n, INF);
        lo[0] = -INF;
        hi[0] = 0.5;
        List<double[]> seen = new ArrayList<>();
        Bobyqa.Result r = new Bobyqa(n).minimize(recording(BobyqaTest::rosenbrock, seen), filled(n, 0.0), lo, hi,
                0.2, 1e-9, 5000);
        assertFalse(r.hitEvaluationLimit());
        assertEquals(0.5, r.x()[0], 0.0, "the first variable ends exactly on its bound");
        if (n == 2) {
            // On the bound, x_1 = x_0² is best: f = (1 − 0.5)².
            assertEquals(0.25, r.x()[1], 1e-6);
            assertEquals(0.25, r.value(), 1e-10);
        }
        double[] g = gradient(BobyqaTest::rosenbrock, r.x());
        assertTrue(g[0] < -0.1, "the bound on x_0 is active: df/dx_0 = " + g[0]);
        for (int i = 1; i < n; i++) {
            if (r.x()[i] > lo[i]) {
                assertEquals(0, g[i], 1e-4, "gradient of free variable " + i);
            } else {
                assertTrue(g[i] >= -1e-4, "held at its lower bound with df/dx = " + g[i]);
            }
        }
        for (double[] x : seen) {
            for (int i = 0; i < n; i++) {
                assertTrue(x[i] >= lo[i] && x[i] <= hi[i], "evaluated outside the bounds: " + Arrays.toString(x));
            }
        }
    }

    @Test
    void quadraticWithItsMinimumOnABound() {
        // Unconstrained minimum at (−1, 2, 0.5); x_0 ≥ 0 makes (0, 2, 0.5) the answer.
        double[] centre = {-1, 2, 0.5};
        ToDoubleFunction<double[]> q = x -> {
            double sum = 0;
            for (int i = 0; i < 3; i++) {
                double t = x[i] - centre[i];
                sum += (i + 1) * t * t;
            }
            return sum + 0.3 * (x[0] - centre[0]) * (x[1] - centre[1]);
        };
        List<double[]> seen = new ArrayList<>();
        Bobyqa.Result r = new Bobyqa(3).minimize(recording(q, seen), new double[] {1, 1, 1},
                new double[] {0, -INF, -INF}, filled(3, INF), 0.5, 1e-8, 1000);
        assertEquals(0.0, r.x()[0], 0.0);
        // At x_0 = 0: d/dx_1 = 4 (x_1 − 2) + 0.3 = 0.
        assertArrayEquals(new double[] {0, 2 - 0.3 / 4, 0.5}, r.x(), 1e-6);
        for (double[] x : seen) {
            assertTrue(x[0] >= 0, "evaluated below the bound: " + Arrays.toString(x));
        }
    }

    @Test
    void startOnABoundStaysFeasible() {
        List<double[]> seen = new ArrayList<>();
        Bobyqa.Result r = new Bobyqa(2).minimize(recording(x -> (x[0] - 3) * (x[0] - 3) + (x[1] + 1) * (x[1] + 1), seen),
                new double[] {0, 0}, new double[] {0, 0}, new double[] {2, INF}, 0.5, 1e-8, 1000);
        assertArrayEquals(new double[] {2, 0}, r.x(), 0.0);
        for (double[] x : seen) {
            assertTrue(x[0] >= 0 && x[0] <= 2 && x[1] >= 0, Arrays.toString(x));
        }
    }

    @Test
    void deterministicAndReusable() {
        Bobyqa one = new Bobyqa(4);
        List<double[]> first = new ArrayList<>();
        List<double[]> second = new ArrayList<>();
        List<double[]> fresh = new ArrayList<>();
        double[] lo = {-INF, 0, -INF, 0};
        double[] hi = filled(4, INF);
        Bobyqa.Result a = one.minimize(recording(BobyqaTest::rosenbrock, first), rosenbrockStart(4), lo, hi, 0.3, 1e-7, 3000);
        // Another problem in between must leave nothing behind.
        one.minimize(x -> x[0] * x[0] + x[1] * x[1] + x[2] * x[2] + x[3] * x[3], filled(4, 2), filled(4, -INF), hi,
                0.5, 1e-6, 300);
        Bobyqa.Result b = one.minimize(recording(BobyqaTest::rosenbrock, second), rosenbrockStart(4), lo, hi, 0.3, 1e-7, 3000);
        Bobyqa.Result c = new Bobyqa(4).minimize(recording(BobyqaTest::rosenbrock, fresh), rosenbrockStart(4), lo, hi, 0.3,
                1e-7, 3000);
        assertEquals(first.size(), second.size());
        assertEquals(first.size(), fresh.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), second.get(i), 0.0);
            assertArrayEquals(first.get(i), fresh.get(i), 0.0);
        }
        assertArrayEquals(a.x(), b.x(), 0.0);
        assertArrayEquals(a.x(), c.x(), 0.0);
        assertEquals(a.value(), c.value(), 0.0);
        assertEquals(a.evaluations(), first.size());
    }

    @Test
    void evaluationLimitIsHonoured() {
        for (int cap : new int[] {1, 4, 7, 20, 60}) {
            List<double[]> seen = new ArrayList<>();
            Bobyqa.Result r = new Bobyqa(3).minimize(recording(BobyqaTest::rosenbrock, seen), rosenbrockStart(3),
                    filled(3, -INF), filled(3, INF), 0.5, 1e-8, cap);
            assertEquals(cap, seen.size(), "evaluations under a cap of " + cap);
            assertEquals(cap, r.evaluations());
            assertTrue(r.hitEvaluationLimit());
            // The best point seen is returned.
            double best = seen.stream().mapToDouble(BobyqaTest::rosenbrock).min().orElseThrow();
            assertEquals(best, r.value(), 0.0);
            assertEquals(best, rosenbrock(r.x()), 0.0);
        }
    }

    @Test
    void firstEvaluationIsTheStart() {
        List<double[]> seen = new ArrayList<>();
        double[] start = {0.3, -0.7};
        new Bobyqa(2).minimize(recording(BobyqaTest::rosenbrock, seen), start, filled(2, -INF), filled(2, INF), 0.1,
                1e-6, 100);
        assertArrayEquals(start, seen.get(0), 0.0);
        // Then the 2n other initial points, rhoBegin along each axis.
        assertArrayEquals(new double[] {0.4, -0.7}, seen.get(1), 1e-15);
        assertArrayEquals(new double[] {0.3, -0.6}, seen.get(2), 1e-15);
    }

    @Test
    void rejectsBadArguments() {
        Bobyqa b = new Bobyqa(2);
        assertThrows(IllegalArgumentException.class, () -> b.minimize(BobyqaTest::rosenbrock, new double[3],
                filled(3, -INF), filled(3, INF), 0.5, 1e-6, 100));
        assertThrows(IllegalArgumentException.class, () -> b.minimize(BobyqaTest::rosenbrock, new double[2],
                new double[] {0, 0}, new double[] {0.5, 1}, 0.5, 1e-6, 100));
        assertThrows(IllegalArgumentException.class, () -> b.minimize(BobyqaTest::rosenbrock, new double[2],
                filled(2, -INF), filled(2, INF), 1e-6, 0.5, 100));
        assertThrows(IllegalArgumentException.class, () -> new Bobyqa(0));
    }

    private static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] g = new double[x.length];
        double h = 1e-6;
        for (int i = 0; i < x.length; i++) {
            double[] p = x.clone();
            double[] m = x.clone();
            p[i] += h;
            m[i] -= h;
            g[i] = (f.applyAsDouble(p) - f.applyAsDouble(m)) / (2 * h);
        }
        return g;
    }
}
