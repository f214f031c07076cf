package org.jmixed.gpu;

import java.util.Random;

import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsProblemBuilder;
import org.jmixed.spi.TermStructure;

/** Small random problems of every shape, and random θ, for the packing and device tests. */
final class RandomProblems {
    private RandomProblems() {
    }

    /** A problem with terms given as {levels, width}; the first term's levels are drawn freely, the rest too (crossed). */
    static PlsProblem crossed(long seed, int n, int p, int[][] terms) {
        Random rnd = new Random(seed);
        double[] y = new double[n];
        double[] x = new double[n * p];
        for (int i = 0; i < n; i++) {
            x[i] = 1.0;
            for (int c = 1; c < p; c++) {
                x[i + c * n] = rnd.nextGaussian();
            }
            y[i] = 1.0 + rnd.nextGaussian();
        }
        PlsProblemBuilder b = new PlsProblemBuilder(y, x, p);
        for (int k = 0; k < terms.length; k++) {
            int levels = terms[k][0];
            int width = terms[k][1];
            int[] lev = new int[n];
            double[] cols = new double[n * width];
            double[] effect = new double[levels];
            for (int l = 0; l < levels; l++) {
                effect[l] = rnd.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                lev[i] = i < levels ? i : rnd.nextInt(levels);
                cols[i] = 1.0;
                for (int c = 1; c < width; c++) {
                    cols[i + c * n] = rnd.nextGaussian();
                }
                y[i] += effect[lev[i]];
            }
            b.addTerm("g" + k, levels, lev, cols, width);
        }
        return b.build();
    }

    static double[] theta(Random rnd, PlsProblem pr) {
        double[] theta = new double[pr.thetaLength()];
        for (TermStructure t : pr.terms()) {
            for (int i = 0; i < t.thetaLength(); i++) {
                theta[t.thetaOffset() + i] = t.isDiagonal(i) ? 0.1 + 2 * rnd.nextDouble() : rnd.nextGaussian();
            }
        }
        return theta;
    }
}
