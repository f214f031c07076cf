package org.jmixed.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jmixed.spi.ExactSum;

/**
 * A run of equally sized blocks under one {@link BlockKey}, in increasing order of their position
 * (a level; for a pair of levels, column level · 2³² + row level, the block-CSC order), as
 * primitive arrays: cheap to serialize and to shuffle. The values are {@link ExactSum}
 * accumulators (an unrounded (hi, lo) pair per entry), so that merging partial sums in any grouping
 * gives the single-machine builder's doubles once rounded.
 *
 * @param positions the blocks' positions, increasing
 * @param values    the blocks, {@code blockSize} entries ({@code 2 · blockSize} doubles) each, in the
 *                  order of {@code positions}
 */
record BlockRun(long[] positions, double[] values, int blockSize) implements Serializable {

    /** The run of a partition's blocks (a map from position to its block's accumulator). */
    static BlockRun of(Map<Long, double[]> blocks, int blockSize) {
        long[] pos = new long[blocks.size()];
        int i = 0;
        for (long p : blocks.keySet()) {
            pos[i++] = p;
        }
        Arrays.sort(pos);
        int stride = 2 * blockSize;
        double[] values = new double[pos.length * stride];
        for (int b = 0; b < pos.length; b++) {
            System.arraycopy(blocks.get(pos[b]), 0, values, b * stride, stride);
        }
        return new BlockRun(pos, values, blockSize);
    }

    /**
     * The sum of runs given in partition order: merged one after another, two sorted runs at a
     * time (the partition order is kept for reproducibility, though exact accumulation makes the
     * rounded sums independent of it).
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
        int stride = 2 * bs;
        long[] pos = new long[a.positions.length + b.positions.length];
        double[] val = new double[pos.length * stride];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.positions.length || j < b.positions.length) {
            long pa = i < a.positions.length ? a.positions[i] : Long.MAX_VALUE;
            long pb = j < b.positions.length ? b.positions[j] : Long.MAX_VALUE;
            if (pa < pb) {
                System.arraycopy(a.values, i * stride, val, n * stride, stride);
                pos[n++] = pa;
                i++;
            } else if (pb < pa) {
                System.arraycopy(b.values, j * stride, val, n * stride, stride);
                pos[n++] = pb;
                j++;
            } else {
                System.arraycopy(a.values, i * stride, val, n * stride, stride);
                for (int v = 0; v < bs; v++) {
                    ExactSum.merge(val, n * bs + v, b.values, j * bs + v);
                }
                pos[n++] = pa;
                i++;
                j++;
            }
        }
        return new BlockRun(Arrays.copyOf(pos, n), Arrays.copyOf(val, n * stride), bs);
    }

    /** Entries [from, from + count) of block b, rounded, into out[to, to + count). */
    void round(int b, int from, double[] out, int to, int count) {
        ExactSum.round(values, b * blockSize + from, out, to, count);
    }
}
