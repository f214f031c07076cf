package org.jmixed.data.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.jmixed.JmixedException;
import org.jmixed.SharedData;
import org.jmixed.data.CrossedSimulator;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.data.FrameAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BinaryFrameTest {

    static Path shared() {
        return SharedData.dir();
    }

    static Stream<String> sharedCsvFiles() throws IOException {
        try (Stream<Path> s = Files.list(shared().resolve("data"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted().toList().stream();
        }
    }

    /** Everything typing and model building read from a column is the same in both frames. */
    static void assertSameForModels(DataFrame csv, DataFrame bin) {
        FrameAssertions.assertSameForModels(csv, bin);
    }

    @ParameterizedTest
    @MethodSource("sharedCsvFiles")
    void roundTripOfEverySharedFileReadsLikeTheCsv(String file, @TempDir Path dir) {
        DataFrame csv = CsvReader.read(shared().resolve("data").resolve(file));
        Path out = dir.resolve(file.replace(".csv", ".jmx"));
        BinaryFrameWriter.of(csv).write(out);
        DataFrame bin = DataFiles.read(out);
        assertEquals(out.getFileName().toString(), bin.source());
        assertSameForModels(csv, bin);
    }

    @Test
    void missingValuesQuotedNumbersAndNonAscii(@TempDir Path dir) {
        DataFrame csv = CsvReader.parse(String.join("\n", "y,g,\"code\",w,s",
                "1.5,\"a\",\"10\",NA,Zürich", "NA,\"b\",\"9\",2,", "3,NA,\"10\",-Inf,Basel", ""), "t.csv");
        Path out = dir.resolve("t.jmx");
        BinaryFrameWriter.of(csv).write(out);
        DataFrame bin = BinaryFrameReader.read(out);
        assertSameForModels(csv, bin);
        assertEquals("Zürich", bin.column("s").stringValue(0));
        assertTrue(bin.column("s").isMissing(1));
        assertEquals(Double.NEGATIVE_INFINITY, bin.column("w").numericValue(2));
    }

    @Test
    void simulatorWritesTheSameDataInBothFormats(@TempDir Path dir) {
        CrossedSimulator sim = CrossedSimulator.simulate(3000, 300, 40, 11);
        sim.writeCsv(dir.resolve("s.csv"));
        sim.writeBinary(dir.resolve("s.jmx"));
        DataFrame csv = DataFiles.read(dir.resolve("s.csv"));
        DataFrame bin = DataFiles.read(dir.resolve("s.jmx"));
        assertSameForModels(csv, bin);
        assertSameForModels(sim.toDataFrame(), bin);
    }

    @Test
    void emptyFrameAndZeroRows(@TempDir Path dir) {
        Path out = dir.resolve("e.jmx");
        new BinaryFrameWriter().numeric("a", new double[0]).categorical("b", List.of(), new int[0]).write(out);
        DataFrame f = BinaryFrameReader.read(out);
        assertEquals(0, f.nrows());
        assertEquals(List.of("a", "b"), f.names());
    }

    private static Path sample(Path dir) {
        Path out = dir.resolve("x.jmx");
        new BinaryFrameWriter().numeric("y", new double[] {1, 2, 3})
                .categorical("g", List.of("p", "q"), new int[] {0, 1, -1}).write(out);
        return out;
    }

    private static String error(Path file) {
        JmixedException e = assertThrows(JmixedException.class, () -> BinaryFrameReader.read(file));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.getFileName() + ": "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void truncatedFileIsAOneLineError(@TempDir Path dir) throws IOException {
        byte[] all = Files.readAllBytes(sample(dir));
        for (int cut : new int[] {0, 5, 31, 40, all.length - 8, all.length - 1}) {
            Path t = dir.resolve("cut" + cut + ".jmx");
            Files.write(t, Arrays.copyOf(all, cut));
            String msg = error(t);
            assertTrue(msg.contains("truncated") || msg.contains("too short") || msg.contains("corrupt"), msg);
        }
        Path longer = dir.resolve("long.jmx");
        Files.write(longer, Arrays.copyOf(all, all.length + 8));
        assertTrue(error(longer).contains("trailing bytes"));
    }

    @Test
    void corruptFilesAreOneLineErrors(@TempDir Path dir) throws IOException {
        byte[] all = Files.readAllBytes(sample(dir));
        Path csv = dir.resolve("notbinary.jmx");
        Files.writeString(csv, "y,g\n1,a\n2,b\n3,c\n4,d\n5,e\n6,f\n7,g\n");
        assertTrue(error(csv).contains("bad magic"));

        byte[] v = all.clone();
        ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 99);
        Path version = dir.resolve("version.jmx");
        Files.write(version, v);
        assertTrue(error(version).contains("version 99"));

        byte[] c = all.clone();
        long header = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).getLong(24);
        // The second column's codes follow the first column's 3 doubles (24 bytes).
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt((int) header + 24 + 4, 7);
        Path code = dir.resolve("code.jmx");
        Files.write(code, c);
        assertTrue(error(code).contains("row 2 has code 7"), error(code));

        byte[] k = all.clone();
        k[32] = 5;
        Path kind = dir.resolve("kind.jmx");
        Files.write(kind, k);
        assertTrue(error(kind).contains("unknown kind 5"));

        Path absent = dir.resolve("absent.jmx");
        JmixedException e = assertThrows(JmixedException.class, () -> BinaryFrameReader.read(absent));
        assertEquals(absent + ": no such file", e.getMessage());
    }
}
