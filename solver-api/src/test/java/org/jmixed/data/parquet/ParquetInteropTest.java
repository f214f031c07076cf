package org.jmixed.data.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import org.jmixed.data.Column;
import org.jmixed.data.ColumnTyping;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.junit.jupiter.api.Test;

/**
 * Files written by other Parquet implementations (Impala, Spark, parquet-mr, pyarrow, parquet-cpp)
 * from the Apache parquet-testing collection (src/test/resources/parquet/README.md): the types,
 * encodings, page versions and codecs that real data arrives in.
 */
class ParquetInteropTest {

    static DataFrame read(String name) {
        return ParquetReader.read(resource(name));
    }

    static Path resource(String name) {
        try {
            return Path.of(ParquetInteropTest.class.getResource("/parquet/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static double[] numbers(DataFrame f, String column) {
        Column c = f.column(column);
        double[] v = new double[f.nrows()];
        for (int i = 0; i < v.length; i++) {
            v[i] = c.numericValue(i);
        }
        return v;
    }

    @Test
    void impalaAllTypesPlainUncompressed() {
        DataFrame f = read("alltypes_plain.parquet");
        assertEquals(8, f.nrows());
        assertEquals(List.of("id", "bool_col", "tinyint_col", "smallint_col", "int_col", "bigint_col", "float_col",
                "double_col", "date_string_col", "string_col", "timestamp_col"), f.names());
        assertEquals(List.of(4.0, 5.0, 6.0, 7.0, 2.0, 3.0, 0.0, 1.0), boxed(numbers(f, "id")));
        assertEquals(List.of(1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0), boxed(numbers(f, "bool_col")));
        assertEquals(10.0, f.column("bigint_col").numericValue(1));
        assertEquals((double) 1.1f, f.column("float_col").numericValue(1));
        assertEquals(10.1, f.column("double_col").numericValue(1));
        assertEquals("03/01/09", f.column("date_string_col").stringValue(0));
        // strings are categorical even when they look like numbers, as a quoted CSV column is
        assertEquals(ColumnTyping.Kind.CATEGORICAL, ColumnTyping.kindOf(f.column("string_col"), false));
        assertEquals(ColumnTyping.Kind.NUMERIC, ColumnTyping.kindOf(f.column("int_col"), false));
        // INT96 timestamps: 2009-03-01T00:00 and 00:01 UTC, in seconds since 1970
        assertEquals(1_235_865_600.0, f.column("timestamp_col").numericValue(0));
        assertEquals(1_235_865_660.0, f.column("timestamp_col").numericValue(1));
    }

    @Test
    void snappyAndDictionaryEncodedVariantsAgree() {
        DataFrame plain = read("alltypes_plain.parquet");
        DataFrame snappy = read("alltypes_plain.snappy.parquet");
        DataFrame dictionary = read("alltypes_dictionary.parquet");
        assertEquals(List.of(6.0, 7.0), boxed(numbers(snappy, "id")));
        assertEquals(List.of(0.0, 1.0), boxed(numbers(dictionary, "id")));
        for (String c : plain.names()) {
            // row 0/1 of the snappy file are rows 2/3 of the plain one; the dictionary file's are rows 6/7
            for (int i = 0; i < 2; i++) {
                assertEquals(plain.column(c).stringValue(2 + i), snappy.column(c).stringValue(i), c);
                if (!c.equals("date_string_col") && !c.equals("timestamp_col")) {
                    assertEquals(plain.column(c).stringValue(6 + i), dictionary.column(c).stringValue(i), c);
                }
            }
        }
    }

    @Test
    void sparkInt96TimestampsAreSecondsSinceTheEpoch() {
        DataFrame f = read("int96_from_spark.parquet");
        Column a = f.column("a");
        assertEquals(1_704_141_296.123456, a.numericValue(0), 1e-6);
        assertEquals(1_704_070_800.0, a.numericValue(1));
        assertEquals(253_402_225_200.0, a.numericValue(2));
        assertEquals(1_735_599_600.0, a.numericValue(3));
        assertTrue(a.isMissing(4));
    }

    @Test
    void decimalsInEveryPhysicalType() {
        for (String name : new String[] {"int32_decimal.parquet", "int64_decimal.parquet",
            "fixed_length_decimal.parquet", "byte_array_decimal.parquet"}) {
            DataFrame f = read(name);
            assertEquals(24, f.nrows(), name);
            for (int i = 0; i < 24; i++) {
                assertEquals(i + 1.0, f.column("value").numericValue(i), 1e-12, name);
            }
        }
    }

    @Test
    void gzipPagesOfConcatenatedMembers() {
        DataFrame f = read("concatenated_gzip_members.parquet");
        assertEquals(513, f.nrows());
        for (int i = 0; i < 513; i++) {
            assertEquals(i + 1.0, f.column("long_col").numericValue(i));
        }
    }

    @Test
    void zstdByteStreamSplitFloats() {
        DataFrame f = read("byte_stream_split.zstd.parquet");
        assertEquals(300, f.nrows());
        assertEquals(List.of("f32", "f64"), f.names());
        // standard normals: all present, none absurd
        double sum = 0;
        for (double v : numbers(f, "f64")) {
            assertTrue(Math.abs(v) < 6, "f64 " + v);
            sum += v * v;
        }
        assertEquals(1.0, sum / 300, 0.3);
        assertEquals((double) 1.7640524f, f.column("f32").numericValue(0));
    }

    @Test
    void lz4RawStringsTimestampsAndDoubles() {
        DataFrame f = read("lz4_raw_compressed.parquet");
        assertEquals(List.of("abc", "def", "abc", "def"), List.of(f.column("c1").stringValue(0),
                f.column("c1").stringValue(1), f.column("c1").stringValue(2), f.column("c1").stringValue(3)));
        assertEquals(List.of(42.0, 7.7, 42.125, 7.7), boxed(numbers(f, "v11")));
        assertEquals(1_593_604_801.0, f.column("c0").numericValue(2));
    }

    @Test
    void nullsInRleBooleansAndEmptyVersion2Pages() {
        DataFrame f = read("rle_boolean_encoding.parquet");
        Column b = f.column("datatype_boolean");
        assertEquals(68, f.nrows());
        assertEquals(6, b.missingCount());
        assertEquals(1.0, b.numericValue(0));
        assertEquals(0.0, b.numericValue(1));
        assertTrue(b.isMissing(2));
        DataFrame empty = read("datapage_v2_empty_datapage.snappy.parquet");
        assertEquals(1, empty.nrows());
        assertTrue(empty.column("value").isMissing(0));
    }

    @Test
    void aNaNIsAMissingValueAndADictionaryOffsetOfZeroIsNoDictionary() {
        assertTrue(read("single_nan.parquet").column("mycol").isMissing(0));
        DataFrame f = read("dict-page-offset-zero.parquet");
        assertEquals(39, f.nrows());
        assertFalse(f.column("l_partkey").isMissing(38));
        assertEquals(1552.0, f.column("l_partkey").numericValue(0));
    }

    @Test
    void deltaEncodingsMatchTheirExpectedValues() {
        // DELTA_BINARY_PACKED INT32/INT64 of every bit width 0..64 (parquet-mr)
        assertSameAsExpected("delta_binary_packed.parquet", "delta_binary_packed_expect.csv");
        // DELTA_BINARY_PACKED INT64 and DELTA_BYTE_ARRAY strings, optional columns with nulls and not
        assertSameAsExpected("delta_encoding_optional_column.parquet", "delta_encoding_optional_column_expect.csv");
        assertSameAsExpected("delta_encoding_required_column.parquet", "delta_encoding_required_column_expect.csv");
        assertSameAsExpected("delta_byte_array.parquet", "delta_byte_array_expect.csv");
        // DELTA_LENGTH_BYTE_ARRAY: "apple_banana_mango" followed by i squared
        DataFrame f = read("delta_length_byte_array.parquet");
        assertEquals(1000, f.nrows());
        for (int i = 0; i < 1000; i++) {
            assertEquals("apple_banana_mango" + i * i, f.column("FRUIT").stringValue(i));
        }
    }

    /** Column by column (by position: some expected headers differ in spacing), cell by cell; an empty cell is a null. */
    private static void assertSameAsExpected(String parquet, String csv) {
        DataFrame actual = read(parquet);
        DataFrame expected = CsvReader.read(resource(csv));
        assertEquals(expected.nrows(), actual.nrows(), parquet);
        assertEquals(expected.names().size(), actual.names().size(), parquet);
        for (int c = 0; c < actual.names().size(); c++) {
            Column a = actual.column(actual.names().get(c));
            Column e = expected.column(expected.names().get(c));
            boolean numeric = ColumnTyping.kindOf(a, false) == ColumnTyping.Kind.NUMERIC;
            for (int i = 0; i < actual.nrows(); i++) {
                String where = parquet + " " + a.name() + " row " + i;
                assertEquals(e.isMissing(i), a.isMissing(i), where);
                if (e.isMissing(i)) {
                    continue;
                }
                if (numeric) {
                    // a long's nearest double, however it was written
                    assertEquals(Double.parseDouble(e.stringValue(i)), a.numericValue(i), where);
                } else {
                    assertEquals(e.stringValue(i), a.stringValue(i), where);
                }
            }
        }
    }

    private static List<Double> boxed(double[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }
}
