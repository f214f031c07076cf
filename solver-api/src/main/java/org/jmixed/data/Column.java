package org.jmixed.data;

import java.util.Objects;

/**
 * One column of a {@link DataFrame}. A column keeps everything later typing needs: the raw text of
 * each cell (so that categorical levels print exactly as written), the parsed number (so that a
 * numeric column needs no re-parsing), whether every present value was quoted in the file (R's
 * {@code write.csv} quotes factor and character columns, which is how we tell a factor coded
 * {@code "0"/"1"} from a number) and the file line of each row (for error messages).
 *
 * <p>Missing cells ({@code NA} or empty in a CSV) have a null string and a NaN number. Immutable.
 */
public final class Column {
    private final String name;
    /** Null until first needed when the column was built from {@link CellTexts}. */
    private volatile String[] strings;
    /** Where the strings come from when they are made lazily; null when given. */
    private final CellTexts texts;
    private final double[] numbers;
    private final int[] lines;
    private final boolean allNumeric;
    private final boolean allQuoted;

    /**
     * @param name      column name
     * @param strings   raw cell text per row, null when missing
     * @param numbers   parsed value per row, NaN when missing or not a number (a literal {@code NaN}
     *                  cell is also NaN: use {@link #isMissing} to tell them apart)
     * @param lines     1-based file line of each row (row index + 2 for data built in code)
     * @param allQuoted whether every present value was quoted
     */
    Column(String name, String[] strings, double[] numbers, int[] lines, boolean allQuoted) {
        this(name, strings, numbers, lines, allQuoted, allParse(strings));
    }

    /**
     * For a reader that has already parsed every cell.
     *
     * @param allNumeric whether every non-null string is a number to {@link NumberSyntax}
     */
    Column(String name, String[] strings, double[] numbers, int[] lines, boolean allQuoted, boolean allNumeric) {
        this(name, Objects.requireNonNull(strings), null, numbers, lines, allQuoted, allNumeric);
        if (strings.length != numbers.length) {
            throw new IllegalArgumentException("column arrays differ in length");
        }
    }

    /**
     * For a column whose cell texts are made only when asked for (a numeric column read from a
     * file, or built in code).
     *
     * @param texts the cells' texts and which cells are missing, one per number
     */
    Column(String name, CellTexts texts, double[] numbers, int[] lines, boolean allQuoted, boolean allNumeric) {
        this(name, null, Objects.requireNonNull(texts), numbers, lines, allQuoted, allNumeric);
    }

    private Column(String name, String[] strings, CellTexts texts, double[] numbers, int[] lines, boolean allQuoted,
                   boolean allNumeric) {
        this.name = Objects.requireNonNull(name);
        if (numbers.length != lines.length) {
            throw new IllegalArgumentException("column arrays differ in length");
        }
        this.strings = strings;
        this.texts = texts;
        this.numbers = numbers;
        this.lines = lines;
        this.allQuoted = allQuoted;
        this.allNumeric = allNumeric;
    }

    /** The cell strings, made on first use when the column keeps {@link CellTexts}. */
    private String[] strings() {
        String[] s = strings;
        if (s == null) {
            s = texts.strings(); // two threads may both make them: equal arrays, either is kept
            strings = s;
        }
        return s;
    }

    private static boolean allParse(String[] strings) {
        for (String s : strings) {
            if (s != null && !NumberSyntax.isNumber(s)) {
                return false;
            }
        }
        return true;
    }

    public String name() {
        return name;
    }

    /** Number of rows. */
    public int size() {
        return numbers.length;
    }

    public boolean isMissing(int row) {
        String[] s = strings;
        return s != null ? s[row] == null : texts.isMissing(row);
    }

    /** The cell's text as written (without quotes), or null when missing. */
    public String stringValue(int row) {
        return strings()[row];
    }

    /** The cell's number; NaN when missing or not a number. */
    public double numericValue(int row) {
        return numbers[row];
    }

    /** Every present value parses as a number (R's {@code Inf}, {@code -Inf}, {@code NaN} included). */
    public boolean allNumeric() {
        return allNumeric;
    }

    /** Every present value was written in double quotes (true for a column with no present value). */
    public boolean allQuoted() {
        return allQuoted;
    }

    /** The 1-based line in the source file where this row starts. */
    public int lineOfRow(int row) {
        return lines[row];
    }

    /** The given rows, keeping this column's typing flags (see {@link DataFrame#selectRows}). */
    Column select(int[] rows) {
        if (strings == null) {
            double[] v = new double[rows.length];
            int[] l = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                v[i] = numbers[rows[i]];
                l[i] = lines[rows[i]];
            }
            return new Column(name, texts.select(rows), v, l, allQuoted, allNumeric);
        }
        String[] strings = strings();
        String[] s = new String[rows.length];
        double[] v = new double[rows.length];
        int[] l = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            s[i] = strings[rows[i]];
            v[i] = numbers[rows[i]];
            l[i] = lines[rows[i]];
        }
        return new Column(name, s, v, l, allQuoted, allNumeric);
    }

    /** Number of missing cells. */
    public int missingCount() {
        int c = 0;
        for (int r = 0; r < numbers.length; r++) {
            if (isMissing(r)) {
                c++;
            }
        }
        return c;
    }
}
