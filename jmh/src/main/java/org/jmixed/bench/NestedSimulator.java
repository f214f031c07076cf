package org.jmixed.bench;

import java.util.SplittableRandom;

import org.jmixed.data.DataFrame;
import org.jmixed.data.Gaussians;

/**
 * Synthetic nested data for benchmarks: classes within schools within districts, a numeric
 * covariate and a response
 * {@code y = 2 + 0.5·x + a_district + b_school + c_class + ε} with standard deviations 0.6, 0.4,
 * 0.3 and 1. Classes have between {@code minPerClass} and {@code 2·minPerClass} observations, so
 * the design is unbalanced. Level labels are unique across the whole data set (school "s17"
 * belongs to exactly one district), and the model to fit is {@link #FORMULA}. Deterministic for a
 * given seed.
 */
public final class NestedSimulator {
    /** The model the data are made for; lme4 expands it to district + district:school + district:school:class. */
    public static final String FORMULA = "y ~ 1 + x + (1 | district/school/class)";

    private NestedSimulator() {
    }

    /**
     * Draws {@code rows} observations in {@code districts} districts of {@code schoolsPerDistrict}
     * schools of {@code classesPerSchool} classes each; rows are spread over the classes at random
     * (every class gets at least one).
     */
    public static DataFrame simulate(int rows, int districts, int schoolsPerDistrict, int classesPerSchool, long seed) {
        if (districts < 2 || schoolsPerDistrict < 1 || classesPerSchool < 1) {
            throw new IllegalArgumentException("nested design needs at least 2 districts, 1 school each and 1 class each");
        }
        int schools = districts * schoolsPerDistrict;
        int classes = schools * classesPerSchool;
        if (rows < classes) {
            throw new IllegalArgumentException(rows + " rows cannot cover " + classes + " classes");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] a = Gaussians.draw(rnd, districts, 0.6);
        double[] b = Gaussians.draw(rnd, schools, 0.4);
        double[] c = Gaussians.draw(rnd, classes, 0.3);
        String[] district = new String[rows];
        String[] school = new String[rows];
        String[] clazz = new String[rows];
        double[] x = new double[rows];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            int k = i < classes ? i : rnd.nextInt(classes);
            int s = k / classesPerSchool;
            int d = s / schoolsPerDistrict;
            district[i] = "d" + (d + 1);
            school[i] = "s" + (s + 1);
            clazz[i] = "c" + (k + 1);
            x[i] = Gaussians.next(rnd);
            y[i] = 2.0 + 0.5 * x[i] + a[d] + b[s] + c[k] + Gaussians.next(rnd);
        }
        return DataFrame.builder("nested-simulated").numeric("y", y).numeric("x", x)
                .categorical("district", district).categorical("school", school).categorical("class", clazz)
                .build();
    }
}
