package org.jmixed.spark;

import java.io.Serializable;

/**
 * The key under which partial cross-products from different partitions are merged: one
 * {@link BlockRun} per key and partition.
 * <ul>
 *   <li>{@link #FIXED}: [X y]'[X y] (one block, (p+1) × (p+1));</li>
 *   <li>{@link #LEVEL}: term {@code k}, levels in bucket {@code bucket} (levels
 *       bucket·{@link #BUCKET} and up): per level its diagonal block of Z_k'Z_k (w × w) followed by
 *       its rows of Z_k'[X y] (w × (p+1)), both column-major;</li>
 *   <li>{@link #PAIR}: Z_k'Z_j for terms k &gt; j, the blocks whose column level (of j) and row
 *       level (of k) fall in bucket {@code bucket} ({@link #pairBucket}): one w_k × w_j block per
 *       pair of levels observed together, which is what keeps the off-diagonal blocks sparse.</li>
 * </ul>
 * Buckets of levels keep the number of records (and of shuffled objects) far below the number of
 * blocks. Terms are numbered in the problem's order.
 */
record BlockKey(int kind, int k, int j, int bucket) implements Serializable {
    static final int FIXED = 0;
    static final int LEVEL = 1;
    static final int PAIR = 2;
    /** Levels per bucket. */
    static final int BUCKET = 4096;

    static BlockKey fixed() {
        return new BlockKey(FIXED, -1, -1, 0);
    }

    static BlockKey level(int k, int bucket) {
        return new BlockKey(LEVEL, k, -1, bucket);
    }

    static BlockKey pair(int k, int j, int bucket) {
        return new BlockKey(PAIR, k, j, bucket);
    }

    /**
     * The bucket of a pair of levels, from both levels, so that two crossed factors with few
     * levels each still spread their pairs over many keys (and reduce tasks).
     */
    static int pairBucket(int columnLevel, int rowLevel) {
        return (columnLevel / BUCKET) * 65536 + rowLevel / BUCKET;
    }
}
