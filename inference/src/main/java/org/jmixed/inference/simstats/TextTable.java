package org.jmixed.inference.simstats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: the first column left-aligned, the others right-aligned, two spaces apart
 * (or as {@link #gap} says); trailing blanks of each line dropped. Also the number formats the
 * inference reports share.
 */
public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final java.util.Set<Integer> left = new java.util.HashSet<>(List.of(0));
    private int gap = 2;

    public TextTable(String... header) {
        rows.add(header);
    }

    /** Aligns column {@code col} (0-based) to the left, as for text columns. */
    public TextTable leftAlign(int col) {
        left.add(col);
        return this;
    }

    /** Puts {@code spaces} blanks between columns instead of two (R's print of a data frame: one). */
    public TextTable gap(int spaces) {
        gap = spaces;
        return this;
    }

    public TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    /** Significant-figure formatting as R prints numbers in tables; NA for non-finite values. */
    public static String num(double v, int digits) {
        if (Double.isNaN(v)) {
            return "NA";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e15 || a < 1e-4) {
            return String.format("%." + (digits - 1) + "e", v);
        }
        int decimals = Math.max(0, digits - 1 - (int) Math.floor(Math.log10(a)));
        return String.format("%." + decimals + "f", v);
    }

    /**
     * {@code digits} significant digits, trailing zeros dropped, never in scientific notation
     * ({@code 16.2}, {@code 0.0001085}, {@code 95}); NaN, Inf and -Inf as R prints them.
     */
    public static String significant(double v, int digits) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NaN" : (v > 0 ? "Inf" : "-Inf");
        }
        return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    public String render() {
        int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                if (c > 0) {
                    line.append(" ".repeat(gap));
                }
                String cell = r[c];
                String fill = " ".repeat(width[c] - cell.length());
                line.append(left.contains(c) ? cell + fill : fill + cell);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
