package org.jmixed.data;

/**
 * The texts of a numeric column built in code (or read from a binary file): each number as it
 * would print, NaN missing. Made only when asked for, since formatting a million numbers costs
 * more than reading them.
 */
final class FormattedNumbers extends CellTexts {
    private final double[] values;

    FormattedNumbers(double[] values) {
        this.values = values;
    }

    @Override
    boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    @Override
    String[] strings() {
        String[] s = new String[values.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Double.isNaN(values[i]) ? null : NumberSyntax.format(values[i]);
        }
        return s;
    }

    @Override
    CellTexts select(int[] rows) {
        double[] v = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            v[i] = values[rows[i]];
        }
        return new FormattedNumbers(v);
    }
}
