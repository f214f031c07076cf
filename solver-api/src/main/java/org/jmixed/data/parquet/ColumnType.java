package org.jmixed.data.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.jmixed.data.parquet.FileMetadata.LogicalType;
import org.jmixed.data.parquet.FileMetadata.SchemaElement;

/**
 * How one Parquet leaf column becomes a jmixed column: numeric (doubles) or categorical
 * (strings), and how each stored value converts.
 *
 * <ul>
 *   <li>INT32, INT64, FLOAT, DOUBLE: the number (unsigned integer types read as unsigned).</li>
 *   <li>BOOLEAN: numeric, {@code false} = 0 and {@code true} = 1.</li>
 *   <li>DECIMAL (on INT32, INT64, BINARY or FIXED_LEN_BYTE_ARRAY): the decimal value, rounded to
 *       the nearest double.</li>
 *   <li>DATE: days since 1970-01-01 (R's {@code as.numeric} of a {@code Date}).</li>
 *   <li>TIMESTAMP (millis, micros, nanos) and Spark's INT96 timestamps: seconds since
 *       1970-01-01T00:00:00Z (R's {@code as.numeric} of a {@code POSIXct}); TIME: seconds since
 *       midnight.</li>
 *   <li>BYTE_ARRAY as a string (STRING/UTF8, ENUM, or no annotation): categorical, decoded as
 *       UTF-8.</li>
 * </ul>
 * Anything else (lists, maps, structs, JSON, BSON, UUID, FLOAT16, INTERVAL, plain fixed-length
 * bytes) is not a column a model can use, and reading it is an error naming the column.
 */
record ColumnType(String name, int physical, int typeLength, boolean optional, Conversion conversion, int scale) {
    static final int BOOLEAN = 0;
    static final int INT32 = 1;
    static final int INT64 = 2;
    static final int INT96 = 3;
    static final int FLOAT = 4;
    static final int DOUBLE = 5;
    static final int BYTE_ARRAY = 6;
    static final int FIXED_LEN_BYTE_ARRAY = 7;

    private static final String[] PHYSICAL_NAMES = {"BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE",
        "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"};
    private static final String[] CONVERTED_NAMES = {"UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL",
        "DATE", "TIME_MILLIS", "TIME_MICROS", "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "UINT_8", "UINT_16",
        "UINT_32", "UINT_64", "INT_8", "INT_16", "INT_32", "INT_64", "JSON", "BSON", "INTERVAL"};
    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;

    /** What a stored value becomes. */
    enum Conversion {
        /** A signed integer, boolean, float or double as is. */
        NUMBER,
        UNSIGNED,
        DECIMAL,
        /** A count of milli-, micro- or nanoseconds, given in seconds. */
        MILLIS_TO_SECONDS,
        MICROS_TO_SECONDS,
        NANOS_TO_SECONDS,
        /** Spark's legacy timestamp: nanoseconds of the day and a Julian day number. */
        INT96_TO_SECONDS,
        STRING,
        /**
         * The null type (pyarrow's for a column of None only): every value is null, and the
         * column takes its kind from the other part files, numeric when none has another type.
         */
        NULL
    }

    boolean categorical() {
        return conversion == Conversion.STRING;
    }

    boolean allNull() {
        return conversion == Conversion.NULL;
    }

    /** The kind of column jmixed makes of it, for schema comparisons between part files. */
    String kind() {
        return categorical() ? "categorical (strings)" : "numeric";
    }

    static String physicalName(int physical) {
        return physical >= 0 && physical < PHYSICAL_NAMES.length ? PHYSICAL_NAMES[physical] : "type " + physical;
    }

    /**
     * The type of a leaf of the schema; a message naming why it cannot be read otherwise
     * ({@link UnsupportedColumnException}).
     */
    static ColumnType of(SchemaElement e) {
        String name = e.name();
        if (e.numChildren() > 0) {
            throw unsupported(name, "is a nested column (a struct, list or map)");
        }
        if (e.repetition() == SchemaElement.REPEATED) {
            throw unsupported(name, "is a repeated column (a list)");
        }
        boolean optional = e.repetition() != SchemaElement.REQUIRED;
        LogicalType lt = e.logicalType();
        int converted = e.convertedType();
        int p = e.type();
        if (lt != null && lt.kind() == LogicalType.UNKNOWN) {
            return new ColumnType(name, p, e.typeLength(), true, Conversion.NULL, 0);
        }
        boolean decimal = (lt != null && lt.kind() == LogicalType.DECIMAL) || converted == 5;
        if (decimal) {
            int scale = lt != null && lt.kind() == LogicalType.DECIMAL ? lt.scale() : e.scale();
            if (p == INT32 || p == INT64 || p == BYTE_ARRAY || p == FIXED_LEN_BYTE_ARRAY) {
                return new ColumnType(name, p, e.typeLength(), optional, Conversion.DECIMAL, scale);
            }
        }
        String annotation = annotation(lt, converted);
        switch (p) {
            case BOOLEAN, FLOAT, DOUBLE -> {
                if (annotation == null) {
                    return new ColumnType(name, p, 0, optional, Conversion.NUMBER, 0);
                }
            }
            case INT32, INT64 -> {
                Conversion c = integerConversion(lt, converted, p);
                if (c != null) {
                    return new ColumnType(name, p, 0, optional, c, 0);
                }
            }
            case INT96 -> {
                return new ColumnType(name, p, 12, optional, Conversion.INT96_TO_SECONDS, 0);
            }
            case BYTE_ARRAY -> {
                boolean text = lt == null ? converted == SchemaElement.NONE || converted == 0 || converted == 4
                        : lt.kind() == LogicalType.STRING || lt.kind() == LogicalType.ENUM;
                if (text) {
                    return new ColumnType(name, p, 0, optional, Conversion.STRING, 0);
                }
            }
            default -> {
            }
        }
        throw unsupported(name, "has Parquet type " + physicalName(p) + (annotation == null ? "" : " (" + annotation + ")")
                + ", which jmixed cannot read (it reads numbers, booleans, strings, decimals, dates and timestamps)");
    }

