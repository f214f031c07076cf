package org.jmixed.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A categorical variable over a set of rows: its levels, in R's order, and each row's level index.
 * Only observed levels are kept (like R's {@code droplevels}, which is what lme4 sees after rows
 * with missing values are dropped).
 *
 * @param levels level names in order
 * @param codes  per row, the index into {@code levels}
 */
public record Factor(List<String> levels, int[] codes) {
    public Factor {
        levels = List.copyOf(levels);
    }

    public int nLevels() {
        return levels.size();
    }

    public int size() {
        return codes.length;
    }

    /**
     * The factor of the given values (none null). Levels sort numerically when every level parses
     * as a number (so {@code "9" < "10"}, as R's {@code factor()} does for a numeric vector), else
     * by code-point order ({@link String#compareTo}).
     */
    public static Factor of(String[] values) {
        // one lookup per row: codes in order of first appearance, renumbered once sorted
        LevelCodes first = new LevelCodes(values);
        List<String> distinct = first.distinct;
        int[] codes = first.codes;
        Integer[] order = new Integer[distinct.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, levelOrder(distinct));
        int[] rank = new int[order.length];
        List<String> levels = new ArrayList<>(order.length);
        for (int i = 0; i < order.length; i++) {
            rank[order[i]] = i;
            levels.add(distinct.get(order[i]));
        }
        for (int r = 0; r < codes.length; r++) {
            codes[r] = rank[codes[r]];
        }
        return new Factor(levels, codes);
    }

    /**
     * The interaction {@code a:b}: its levels are the observed combinations named {@code "A:1"},
     * ordered by {@code a}'s level first and then {@code b}'s, so the first factor varies slowest
     * (what lme4 produces for {@code (1 | a:b)}).
     */
    public static Factor interaction(Factor a, Factor b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("factors differ in length");
        }
        int nb = b.nLevels();
        long[] combo = new long[a.size()];
        for (int r = 0; r < combo.length; r++) {
            combo[r] = (long) a.codes[r] * nb + b.codes[r];
        }
        long[] observed = Arrays.stream(combo).distinct().sorted().toArray();
        Map<Long, Integer> index = new HashMap<>();
        List<String> levels = new ArrayList<>(observed.length);
        for (int i = 0; i < observed.length; i++) {
            index.put(observed[i], i);
            levels.add(a.levels.get((int) (observed[i] / nb)) + ":" + b.levels.get((int) (observed[i] % nb)));
        }
        int[] codes = new int[combo.length];
        for (int r = 0; r < combo.length; r++) {
            codes[r] = index.get(combo[r]);
        }
        return new Factor(levels, codes);
    }

    /** The order of the levels by their indices into {@code levels}; each level parsed once. */
    private static Comparator<Integer> levelOrder(List<String> levels) {
        double[] value = new double[levels.size()];
        for (int i = 0; i < value.length; i++) {
            Double d = NumberSyntax.parse(levels.get(i));
            if (d == null) {
                return (a, b) -> levels.get(a).compareTo(levels.get(b));
            }
            value[i] = d;
        }
        // ties between different spellings of one number ("1", "1.0") fall back to the text
        return (a, b) -> {
            int byValue = Double.compare(value[a], value[b]);
            return byValue != 0 ? byValue : levels.get(a).compareTo(levels.get(b));
        };
    }
}
