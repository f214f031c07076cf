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
