package org.jmixed.inference.compare;

import java.util.Locale;

/** Number formatting for result tables in the way R prints them (lme4's anova, Stata's header). */
public final class NumberFormat {
    private NumberFormat() {
    }

    /**
     * A column of numbers with a common number of decimals, chosen so that the largest magnitude
     * shows {@code digits} significant digits (R's {@code format} of a column, simplified).
     * NaN becomes an empty string.
     */
    public static String[] column(double[] x, int digits) {
        double max = 0;
        for (double v : x) {
            if (Double.isFinite(v)) {
                max = Math.max(max, Math.abs(v));
            }
        }
        int intDigits = max < 1 ? 1 : (int) Math.floor(Math.log10(max)) + 1;
        int decimals = Math.max(0, digits - intDigits);
        String[] out = new String[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Double.isNaN(x[i]) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", x[i]);
        }
        return out;
    }

    /** A p-value as R's {@code format.pval} with 4 digits: {@code 0.1090}, {@code 7.072e-10}, {@code < 2.2e-16}. */
    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "";
        }
        if (p < 2.2e-16) {
            return "< 2.2e-16";
        }
        if (p < 1e-4) {
            return String.format(Locale.ROOT, "%.3e", p).replace("e-0", "e-");
        }
        return String.format(Locale.ROOT, "%.4g", p);
    }

    /** R's significance stars. */
    public static String stars(double p) {
        if (Double.isNaN(p)) {
            return "";
        }
        return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : " ";
    }
}
