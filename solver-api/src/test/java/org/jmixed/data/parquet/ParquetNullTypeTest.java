package org.jmixed.data.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jmixed.data.ColumnTyping;
import org.jmixed.data.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pyarrow writes a column holding only None with the null logical type; in a directory of parts
 * such a column takes its kind from the parts where it has values.
 */
class ParquetNullTypeTest {

    /** A file of one optional INT32 column 'g' of the null type, all {@code rows} values null. */
    private static void writeNullTyped(Path file, int rows) throws IOException {
        byte[] levels = {(byte) (rows << 1), 0}; // one RLE run of 'rows' zeros (rows < 64)
        byte[] page = {(byte) levels.length, 0, 0, 0, levels[0], levels[1]};
        byte[] header = new ThriftCompactWriter().beginStruct().i32(1, PageHeader.DATA_PAGE).i32(2, page.length)
                .i32(3, page.length).structField(5).i32(1, rows).i32(2, PageValues.PLAIN).i32(3, PageValues.RLE)
                .i32(4, PageValues.RLE).endStruct().endStruct().toByteArray();
        int chunk = header.length + page.length;
        byte[] group = new ThriftCompactWriter().beginStruct().structListField(1, 1)
                .beginStruct().i64(2, 4).structField(3).i32(1, ColumnType.INT32)
                .i32ListField(2, List.of(PageValues.PLAIN, PageValues.RLE)).stringListField(3, List.of("g"))
                .i32(4, 0).i64(5, rows).i64(6, chunk).i64(7, chunk).i64(9, 4).endStruct().endStruct()
                .i64(2, chunk).i64(3, rows).endStruct().toByteArray();
        ThriftCompactWriter footer = new ThriftCompactWriter().beginStruct().i32(1, 1).structListField(2, 2);
        footer.beginStruct().string(4, "schema").i32(5, 1).endStruct();
        footer.beginStruct().i32(1, ColumnType.INT32).i32(3, 1).string(4, "g").structField(10)
                .structField(FileMetadata.LogicalType.UNKNOWN).endStruct().endStruct().endStruct();
        byte[] meta = footer.i64(3, rows).structListField(4, 1).raw(group).endStruct().toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("PAR1".getBytes(StandardCharsets.US_ASCII));
        out.write(header);
        out.write(page);
        out.write(meta);
        out.write(new byte[] {(byte) meta.length, (byte) (meta.length >>> 8), 0, 0});
        out.write("PAR1".getBytes(StandardCharsets.US_ASCII));
        Files.write(file, out.toByteArray());
    }

    @Test
    void aFileOfNullsAloneIsNumericAndMissing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("nulls.parquet");
        writeNullTyped(file, 3);
        DataFrame f = ParquetReader.read(file);
        assertEquals(3, f.nrows());
        assertEquals(3, f.column("g").missingCount());
        assertEquals(ColumnTyping.Kind.NUMERIC, ColumnTyping.kindOf(f.column("g"), false));
    }

    @Test
    void inADirectoryTheOtherPartsDecideTheKind(@TempDir Path dir) throws IOException {
        Path parts = Files.createDirectory(dir.resolve("parts"));
        writeNullTyped(parts.resolve("part-0.parquet"), 3);
        ParquetWriter.write(DataFrame.builder("t").categorical("g", new String[] {"a", "b"}).build(),
                parts.resolve("part-1.parquet"), ParquetCodec.SNAPPY);
        writeNullTyped(parts.resolve("part-2.parquet"), 2);
        DataFrame f = ParquetReader.read(parts);
        assertEquals(7, f.nrows());
        assertEquals(ColumnTyping.Kind.CATEGORICAL, ColumnTyping.kindOf(f.column("g"), false));
        assertTrue(f.column("g").isMissing(0) && f.column("g").isMissing(6));
        assertEquals("a", f.column("g").stringValue(3));
        assertEquals("b", f.column("g").stringValue(4));
        assertEquals(5, f.column("g").missingCount());
    }
}
