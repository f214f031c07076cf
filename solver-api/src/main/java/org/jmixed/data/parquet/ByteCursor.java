package org.jmixed.data.parquet;

/**
 * A read position in a byte array with the variable-length integers (ULEB128 varints, zigzag for
 * signed ones) that Thrift's compact protocol and Parquet's DELTA encodings share.
 */
class ByteCursor {
    final byte[] bytes;
    int pos;

    ByteCursor(byte[] bytes, int pos) {
        this.bytes = bytes;
        this.pos = pos;
    }

    final long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = bytes[pos++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new IllegalStateException("varint longer than 10 bytes");
    }

    final long zigzagVarint() {
        long n = varint();
        return (n >>> 1) ^ -(n & 1);
    }
}
