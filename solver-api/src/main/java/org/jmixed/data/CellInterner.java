package org.jmixed.data;

import java.nio.charset.StandardCharsets;

/**
 * One {@link CellValue} per distinct byte string: an open-addressing hash table keyed by ranges of
 * byte arrays, so that a repeated cell costs a hash and a comparison instead of a new string and
 * a number parse. The arrays a key points into must not change afterwards.
 */
final class CellInterner {
    private byte[][] keyBytes;
    private int[] keyStarts;
    private int[] keyLengths;
    private int[] hashes;
    private CellValue[] values;
    private int size;

    CellInterner() {
        allocate(1024);
    }

    /**
     * The value for the UTF-8 text in {@code bytes[start, end)}.
     *
     * @param hash {@link #hash} of those bytes (the tokenizer computes it while scanning them)
     */
    CellValue intern(byte[] bytes, int start, int end, int hash) {
        int mask = values.length - 1;
        int slot = spread(hash) & mask;
        int length = end - start;
        while (values[slot] != null) {
            if (hashes[slot] == hash && keyLengths[slot] == length && sameBytes(keyBytes[slot], keyStarts[slot], bytes, start, length)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        CellValue value = new CellValue(new String(bytes, start, length, StandardCharsets.UTF_8));
        keyBytes[slot] = bytes;
        keyStarts[slot] = start;
        keyLengths[slot] = length;
        hashes[slot] = hash;
        values[slot] = value;
        if (++size * 2 > values.length) { // keep probe sequences short
            grow();
        }
        return value;
    }

    /** The polynomial hash of {@code bytes[start, end)} that {@link #intern} expects. */
    static int hash(byte[] bytes, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    /** Spreads nearby hashes (short numbers hash to consecutive values) over the whole table. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** A plain loop: keys are a few bytes long, too short for {@code Arrays.equals} to pay. */
    private static boolean sameBytes(byte[] a, int aStart, byte[] b, int bStart, int length) {
        for (int i = 0; i < length; i++) {
            if (a[aStart + i] != b[bStart + i]) {
                return false;
            }
        }
        return true;
    }

    private void allocate(int capacity) {
        keyBytes = new byte[capacity][];
        keyStarts = new int[capacity];
        keyLengths = new int[capacity];
        hashes = new int[capacity];
        values = new CellValue[capacity];
    }

    private void grow() {
        byte[][] oldBytes = keyBytes;
        int[] oldStarts = keyStarts;
        int[] oldLengths = keyLengths;
        int[] oldHashes = hashes;
        CellValue[] oldValues = values;
        allocate(oldValues.length * 2);
        int mask = values.length - 1;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                int slot = spread(oldHashes[i]) & mask;
                while (values[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keyBytes[slot] = oldBytes[i];
                keyStarts[slot] = oldStarts[i];
                keyLengths[slot] = oldLengths[i];
                hashes[slot] = oldHashes[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
