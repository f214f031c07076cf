package org.jmixed.data.parquet;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a Parquet footer ({@code FileMetaData} in parquet-format's Thrift definition) that
 * reading a flat table needs: the schema, the row groups and where each column chunk lies. Field
 * numbers follow the format's specification.
 */
record FileMetadata(List<SchemaElement> schema, long numRows, List<RowGroup> rowGroups) {

    /** One node of the schema tree, flattened depth-first as the footer stores it. */
    record SchemaElement(int type, int typeLength, int repetition, String name, int numChildren,
                         int convertedType, int scale, int precision, LogicalType logicalType) {
        static final int NONE = -1;
        static final int REQUIRED = 0;
        static final int OPTIONAL = 1;
        static final int REPEATED = 2;
    }

    /**
     * The {@code LogicalType} union: which member is set ({@code kind}, its field number) and the
     * parameters of the members jmixed reads.
     */
    record LogicalType(int kind, int scale, int precision, int timeUnit, int bitWidth, boolean signed) {
        static final int STRING = 1;
        static final int MAP = 2;
        static final int LIST = 3;
        static final int ENUM = 4;
        static final int DECIMAL = 5;
        static final int DATE = 6;
        static final int TIME = 7;
        static final int TIMESTAMP = 8;
        static final int INTEGER = 10;
        static final int UNKNOWN = 11;
        static final int JSON = 12;
        static final int BSON = 13;
        static final int UUID = 14;
        static final int FLOAT16 = 15;
        static final int MILLIS = 1;
        static final int MICROS = 2;
        static final int NANOS = 3;
    }

    record RowGroup(long numRows, List<ColumnChunk> columns) {
    }

    /** Where one column's values for one row group lie; {@code dictionaryPageOffset} is -1 when absent. */
    record ColumnChunk(int type, List<String> path, int codec, long numValues, long totalCompressedSize,
                       long dataPageOffset, long dictionaryPageOffset, boolean encrypted) {
        /** The first page: the dictionary page when there is one. Some writers store 0 for "none". */
        long start() {
            return dictionaryPageOffset > 0 && dictionaryPageOffset < dataPageOffset ? dictionaryPageOffset : dataPageOffset;
        }
    }

    static FileMetadata parse(byte[] bytes, int start) {
        ThriftCompactReader in = new ThriftCompactReader(bytes, start);
        List<SchemaElement> schema = new ArrayList<>();
        List<RowGroup> groups = new ArrayList<>();
        long[] numRows = {0};
        in.readStruct((id, type) -> {
            switch (id) {
                case 2 -> {
                    int n = in.readListHeader();
                    for (int i = 0; i < n; i++) {
                        schema.add(schemaElement(in));
                    }
                }
                case 3 -> numRows[0] = in.readI64();
                case 4 -> {
                    int n = in.readListHeader();
                    for (int i = 0; i < n; i++) {
                        groups.add(rowGroup(in));
                    }
                }
                default -> {
                    return false;
                }
            }
            return true;
        });
        return new FileMetadata(schema, numRows[0], groups);
    }

    private static SchemaElement schemaElement(ThriftCompactReader in) {
        int[] ints = {SchemaElement.NONE, 0, SchemaElement.NONE, 0, SchemaElement.NONE, 0, 0};
        String[] name = {null};
        LogicalType[] logical = {null};
        in.readStruct((id, type) -> {
            switch (id) {
                case 1 -> ints[0] = in.readI32();
                case 2 -> ints[1] = in.readI32();
                case 3 -> ints[2] = in.readI32();
                case 4 -> name[0] = in.readString();
                case 5 -> ints[3] = in.readI32();
                case 6 -> ints[4] = in.readI32();
                case 7 -> ints[5] = in.readI32();
                case 8 -> ints[6] = in.readI32();
                case 10 -> logical[0] = logicalType(in);
                default -> {
                    return false;
                }
            }
            return true;
        });
        return new SchemaElement(ints[0], ints[1], ints[2], name[0] == null ? "" : name[0], ints[3], ints[4],
                ints[5], ints[6], logical[0]);
    }

    private static LogicalType logicalType(ThriftCompactReader in) {
        // kind, scale, precision, time unit, bit width, signed (1/0)
        int[] v = {0, 0, 0, 0, 0, 1};
        in.readStruct((member, type) -> {
            v[0] = member;
            switch (member) {
                case LogicalType.DECIMAL -> in.readStruct((id, t) -> {
                    if (id == 1) {
                        v[1] = in.readI32();
                    } else if (id == 2) {
                        v[2] = in.readI32();
                    } else {
                        return false;
                    }
                    return true;
                });
                case LogicalType.TIME, LogicalType.TIMESTAMP -> in.readStruct((id, t) -> {
                    if (id != 2) {
                        return false; // isAdjustedToUTC does not change the number of seconds since the epoch
                    }
                    in.readStruct((unit, u) -> {
                        v[3] = unit;
                        return false; // the unit's struct is empty
                    });
                    return true;
                });
                case LogicalType.INTEGER -> in.readStruct((id, t) -> {
                    if (id == 1) {
                        v[4] = in.readI32(); // an i8 is a zigzag varint like the others
                    } else if (id == 2) {
                        v[5] = ThriftCompactReader.booleanOf(t) ? 1 : 0;
                    } else {
                        return false;
                    }
                    return true;
                });
                default -> {
                    return false;
                }
            }
            return true;
        });
        return new LogicalType(v[0], v[1], v[2], v[3], v[4], v[5] == 1);
    }

    private static RowGroup rowGroup(ThriftCompactReader in) {
        List<ColumnChunk> columns = new ArrayList<>();
        long[] numRows = {0};
        in.readStruct((id, type) -> {
            switch (id) {
                case 1 -> {
                    int n = in.readListHeader();
                    for (int i = 0; i < n; i++) {
                        columns.add(columnChunk(in));
                    }
                }
                case 3 -> numRows[0] = in.readI64();
                default -> {
                    return false;
                }
            }
            return true;
        });
        return new RowGroup(numRows[0], columns);
    }

    private static ColumnChunk columnChunk(ThriftCompactReader in) {
        ColumnChunk[] meta = {null};
        boolean[] encrypted = {false};
        in.readStruct((id, type) -> {
            switch (id) {
                case 3 -> meta[0] = columnMetaData(in);
                case 8, 9 -> {
                    encrypted[0] = true;
                    return false;
                }
                default -> {
                    return false;
                }
            }
            return true;
        });
        if (meta[0] == null) {
            return new ColumnChunk(-1, List.of(), 0, 0, 0, 0, -1, true);
        }
        ColumnChunk c = meta[0];
        return encrypted[0] ? new ColumnChunk(c.type(), c.path(), c.codec(), c.numValues(), c.totalCompressedSize(),
                c.dataPageOffset(), c.dictionaryPageOffset(), true) : c;
    }

    private static ColumnChunk columnMetaData(ThriftCompactReader in) {
        // type, codec
        int[] ints = {-1, 0};
        // num_values, total_compressed_size, data_page_offset, dictionary_page_offset
        long[] longs = {0, 0, 0, -1};
        List<String> path = new ArrayList<>();
        in.readStruct((id, type) -> {
            switch (id) {
                case 1 -> ints[0] = in.readI32();
                case 3 -> {
                    int n = in.readListHeader();
                    for (int i = 0; i < n; i++) {
                        path.add(in.readString());
                    }
                }
                case 4 -> ints[1] = in.readI32();
                case 5 -> longs[0] = in.readI64();
                case 7 -> longs[1] = in.readI64();
                case 9 -> longs[2] = in.readI64();
                case 11 -> longs[3] = in.readI64();
                default -> {
                    return false;
                }
            }
            return true;
        });
        return new ColumnChunk(ints[0], path, ints[1], longs[0], longs[1], longs[2], longs[3], false);
    }
}
