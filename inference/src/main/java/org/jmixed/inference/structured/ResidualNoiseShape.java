package org.jmixed.inference.structured;

import org.jmixed.JmixedException;
import org.jmixed.covariance.PriorWeights;
import org.jmixed.covariance.ResidualSpec;
import org.jmixed.covariance.ResidualStructure;
import org.jmixed.inference.bootstrap.ModelSimulator;
import org.jmixed.inference.linalg.Cholesky;
import org.jmixed.model.FitResult;
import org.jmixed.model.ModelFrame;

/**
 * The residuals of a fitted model with a residual structure or prior weights, for simulation:
 * Var(ε) = σ² Λ with Λ block diagonal, Λ_g = W_g^−½ R_g(r̂) W_g^−½ (R_g the structure's block at
 * its estimated parameters, W_g the prior weights); {@link #shape} turns σ e, e ~ N(0, I), into
 * σ L_g e per block, L_g the Cholesky factor of Λ_g. The factors are computed once. Immutable.
 */
public final class ResidualNoiseShape implements ModelSimulator.ResidualNoise {
    private final int[][] groups;
    private final double[][] factors;

    private ResidualNoiseShape(int[][] groups, double[][] factors) {
        this.groups = groups;
        this.factors = factors;
    }

    /** The shape of a fit's residuals, or null when they are σ² I (no weights, no residual structure). */
    public static ResidualNoiseShape of(FitResult fit) {
        if (fit.weights() == null && fit.residualStructure() == null) {
            return null;
        }
        ModelFrame frame = fit.frame();
        if (frame == null || frame.data() == null) {
            throw new JmixedException("simulating a model with weights or a residual structure needs the data frame"
                    + " it was fitted to");
        }
        double[] w = fit.weights() == null ? null : PriorWeights.read(frame.data(), frame.rows(), fit.weights());
        ResidualStructure structure;
        double[] par;
        if (fit.residualStructure() != null) {
            structure = ResidualSpec.parse(fit.residualStructure().structure()).bind(frame.data(), frame.rows());
            par = fit.residualStructure().optimized();
            if (par == null) {
                throw new JmixedException("the fit does not carry its residual parameters; fit it again");
            }
        } else {
            structure = ResidualSpec.independent(frame.n());
            par = new double[0];
        }
        int[][] groups = structure.groups();
        double[][] factors = new double[groups.length][];
        for (int g = 0; g < groups.length; g++) {
            int[] rows = groups[g];
            int m = rows.length;
            double[] lam = new double[m * m];
            structure.covariance(par, g, lam);
            if (w != null) {
                for (int j = 0; j < m; j++) {
                    for (int i = 0; i < m; i++) {
                        lam[i + j * m] /= Math.sqrt(w[rows[i]] * w[rows[j]]);
                    }
                }
            }
            if (!Cholesky.factorInPlace(lam, m)) {
                throw new JmixedException("residual structure '" + structure.spec() + "': not positive definite at"
                        + " the estimates; cannot simulate from it");
            }
            factors[g] = lam;
        }
        return new ResidualNoiseShape(groups, factors);
    }

    @Override
    public void shape(double[] noise) {
        for (int g = 0; g < groups.length; g++) {
            int[] rows = groups[g];
            double[] l = factors[g];
            int m = rows.length;
            // bottom-up, so that each row still reads the unshaped values above it
            for (int i = m - 1; i >= 0; i--) {
                double s = 0.0;
                for (int c = 0; c <= i; c++) {
                    s += l[i + c * m] * noise[rows[c]];
                }
                noise[rows[i]] = s;
            }
        }
    }
}
