package org.jmixed.data;

import java.util.Arrays;

/** Collects one column's cells while a CSV file is read, and the flags that type the column. */
final class ColumnBuilder {
    private String[] strings;
    private double[] numbers;
    private int size;
    private boolean allQuoted = true;
    private boolean allNumeric = true;

    ColumnBuilder(int initialCapacity) {
        strings = new String[Math.max(1, initialCapacity)];
        numbers = new double[Math.max(1, initialCapacity)];
    }

    void add(CellValue cell, boolean quoted) {
        if (size == strings.length) {
            strings = Arrays.copyOf(strings, size * 2);
            numbers = Arrays.copyOf(numbers, size * 2);
        }
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

    int size() {
        return size;
    }

    /** @param lines the file line of each row, exactly {@link #size()} of them */
    Column build(String name, int[] lines) {
        return new Column(name, trimmed(strings), trimmed(numbers), lines, allQuoted, allNumeric);
    }

    private String[] trimmed(String[] a) {
        return a.length == size ? a : Arrays.copyOf(a, size);
    }

    private double[] trimmed(double[] a) {
        return a.length == size ? a : Arrays.copyOf(a, size);
    }
}
