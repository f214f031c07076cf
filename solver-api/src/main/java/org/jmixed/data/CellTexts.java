package org.jmixed.data;

/**
 * The texts of a column's cells when the column was not built with a string per cell: a numeric
 * column read from a file keeps where each cell's text lies, and makes the strings only when
 * someone asks for one (a numeric column used as a grouping factor, an error message), so that
 * reading a million distinct numbers makes no million strings.
 */
abstract class CellTexts {
    /** Whether the cell is missing (it then has no text). */
    abstract boolean isMissing(int row);

    /** Every cell's text, null where missing; a new array each call. */
    abstract String[] strings();

    /** The texts of the given rows. */
    abstract CellTexts select(int[] rows);
}
