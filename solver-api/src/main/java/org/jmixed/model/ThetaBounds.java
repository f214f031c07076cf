package org.jmixed.model;

/** The box both θ optimizers search in: diagonal elements of the templates at or above 0, the rest free. */
final class ThetaBounds {
    private ThetaBounds() {
    }

    /** Whether θ is finite and within the bounds; {@code bounded[i]} marks the elements kept at or above 0. */
    static boolean feasible(double[] theta, boolean[] bounded) {
        for (int i = 0; i < theta.length; i++) {
            if (!Double.isFinite(theta[i]) || (bounded[i] && theta[i] < 0)) {
                return false;
            }
        }
        return true;
    }

    /** The largest absolute element: the scale of a guess, from which a first step or radius is taken. */
    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
