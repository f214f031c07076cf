package org.jmixed.spark;

import java.io.Serializable;
import java.util.Arrays;
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
     * The sum of runs given in partition order: merged one after another, two sorted runs at a
     * time, so each block is added up in partition order whatever order the tasks finished in, and
     * the result is reproducible to the bit.
     */
    static BlockRun sum(List<BlockRun> inPartitionOrder) {
        BlockRun acc = inPartitionOrder.get(0);
        for (int r = 1; r < inPartitionOrder.size(); r++) {
            acc = merge(acc, inPartitionOrder.get(r));
        }
        return acc;
    }

    /** a + b, both sorted by position; a block in both is a's plus b's. */
    private static BlockRun merge(BlockRun a, BlockRun b) {
        int bs = a.blockSize;
        long[] pos = new long[a.positions.length + b.positions.length];
        double[] val = new double[pos.length * bs];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.positions.length || j < b.positions.length) {
            long pa = i < a.positions.length ? a.positions[i] : Long.MAX_VALUE;
            long pb = j < b.positions.length ? b.positions[j] : Long.MAX_VALUE;
            if (pa < pb) {
                System.arraycopy(a.values, i * bs, val, n * bs, bs);
                pos[n++] = pa;
                i++;
            } else if (pb < pa) {
                System.arraycopy(b.values, j * bs, val, n * bs, bs);
                pos[n++] = pb;
                j++;
            } else {
                for (int v = 0; v < bs; v++) {
                    val[n * bs + v] = a.values[i * bs + v] + b.values[j * bs + v];
                }
                pos[n++] = pa;
                i++;
                j++;
            }
        }
        return new BlockRun(Arrays.copyOf(pos, n), Arrays.copyOf(val, n * bs), bs);
    }
}
