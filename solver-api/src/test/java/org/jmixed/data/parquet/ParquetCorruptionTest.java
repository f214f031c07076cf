package org.jmixed.data.parquet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.jmixed.JmixedException;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Damaged files: every proper prefix of a file is refused with a one-line error, and a file with
 * bytes overwritten at random either reads or is refused with a one-line error; nothing else
 * (no other exception, no hang).
 */
class ParquetCorruptionTest {

    private static byte[] sample(Path dir, ParquetCodec codec) throws IOException {
        // 40 rows of sleepstudy in row groups of 15: three row groups, dictionary and plain pages
        DataFrame csv = CsvReader.read(SharedData.data("sleepstudy.csv")).selectRows(IntStream.range(0, 40).toArray());
        Path file = dir.resolve("sample.parquet");
        ParquetWriter.write(csv, file, codec, 15);
        return Files.readAllBytes(file);
    }

    @ParameterizedTest
    @EnumSource(value = ParquetCodec.class, names = {"UNCOMPRESSED", "ZSTD"})
    void everyProperPrefixIsRefused(ParquetCodec codec, @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        byte[] bytes = sample(dir, codec);
        Path cut = dir.resolve("cut.parquet");
        for (int n = 0; n < bytes.length; n++) {
            Files.write(cut, Arrays.copyOf(bytes, n));
            JmixedException e = assertThrows(JmixedException.class, () -> ParquetReader.read(cut), "prefix " + n);
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(value = ParquetCodec.class, names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD"})
    void overwrittenBytesReadOrAreRefusedInOneLine(ParquetCodec codec, @org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        byte[] bytes = sample(dir, codec);
        Path damaged = dir.resolve("damaged.parquet");
        SplittableRandom random = new SplittableRandom(15);
        for (int trial = 0; trial < 500; trial++) {
            byte[] b = bytes.clone();
            int changes = 1 + random.nextInt(3);
            for (int k = 0; k < changes; k++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            Files.write(damaged, b);
            try {
                ParquetReader.read(damaged);
            } catch (JmixedException e) {
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            } catch (RuntimeException | OutOfMemoryError e) {
                fail("trial " + trial + ": " + e, e);
            }
        }
    }
}
