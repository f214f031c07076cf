package org.jmixed.data.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The non-null values of one data page, read one at a time in the encoding the page names:
 * PLAIN, dictionary indices (PLAIN_DICTIONARY / RLE_DICTIONARY), RLE booleans or
 * BYTE_STREAM_SPLIT. A numeric column calls {@link #number}, a categorical one {@link #string}.
 */
abstract class PageValues {
    static final int PLAIN = 0;
    static final int PLAIN_DICTIONARY = 2;
    static final int RLE = 3;
    static final int BIT_PACKED = 4;
    static final int RLE_DICTIONARY = 8;
    static final int BYTE_STREAM_SPLIT = 9;
    private static final String[] ENCODING_NAMES = {"PLAIN", "GROUP_VAR_INT", "PLAIN_DICTIONARY", "RLE",
        "BIT_PACKED", "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY", "RLE_DICTIONARY",
        "BYTE_STREAM_SPLIT"};

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    abstract double number();

    abstract String string();

    static String encodingName(int encoding) {
        return encoding >= 0 && encoding < ENCODING_NAMES.length ? ENCODING_NAMES[encoding] : "encoding " + encoding;
    }

    static int intAt(byte[] b, int at) {
        return (int) INT.get(b, at);
    }

    static long longAt(byte[] b, int at) {
        return (long) LONG.get(b, at);
    }

    /** PLAIN: values one after another (booleans one bit each; byte arrays after a 4-byte length). */
    static final class Plain extends PageValues {
        private final ColumnType type;
        private final byte[] data;
        private int pos;
        private int bitIndex;

        Plain(ColumnType type, byte[] data, int pos) {
            this.type = type;
            this.data = data;
            this.pos = pos;
        }

        @Override
        double number() {
            switch (type.physical()) {
                case ColumnType.BOOLEAN -> {
                    int i = bitIndex++;
                    return (data[pos + (i >>> 3)] >>> (i & 7)) & 1;
                }
                case ColumnType.INT32 -> {
                    int v = intAt(data, pos);
                    pos += 4;
                    return type.fromInt(v);
                }
                case ColumnType.INT64 -> {
                    long v = longAt(data, pos);
                    pos += 8;
                    return type.fromLong(v);
                }
                case ColumnType.FLOAT -> {
                    float v = Float.intBitsToFloat(intAt(data, pos));
                    pos += 4;
                    return v;
                }
                case ColumnType.DOUBLE -> {
                    double v = Double.longBitsToDouble(longAt(data, pos));
                    pos += 8;
                    return v;
                }
                default -> {
                    int length = type.physical() == ColumnType.BYTE_ARRAY ? byteArrayLength() : type.typeLength();
                    double v = type.fromBytes(data, pos, length);
                    pos += length;
                    return v;
                }
            }
        }

        @Override
        String string() {
            int length = byteArrayLength();
            String s = new String(data, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        private int byteArrayLength() {
            int length = intAt(data, pos);
            pos += 4;
            if (length < 0 || length > data.length - pos) {
                throw new IllegalStateException("a value of " + length + " bytes runs past the page's end");
            }
            return length;
        }
    }

    /** Indices into the chunk's dictionary, RLE/bit-packed after a byte giving their bit width. */
    static final class Dictionary extends PageValues {
        private final HybridDecoder indices;
        private final double[] numbers;
        private final String[] strings;

        Dictionary(byte[] data, int pos, double[] numbers, String[] strings) {
            if (numbers == null && strings == null) {
                throw new IllegalStateException("dictionary-encoded page without a dictionary page");
            }
            this.indices = new HybridDecoder(data, pos + 1, data.length, data[pos] & 0xff);
            this.numbers = numbers;
            this.strings = strings;
        }

        @Override
        double number() {
            return numbers[indices.next()];
        }

        @Override
        String string() {
            return strings[indices.next()];
        }
    }

    /** RLE-encoded booleans (a 4-byte length, then RLE/bit-packed runs of width 1). */
    static final class RleBooleans extends PageValues {
        private final HybridDecoder bits;

        RleBooleans(byte[] data, int pos) {
            int length = intAt(data, pos);
            if (length < 0 || length > data.length - pos - 4) {
                throw new IllegalStateException("RLE boolean data of " + length + " bytes runs past the page's end");
            }
            this.bits = new HybridDecoder(data, pos + 4, pos + 4 + length, 1);
        }

        @Override
        double number() {
            return bits.next();
        }

        @Override
        String string() {
            throw new IllegalStateException("booleans are not strings");
        }
    }

    /**
     * BYTE_STREAM_SPLIT: byte j of every value stored together, stream after stream; the values
     * are gathered back into PLAIN order and read as such.
     */
    static PageValues byteStreamSplit(ColumnType type, byte[] data, int pos, int count) {
        int width = switch (type.physical()) {
            case ColumnType.INT32, ColumnType.FLOAT -> 4;
            case ColumnType.INT64, ColumnType.DOUBLE -> 8;
            case ColumnType.FIXED_LEN_BYTE_ARRAY -> type.typeLength();
            default -> throw new IllegalStateException("BYTE_STREAM_SPLIT on " + ColumnType.physicalName(type.physical()));
        };
        if ((long) width * count > data.length - pos) {
            throw new IllegalStateException("BYTE_STREAM_SPLIT data shorter than its values");
        }
        byte[] plain = new byte[width * count];
        for (int j = 0; j < width; j++) {
            int stream = pos + j * count;
            for (int i = 0; i < count; i++) {
                plain[i * width + j] = data[stream + i];
            }
        }
        return new Plain(type, plain, 0);
    }
}
