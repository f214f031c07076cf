package org.jmixed.plots;

/**
 * A curve given by points, x increasing: a smoother, a density, a trace.
 *
 * @param x abscissae
 * @param y ordinates, same length
 */
public record Curve(double[] x, double[] y) {
    public Curve {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " points but y has " + y.length);
        }
    }

    public int size() {
        return x.length;
    }
}
