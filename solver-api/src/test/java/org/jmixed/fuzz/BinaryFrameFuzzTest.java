package org.jmixed.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.jmixed.JmixedException;
import org.jmixed.data.DataFrame;
import org.jmixed.data.binary.BinaryFrameReader;
import org.jmixed.data.binary.DataFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile {@code .jmx} files (issue 9): well-formed frames written by the writer, then truncated
 * at every kind of place, with bytes flipped, header integers (column and row counts, header
 * length, name and level lengths, codes) replaced by extreme values, and trailing bytes. The
 * reader maps the file, so reading past its end would be a crash or a stray
 * {@code IndexOutOfBoundsException}: every input must give a frame or a one-line
 * {@link JmixedException} naming the file. See {@link FuzzRun} for the long run.
 */
class BinaryFrameFuzzTest {
    private static final int[] EXTREMES = {0, -1, 1, 7, 8, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 20, 1 << 30, 255};

    @TempDir
    Path dir;

    @Test
    @Timeout(600)
    void corruptedFrames() {
        Path file = dir.resolve("fuzz.jmx");
        FuzzRun.Counts c = FuzzRun.run("jmx", FuzzRun.inputs(2000), rnd -> corrupted(rnd, dir), b -> FuzzRun.hex(b, 120),
                b -> {
                    try {
                        Files.write(file, b);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    return BinaryFrameReader.read(file);
                });
        assertTrue(c.accepted() > 0 && c.refused() > 0, c.toString());
    }

    /** Every proper prefix of a valid file is refused, and the message says truncated or corrupt. */
    @Test
    void everyTruncationIsRefusedClearly() throws IOException {
        byte[] whole = valid(new SplittableRandom(3), dir, 20);
        Path file = dir.resolve("cut.jmx");
        for (int len = 0; len < whole.length; len++) {
            Files.write(file, Arrays.copyOf(whole, len));
            JmixedException e = assertThrows(JmixedException.class, () -> BinaryFrameReader.read(file), "length " + len);
            assertTrue(e.getMessage().startsWith("cut.jmx: ") && e.getMessage().matches(".*(truncated|too short|corrupt).*"),
                    e.getMessage());
        }
        Files.write(file, whole);
        assertEquals(20, BinaryFrameReader.read(file).nrows());
    }

    static byte[] valid(SplittableRandom rnd, Path dir) {
        return valid(rnd, dir, rnd.nextInt(5) == 0 ? rnd.nextInt(0, 20) : 20);
    }

    static byte[] valid(SplittableRandom rnd, Path dir, int n) {
        DataFrame.Builder b = DataFrame.builder("fuzz");
        double[] y = new double[n];
        String[] g = new String[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(10) == 0 ? Double.NaN : rnd.nextGaussian();
            g[i] = rnd.nextInt(10) == 0 ? null : "level" + rnd.nextInt(4) + (rnd.nextBoolean() ? "é" : "");
        }
        b.numeric("y", y);
        b.categorical("g", g);
        Path p = dir.resolve("valid-" + Thread.currentThread().getId() + ".jmx");
        DataFiles.writeBinary(b.build(), p);
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] corrupted(SplittableRandom rnd, Path dir) {
        byte[] b = valid(rnd, dir);
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits; e++) {
            switch (rnd.nextInt(5)) {
                case 0 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                case 1 -> {
                    if (b.length > 0) {
                        b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                    }
                }
                case 2 -> {
                    if (b.length >= 4) {
                        int at = rnd.nextInt(b.length / 4) * 4; // an aligned header or data integer
                        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, EXTREMES[rnd.nextInt(EXTREMES.length)]);
                    }
                }
                case 3 -> {
                    if (b.length >= 32) {
                        long[] longs = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 33, 32, 40, b.length, b.length + 8L};
                        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(rnd.nextBoolean() ? 16 : 24,
                                longs[rnd.nextInt(longs.length)]);
                    }
                }
                default -> {
                    byte[] more = Arrays.copyOf(b, b.length + 1 + rnd.nextInt(16));
                    b = more;
                }
            }
        }
        return b;
    }
}
