package org.jmixed.spark;

import java.io.Serializable;

/**
 * The key under which partial cross-products from different partitions are merged.
 * <ul>
 *   <li>{@link #FIXED}: [X y]'[X y] (one block, (p+1) × (p+1));</li>
 *   <li>{@link #LEVEL}: level {@code row} of term {@code k}: its diagonal block of Z_k'Z_k
 *       (w × w) followed by its rows of Z_k'[X y] (w × (p+1)), both column-major;</li>
 *   <li>{@link #PAIR}: the block (level {@code row} of term k, level {@code col} of term j),
 *       k &gt; j, of Z_k'Z_j (w_k × w_j): only pairs of levels observed together get a key, which
 *       is what makes the off-diagonal blocks sparse.</li>
 * </ul>
 * Terms are numbered in the problem's order.
 */
record BlockKey(int kind, int k, int j, int row, int col) implements Serializable {
    static final int FIXED = 0;
    static final int LEVEL = 1;
    static final int PAIR = 2;

    static BlockKey fixed() {
        return new BlockKey(FIXED, -1, -1, -1, -1);
    }

    static BlockKey level(int k, int level) {
        return new BlockKey(LEVEL, k, -1, level, -1);
    }

    static BlockKey pair(int k, int j, int rowLevel, int colLevel) {
        return new BlockKey(PAIR, k, j, rowLevel, colLevel);
    }
}