    /** Integer and date/time annotations of INT32/INT64; null when the annotation is not one of them. */
    private static Conversion integerConversion(LogicalType lt, int converted, int physical) {
        if (lt != null) {
            return switch (lt.kind()) {
                case LogicalType.INTEGER -> lt.signed() || physical == INT32 && lt.bitWidth() < 32 ? Conversion.NUMBER
                        : Conversion.UNSIGNED;
                case LogicalType.DATE -> Conversion.NUMBER;
                case LogicalType.TIME, LogicalType.TIMESTAMP -> switch (lt.timeUnit()) {
                    case LogicalType.MILLIS -> Conversion.MILLIS_TO_SECONDS;
                    case LogicalType.MICROS -> Conversion.MICROS_TO_SECONDS;
                    case LogicalType.NANOS -> Conversion.NANOS_TO_SECONDS;
                    default -> null;
                };
                default -> null;
            };
        }
        return switch (converted) {
            case SchemaElement.NONE, 6, 15, 16, 17, 18, 11, 12 -> Conversion.NUMBER; // DATE, INT_n, UINT_8/16
            case 13, 14 -> Conversion.UNSIGNED;
            case 7, 9 -> Conversion.MILLIS_TO_SECONDS;
            case 8, 10 -> Conversion.MICROS_TO_SECONDS;
            default -> null;
        };
    }

    private static String annotation(LogicalType lt, int converted) {
        if (lt != null) {
            String[] names = {null, "STRING", "MAP", "LIST", "ENUM", "DECIMAL", "DATE", "TIME", "TIMESTAMP", null,
                "INTEGER", "UNKNOWN", "JSON", "BSON", "UUID", "FLOAT16", "VARIANT", "GEOMETRY", "GEOGRAPHY"};
            return lt.kind() > 0 && lt.kind() < names.length && names[lt.kind()] != null ? names[lt.kind()]
                    : "logical type " + lt.kind();
        }
        if (converted >= 0) {
            return converted < CONVERTED_NAMES.length ? CONVERTED_NAMES[converted] : "converted type " + converted;
        }
        return null;
    }

    private static UnsupportedColumnException unsupported(String column, String why) {
        return new UnsupportedColumnException("column '" + column + "' " + why);
    }

    /** A column that cannot be read; the file reader adds the file's name. */
    static final class UnsupportedColumnException extends RuntimeException {
        UnsupportedColumnException(String message) {
            super(message, null, false, false);
        }
    }

    double fromInt(int v) {
        return switch (conversion) {
            case UNSIGNED -> Integer.toUnsignedLong(v);
            case DECIMAL -> BigDecimal.valueOf(v, scale).doubleValue();
            case MILLIS_TO_SECONDS -> v / 1e3;
            default -> v;
        };
    }

    double fromLong(long v) {
        return switch (conversion) {
            case UNSIGNED -> v >= 0 ? (double) v : (double) (v >>> 1) * 2.0 + (v & 1);
            case DECIMAL -> BigDecimal.valueOf(v, scale).doubleValue();
            case MILLIS_TO_SECONDS -> v / 1e3;
            case MICROS_TO_SECONDS -> v / 1e6;
            case NANOS_TO_SECONDS -> v / 1e9;
            default -> v;
        };
    }

    /** A DECIMAL stored as big-endian two's-complement bytes, or an INT96 timestamp. */
    double fromBytes(byte[] b, int from, int length) {
        if (conversion == Conversion.INT96_TO_SECONDS) {
            long nanosOfDay = 0;
            for (int i = 7; i >= 0; i--) {
                nanosOfDay = (nanosOfDay << 8) | (b[from + i] & 0xff);
            }
            int julianDay = (b[from + 8] & 0xff) | (b[from + 9] & 0xff) << 8 | (b[from + 10] & 0xff) << 16
                    | (b[from + 11] & 0xff) << 24;
            return (julianDay - JULIAN_DAY_OF_EPOCH) * 86_400.0 + nanosOfDay / 1e9;
        }
        if (length == 0) {
            return 0;
        }
        return new BigDecimal(new BigInteger(b, from, length), scale).doubleValue();
    }
}
