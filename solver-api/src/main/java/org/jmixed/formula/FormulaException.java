package org.jmixed.formula;

import org.jmixed.JmixedException;

/**
 * A syntax error in a formula, reported as
 * {@code formula error at column 14: <what>: <formula>} with a 1-based column.
 */
public final class FormulaException extends JmixedException {
    private final int column;

    public FormulaException(String formula, int pos, String what) {
        super("formula error at column " + (pos + 1) + ": " + what + ": " + formula);
        this.column = pos + 1;
    }

    /** The 1-based column the error points at. */
    public int column() {
        return column;
    }
}
