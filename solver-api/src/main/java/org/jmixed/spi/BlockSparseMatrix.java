package org.jmixed.spi;

/**
 * A sparse matrix whose non-zeros are dense {@code blockRows × blockCols} blocks, stored by block
 * column (compressed sparse column over blocks). Row and column indices count blocks, i.e.
 * grouping-factor levels; each block is stored column-major at
 * {@code values[k · blockRows · blockCols]} for the k-th stored block. Row indices within a block
 * column are strictly increasing.
 */
public final class BlockSparseMatrix {
    public final int nBlockRows;
    public final int nBlockCols;
    public final int blockRows;
    public final int blockCols;
    public final int[] colPtr;
    public final int[] rowIdx;
    public final double[] values;

    public BlockSparseMatrix(int nBlockRows, int nBlockCols, int blockRows, int blockCols, int[] colPtr,
                             int[] rowIdx, double[] values) {
        if (colPtr.length != nBlockCols + 1 || values.length != (long) colPtr[nBlockCols] * blockRows * blockCols) {
            throw new IllegalArgumentException("inconsistent block-sparse structure");
        }
        this.nBlockRows = nBlockRows;
        this.nBlockCols = nBlockCols;
        this.blockRows = blockRows;
        this.blockCols = blockCols;
        this.colPtr = colPtr;
        this.rowIdx = rowIdx;
        this.values = values;
    }

    /** Number of stored blocks. */
    public int nnzBlocks() {
        return colPtr[nBlockCols];
    }

    public int blockSize() {
        return blockRows * blockCols;
    }
}
