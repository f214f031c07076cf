package org.jmixed.data;

/**
 * Reads the common number spellings of data files straight from a file's bytes, without a string:
 * an optional sign, ASCII decimal digits with at most one decimal point, and an optional exponent
 * ({@code 42}, {@code -0.25}, {@code 5.}, {@code .5}, {@code 5.871370154147755},
 * {@code 1.5e-3}, {@code 2E+10}). Anything else (whitespace, hex, more than
 * {@link #MAX_DIGITS} significant digits, results that are subnormal or overflow) is left to the
 * caller's slow path, {@link NumberSyntax}.
 *
 * <p>The result is bit for bit the double {@link Double#parseDouble} gives for the same text:
 * <ul>
 *   <li>Clinger's fast path when the digits form an integer of at most 53 bits and the power of
 *       ten is exact (|exponent| &le; 22): one correctly rounded IEEE multiplication or
 *       division;</li>
 *   <li>otherwise the Eisel–Lemire algorithm (Lemire, "Number parsing at a gigabyte per second",
 *       Software: Practice and Experience 51, 2021; with the 128-bit products shown sufficient by
 *       Mushtak and Lemire, "Fast number parsing without fallback", 2023): the digits times a
 *       128-bit truncation of the power of five, rounded to 53 bits with ties to even.</li>
 * </ul>
 * Both are correctly rounded, as is Java's parser, so the doubles agree; tests check it on
 * random 17-digit and short decimals.
 */
final class DecimalBytes {
    /** Significant digits that always fit in a positive {@code long} (10<sup>18</sup> &lt; 2<sup>63</sup>). */
    static final int MAX_DIGITS = 18;

    private static final double[] EXACT_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    /** Result of {@link #parse} when the text is not one this class reads (no such text is NaN). */
    static final double NOT_HANDLED = Double.NaN;

    private DecimalBytes() {
    }

    /**
     * The value of the ASCII text in {@code b[start, end)}, or {@link #NOT_HANDLED} (NaN) when the
     * text is not a plain or exponent decimal of at most {@link #MAX_DIGITS} significant digits
     * with a normal (or zero) result.
     */
    static double parse(byte[] b, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long w = 0;
        int significant = 0;
        int mantissaDigits = 0;
        int exponent = 0; // decimal exponent of the last digit kept in w
        boolean seenPoint = false;
        for (; i < end; i++) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                mantissaDigits++;
                if (significant > 0 || c != '0') {
                    if (++significant > MAX_DIGITS) {
                        return NOT_HANDLED;
                    }
                    w = w * 10 + (c - '0');
                }
                if (seenPoint) {
                    exponent--;
                }
            } else if (c == '.' && !seenPoint) {
                seenPoint = true;
            } else {
                break;
            }
        }
        if (mantissaDigits == 0) {
            return NOT_HANDLED;
        }
        if (i < end) {
            if (b[i] != 'e' && b[i] != 'E') {
                return NOT_HANDLED;
            }
            i++;
            boolean negativeExponent = false;
            if (i < end && (b[i] == '-' || b[i] == '+')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            if (i == end || end - i > 6) {
                return NOT_HANDLED; // no exponent digits, or too many to add without care
            }
            int e = 0;
            for (; i < end; i++) {
                int c = b[i];
                if (c < '0' || c > '9') {
                    return NOT_HANDLED;
                }
                e = e * 10 + (c - '0');
            }
            exponent += negativeExponent ? -e : e;
        }
        double magnitude = toDouble(w, exponent);
        return negative ? -magnitude : magnitude;
    }

    /** The double nearest {@code w × 10^q} ({@code 0 ≤ w < 10^18}), or NaN when not handled here. */
    static double toDouble(long w, int q) {
        if (w == 0) {
            return 0.0;
        }
        if (w <= (1L << 53) && q >= -22 && q <= 22) {
            return q < 0 ? w / EXACT_POWERS_OF_TEN[-q] : w * EXACT_POWERS_OF_TEN[q];
        }
        return EiselLemire.toDouble(w, q);
    }
}
