package org.jmixed.data;

/**
 * Decides whether a cell's text is a number. We accept Java's {@code Double} syntax (so that
 * anything Java prints round-trips) plus R's spellings of the non-finite values, {@code Inf},
 * {@code -Inf} and {@code NaN}, which R's {@code write.csv} produces. Java's float-type suffixes
 * ({@code 1d}, {@code 2f}) are rejected because R would read such cells as text.
 */
public final class NumberSyntax {
    private NumberSyntax() {
    }

    /** The value of {@code text}, or {@code null} when it is not a number. */
    public static Double parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return null;
        }
        double plain = PlainDecimal.parse(s);
        if (!Double.isNaN(plain)) {
            return plain;
        }
        switch (s) {
            case "Inf", "+Inf", "Infinity", "+Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Inf", "-Infinity":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                break;
        }
        char last = s.charAt(s.length() - 1);
        if (!(Character.isDigit(last) || last == '.')) {
            return null; // rejects Java's type suffixes (1d, 2f) and forms like "1." followed by junk
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static boolean isNumber(String text) {
        return parse(text) != null;
    }

    /**
     * A number's text as a frame built in code or read from a binary file spells it (and as the
     * Spark path spells the numbers it reads, so that both paths see the same cells): whole numbers
     * without a decimal point, R's spelling of the infinities, else Java's.
     */
    public static String format(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Inf" : "-Inf";
        }
        return Double.toString(d);
    }
}
