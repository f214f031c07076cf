package org.jmixed.data.parquet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Writes Apache Thrift's compact protocol: the counterpart of {@link ThriftCompactReader} for the footer and page headers. */
final class ThriftCompactWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private final Deque<Integer> lastIds = new ArrayDeque<>();
    private int lastId;

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Starts a struct (the top-level one, or a field's value after {@link #structField}). */
    ThriftCompactWriter beginStruct() {
        lastIds.push(lastId);
        lastId = 0;
        return this;
    }

    ThriftCompactWriter endStruct() {
        out.write(0);
        lastId = lastIds.pop();
        return this;
    }

    ThriftCompactWriter i32(int id, int value) {
        fieldHeader(id, ThriftCompactReader.I32);
        varint(zigzag(value));
        return this;
    }

    ThriftCompactWriter i64(int id, long value) {
        fieldHeader(id, ThriftCompactReader.I64);
        varint(zigzag(value));
        return this;
    }

    ThriftCompactWriter string(int id, String value) {
        fieldHeader(id, ThriftCompactReader.BINARY);
        stringValue(value);
        return this;
    }

    /** A struct-valued field; write its fields, then {@link #endStruct}. */
    ThriftCompactWriter structField(int id) {
        fieldHeader(id, ThriftCompactReader.STRUCT);
        return beginStruct();
    }

    /** Appends a struct serialized on its own (an element of a list being written). */
    ThriftCompactWriter raw(byte[] struct) {
        out.write(struct, 0, struct.length);
        return this;
    }

    /** A list-of-structs field of {@code size} elements: write each with {@link #beginStruct}/{@link #endStruct}. */
    ThriftCompactWriter structListField(int id, int size) {
        fieldHeader(id, ThriftCompactReader.LIST);
        listHeader(size, ThriftCompactReader.STRUCT);
        return this;
    }

    ThriftCompactWriter i32ListField(int id, List<Integer> values) {
        fieldHeader(id, ThriftCompactReader.LIST);
        listHeader(values.size(), ThriftCompactReader.I32);
        for (int v : values) {
            varint(zigzag(v));
        }
        return this;
    }

    ThriftCompactWriter stringListField(int id, List<String> values) {
        fieldHeader(id, ThriftCompactReader.LIST);
        listHeader(values.size(), ThriftCompactReader.BINARY);
        for (String v : values) {
            stringValue(v);
        }
        return this;
    }

    private void fieldHeader(int id, int type) {
        int delta = id - lastId;
        if (delta > 0 && delta <= 15) {
            out.write(delta << 4 | type);
        } else {
            out.write(type);
            varint(zigzag(id));
        }
        lastId = id;
    }

    private void listHeader(int size, int elementType) {
        if (size < 15) {
            out.write(size << 4 | elementType);
        } else {
            out.write(0xf0 | elementType);
            varint(size);
        }
    }

    private void stringValue(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        varint(b.length);
        out.write(b, 0, b.length);
    }

    private void varint(long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long zigzag(long n) {
        return (n << 1) ^ (n >> 63);
    }
}
