package org.jmixed.inference.predict;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One random-effects term of a fitted model, as prediction needs it: the grouping factor, the
 * term's columns and the conditional modes (BLUPs) b per training level.
 *
 * @param group   the grouping factor's name ({@code Subject}, {@code recipe:replicate})
 * @param factors the columns whose interaction groups the rows ({@code [recipe, replicate]})
 * @param columns the term's model-matrix columns ({@code (Intercept)}, {@code Days})
 * @param levels  the training levels of the grouping factor
 * @param values  values[level][column]
 */
public record RandomPart(String group, List<String> factors, List<String> columns, List<String> levels,
                         double[][] values) {
    public RandomPart {
        factors = List.copyOf(factors);
        columns = List.copyOf(columns);
        levels = List.copyOf(levels);
        if (values.length != levels.size()) {
            throw new IllegalArgumentException(group + ": " + values.length + " rows of values for "
                    + levels.size() + " levels");
        }
        double[][] copy = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != columns.size()) {
                throw new IllegalArgumentException(group + ": level " + levels.get(i) + " has " + values[i].length
                        + " values for " + columns.size() + " columns");
            }
            copy[i] = values[i].clone();
        }
        values = copy;
    }

    @Override
    public double[][] values() {
        double[][] copy = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i].clone();
        }
        return copy;
    }

    double value(int level, int column) {
        return values[level][column];
    }

    /** Index of each level name. */
    Map<String, Integer> levelIndex() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            m.put(levels.get(i), i);
        }
        return m;
    }
}
