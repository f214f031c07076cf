package org.jmixed.data;

import java.util.Arrays;

/**
 * The data rows of a CSV file, collected column by column (see {@link ColumnBuilder}): the cells,
 * the line each row starts on, and the first row with the wrong number of fields.
 */
final class CsvRows {
    private final int ncol;
    private final ColumnBuilder[] columns;
    private final CellInterner cells = new CellInterner();
    private int[] lines;
    private int size;
    private int raggedLine;
    private int raggedFields;

    /** @param bytes the file's bytes, which the tokenizer reads */
    CsvRows(byte[] bytes, int ncol, int capacity) {
        this.ncol = ncol;
        columns = new ColumnBuilder[ncol];
        for (int c = 0; c < ncol; c++) {
            columns[c] = new ColumnBuilder(bytes, cells, capacity);
        }
        lines = new int[Math.max(1, capacity)];
    }

    /**
     * Reads the remaining records. After a ragged row the cells are no longer kept (the file will
     * be rejected) but the records are still tokenized, since a malformed one must be reported
     * first.
     */
    void read(CsvTokenizer tokenizer) {
        while (tokenizer.nextRecord()) {
            int c = 0;
            while (tokenizer.nextField()) {
                if (c < ncol && raggedLine == 0) {
                    columns[c].add(tokenizer.fieldBytes(), tokenizer.fieldStart(), tokenizer.fieldEnd(),
                            tokenizer.fieldHash(), tokenizer.fieldQuoted());
                }
                c++;
            }
            if (c != ncol && raggedLine == 0) {
                raggedLine = tokenizer.recordLine();
                raggedFields = c;
            }
            if (size == lines.length) {
                lines = Arrays.copyOf(lines, size * 2);
            }
            lines[size++] = tokenizer.recordLine();
        }
    }

    /**
     * Appends the rows that {@code later} read from the rest of the same file, its lines counted
     * from 1 where it started; {@code lineOffset} is the line it started on less one. Neither
     * part may have had a ragged row.
     */
    void append(CsvRows later, int lineOffset) {
        if (raggedLine != 0 || later.raggedLine != 0) {
            throw new IllegalStateException("ragged rows are reported from a single reading");
        }
        for (int c = 0; c < ncol; c++) {
            columns[c].append(later.columns[c]);
        }
        if (size + later.size > lines.length) {
            lines = Arrays.copyOf(lines, size + later.size);
        }
        for (int r = 0; r < later.size; r++) {
            lines[size + r] = later.lines[r] + lineOffset;
        }
        size += later.size;
    }

    int size() {
        return size;
    }

    /** The line of the first record whose field count differs from the header's; 0 when none. */
    int raggedLine() {
        return raggedLine;
    }

    /** The number of fields in that record. */
    int raggedFields() {
        return raggedFields;
    }

    /** The columns, named in header order; only for rows that are not ragged. */
    Column[] build(String[] names) {
        int[] rowLines = lines.length == size ? lines : Arrays.copyOf(lines, size);
        Column[] built = new Column[ncol];
        for (int c = 0; c < ncol; c++) {
            built[c] = columns[c].build(names[c], rowLines);
        }
        return built;
    }
}
