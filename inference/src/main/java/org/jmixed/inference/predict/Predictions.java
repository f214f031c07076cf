package org.jmixed.inference.predict;

import java.util.ArrayList;
import java.util.List;

/**
 * Predictions for the rows of new data. Immutable.
 *
 * @param formula    the model's formula
 * @param population whether these are population-level predictions (random effects left out)
 * @param values     one prediction per row of the new data
 * @param newLevels  per row, the grouping factors whose level the training data did not have
 *                   (their random effects were taken as zero); empty lists for population predictions
 */
public record Predictions(String formula, boolean population, double[] values, List<List<String>> newLevels) {
    public Predictions {
        values = values.clone();
        List<List<String>> copy = new ArrayList<>();
        for (List<String> l : newLevels) {
            copy.add(List.copyOf(l));
        }
        newLevels = List.copyOf(copy);
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public int size() {
        return values.length;
    }

    public double value(int row) {
        return values[row];
    }

    /** Rows that used the population level for at least one grouping factor. */
    public int rowsWithNewLevels() {
        int c = 0;
        for (List<String> l : newLevels) {
            if (!l.isEmpty()) {
                c++;
            }
        }
        return c;
    }
}
