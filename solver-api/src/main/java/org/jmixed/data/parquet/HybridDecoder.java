package org.jmixed.data.parquet;

/**
 * Parquet's RLE/bit-packing hybrid encoding, which holds definition levels, dictionary indices
 * and RLE-encoded booleans: a sequence of runs, each either one value repeated (RLE) or groups
 * of eight values packed {@code bitWidth} bits each, least significant bit first.
 */
final class HybridDecoder {
    private final byte[] data;
    private final int end;
    private final int bitWidth;
    private int pos;
    /** Values left in the current run. */
    private int left;
    private boolean packed;
    private int rleValue;
    /** For a packed run: the byte where it starts and the index of the next value in it. */
    private int packedStart;
    private int packedIndex;

    HybridDecoder(byte[] data, int pos, int end, int bitWidth) {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new IllegalStateException("bit width " + bitWidth + " outside 0..32");
        }
        this.data = data;
        this.pos = pos;
        this.end = end;
        this.bitWidth = bitWidth;
    }

    int next() {
        if (left == 0) {
            nextRun();
        }
        left--;
        if (!packed) {
            return rleValue;
        }
        long bit = (long) packedIndex++ * bitWidth;
        int at = packedStart + (int) (bit >>> 3);
        long word = 0;
        int needed = (int) (((bit & 7) + bitWidth + 7) >>> 3);
        for (int i = 0; i < needed; i++) {
            word |= (long) (data[at + i] & 0xff) << (8 * i);
        }
        return (int) ((word >>> (bit & 7)) & ((1L << bitWidth) - 1));
    }

    private void nextRun() {
        if (pos >= end) {
            throw new IllegalStateException("RLE/bit-packed data ends before its values");
        }
        int header = readVarint();
        if ((header & 1) == 0) {
            packed = false;
            left = header >>> 1;
            int bytes = (bitWidth + 7) / 8;
            int v = 0;
            for (int i = 0; i < bytes; i++) {
                v |= (data[pos++] & 0xff) << (8 * i);
            }
            rleValue = v;
        } else {
            packed = true;
            int groups = header >>> 1;
            left = groups * 8;
            packedStart = pos;
            packedIndex = 0;
            pos += groups * bitWidth;
            if (pos > end) {
                // the last group may be cut short in the data: only the values up to the page's count are read
                pos = end;
            }
        }
        if (left <= 0) {
            throw new IllegalStateException("empty RLE/bit-packed run");
        }
    }

    private int readVarint() {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = data[pos++];
            result |= (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new IllegalStateException("bad varint in RLE/bit-packed data");
    }

    /** Bits needed to store values 0..max. */
    static int bitWidth(int max) {
        return 32 - Integer.numberOfLeadingZeros(max);
    }
}
