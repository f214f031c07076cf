package org.jmixed.data;

/**
 * What a CSV cell's text means, worked out once per distinct text: a file with 500,000 cells may
 * have only a few thousand different ones.
 */
final class CellValue {
    /** The text without quotes, as the column will show it. */
    final String text;
    /** The value when {@link #isNumber}, else NaN. */
    final double number;
    final boolean isNumber;
    /** R reads {@code NA} and empty fields as missing; an unquoted field is stripped first. */
    final boolean missingIfQuoted;
    final boolean missingIfUnquoted;

    CellValue(String text) {
        this.text = text;
        Double d = NumberSyntax.parse(text);
        this.isNumber = d != null;
        this.number = d == null ? Double.NaN : d;
        this.missingIfQuoted = isEmptyOrNA(text);
        this.missingIfUnquoted = isEmptyOrNA(text.strip());
    }

    boolean isMissing(boolean quoted) {
        return quoted ? missingIfQuoted : missingIfUnquoted;
    }

    private static boolean isEmptyOrNA(String s) {
        return s.isEmpty() || s.equals("NA");
    }
}
