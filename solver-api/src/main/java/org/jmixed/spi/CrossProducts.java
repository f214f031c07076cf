package org.jmixed.spi;

import java.util.List;

/**
 * The cross-products of the model matrices, computed once per model; each evaluation of the
 * objective only rescales them by Λθ. Terms are in the problem's order (most levels first).
 * {@code xy} denotes the matrix {@code [X y]} with p + 1 columns.
 *
 * <ul>
 *   <li>{@code zTz.get(k)}: the diagonal block Z_k'Z_k, which is block diagonal: nLevels_k blocks of
 *       width_k × width_k, block ℓ column-major at offset ℓ·width_k².</li>
 *   <li>{@code zTzOff(k, j)} for k &gt; j: Z_k'Z_j as a block-sparse matrix (block rows = levels of k,
 *       block columns = levels of j).</li>
 *   <li>{@code zTxy.get(k)}: Z_k'[X y], q_k × (p+1), column-major.</li>
 *   <li>{@code xyTxy}: [X y]'[X y], (p+1) × (p+1), column-major.</li>
 * </ul>
 */
public final class CrossProducts {
    private final List<double[]> zTz;
    private final BlockSparseMatrix[][] zTzOff;
    private final List<double[]> zTxy;
    private final double[] xyTxy;

    public CrossProducts(List<double[]> zTz, BlockSparseMatrix[][] zTzOff, List<double[]> zTxy, double[] xyTxy) {
        this.zTz = List.copyOf(zTz);
        this.zTzOff = zTzOff;
        this.zTxy = List.copyOf(zTxy);
        this.xyTxy = xyTxy;
    }

    public double[] zTz(int k) {
        return zTz.get(k);
    }

    /** Z_k'Z_j for k &gt; j. */
    public BlockSparseMatrix zTzOff(int k, int j) {
        if (k <= j) {
            throw new IllegalArgumentException("zTzOff(k, j) needs k > j");
        }
        return zTzOff[k][j];
    }

    public double[] zTxy(int k) {
        return zTxy.get(k);
    }

    public double[] xyTxy() {
        return xyTxy;
    }

    /**
     * The cross-products of the same Z and X with another response: shares Z'Z (the arrays
     * themselves), takes the given Z'[X y] and [X y]'[X y]. Used by {@link PlsProblem#withResponse}.
     */
    CrossProducts withResponse(List<double[]> newZTxy, double[] newXyTxy) {
        return new CrossProducts(zTz, zTzOff, newZTxy, newXyTxy);
    }

    /**
     * Whether both hold the same Z'Z arrays (not merely equal ones): true for cross-products that
     * {@link PlsProblem#withResponse} derived from one another, the cheap check evaluators make
     * before re-pointing at a new response.
     */
    public boolean sharesDesignWith(CrossProducts other) {
        if (other.zTz.size() != zTz.size() || other.zTzOff != zTzOff) {
            return false;
        }
        for (int k = 0; k < zTz.size(); k++) {
            if (other.zTz.get(k) != zTz.get(k)) {
                return false;
            }
        }
        return true;
    }
}
