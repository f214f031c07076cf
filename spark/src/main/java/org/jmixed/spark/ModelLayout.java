package org.jmixed.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every executor needs to evaluate the formula on its rows exactly as the driver would on all
 * of them: the formula, where each column sits in a row, how each column is typed (decided once
 * from the whole data set by {@link ColumnCensus}), the levels of every factor (collected from the
 * whole data set and sorted as the single-machine reader sorts them) and the order of the
 * random-effects terms. Small: its size is that of the level lists.
 */
final class ModelLayout implements Serializable {
    private static final long serialVersionUID = 1L;

    final String formula;
    final String source;
    final String[] columns;
    /** Position of each column in a {@link org.apache.spark.sql.Row}. */
    final int[] rowIndex;
    /** Whether the column's values are CSV text (quoting rules apply). */
    final boolean[] csv;
    /** Whether every present value is a number (a numeric expression may use the column). */
    final boolean[] allNumeric;
    /** Whether the column, as a plain variable, is numeric (else a factor). */
    final boolean[] numericKind;
    /** The levels of each column used as a factor, in R's order. */
    final Map<String, List<String>> factorLevels;
    /**
     * Per random-effects term in formula order, for a grouping factor that is an interaction
     * ({@code a:b}), its observed level-code tuples ({@code "3,0"}) to level index; else null.
     */
    final List<Map<String, Integer>> interactionIndex;
    /** Random-effects terms in the problem's order (most levels first): their formula positions. */
    final int[] termOrder;

    private transient Map<String, Map<String, Integer>> levelIndex;

    ModelLayout(String formula, String source, String[] columns, int[] rowIndex, boolean[] csv,
                boolean[] allNumeric, boolean[] numericKind, Map<String, List<String>> factorLevels,
                List<Map<String, Integer>> interactionIndex, int[] termOrder) {
        this.formula = formula;
        this.source = source;
        this.columns = columns;
        this.rowIndex = rowIndex;
        this.csv = csv;
        this.allNumeric = allNumeric;
        this.numericKind = numericKind;
        this.factorLevels = factorLevels;
        this.interactionIndex = interactionIndex;
        this.termOrder = termOrder;
    }

    int column(String name) {
        for (int j = 0; j < columns.length; j++) {
            if (columns[j].equals(name)) {
                return j;
            }
        }
        throw new IllegalArgumentException("no column " + name + " in the layout");
    }

    /** Level text to index, for a factor column. */
    synchronized Map<String, Integer> levelIndex(String column) {
        if (levelIndex == null) {
            levelIndex = new HashMap<>();
        }
        return levelIndex.computeIfAbsent(column, c -> {
            List<String> levels = factorLevels.get(c);
            Map<String, Integer> m = new HashMap<>(levels.size() * 2);
            for (int i = 0; i < levels.size(); i++) {
                m.put(levels.get(i), i);
            }
            return m;
        });
    }
}
