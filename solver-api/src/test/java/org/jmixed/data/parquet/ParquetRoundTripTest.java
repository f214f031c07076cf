package org.jmixed.data.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.jmixed.SharedData;
import org.jmixed.data.CrossedSimulator;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.data.FrameAssertions;
import org.jmixed.data.binary.DataFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** CSV data written as Parquet by {@link ParquetWriter} reads back as the same frame, in every codec and layout. */
class ParquetRoundTripTest {

    static Stream<String> sharedCsvFiles() throws IOException {
        try (Stream<Path> s = Files.list(SharedData.dir().resolve("data"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("sharedCsvFiles")
    void everySharedDataSetReadsBackAsFromCsv(String csvName, @TempDir Path dir) {
        DataFrame csv = CsvReader.read(SharedData.data(csvName));
        Path file = dir.resolve(csvName.replace(".csv", ".parquet"));
        ParquetWriter.write(csv, file, ParquetCodec.SNAPPY);
        DataFrame parquet = DataFiles.read(file);
        FrameAssertions.assertSameForModels(csv, parquet);
        assertEquals(file.getFileName().toString(), parquet.source());
    }

    @ParameterizedTest
    @EnumSource(value = ParquetCodec.class, names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD"})
    void everyCodecWithSeveralRowGroupsAndPages(ParquetCodec codec, @TempDir Path dir) {
        DataFrame csv = CsvReader.read(SharedData.data("InstEval.csv"));
        Path file = dir.resolve("insteval.parquet");
        // 73,421 rows: row groups of 70,000 and 3,421 rows; the first in two pages of at most 65,536
        ParquetWriter.write(csv, file, codec, 70_000);
        FrameAssertions.assertSameForModels(csv, ParquetReader.read(file));
    }

    @Test
    void aDirectoryOfPartsReadsInSortedNameOrder(@TempDir Path dir) throws IOException {
        DataFrame csv = CsvReader.read(SharedData.data("Penicillin.csv"));
        Path parts = Files.createDirectory(dir.resolve("penicillin"));
        int n = csv.nrows();
        int[][] slices = {range(0, 50), range(50, 100), range(100, n)};
        ParquetCodec[] codecs = {ParquetCodec.ZSTD, ParquetCodec.GZIP, ParquetCodec.SNAPPY};
        // written out of order: the names, not the order of creation, decide
        for (int k = slices.length - 1; k >= 0; k--) {
            ParquetWriter.write(csv.selectRows(slices[k]), parts.resolve("part-0000" + k + ".snappy.parquet"), codecs[k]);
        }
        // Spark writes a part with no rows for an empty partition
        ParquetWriter.write(csv.selectRows(new int[0]), parts.resolve("part-00001-empty.snappy.parquet"), ParquetCodec.SNAPPY);
        Files.writeString(parts.resolve("_SUCCESS"), "");
        Files.writeString(parts.resolve(".part-00000.snappy.parquet.crc"), "x");
        DataFrame read = DataFiles.read(parts);
        FrameAssertions.assertSameForModels(csv, read);
        assertEquals("penicillin", read.source());
    }

    @Test
    void nullsAndNaNAreMissingValues(@TempDir Path dir) {
        DataFrame frame = DataFrame.builder("t")
                .numeric("y", new double[] {1.5, Double.NaN, 3, Double.NEGATIVE_INFINITY, 5})
                .categorical("g", new String[] {"a", "b", null, "Zürich", "a"})
                .categorical("code", new String[] {"10", "9", "10", null, "010"})
                .build();
        Path file = dir.resolve("t.parquet");
        ParquetWriter.write(frame, file, ParquetCodec.GZIP, 2);
        DataFrame read = ParquetReader.read(file);
        FrameAssertions.assertSameForModels(frame, read);
        assertTrue(read.column("y").isMissing(1));
        assertTrue(read.column("g").isMissing(2));
        assertEquals("Zürich", read.column("g").stringValue(3));
        assertEquals(Double.NEGATIVE_INFINITY, read.column("y").numericValue(3));
        assertEquals(2, read.column("y").missingCount() + read.column("code").missingCount());
    }

    @Test
    void manyLevelsNeedWideDictionaryIndices(@TempDir Path dir) {
        int n = 5000;
        String[] g = new String[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = "L" + (i * 7919 % 3001);
            y[i] = i % 13 == 0 ? Double.NaN : Math.sin(i);
        }
        DataFrame frame = DataFrame.builder("t").categorical("g", g).numeric("y", y).build();
        Path file = dir.resolve("wide.parquet");
        ParquetWriter.write(frame, file, ParquetCodec.UNCOMPRESSED, 1234);
        FrameAssertions.assertSameForModels(frame, ParquetReader.read(file));
    }

    @Test
    void simulatorAndColumnWriterWriteWhatCsvHolds(@TempDir Path dir) {
        CrossedSimulator sim = CrossedSimulator.simulate(3000, 300, 40, 11);
        Path csv = dir.resolve("sim.csv");
        Path parquet = dir.resolve("sim.parquet");
        sim.writeCsv(csv);
        sim.writeParquet(parquet);
        FrameAssertions.assertSameForModels(CsvReader.read(csv), ParquetReader.read(parquet));
    }

    @Test
    void columnWriterChecksItsColumns() {
        ParquetWriter w = new ParquetWriter().numeric("y", new double[3]);
        assertThrows(IllegalArgumentException.class, () -> w.numeric("x", new double[2]));
        assertThrows(IllegalArgumentException.class, () -> w.numeric("y", new double[3]));
        assertThrows(IllegalArgumentException.class, () -> w.categorical("g", List.of("a"), new int[] {0, 1, -1}));
    }

    private static int[] range(int from, int to) {
        return IntStream.range(from, to).toArray();
    }
}
