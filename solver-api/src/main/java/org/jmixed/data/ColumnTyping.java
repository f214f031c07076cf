package org.jmixed.data;

/**
 * How a column is read when a formula uses it (GUIDE §4, refined): the rule that makes a CSV
 * written by R read back with the same types R had.
 *
 * <ul>
 *   <li>A column used as a grouping factor is categorical, whatever its values.</li>
 *   <li>Otherwise it is numeric when every present value is a number and not every one was quoted:
 *       R's {@code write.csv} quotes factor and character columns, so InstEval's quoted
 *       {@code "0"/"1"} {@code service} column is a factor (giving {@code service1}) while
 *       Orthodont's unquoted {@code age} is a number.</li>
 *   <li>{@code factor(x)} and {@code as.numeric(x)} in a formula override the rule.</li>
 * </ul>
 */
public final class ColumnTyping {
    private ColumnTyping() {
    }

    public enum Kind { NUMERIC, CATEGORICAL }

    /**
     * The kind of a column used as a plain variable.
     *
     * @param groupingFactor whether the formula uses the column as (part of) a grouping factor
     */
    public static Kind kindOf(Column column, boolean groupingFactor) {
        if (groupingFactor) {
            return Kind.CATEGORICAL;
        }
        return column.allNumeric() && !column.allQuoted() ? Kind.NUMERIC : Kind.CATEGORICAL;
    }

    /**
     * Whether a column can serve as the response: the response is numeric whenever all its values
     * parse, quoted or not (a quoted number makes no sense as a factor response).
     */
    public static boolean usableAsResponse(Column column) {
        return column.allNumeric();
    }
}
