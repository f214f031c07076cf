package org.jmixed.data;

/**
 * A cheap exact reading of the most common number spellings in data files: an optional sign,
 * decimal digits and at most one decimal point ({@code 42}, {@code -0.25}, {@code 5.},
 * {@code .5}). Anything else (exponents, hex, whitespace, long digit strings) is left to
 * {@link Double#parseDouble}.
 *
 * <p>The result is the same double {@code Double.parseDouble} gives: with at most 15 digits the
 * digits form an integer below 2<sup>53</sup>, so it and the power of ten it is divided by (at
 * most 10<sup>15</sup>) are exact doubles, and one IEEE division rounds their quotient
 * correctly (Clinger's fast path).
 */
final class PlainDecimal {
    /** More digits than this may not fit exactly in a double's 53-bit significand. */
    static final int MAX_DIGITS = 15;

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    };

    private PlainDecimal() {
    }

    /**
     * The value of {@code text} when it is a plain decimal of at most {@link #MAX_DIGITS} digits;
     * NaN otherwise (no plain decimal is NaN, so NaN can only mean "not handled here").
     */
    static double parse(String text) {
        int n = text.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        long digitsValue = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean seenPoint = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > MAX_DIGITS) {
                    return Double.NaN;
                }
                digitsValue = digitsValue * 10 + (c - '0');
                if (seenPoint) {
                    fractionDigits++;
                }
            } else if (c == '.' && !seenPoint) {
                seenPoint = true;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        double magnitude = (double) digitsValue / POWERS_OF_TEN[fractionDigits];
        return negative ? -magnitude : magnitude;
    }
}
