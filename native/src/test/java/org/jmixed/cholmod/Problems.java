package org.jmixed.cholmod;

import java.util.Random;

import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsProblemBuilder;

/** Synthetic designs for the CHOLMOD tests. */
final class Problems {
    private Problems() {
    }

    /**
     * Pupils in classes in schools in districts (fully nested), the class term with a random slope:
     * (1 + x | class) + (1 | school) + (1 | district).
     */
    static PlsProblem nested(long seed, int n, int classes, int classesPerSchool, int schoolsPerDistrict) {
        Random rnd = new Random(seed);
        int schools = (classes + classesPerSchool - 1) / classesPerSchool;
        int districts = (schools + schoolsPerDistrict - 1) / schoolsPerDistrict;
        int[] cls = new int[n];
        int[] sch = new int[n];
        int[] dis = new int[n];
        double[] x = new double[n * 2];
        double[] y = new double[n];
        double[] slopeCols = new double[n * 2];
        double[] ones = new double[n];
        for (int i = 0; i < n; i++) {
            cls[i] = i < classes ? i : rnd.nextInt(classes);
            sch[i] = cls[i] / classesPerSchool;
            dis[i] = sch[i] / schoolsPerDistrict;
            x[i] = 1.0;
            x[i + n] = rnd.nextGaussian();
            slopeCols[i] = 1.0;
            slopeCols[i + n] = x[i + n];
            ones[i] = 1.0;
            y[i] = 1.0 + 0.3 * x[i + n] + 0.5 * Math.sin(cls[i]) + 0.3 * Math.cos(sch[i]) + 0.2 * dis[i] % 3
                    + rnd.nextGaussian();
        }
        return new PlsProblemBuilder(y, x, 2)
                .addTerm("class", classes, cls, slopeCols, 2)
                .addTerm("school", schools, sch, ones, 1)
                .addTerm("district", districts, dis, ones.clone(), 1)
                .build();
    }

    /** Students × items, crossed, each student rating `perStudent` random items, plus a 10-level factor. */
    static PlsProblem crossed(long seed, int students, int items, int perStudent) {
        Random rnd = new Random(seed);
        int n = students * perStudent;
        int[] s = new int[n];
        int[] it = new int[n];
        int[] dept = new int[n];
        double[] x = new double[n * 2];
        double[] y = new double[n];
        double[] ones = new double[n];
        double[] itemEffect = new double[items];
        for (int j = 0; j < items; j++) {
            itemEffect[j] = rnd.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            s[i] = i / perStudent;
            it[i] = i < items ? i : rnd.nextInt(items);
            dept[i] = it[i] % 10;
            x[i] = 1.0;
            x[i + n] = rnd.nextBoolean() ? 1.0 : 0.0;
            ones[i] = 1.0;
            y[i] = 3.0 + 0.2 * x[i + n] + 0.6 * Math.sin(s[i]) + itemEffect[it[i]] + rnd.nextGaussian();
        }
        return new PlsProblemBuilder(y, x, 2)
                .addTerm("student", students, s, ones, 1)
                .addTerm("item", items, it, ones.clone(), 1)
                .addTerm("dept", 10, dept, ones.clone(), 1)
                .build();
    }
}
