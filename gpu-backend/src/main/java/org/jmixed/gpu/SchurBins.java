package org.jmixed.gpu;

/**
 * The Schur update {@code dense -= LR LR'} (columns of term 0) arranged so that its result does not
 * depend on the scheduling: each {@link #ST} × {@link #ST} target tile of the dense block has one
 * owner (one thread block of {@code schur_update}), and the tile's work is a list of bins, one per
 * (level of term 0, row segment, column segment) that hits the tile, in ascending level order. A
 * bin's pairs hit distinct entries (a level's scalar rows are distinct), so every entry receives its
 * subtractions one at a time, in level order: the same bits as the serial loop over levels,
 * whatever order the tiles and the pairs within a bin are run in.
 *
 * <p>Arrays: tile t covers rows {@code tileRow0[t]..+ST} and columns {@code tileCol0[t]..+ST}
 * (lower triangle, {@code row0 >= col0}); its bins are {@code tilePtr[t]..tilePtr[t+1]}; bin b pairs
 * the scalar rows {@code rowStart[b]..+rowLen[b]} with {@code colStart[b]..+colLen[b]} (indices into
 * {@link PackedProblem#scalarRow}), keeping only pairs with row ≥ column.
 */
public final class SchurBins {
    /** Side of a target tile (and the most rows of one segment). */
    public static final int ST = 32;

    public final int nTiles;
    public final int[] tileRow0;
    public final int[] tileCol0;
    public final long[] tilePtr;
    public final long[] rowStart;
    public final int[] rowLen;
    public final long[] colStart;
    public final int[] colLen;

    /** Bins for the levels {@code scalarPtr[c]..scalarPtr[c+1]} (rows ascending in each) of a block of order {@code n}. */
    public SchurBins(long[] scalarPtr, int[] scalarRow, int n) {
        int levels = scalarPtr.length - 1;
        long tilesPerSide = (n + ST - 1) / ST;
        int nKeys = Math.toIntExact(tilesPerSide * (tilesPerSide + 1) / 2);
        // Pass 1: bins per target tile (segments of a level: runs of rows in one tile).
        long[] count = new long[nKeys + 1];
        int[] segStart = new int[0];
        for (int c = 0; c < levels; c++) {
            segStart = segments(scalarPtr, scalarRow, c, segStart);
            int k = segStart[0];
            for (int u = 0; u < k; u++) {
                int tu = scalarRow[segStart[1 + u]] / ST;
                for (int v = 0; v <= u; v++) {
                    count[key(tu, scalarRow[segStart[1 + v]] / ST) + 1]++;
                }
            }
        }
        int tiles = 0;
        for (int key = 0; key < nKeys; key++) {
            if (count[key + 1] > 0) {
                tiles++;
            }
            count[key + 1] += count[key];
        }
        int nBins = Math.toIntExact(count[nKeys]);
        nTiles = tiles;
        tileRow0 = new int[tiles];
        tileCol0 = new int[tiles];
        tilePtr = new long[tiles + 1];
        int t = 0;
        for (int ti = 0; ti < tilesPerSide; ti++) {
            for (int tj = 0; tj <= ti; tj++) {
                int key = key(ti, tj);
                if (count[key + 1] > count[key]) {
                    tileRow0[t] = ti * ST;
                    tileCol0[t] = tj * ST;
                    tilePtr[t] = count[key];
                    t++;
                }
            }
        }
        tilePtr[tiles] = nBins;
        // Pass 2: fill in level order, so that each tile's bins ascend by level.
        rowStart = new long[nBins];
        rowLen = new int[nBins];
        colStart = new long[nBins];
        colLen = new int[nBins];
        long[] next = java.util.Arrays.copyOf(count, nKeys);
        for (int c = 0; c < levels; c++) {
            segStart = segments(scalarPtr, scalarRow, c, segStart);
            int k = segStart[0];
            for (int u = 0; u < k; u++) {
                int tu = scalarRow[segStart[1 + u]] / ST;
                for (int v = 0; v <= u; v++) {
                    int b = Math.toIntExact(next[key(tu, scalarRow[segStart[1 + v]] / ST)]++);
                    rowStart[b] = segStart[1 + u];
                    rowLen[b] = segStart[2 + u] - segStart[1 + u];
                    colStart[b] = segStart[1 + v];
                    colLen[b] = segStart[2 + v] - segStart[1 + v];
                }
            }
        }
    }

    private static int key(int ti, int tj) {
        return ti * (ti + 1) / 2 + tj;
    }

    /**
     * Level c's runs of rows in one tile: out[0] = number of runs k, out[1..k] their first scalar
     * indices, out[k+1] the end. Reuses {@code buf} when large enough.
     */
    private static int[] segments(long[] scalarPtr, int[] scalarRow, int c, int[] buf) {
        int start = Math.toIntExact(scalarPtr[c]);
        int end = Math.toIntExact(scalarPtr[c + 1]);
        int[] out = buf.length >= end - start + 2 ? buf : new int[end - start + 2];
        int k = 0;
        for (int s = start; s < end; s++) {
            if (s == start || scalarRow[s] / ST != scalarRow[s - 1] / ST) {
                out[1 + k++] = s;
            }
        }
        out[0] = k;
        out[1 + k] = end;
        return out;
    }

    /** Bins in all. */
    public long nBins() {
        return tilePtr[nTiles];
    }

    /** Device bytes of these arrays. */
    public long bytes() {
        return (long) nTiles * (4 + 4 + 8) + 8 + nBins() * (8 + 4 + 8 + 4);
    }
}
