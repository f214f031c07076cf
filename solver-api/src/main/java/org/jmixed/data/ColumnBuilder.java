package org.jmixed.data;

import java.util.Arrays;

/**
 * Collects one column's cells while a CSV file is read, and the flags that type the column.
 *
 * <p>Two ways to keep the cells, chosen at the first present cell. A column whose first present
 * cell is unquoted is kept as numbers: each is parsed straight from the file's bytes
 * ({@link DecimalBytes}) and only its place in the file is kept ({@link ByteSpanTexts}), so a
 * column of a million distinct numbers costs no string and no hash-table entry. The first cell
 * that is not a number (or whose text differs from its bytes, having had quotes unescaped) turns
 * the column into the other kind, which a quoted first cell chooses at once (R's
 * {@code write.csv} quotes factors): every cell interned ({@link CellInterner}) to one string per
 * distinct text, numbers parsed once per text. Both give the same column.
 */
final class ColumnBuilder {
    private final byte[] fileBytes;
    private final CellInterner cells;
    private double[] numbers;
    /** Interned text per row (null where missing) once the column keeps strings; else null. */
    private String[] strings;
    /** Once the column keeps numbers: where each row's text lies, start -1 when missing; else null. */
    private int[] starts;
    private int[] ends;
    private int size;
    private boolean allQuoted = true;
    private boolean allNumeric = true;

    /**
     * @param fileBytes the bytes the cells are read from (kept by numeric columns)
     * @param cells     the interner shared by the file's columns
     */
    ColumnBuilder(byte[] fileBytes, CellInterner cells, int initialCapacity) {
        this.fileBytes = fileBytes;
        this.cells = cells;
        numbers = new double[Math.max(1, initialCapacity)];
    }

    /**
     * Adds the cell whose text is {@code holder[start, end)}: the file's bytes, or a copy when
     * unescaping changed the text.
     *
     * @param hash {@link CellInterner#hash} of the text
     */
    void add(byte[] holder, int start, int end, int hash, boolean quoted) {
        if (size == numbers.length) {
            grow();
        }
        if (strings != null) {
            addString(cells.intern(holder, start, end, hash), quoted);
            return;
        }
        boolean undecided = starts == null;
        boolean inFile = holder == fileBytes;
        if (inFile && !(undecided && quoted)) {
            double d = DecimalBytes.parse(holder, start, end);
            if (d == d) { // not NaN: read by the fast path
                addNumber(d, start, end, quoted);
                return;
            }
        }
        CellValue cell = cells.intern(holder, start, end, hash);
        if (cell.isMissing(quoted)) {
            numbers[size] = Double.NaN;
            if (starts != null) {
                starts[size] = -1;
            }
            size++;
            return;
        }
        if (inFile && cell.isNumber && !(undecided && quoted)) {
            addNumber(cell.number, start, end, quoted);
            return;
        }
        keepStrings();
        addString(cell, quoted);
    }

    private void addNumber(double value, int start, int end, boolean quoted) {
        if (starts == null) {
            keepSpans();
        }
        numbers[size] = value;
        starts[size] = start;
        ends[size] = end;
        allQuoted &= quoted;
        size++;
    }

    private void addString(CellValue cell, boolean quoted) {
        if (cell.isMissing(quoted)) {
            numbers[size] = Double.NaN; // strings[size] stays null
        } else {
            strings[size] = cell.text;
            numbers[size] = cell.number;
            allQuoted &= quoted;
            allNumeric &= cell.isNumber;
        }
        size++;
    }

    /** From the first present number on: byte ranges, the rows before it all missing. */
    private void keepSpans() {
        starts = new int[numbers.length];
        ends = new int[numbers.length];
        Arrays.fill(starts, 0, size, -1);
    }

    /** Turns the byte ranges kept so far (if any) into interned strings; from now on cells are strings. */
    private void keepStrings() {
        strings = new String[numbers.length];
        if (starts != null) {
            for (int r = 0; r < size; r++) {
                int start = starts[r];
                if (start >= 0) {
                    strings[r] = cells.intern(fileBytes, start, ends[r], CellInterner.hash(fileBytes, start, ends[r])).text;
                }
            }
            starts = null;
            ends = null;
        }
    }

    /**
     * Appends the cells of a builder that read the rest of the same file: the column is then the
     * one a single builder reading both parts would have made.
     */
    void append(ColumnBuilder later) {
        if (strings != null || later.strings != null) {
            if (strings == null) {
                keepStrings();
            }
            if (later.strings == null) {
                later.keepStrings();
            }
        } else if (starts != null || later.starts != null) {
            if (starts == null) {
                keepSpans();
            }
            if (later.starts == null) {
                later.keepSpans();
            }
        }
        int total = size + later.size;
        if (total > numbers.length) {
            growTo(total);
        }
        System.arraycopy(later.numbers, 0, numbers, size, later.size);
        if (strings != null) {
            System.arraycopy(later.strings, 0, strings, size, later.size);
        } else if (starts != null) {
            System.arraycopy(later.starts, 0, starts, size, later.size);
            System.arraycopy(later.ends, 0, ends, size, later.size);
        }
        size = total;
        allQuoted &= later.allQuoted;
        allNumeric &= later.allNumeric;
    }

    private void grow() {
        growTo(size * 2);
    }

    private void growTo(int capacity) {
        numbers = Arrays.copyOf(numbers, capacity);
        if (strings != null) {
            strings = Arrays.copyOf(strings, capacity);
        }
        if (starts != null) {
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
        }
    }

    int size() {
        return size;
    }

    /** @param lines the file line of each row, exactly {@link #size()} of them */
    Column build(String name, int[] lines) {
        if (starts == null && strings == null) {
            strings = new String[numbers.length]; // no present cell: every row missing
        }
        if (strings != null) {
            return new Column(name, trimmed(strings), trimmed(numbers), lines, allQuoted, allNumeric);
        }
        CellTexts texts = new ByteSpanTexts(fileBytes, trimmed(starts), trimmed(ends));
        return new Column(name, texts, trimmed(numbers), lines, allQuoted, allNumeric);
    }

    private String[] trimmed(String[] a) {
        return a.length == size ? a : Arrays.copyOf(a, size);
    }

    private double[] trimmed(double[] a) {
        return a.length == size ? a : Arrays.copyOf(a, size);
    }

    private int[] trimmed(int[] a) {
        return a.length == size ? a : Arrays.copyOf(a, size);
    }
}
