package org.jmixed.data.parquet;

/**
 * Reads Apache Thrift's compact protocol, the encoding of Parquet's footer and page headers, from
 * a byte array. Parquet's structures are read field by field with {@link #readStruct}; fields a
 * caller does not want are skipped by their wire type, so newer writers' extra fields are
 * harmless. Running past the end of the array throws {@link ArrayIndexOutOfBoundsException},
 * which the file reader reports as a corrupt or truncated file.
 */
final class ThriftCompactReader extends ByteCursor {
    static final int BOOLEAN_TRUE = 1;
    static final int BOOLEAN_FALSE = 2;
    static final int BYTE = 3;
    static final int I16 = 4;
    static final int I32 = 5;
    static final int I64 = 6;
    static final int DOUBLE = 7;
    static final int BINARY = 8;
    static final int LIST = 9;
    static final int SET = 10;
    static final int MAP = 11;
    static final int STRUCT = 12;

    /** Deeper nesting than any Parquet structure has means a corrupt header, not a real one. */
    private static final int MAX_DEPTH = 64;

    /** Receives one field of a struct; returns false to have it skipped. */
    interface FieldVisitor {
        boolean field(int id, int type);
    }

    private int depth;

    ThriftCompactReader(byte[] bytes, int start) {
        super(bytes, start);
    }

    int position() {
        return pos;
    }

    /** Reads one struct, handing each field to the visitor, which must consume it or return false. */
    void readStruct(FieldVisitor visitor) {
        if (++depth > MAX_DEPTH) {
            throw new IllegalStateException("structures nested too deeply");
        }
        int last = 0;
        while (true) {
            int header = bytes[pos++] & 0xff;
            if (header == 0) {
                break;
            }
            int type = header & 0x0f;
            int delta = header >>> 4;
            int id = delta != 0 ? last + delta : (short) zigzagVarint();
            last = id;
            if (!visitor.field(id, type)) {
                skip(type);
            }
        }
        depth--;
    }

    /** A boolean field's value, which the compact protocol keeps in the field's type. */
    static boolean booleanOf(int type) {
        return type == BOOLEAN_TRUE;
    }

    int readI32() {
        return (int) zigzagVarint();
    }

    long readI64() {
        return zigzagVarint();
    }

    byte[] readBinary() {
        int n = (int) varint();
        if (n < 0 || n > bytes.length - pos) {
            throw new ArrayIndexOutOfBoundsException("binary field of " + n + " bytes runs past the end");
        }
        byte[] b = new byte[n];
        System.arraycopy(bytes, pos, b, 0, n);
        pos += n;
        return b;
    }

    String readString() {
        return new String(readBinary(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Reads a list header; returns its size and stores the element type for {@link #listElementType}. */
    int readListHeader() {
        int header = bytes[pos++] & 0xff;
        lastElementType = header & 0x0f;
        int size = header >>> 4;
        if (size == 15) {
            size = (int) varint();
        }
        if (size < 0 || size > bytes.length - pos) {
            throw new ArrayIndexOutOfBoundsException("list of " + size + " elements runs past the end");
        }
        return size;
    }

    private int lastElementType;

    int listElementType() {
        return lastElementType;
    }

    void skip(int type) {
        switch (type) {
            case BOOLEAN_TRUE, BOOLEAN_FALSE -> { }
            case BYTE -> pos++;
            case I16, I32, I64 -> varint();
            case DOUBLE -> pos += 8;
            case BINARY -> readBinary();
            case LIST, SET -> {
                int n = readListHeader();
                int element = lastElementType;
                for (int i = 0; i < n; i++) {
                    skipElement(element);
                }
            }
            case MAP -> {
                int n = (int) varint();
                if (n > 0) {
                    int kv = bytes[pos++] & 0xff;
                    for (int i = 0; i < n; i++) {
                        skipElement(kv >>> 4);
                        skipElement(kv & 0x0f);
                    }
                }
            }
            case STRUCT -> readStruct((id, t) -> false);
            default -> throw new IllegalStateException("unknown Thrift type " + type);
        }
    }

    /** Inside lists and maps a boolean takes a byte of its own. */
    private void skipElement(int type) {
        if (type == BOOLEAN_TRUE || type == BOOLEAN_FALSE) {
            pos++;
        } else {
            skip(type);
        }
    }
}
