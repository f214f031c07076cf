package org.jmixed.inference.interval;

import java.util.List;

/**
 * The profile of one parameter as computed: at each point the parameter's value, ζ (the signed
 * square root of the likelihood-ratio statistic against the ML fit) and all parameters at the
 * constrained optimum, on lme4's scale (standard deviations, correlations, σ, then the fixed
 * effects, named as in {@link #parameterNames()}). Points are sorted by value and include the
 * estimate (ζ = 0). They are the points the search needed, denser near the interval's ends;
 * zeta plots draw them, or a spline through them.
 */
public final class ProfileTrace {
    private final String name;
    private final double[] value;
    private final double[] zeta;
    private final List<String> parameterNames;
    private final double[][] parameters;

    ProfileTrace(String name, double[] value, double[] zeta, List<String> parameterNames, double[][] parameters) {
        this.name = name;
        this.value = value.clone();
        this.zeta = zeta.clone();
        this.parameterNames = List.copyOf(parameterNames);
        this.parameters = new double[parameters.length][];
        for (int i = 0; i < parameters.length; i++) {
            this.parameters[i] = parameters[i].clone();
        }
    }

    /** The profiled parameter's name. */
    public String name() {
        return name;
    }

    public int size() {
        return value.length;
    }

    /** The parameter's values, increasing. */
    public double[] value() {
        return value.clone();
    }

    /** ζ at each value: negative below the estimate, positive above. */
    public double[] zeta() {
        return zeta.clone();
    }

    /** Names of the columns of {@link #parameters(int)}. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** All parameters at point i (the profiled one held, the others at their constrained optimum). */
    public double[] parameters(int i) {
        return parameters[i].clone();
    }
}
