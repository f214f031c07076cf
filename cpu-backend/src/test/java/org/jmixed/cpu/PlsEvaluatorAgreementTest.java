package org.jmixed.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsProblemBuilder;
import org.jmixed.spi.PlsSolution;
import org.jmixed.spi.TermStructure;
import org.junit.jupiter.api.Test;

/**
 * An evaluator against the dense reference on small random problems of every shape; each
 * factorization (sparse, blocked) runs the same cases through a subclass.
 */
public abstract class PlsEvaluatorAgreementTest {
    private static final double TOL = 1e-10;

    /** A term to generate: number of levels, width, and the level of each observation. */
    private record TermSpec(String name, int levels, int width, int[] levelOf) {
    }

    private static PlsProblem problem(Random rnd, int n, int p, List<TermSpec> specs) {
        double[] y = new double[n];
        double[] x = new double[n * p];
        for (int i = 0; i < n; i++) {
            x[i] = 1.0;
            for (int c = 1; c < p; c++) {
                x[i + c * n] = rnd.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            y[i] = 2.0 + (p > 1 ? 0.5 * x[i + n] : 0) + rnd.nextGaussian();
        }
        PlsProblemBuilder b = new PlsProblemBuilder(y, x, p);
        for (TermSpec s : specs) {
            double[] cols = new double[n * s.width()];
            double[] levelEffect = new double[s.levels()];
            for (int l = 0; l < s.levels(); l++) {
                levelEffect[l] = rnd.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                cols[i] = 1.0;
                for (int c = 1; c < s.width(); c++) {
                    cols[i + c * n] = rnd.nextGaussian();
                }
                y[i] += levelEffect[s.levelOf()[i]];
            }
            b.addTerm(s.name(), s.levels(), s.levelOf(), cols, s.width());
        }
        return b.build();
    }

    private static int[] randomLevels(Random rnd, int n, int levels) {
        int[] lev = new int[n];
        for (int i = 0; i < n; i++) {
            // Every level observed at least once.
            lev[i] = i < levels ? i : rnd.nextInt(levels);
        }
        return lev;
    }

    /** Random θ: diagonals positive or exactly zero, off-diagonals of either sign. */
    static double[] randomTheta(Random rnd, PlsProblem pr, boolean zeros) {
        double[] theta = new double[pr.thetaLength()];
        for (TermStructure t : pr.terms()) {
            for (int i = 0; i < t.thetaLength(); i++) {
                boolean diag = t.isDiagonal(i);
                double v = diag ? 0.1 + 2 * rnd.nextDouble() : rnd.nextGaussian();
                if (zeros && diag && rnd.nextInt(3) == 0) {
                    v = 0.0;
                }
                if (!diag && rnd.nextBoolean()) {
                    v = -Math.abs(v);
                }
                theta[t.thetaOffset() + i] = v;
            }
        }
        return theta;
    }

    private static void assertClose(double expected, double actual, String what) {
        double scale = Math.max(1.0, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= TOL * scale,
                what + ": expected " + expected + " got " + actual);
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertClose(expected, actual, TOL, what);
    }

    /** Each entry within {@code tol} times the largest of 1 and the expected values' magnitudes. */
    public static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double scale = 1.0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol * scale,
                    what + "[" + i + "]: expected " + expected[i] + " got " + actual[i]);
        }
    }

    /** The evaluator under test. */
    protected abstract PlsEvaluator open(PlsProblem problem);

    private static void check(PlsProblem pr, PlsEvaluator ev, double[] theta) {
        PlsFactorSummary s = new PlsFactorSummary();
        ev.factor(theta, s);
        DensePlsReference ref = new DensePlsReference(pr, theta);
        assertClose(ref.logDetL, s.logDetL, "logDetL");
        assertClose(ref.logDetRX, s.logDetRX, "logDetRX");
        assertClose(ref.pwrss, s.pwrss, "pwrss");
        PlsSolution sol = ev.solve(true);
        assertClose(ref.beta, sol.beta(), "beta");
        assertClose(ref.u, sol.u(), "u");
        assertClose(ref.unscaledVcovBeta, sol.unscaledVcovBeta(), "vcov");
        for (int k = 0; k < pr.terms().size(); k++) {
            assertClose(ref.condVarU.get(k), sol.condVarU().get(k), "condVar term " + k);
        }
        assertNull(ev.solve(false).condVarU());
    }

    private void checkMany(long seed, int n, int p, java.util.function.Function<Random, List<TermSpec>> specs) {
        Random rnd = new Random(seed);
        PlsProblem pr = problem(rnd, n, p, specs.apply(rnd));
        try (PlsEvaluator ev = open(pr)) {
            check(pr, ev, initialTheta(pr));
            for (int rep = 0; rep < 4; rep++) {
                check(pr, ev, randomTheta(rnd, pr, rep % 2 == 1));
            }
        }
    }

    private static double[] initialTheta(PlsProblem pr) {
        double[] theta = new double[pr.thetaLength()];
        for (TermStructure t : pr.terms()) {
            for (int i = 0; i < t.thetaLength(); i++) {
                theta[t.thetaOffset() + i] = t.isDiagonal(i) ? 1.0 : 0.0;
            }
        }
        return theta;
    }

    @Test
    void oneScalarTerm() {
        checkMany(1, 120, 2, r -> List.of(new TermSpec("g", 17, 1, randomLevels(r, 120, 17))));
    }

    @Test
    void oneTermWidthTwoAndThree() {
        checkMany(2, 150, 2, r -> List.of(new TermSpec("g", 12, 2, randomLevels(r, 150, 12))));
        checkMany(3, 150, 3, r -> List.of(new TermSpec("g", 9, 3, randomLevels(r, 150, 9))));
    }

    @Test
    void twoCrossedTerms() {
        checkMany(4, 200, 2, r -> List.of(
                new TermSpec("students", 25, 1, randomLevels(r, 200, 25)),
                new TermSpec("items", 8, 1, randomLevels(r, 200, 8))));
        checkMany(5, 200, 3, r -> List.of(
                new TermSpec("students", 20, 2, randomLevels(r, 200, 20)),
                new TermSpec("items", 7, 3, randomLevels(r, 200, 7))));
    }

    @Test
    void nestedThreeDeep() {
        checkMany(6, 240, 2, r -> {
            int[] c = randomLevels(r, 240, 36);
            int[] b = new int[240];
            int[] a = new int[240];
            for (int i = 0; i < 240; i++) {
                b[i] = c[i] / 3;   // 12 levels
                a[i] = b[i] / 4;   // 3 levels
            }
            return List.of(new TermSpec("class", 36, 1, c), new TermSpec("school", 12, 2, b),
                    new TermSpec("district", 3, 1, a));
        });
    }

    @Test
    void termsSharingGroupingFactor() {
        checkMany(7, 160, 2, r -> {
            int[] g = randomLevels(r, 160, 14);
            int[] h = randomLevels(r, 160, 5);
            return List.of(new TermSpec("g", 14, 1, g), new TermSpec("g.x", 14, 2, g), new TermSpec("h", 5, 1, h));
        });
    }

    @Test
    void noRandomEffects() {
        Random rnd = new Random(8);
        PlsProblem pr = problem(rnd, 50, 3, List.of());
        try (PlsEvaluator ev = open(pr)) {
            check(pr, ev, new double[0]);
        }
    }

    @Test
    void refactoringMatchesFreshEvaluator() {
        Random rnd = new Random(9);
        PlsProblem pr = problem(rnd, 200, 2, List.of(
                new TermSpec("a", 30, 2, randomLevels(rnd, 200, 30)),
                new TermSpec("b", 6, 1, randomLevels(rnd, 200, 6))));
        PlsEvaluator reused = open(pr);
        PlsFactorSummary s1 = new PlsFactorSummary();
        PlsFactorSummary s2 = new PlsFactorSummary();
        for (int rep = 0; rep < 6; rep++) {
            double[] theta = randomTheta(rnd, pr, true);
            reused.factor(theta, s1);
            PlsSolution a = reused.solve(true);
            try (PlsEvaluator fresh = open(pr)) {
                fresh.factor(theta, s2);
                PlsSolution b = fresh.solve(true);
                assertEquals(s2.logDetL, s1.logDetL, 0.0);
                assertEquals(s2.logDetRX, s1.logDetRX, 0.0);
                assertEquals(s2.pwrss, s1.pwrss, 0.0);
                assertClose(b.u(), a.u(), "u");
                assertClose(b.condVarU().get(0), a.condVarU().get(0), "condVar");
            }
        }
    }
}
