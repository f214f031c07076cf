package org.jmixed.spi;

/**
 * The shape of one random-effects term as a backend sees it: {@code nLevels} copies of a
 * {@code width × width} lower-triangular template T whose lower triangle, taken column by column,
 * is {@code theta[thetaOffset .. thetaOffset + thetaLength)} (lme4's order: T11, T21, T22 for a
 * width-2 term). The term's columns of Z, and its part of u, are level-major: level ℓ owns
 * indices {@code ℓ·width .. ℓ·width + width − 1}.
 */
public record TermStructure(String groupName, int nLevels, int width, int thetaOffset) {

    public int thetaLength() {
        return width * (width + 1) / 2;
    }

    /** Columns of Z (and length of u) belonging to this term. */
    public int q() {
        return nLevels * width;
    }

    /** Writes T (width × width, column-major, zeros above the diagonal) for this θ. */
    public void fillTemplate(double[] theta, double[] t) {
        int k = thetaOffset;
        for (int j = 0; j < width; j++) {
            for (int i = 0; i < j; i++) {
                t[i + j * width] = 0.0;
            }
            for (int i = j; i < width; i++) {
                t[i + j * width] = theta[k++];
            }
        }
    }

    /**
     * Writes the term's covariance matrix {@code scale}·T T' (width × width, column-major) for this
     * θ, with {@code scale} σ² for the random effects' covariance; {@code template} is workspace
     * for T.
     */
    public void fillCovariance(double[] theta, double scale, double[] template, double[] cov) {
        fillTemplate(theta, template);
        for (int a = 0; a < width; a++) {
            for (int c = 0; c < width; c++) {
                double s = 0;
                for (int m = 0; m <= Math.min(a, c); m++) {
                    s += template[a + m * width] * template[c + m * width];
                }
                cov[a + c * width] = scale * s;
            }
        }
    }

    /** Whether θ element {@code index} (relative to this term) sits on T's diagonal. */
    public boolean isDiagonal(int index) {
        int k = 0;
        for (int j = 0; j < width; j++) {
            if (k == index) {
                return true;
            }
            k += width - j;
        }
        return false;
    }
}
