package org.jmixed.data.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.jmixed.JmixedException;
import org.jmixed.data.DataFrame;
import org.jmixed.data.binary.DataFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input is a one-line error naming the file (and the column where there is one). */
class ParquetErrorsTest {

    private static String error(Path path) {
        JmixedException e = assertThrows(JmixedException.class, () -> DataFiles.read(path));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private static DataFrame sample() {
        return DataFrame.builder("t")
                .numeric("y", new double[] {1, 2, 3, 4, 5, 6})
                .categorical("g", new String[] {"a", "b", "c", "a", "b", "c"})
                .build();
    }

    /** The bytes of {@link #sample()} written as Parquet. */
    private static byte[] sampleBytes(Path dir, ParquetCodec codec) throws IOException {
        Path good = dir.resolve("good.parquet");
        ParquetWriter.write(sample(), good, codec);
        return Files.readAllBytes(good);
    }

    @Test
    void notParquetAtAll(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("data.parquet"), "y,g\n1,a\n2,b\n");
        assertEquals("data.parquet: not a Parquet file (it does not start with PAR1)", error(csv));
        Path tiny = Files.writeString(dir.resolve("tiny.parquet"), "PAR1");
        assertEquals("tiny.parquet: not a Parquet file (4 bytes)", error(tiny));
    }

    @Test
    void truncatedFiles(@TempDir Path dir) throws IOException {
        byte[] bytes = sampleBytes(dir, ParquetCodec.SNAPPY);
        Path cut = Files.write(dir.resolve("cut.parquet"), Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals("cut.parquet: truncated or not a Parquet file (it does not end with PAR1)", error(cut));
        // a footer that claims to be longer than the file
        byte[] lying = bytes.clone();
        lying[lying.length - 6] = 0x7f;
        String m = error(Files.write(dir.resolve("lying.parquet"), lying));
        assertTrue(m.startsWith("lying.parquet: truncated or corrupt Parquet file (footer of "), m);
    }

    @Test
    void corruptPagesNameTheColumn(@TempDir Path dir) throws IOException {
        byte[] bytes = sampleBytes(dir, ParquetCodec.SNAPPY);
        // overwrite the first column chunk (page header and data) after the magic with junk
        for (int i = 4; i < 24; i++) {
            bytes[i] = (byte) 0xff;
        }
        String m = error(Files.write(dir.resolve("junk.parquet"), bytes));
        assertTrue(m.startsWith("junk.parquet: corrupt data in column 'y' ("), m);
    }

    @Test
    void anEncodingJmixedDoesNotKnow(@TempDir Path dir) throws IOException {
        byte[] bytes = sampleBytes(dir, ParquetCodec.UNCOMPRESSED);
        // the first page header (column y) after the magic: type, sizes, then the data page header's
        // value count and encoding, each a one-byte field header and a varint
        int pos = 4 + 2;
        pos = skipVarint(bytes, pos + 1);
        pos = skipVarint(bytes, pos + 1);
        assertEquals(0x2c, bytes[pos], "data page header field");
        pos = skipVarint(bytes, pos + 2);
        assertEquals(0x15, bytes[pos], "encoding field");
        bytes[pos + 1] = 2; // zigzag 1: GROUP_VAR_INT, never used by a writer
        assertEquals("odd.parquet: column 'y': its values are in the GROUP_VAR_INT encoding, which jmixed cannot read"
                + " (rewrite the file with dictionary, plain or delta encoding)",
                error(Files.write(dir.resolve("odd.parquet"), bytes)));
    }

    private static int skipVarint(byte[] b, int pos) {
        while (b[pos] < 0) {
            pos++;
        }
        return pos + 1;
    }

    @Test
    void unsupportedColumnTypesAndCodecs() {
        assertEquals("nested_lists.snappy.parquet: column 'a' is a nested column (a struct, list or map)",
                error(ParquetInteropTest.resource("nested_lists.snappy.parquet")));
        assertEquals("hadoop_lz4_compressed.parquet: column 'c0' is compressed with LZ4, which jmixed cannot read"
                + " (it reads SNAPPY, GZIP, ZSTD, LZ4_RAW and uncompressed pages)",
                error(ParquetInteropTest.resource("hadoop_lz4_compressed.parquet")));
        assertEquals("fixed_length_byte_array.parquet: column 'flba_field' has Parquet type FIXED_LEN_BYTE_ARRAY,"
                + " which jmixed cannot read (it reads numbers, booleans, strings, decimals, dates and timestamps)",
                error(ParquetInteropTest.resource("fixed_length_byte_array.parquet")));
        assertEquals("unknown-logical-type.parquet: column 'column with unknown type' has Parquet type BYTE_ARRAY"
                + " (logical type 2555), which jmixed cannot read (it reads numbers, booleans, strings, decimals, dates"
                + " and timestamps)", error(ParquetInteropTest.resource("unknown-logical-type.parquet")));
    }

    @Test
    void partsMustShareTheirSchema(@TempDir Path dir) throws IOException {
        Path parts = Files.createDirectory(dir.resolve("parts"));
        ParquetWriter.write(sample(), parts.resolve("part-0.parquet"), ParquetCodec.SNAPPY);
        DataFrame renamed = DataFrame.builder("t").numeric("y", new double[] {7}).categorical("h", new String[] {"a"})
                .build();
        ParquetWriter.write(renamed, parts.resolve("part-1.parquet"), ParquetCodec.SNAPPY);
        assertEquals("parts/part-1.parquet: column 2 is 'h' but 'g' in parts/part-0.parquet (all part files must"
                + " have the same columns, in the same order)", error(parts));

        DataFrame retyped = DataFrame.builder("t").numeric("y", new double[] {7}).numeric("g", new double[] {1})
                .build();
        ParquetWriter.write(retyped, parts.resolve("part-1.parquet"), ParquetCodec.SNAPPY);
        assertEquals("parts/part-1.parquet: column 'g' is numeric but categorical (strings) in parts/part-0.parquet",
                error(parts));

        DataFrame shorter = DataFrame.builder("t").numeric("y", new double[] {7}).build();
        ParquetWriter.write(shorter, parts.resolve("part-1.parquet"), ParquetCodec.SNAPPY);
        assertEquals("parts/part-1.parquet: has no column 'g', which parts/part-0.parquet has (all part files must"
                + " have the same columns)", error(parts));
    }

    @Test
    void directoriesWithoutPartsOrWithPartitions(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("_SUCCESS"), "");
        assertEquals("empty: a directory with no .parquet files", error(empty));
        Path partitioned = Files.createDirectory(dir.resolve("partitioned"));
        Files.createDirectory(partitioned.resolve("year=2024"));
        assertEquals("partitioned: holds the directory 'year=2024'; partitioned data sets (column=value directories)"
                + " are not read: give one directory of part files", error(partitioned));
        assertEquals("missing.parquet: no such file", error(dir.resolve("missing.parquet")));
    }
}
