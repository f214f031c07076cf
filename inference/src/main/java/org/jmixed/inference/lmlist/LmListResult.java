package org.jmixed.inference.lmlist;

import java.util.List;

/**
 * Per-group ordinary least-squares fits of {@code y ~ x | g}, as lme4's {@code lmList}.
 *
 * @param formula          the formula as given
 * @param responseName     the response as written
 * @param groupName        the grouping factor
 * @param coefficientNames the columns of the per-group model matrix, named as R names them
 * @param groups           one fit per observed level, in the factor's level order
 * @param pooledSigma      √(Σ RSS / Σ (n − p)) over the fitted groups: {@code lmList}'s pooled residual SD,
 *                         which counts NA (aliased) coefficients too, so a rank-deficient group
 *                         lowers the denominator by more than its residual df
 * @param pooledDf         Σ (n − p), the denominator above
 * @param rowsUsed         rows in the fits
 * @param rowsDropped      rows dropped for missing values, or for a NaN response (log of a negative number)
 */
public record LmListResult(String formula, String responseName, String groupName, List<String> coefficientNames,
                           List<GroupFit> groups, double pooledSigma, int pooledDf, int rowsUsed, int rowsDropped) {
    public LmListResult {
        coefficientNames = List.copyOf(coefficientNames);
        groups = List.copyOf(groups);
    }

    /** Estimates of coefficient {@code j} across the groups (NaN where aliased), e.g. the slopes. */
    public double[] coefficient(int j) {
        double[] out = new double[groups.size()];
        for (int g = 0; g < out.length; g++) {
            out[g] = groups.get(g).coefficients()[j];
        }
        return out;
    }
}
