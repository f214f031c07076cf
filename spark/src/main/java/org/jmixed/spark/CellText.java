package org.jmixed.spark;

import org.jmixed.data.NumberSyntax;

/**
 * How one Spark value becomes a cell of the kind the single-machine reader produces: its text
 * (levels print as written), whether it counts as quoted (R's write.csv quotes factor and
 * character columns: a quoted number is a factor level) and whether it is missing.
 *
 * <p>CSV files are read by Spark with quoting turned off, so that a field keeps its quotes and the
 * rule above can see them; the quotes are taken off here. Typed columns (Parquet) need no such
 * rule: numbers are unquoted numbers, strings are quoted text (categorical), booleans are the
 * levels {@code FALSE}/{@code TRUE}.
 */
final class CellText {
    private CellText() {
    }

    /** The cell's text, or null when missing (null, NaN, or in CSV text an empty field or {@code NA}). */
    static String text(Object value, boolean csv) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return Double.isNaN(d) ? null : NumberSyntax.format(d);
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        String s = value.toString();
        if (!csv) {
            return s;
        }
        if (isQuotedField(s)) {
            String inner = s.substring(1, s.length() - 1).replace("\"\"", "\"");
            return inner.isEmpty() || inner.equals("NA") ? null : inner;
        }
        String stripped = s.strip();
        return stripped.isEmpty() || stripped.equals("NA") ? null : stripped;
    }

    /** Whether a present cell counts as quoted: a CSV field in quotes, or any typed text value. */
    static boolean quoted(Object value, boolean csv) {
        if (value instanceof Number) {
            return false;
        }
        if (!csv) {
            return true;
        }
        return isQuotedField(value.toString());
    }

    /** The number of a present cell, or NaN when its text is not a number. */
    static double number(Object value, String text) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        Double d = NumberSyntax.parse(text);
        return d == null ? Double.NaN : d;
    }

    private static boolean isQuotedField(String s) {
        return s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"';
    }
}
