package org.jmixed.data.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;

import org.jmixed.SharedData;
import org.jmixed.data.Column;
import org.jmixed.data.ColumnTyping;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.data.FrameAssertions;
import org.junit.jupiter.api.Test;

/**
 * Files written by DuckDB's Parquet writer (tools/parquet/duckdb-fixtures.mjs: zstd with data
 * pages v2, gzip in several row groups, a directory of snappy parts, every readable type with
 * nulls) read as the CSV data they came from.
 */
class ParquetDuckDbFilesTest {

    private static DataFrame read(String name) {
        return ParquetReader.read(ParquetInteropTest.resource("duckdb/" + name));
    }

    @Test
    void sleepstudyZstdVersion2Pages() {
        FrameAssertions.assertSameForModels(CsvReader.read(SharedData.data("sleepstudy.csv")), read("sleepstudy.parquet"));
    }

    @Test
    void penicillinGzipRowGroups() {
        FrameAssertions.assertSameForModels(CsvReader.read(SharedData.data("Penicillin.csv")), read("penicillin.parquet"));
    }

    @Test
    void instEvalDirectoryOfParts() {
        DataFrame csv = CsvReader.read(SharedData.data("InstEval.csv")).selectRows(IntStream.range(0, 5000).toArray());
        DataFrame parts = read("insteval5k");
        assertEquals("insteval5k", parts.source());
        FrameAssertions.assertSameForModels(csv, parts);
    }

    @Test
    void everyTypeWithNulls() {
        DataFrame f = read("types.parquet");
        assertEquals(40, f.nrows());
        for (int i = 0; i < 40; i++) {
            assertEquals(i, value(f, "id", i));
            assertEquals(i % 2 == 0 ? 1 : 0, value(f, "even", i));
            assertEquals(19_723 + i, value(f, "day", i)); // 2024-01-01 is day 19,723
            assertEquals(1_704_067_200 + i * 3600 + 0.5, value(f, "ts", i));
            assertEquals(Math.round(i / 4.0 * 100) / 100.0, value(f, "dec9", i));
            assertEquals(i / 8.0, value(f, "dec30", i));
            assertEquals(i, value(f, "u8", i));
            assertEquals(i * 1e12, value(f, "big", i));
            assertEquals(i / 2.0, value(f, "f32", i));
            Column grp = f.column("grp");
            assertEquals(i % 5 == 0 ? null : "g" + i % 3, grp.stringValue(i));
            assertEquals(i % 7 == 0, f.column("half").isMissing(i));
            if (i % 7 != 0) {
                assertEquals(i * 0.5, value(f, "half", i));
            }
        }
        assertEquals(ColumnTyping.Kind.CATEGORICAL, ColumnTyping.kindOf(f.column("grp"), false));
        for (String numeric : new String[] {"id", "even", "day", "ts", "dec9", "dec30", "u8", "big", "f32", "half"}) {
            assertEquals(ColumnTyping.Kind.NUMERIC, ColumnTyping.kindOf(f.column(numeric), false), numeric);
        }
        assertTrue(f.column("grp").isMissing(0));
    }

    private static double value(DataFrame f, String column, int row) {
        return f.column(column).numericValue(row);
    }
}
