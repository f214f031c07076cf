package org.jmixed.cpu.sparse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsProblemBuilder;
import org.jmixed.spi.PlsSolution;
import org.junit.jupiter.api.Test;

/**
 * Scaling of the sparse path on a large nested design (classes within schools within districts,
 * plus a random slope per class). Runs a small size always; the ~100k-level size with
 * {@code -Djmixed.perf=true}, printing timings.
 */
class SparseScalingTest {

    static PlsProblem nested(int nClasses, int obsPerClass, long seed) {
        Random rnd = new Random(seed);
        int n = nClasses * obsPerClass;
        int nSchools = Math.max(1, nClasses / 5);
        int nDistricts = Math.max(1, nSchools / 20);
        double[] y = new double[n];
        double[] x = new double[2 * n];
        int[] cls = new int[n];
        int[] sch = new int[n];
        int[] dis = new int[n];
        double[] clsCols = new double[2 * n];
        double[] ones = new double[n];
        for (int i = 0; i < n; i++) {
            int c = i / obsPerClass;
            cls[i] = c;
            sch[i] = (int) ((long) c * nSchools / nClasses);
            dis[i] = (int) ((long) sch[i] * nDistricts / nSchools);
            x[i] = 1;
            x[i + n] = rnd.nextGaussian();
            clsCols[i] = 1;
            clsCols[i + n] = x[i + n];
            ones[i] = 1;
            y[i] = 1 + x[i + n] + 0.3 * ((c * 7919) % 11) + rnd.nextGaussian();
        }
        return new PlsProblemBuilder(y, x, 2)
                .addTerm("class", nClasses, cls, clsCols, 2)
                .addTerm("school", nSchools, sch, ones, 1)
                .addTerm("district", nDistricts, dis, ones, 1)
                .build();
    }

    private static void run(int nClasses, boolean print) {
        PlsProblem pr = nested(nClasses, 4, 3);
        long t0 = System.nanoTime();
        SparsePlsEvaluator ev = new SparsePlsEvaluator(pr);
        long t1 = System.nanoTime();
        PlsFactorSummary s = new PlsFactorSummary();
        double[] theta = {1.0, -0.3, 0.8, 0.7, 0.5};
        int reps = print ? 50 : 3;
        ev.factor(theta, s);
        long t2 = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            theta[0] = 0.5 + 0.1 * r;
            ev.factor(theta, s);
        }
        long t3 = System.nanoTime();
        PlsSolution sol = ev.solve(true);
        long t4 = System.nanoTime();
        assertTrue(Double.isFinite(s.logDetL) && Double.isFinite(s.pwrss) && sol.u().length == pr.q());
        if (print) {
            System.out.printf("q=%d: analysis %.1f ms, factor %.2f ms each, solve+condVar %.1f ms; %s%n",
                    pr.q(), (t1 - t0) / 1e6, (t3 - t2) / 1e6 / reps, (t4 - t3) / 1e6, ev.description());
        }
    }

    @Test
    void moderateNestedProblem() {
        run(5000, false);
    }

    @Test
    void largeNestedProblem() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("jmixed.perf"));
        run(10000, false); // warm-up for the JIT
        run(100000, true);
        run(150000, true);
        run(100000, true);
    }
}
