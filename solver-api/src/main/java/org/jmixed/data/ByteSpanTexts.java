package org.jmixed.data;

/**
 * Cell texts as ranges of a file's UTF-8 bytes: cell {@code r} is {@code bytes[starts[r], ends[r])},
 * missing when {@code starts[r] < 0}. The bytes must not change afterwards.
 */
final class ByteSpanTexts extends CellTexts {
    private final byte[] bytes;
    private final int[] starts;
    private final int[] ends;

    ByteSpanTexts(byte[] bytes, int[] starts, int[] ends) {
        this.bytes = bytes;
        this.starts = starts;
        this.ends = ends;
    }

    @Override
    boolean isMissing(int row) {
        return starts[row] < 0;
    }

    /** Equal texts share one string, as the reader's interned columns do. */
    @Override
    String[] strings() {
        CellInterner interner = new CellInterner();
        String[] s = new String[starts.length];
        for (int r = 0; r < s.length; r++) {
            int start = starts[r];
            if (start >= 0) {
                s[r] = interner.intern(bytes, start, ends[r], CellInterner.hash(bytes, start, ends[r])).text;
            }
        }
        return s;
    }

    @Override
    CellTexts select(int[] rows) {
        int[] s = new int[rows.length];
        int[] e = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            s[i] = starts[rows[i]];
            e[i] = ends[rows[i]];
        }
        return new ByteSpanTexts(bytes, s, e);
    }
}
