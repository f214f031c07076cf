package org.jmixed.data.parquet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The DELTA encodings of Parquet's version 2 writers (Spark with {@code parquet.writer.version=v2},
 * pyarrow when asked): DELTA_BINARY_PACKED integers, and byte arrays as DELTA_LENGTH_BYTE_ARRAY
 * (delta-packed lengths, then the bytes) or DELTA_BYTE_ARRAY (delta-packed lengths of the prefix
 * shared with the previous value, then the suffixes as DELTA_LENGTH_BYTE_ARRAY). A page's values
 * are decoded at once.
 */
final class DeltaValues extends PageValues {
    static final int DELTA_BINARY_PACKED = 5;
    static final int DELTA_LENGTH_BYTE_ARRAY = 6;
    static final int DELTA_BYTE_ARRAY = 7;

    private final ColumnType type;
    private final long[] integers;
    private final byte[][] arrays;
    private int next;

    private DeltaValues(ColumnType type, long[] integers, byte[][] arrays) {
        this.type = type;
        this.integers = integers;
        this.arrays = arrays;
    }

    /** The values of a page in one of the DELTA encodings; null when that encoding does not fit the column's type. */
    static PageValues of(int encoding, ColumnType type, byte[] data, int pos) {
        ByteCursor in = new ByteCursor(data, pos);
        int p = type.physical();
        if (encoding == DELTA_BINARY_PACKED && (p == ColumnType.INT32 || p == ColumnType.INT64)) {
            return new DeltaValues(type, binaryPacked(in), null);
        }
        if (p != ColumnType.BYTE_ARRAY) {
            return null;
        }
        if (encoding == DELTA_LENGTH_BYTE_ARRAY) {
            return new DeltaValues(type, null, lengthPrefixed(in));
        }
        if (encoding == DELTA_BYTE_ARRAY) {
            long[] prefixes = binaryPacked(in);
            byte[][] suffixes = lengthPrefixed(in);
            if (prefixes.length != suffixes.length) {
                throw new IllegalStateException(prefixes.length + " prefix lengths for " + suffixes.length + " suffixes");
            }
            byte[][] values = new byte[suffixes.length][];
            byte[] previous = new byte[0];
            for (int i = 0; i < values.length; i++) {
                int prefix = (int) prefixes[i];
                if (prefix < 0 || prefix > previous.length) {
                    throw new IllegalStateException("a prefix of " + prefix + " bytes of a value of " + previous.length);
                }
                byte[] v = Arrays.copyOf(previous, prefix + suffixes[i].length);
                System.arraycopy(suffixes[i], 0, v, prefix, suffixes[i].length);
                values[i] = v;
                previous = v;
            }
            return new DeltaValues(type, null, values);
        }
        return null;
    }

    @Override
    double number() {
        if (integers != null) {
            long v = integers[next++];
            return type.physical() == ColumnType.INT32 ? type.fromInt((int) v) : type.fromLong(v);
        }
        byte[] b = arrays[next++];
        return type.fromBytes(b, 0, b.length);
    }

    @Override
    String string() {
        return new String(arrays[next++], StandardCharsets.UTF_8);
    }

    private static byte[][] lengthPrefixed(ByteCursor in) {
        long[] lengths = binaryPacked(in);
        byte[][] values = new byte[lengths.length][];
        for (int i = 0; i < lengths.length; i++) {
            long n = lengths[i];
            if (n < 0 || n > in.bytes.length - in.pos) {
                throw new IllegalStateException("a value of " + n + " bytes runs past the page's end");
            }
            values[i] = Arrays.copyOfRange(in.bytes, in.pos, in.pos + (int) n);
            in.pos += (int) n;
        }
        return values;
    }

    /**
     * DELTA_BINARY_PACKED: a header (values per block, miniblocks per block, value count, first
     * value), then blocks of a minimum delta, one bit width per miniblock and the miniblocks'
     * bit-packed deltas above the minimum. Sums wrap around as in the writer's integer type.
     */
    private static long[] binaryPacked(ByteCursor in) {
        long blockSize = in.varint();
        long miniblocks = in.varint();
        long count = in.varint();
        if (blockSize <= 0 || blockSize % 128 != 0 || miniblocks <= 0 || blockSize % miniblocks != 0
                || (blockSize / miniblocks) % 32 != 0 || count < 0 || count > in.bytes.length * 64L + 1) {
            throw new IllegalStateException("bad DELTA_BINARY_PACKED header (block " + blockSize + ", miniblocks "
                    + miniblocks + ", values " + count + ")");
        }
        int perMiniblock = (int) (blockSize / miniblocks);
        long[] values = new long[(int) count];
        if (count == 0) {
            in.zigzagVarint();
            return values;
        }
        values[0] = in.zigzagVarint();
        int filled = 1;
        while (filled < count) {
            long minDelta = in.zigzagVarint();
            int[] widths = new int[(int) miniblocks];
            for (int m = 0; m < miniblocks; m++) {
                widths[m] = in.bytes[in.pos++] & 0xff;
            }
            for (int m = 0; m < miniblocks && filled < count; m++) {
                int width = widths[m];
                if (width > 64) {
                    throw new IllegalStateException("a miniblock bit width of " + width);
                }
                int start = in.pos;
                int take = (int) Math.min(perMiniblock, count - filled);
                for (int i = 0; i < take; i++) {
                    values[filled] = values[filled - 1] + minDelta + unpack(in.bytes, start, i, width);
                    filled++;
                }
                in.pos = start + perMiniblock * width / 8;
            }
        }
        return values;
    }

    /** Value {@code i} of {@code width} bits, packed least significant bit first from byte {@code start}. */
    private static long unpack(byte[] data, int start, int i, int width) {
        if (width == 0) {
            return 0;
        }
        long bit = (long) i * width;
        int at = start + (int) (bit >>> 3);
        int shift = (int) (bit & 7);
        long v = 0;
        int bytes = (shift + width + 7) >>> 3;
        for (int k = 0; k < bytes && k < 8; k++) {
            v |= (long) (data[at + k] & 0xff) << (8 * k);
        }
        v >>>= shift;
        if (bytes == 9) {
            v |= (long) (data[at + 8] & 0xff) << (64 - shift);
        }
        return width == 64 ? v : v & ((1L << width) - 1);
    }
}
