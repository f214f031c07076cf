package org.jmixed.gpu;

/**
 * The Schur update {@code dense -= LR LR'} (columns of term 0) arranged so that its result does not
 * depend on the scheduling: every row r of the dense block has one owner (one thread block of
 * {@code schur_update}), which applies the levels of term 0 that have a scalar row r one after the
 * other, in ascending level order; a level pairs r with its rows s ≤ r, all distinct, so the
 * owner's threads write distinct entries (r, s) and every entry receives its subtractions one at a
 * time, in level order: the same bits as the serial loop over levels, whatever order the rows and
 * the pairs within a level are run in.
 *
 * <p>Rows rather than target tiles: the work list is one incidence per scalar row (the number of
 * observed (level, column) cells, 32 million for MovieLens-32M: 12 bytes each), where a list per
 * target tile would hold one bin per pair of tiles a level touches (billions at that size).
 *
 * <p>Arrays: the incidences of row r are {@code rowPtr[r]..rowPtr[r+1]}; incidence k is the scalar
 * index {@code incScalar[k]} (into {@link PackedProblem#scalarRow}) of row r in level
 * {@code incLevel[k]}, whose scalar rows are {@code scalarPtr[level]..incScalar[k]} up to r.
 */
public final class SchurRows {
    public final long[] rowPtr;
    public final long[] incScalar;
    public final int[] incLevel;

    /** Incidences of the levels {@code scalarPtr[c]..scalarPtr[c+1]} (rows ascending) in a block of order {@code n}. */
    public SchurRows(long[] scalarPtr, int[] scalarRow, int n) {
        int levels = scalarPtr.length - 1;
        rowPtr = new long[n + 1];
        for (int row : scalarRow) {
            rowPtr[row + 1]++;
        }
        for (int r = 0; r < n; r++) {
            rowPtr[r + 1] += rowPtr[r];
        }
        incScalar = new long[scalarRow.length];
        incLevel = new int[scalarRow.length];
        long[] next = java.util.Arrays.copyOf(rowPtr, n);
        for (int c = 0; c < levels; c++) {
            for (long a = scalarPtr[c]; a < scalarPtr[c + 1]; a++) {
                int k = Math.toIntExact(next[scalarRow[(int) a]]++);
                incScalar[k] = a;
                incLevel[k] = c;
            }
        }
    }

    /** Device bytes of these arrays. */
    public long bytes() {
        return 8L * rowPtr.length + 12L * incScalar.length;
    }
}
