package org.jmixed.data;

import org.jmixed.JmixedException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table read from a CSV file (or built in code): named {@link Column}s of equal length.
 * Immutable.
 */
public final class DataFrame {
    private final String source;
    private final int nrows;
    private final Map<String, Column> columns;

    DataFrame(String source, int nrows, List<Column> cols) {
        this.source = source;
        this.nrows = nrows;
        Map<String, Column> m = new LinkedHashMap<>();
        for (Column c : cols) {
            if (c.size() != nrows) {
                throw new IllegalArgumentException("column '" + c.name() + "' has " + c.size()
                        + " rows, expected " + nrows);
            }
            if (m.put(c.name(), c) != null) {
                throw new IllegalArgumentException("duplicate column name '" + c.name() + "'");
            }
        }
        this.columns = Collections.unmodifiableMap(m);
    }

    /** Where the data came from (a file name), used in error messages. */
    public String source() {
        return source;
    }

    public int nrows() {
        return nrows;
    }

    /** Column names in file order. */
    public List<String> names() {
        return List.copyOf(columns.keySet());
    }

    public boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    /** The named column; a {@link JmixedException} listing the columns when there is none. */
    public Column column(String name) {
        Column c = columns.get(name);
        if (c == null) {
            throw new JmixedException(source + ": no column '" + name + "' (columns: "
                    + String.join(", ", columns.keySet()) + ")");
        }
        return c;
    }

    /**
     * The given rows (increasing or not, each at most once), as a new frame with the same source.
     * Each column keeps its typing flags (numeric, quoted) from the whole column and its file line
     * numbers, so that a subset is typed as the full file is and errors still name the file's lines.
     */
    public DataFrame selectRows(int[] rows) {
        List<Column> cols = new ArrayList<>(columns.size());
        for (Column c : columns.values()) {
            cols.add(c.select(rows));
        }
        return new DataFrame(source, rows.length, cols);
    }

    public static Builder builder() {
        return new Builder("data");
    }

    /** @param source the name used in error messages, e.g. a file name */
    public static Builder builder(String source) {
        return new Builder(source);
    }

    /**
     * Builds a data frame in code. Rows get line numbers as if read from a CSV file with a header
     * (row 0 is line 2). Numeric columns behave like unquoted numbers in a file; categorical
     * columns like quoted strings (so they are typed as factors).
     */
    public static final class Builder {
        private final String source;
        private final List<Column> cols = new ArrayList<>();
        private int nrows = -1;

        private Builder(String source) {
            this.source = source;
        }

        /** A numeric column; NaN entries are missing values (R's NA). */
        public Builder numeric(String name, double[] values) {
            double[] v = values.clone();
            return add(new Column(name, new FormattedNumbers(v), v, lines(v.length), false, true));
        }

        /** A categorical column; null entries are missing values. */
        public Builder categorical(String name, String[] values) {
            String[] s = values.clone();
            double[] v = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                Double d = s[i] == null ? null : NumberSyntax.parse(s[i]);
                v[i] = d == null ? Double.NaN : d;
            }
            return add(new Column(name, s, v, lines(s.length), true));
        }

        /**
         * A categorical column given by its distinct values and each row's index into them
         * ({@code missingCode} for a missing value): as {@link #categorical(String, String[])} with
         * {@code levels[codes[i]]}, but each level is parsed once instead of once per row.
         */
        public Builder categorical(String name, String[] levels, int[] codes, int missingCode) {
            double[] levelNumbers = new double[levels.length];
            boolean[] levelIsNumber = new boolean[levels.length];
            for (int l = 0; l < levels.length; l++) {
                Double d = NumberSyntax.parse(levels[l]);
                levelNumbers[l] = d == null ? Double.NaN : d;
                levelIsNumber[l] = d != null;
            }
            String[] s = new String[codes.length];
            double[] v = new double[codes.length];
            boolean allNumeric = true;
            for (int i = 0; i < codes.length; i++) {
                int code = codes[i];
                if (code == missingCode) {
                    v[i] = Double.NaN;
                } else {
                    s[i] = levels[code];
                    v[i] = levelNumbers[code];
                    allNumeric &= levelIsNumber[code];
                }
            }
            return add(new Column(name, s, v, lines(s.length), true, allNumeric));
        }

        private Builder add(Column c) {
            if (nrows >= 0 && c.size() != nrows) {
                throw new IllegalArgumentException("column '" + c.name() + "' has " + c.size()
                        + " rows, expected " + nrows);
            }
            nrows = c.size();
            cols.add(c);
            return this;
        }

        public DataFrame build() {
            return new DataFrame(source, Math.max(nrows, 0), cols);
        }

        private static int[] lines(int n) {
            int[] l = new int[n];
            Arrays.setAll(l, i -> i + 2);
            return l;
        }
    }
}
