package org.jmixed.cholmod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.jmixed.cpu.CpuBackend;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsSolution;
import org.jmixed.spi.TermStructure;
import org.junit.jupiter.api.Test;

/** Large synthetic designs: CHOLMOD agrees with the pure-Java backend. */
class CholmodVersusJavaTest {
    private static final double TOL = 1e-9;

    @Test
    void nestedDesignWithThousandsOfLevels() {
        // 4000 classes (with slopes), 800 schools, 40 districts.
        PlsProblem pr = Problems.nested(11, 24_000, 4000, 5, 20);
        compare(pr, 12);
    }

    @Test
    void crossedDesignWithThousandsOfLevels() {
        // 3000 students × 400 items (+ 10 departments), 18,000 observations.
        PlsProblem pr = Problems.crossed(12, 3000, 400, 6);
        compare(pr, 13);
    }

    private static void compare(PlsProblem pr, long seed) {
        Random rnd = new Random(seed);
        try (PlsEvaluator ch = new CholmodPlsEvaluator(pr); PlsEvaluator jv = new CpuBackend().open(pr)) {
            for (int rep = 0; rep < 3; rep++) {
                double[] theta = theta(pr, rnd, rep == 0);
                PlsFactorSummary a = new PlsFactorSummary();
                PlsFactorSummary b = new PlsFactorSummary();
                ch.factor(theta, a);
                jv.factor(theta, b);
                close(b.logDetL, a.logDetL, "logDetL");
                close(b.logDetRX, a.logDetRX, "logDetRX");
                close(b.pwrss, a.pwrss, "pwrss");
                PlsSolution sa = ch.solve(true);
                PlsSolution sb = jv.solve(true);
                close(sb.beta(), sa.beta(), "beta");
                close(sb.u(), sa.u(), "u");
                close(sb.unscaledVcovBeta(), sa.unscaledVcovBeta(), "vcov");
                for (int k = 0; k < pr.terms().size(); k++) {
                    close(sb.condVarU().get(k), sa.condVarU().get(k), "condVar " + k);
                }
            }
            assertTrue(ch.description().startsWith("CHOLMOD"), ch.description());
        }
    }

    private static double[] theta(PlsProblem pr, Random rnd, boolean initial) {
        double[] th = new double[pr.thetaLength()];
        for (TermStructure t : pr.terms()) {
            for (int i = 0; i < t.thetaLength(); i++) {
                th[t.thetaOffset() + i] = t.isDiagonal(i) ? (initial ? 1.0 : 0.2 + 1.5 * rnd.nextDouble())
                        : (initial ? 0.0 : 0.5 * rnd.nextGaussian());
            }
        }
        return th;
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL * Math.max(1.0, Math.abs(expected)), what);
    }

    private static void close(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 1e-300;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-8 * scale, what + "[" + i + "]");
        }
    }
}
