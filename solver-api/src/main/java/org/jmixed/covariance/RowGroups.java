package org.jmixed.covariance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jmixed.data.Factor;

/** Partitions of the model rows into the blocks of a residual structure. */
final class RowGroups {
    private RowGroups() {
    }

    /** Every row a block of its own. */
    static int[][] singletons(int n) {
        int[][] g = new int[n][];
        for (int i = 0; i < n; i++) {
            g[i] = new int[] {i};
        }
        return g;
    }

    /** The rows of each level of {@code f}, in row order. */
    static int[][] byLevel(Factor f) {
        List<List<Integer>> rows = new ArrayList<>();
        for (int l = 0; l < f.nLevels(); l++) {
            rows.add(new ArrayList<>());
        }
        for (int i = 0; i < f.size(); i++) {
            rows.get(f.codes()[i]).add(i);
        }
        int[][] out = new int[f.nLevels()][];
        for (int l = 0; l < out.length; l++) {
            out[l] = rows.get(l).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** Sorts the rows of each block by {@code key} (stable). */
    static int[][] sortedBy(int[][] groups, double[] key) {
        int[][] out = new int[groups.length][];
        for (int g = 0; g < groups.length; g++) {
            Integer[] r = Arrays.stream(groups[g]).boxed().toArray(Integer[]::new);
            Arrays.sort(r, (a, b) -> Double.compare(key[a], key[b]));
            out[g] = Arrays.stream(r).mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    static int largest(int[][] groups) {
        int m = 0;
        for (int[] g : groups) {
            m = Math.max(m, g.length);
        }
        return m;
    }
}
