package org.jmixed.bench;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns: text left, everything else right. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] left;

    TextTable(boolean[] leftAligned, String... header) {
        this.left = leftAligned;
        rows.add(header);
    }

    void add(String... cells) {
        rows.add(cells);
    }

    int size() {
        return rows.size() - 1;
    }

    @Override
    public String toString() {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(w[c] - r[c].length());
                line.append(left[c] ? r[c] + pad : pad + r[c]);
            }
            b.append(line.toString().stripTrailing()).append('\n');
            if (i == 0) {
                int total = 0;
                for (int c = 0; c < cols; c++) {
                    total += w[c] + (c > 0 ? 2 : 0);
                }
                b.append("-".repeat(total)).append('\n');
            }
        }
        return b.toString();
    }
}
