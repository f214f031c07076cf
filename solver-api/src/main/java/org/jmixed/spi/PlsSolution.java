package org.jmixed.spi;

import java.util.List;

/**
 * What back-substitution at the final θ yields. All quantities are "unscaled": the caller multiplies
 * variances by σ̂².
 *
 * @param beta             fixed effects β̂, length p
 * @param u                spherical random effects û, length q, term by term, level-major
 * @param unscaledVcovBeta (RX'RX)⁻¹, p × p column-major
 * @param condVarU         per term (or null when not requested): the diagonal blocks of (L_ZZ L_ZZ')⁻¹,
 *                         nLevels blocks of width × width, column-major, block ℓ at offset ℓ·width²
 */
public record PlsSolution(double[] beta, double[] u, double[] unscaledVcovBeta, List<double[]> condVarU) {
}
