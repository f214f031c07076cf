package org.jmixed.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run of equally sized blocks under one {@link BlockKey}, in increasing order of their position
 * (a level; for a pair of levels, column level · 2³² + row level, the block-CSC order), as
 * primitive arrays: cheap to serialize and to shuffle.
 *
 * @param positions the blocks' positions, increasing
 * @param values    the blocks, {@code blockSize} values each, in the order of {@code positions}
 */
record BlockRun(long[] positions, double[] values, int blockSize) implements Serializable {

    /** The run of a partition's blocks (a map from position to block). */
    static BlockRun of(Map<Long, double[]> blocks, int blockSize) {
        long[] pos = new long[blocks.size()];
        int i = 0;
        for (long p : blocks.keySet()) {
            pos[i++] = p;
        }
        Arrays.sort(pos);
        double[] values = new double[pos.length * blockSize];
        for (int b = 0; b < pos.length; b++) {
            System.arraycopy(blocks.get(pos[b]), 0, values, b * blockSize, blockSize);
        }
        return new BlockRun(pos, values, blockSize);
    }

    /**
     * The sum of runs given in partition order: each block is added up in that order, whatever
     * order the tasks finished in, so the result is reproducible to the bit.
     */
    static BlockRun sum(List<BlockRun> inPartitionOrder) {
        int bs = inPartitionOrder.get(0).blockSize;
        Map<Long, double[]> acc = new HashMap<>();
        for (BlockRun r : inPartitionOrder) {
            for (int b = 0; b < r.positions.length; b++) {
                double[] a = acc.computeIfAbsent(r.positions[b], p -> new double[bs]);
                int o = b * bs;
                for (int v = 0; v < bs; v++) {
                    a[v] += r.values[o + v];
                }
            }
        }
        return of(acc, bs);
    }
}
