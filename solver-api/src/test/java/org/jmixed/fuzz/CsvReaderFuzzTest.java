package org.jmixed.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile CSV input (issue 9): mutated copies of well-formed files (quotes, separators, line ends,
 * NUL, invalid UTF-8, byte-order marks, numbers at the edge of the double range, truncation,
 * duplicated and dropped lines) and random bytes, through {@link CsvReader#read} (bytes from a
 * file) and {@link CsvReader#parse} (text). Every input gives a data frame or a one-line
 * {@link org.jmixed.JmixedException}. See {@link FuzzRun} for the long run.
 */
class CsvReaderFuzzTest {
    private static final String[] SEEDS = {
        "\"Reaction\",\"Days\",\"Subject\"\n249.56,0,\"308\"\n258.7047,1,\"308\"\n250.8006,2,\"309\"\n",
        "\"strength\",\"batch\",\"cask\",\"sample\"\r\n62.8,\"A\",\"a\",\"A:a\"\r\n62.6,\"A\",\"a\",\"A:a\"\r\n",
        "a,b,c\n1,NA,\"x\"\n2,,\"y, z\"\n3,4.5e-3,\"q\"\"uote\"\n",
        "\"\",\"x\"\n\"1\",1\n\"2\",2\n",
        "y,g\n1,a\n2,b\n-Inf,c\nInf,d\nNaN,e\n",
        "\"name with space\",\"ü\"\n1,\"é\"\n2,\"日本\"\n",
    };
    private static final String[] PIECES = {
        "\"", "\"\"", ",", "\n", "\r", "\r\n", "\u0000", "NA", "", " ", "\t", "-", "+", ".", "e", "1e309", "-1e-400",
        "0x1p3", "NaN", "Inf", "1,5", "\uFEFF", "\u00e9", "\uD83D\uDE00", "9999999999999999999999", "1_000", "\\",
    };
    private static final byte[][] BAD_BYTES = {
        {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        {(byte) 0xF0, (byte) 0x9F}, {0}, {(byte) 0x80},
    };

    @TempDir
    Path dir;

    @Test
    @Timeout(600)
    void textInputs() {
        FuzzRun.Counts c = FuzzRun.run("csv text", FuzzRun.inputs(2000), CsvReaderFuzzTest::text, FuzzRun::escape,
                t -> check(CsvReader.parse(t, "fuzz.csv")));
        assertTrue(c.accepted() > 0 && c.refused() > 0, c.toString());
    }

    @Test
    @Timeout(600)
    void byteFiles() {
        Path file = dir.resolve("fuzz.csv");
        FuzzRun.Counts c = FuzzRun.run("csv file", FuzzRun.inputs(2000) / 2, CsvReaderFuzzTest::bytes,
                b -> FuzzRun.hex(b, 200), b -> {
                    try {
                        Files.write(file, b);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    return check(CsvReader.read(file));
                });
        assertTrue(c.accepted() > 0 && c.refused() > 0, c.toString());
    }

    /** What a caller does next with a frame: every column read back without surprises. */
    private static DataFrame check(DataFrame f) {
        for (String name : f.names()) {
            assertTrue(f.column(name) != null, name);
        }
        return f;
    }

    static String text(SplittableRandom rnd) {
        if (rnd.nextInt(10) == 0) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(40);
            for (int i = 0; i < n; i++) {
                sb.append(rnd.nextBoolean() ? PIECES[rnd.nextInt(PIECES.length)] : (char) rnd.nextInt(0x20, 0x7f));
            }
            return sb.toString();
        }
        StringBuilder sb = new StringBuilder(SEEDS[rnd.nextInt(SEEDS.length)]);
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = sb.length() == 0 ? 0 : rnd.nextInt(sb.length() + 1);
            switch (rnd.nextInt(6)) {
                case 0 -> sb.insert(at, PIECES[rnd.nextInt(PIECES.length)]);
                case 1 -> {
                    if (sb.length() > 0) {
                        sb.delete(at, Math.min(sb.length(), at + 1 + rnd.nextInt(5)));
                    }
                }
                case 2 -> sb.setLength(at); // truncated
                case 3 -> {
                    int nl = sb.indexOf("\n");
                    if (nl >= 0) {
                        sb.append(sb, 0, nl + 1); // header repeated as a row, or a duplicated line
                    }
                }
                case 4 -> {
                    if (at < sb.length()) {
                        sb.setCharAt(at, (char) rnd.nextInt(0, 0x80));
                    }
                }
                default -> sb.insert(at, ",".repeat(rnd.nextInt(1, 4)));
            }
        }
        return sb.toString();
    }

    static byte[] bytes(SplittableRandom rnd) {
        byte[] base = text(rnd).getBytes(StandardCharsets.UTF_8);
        if (rnd.nextInt(3) != 0 || base.length == 0) {
            return base;
        }
        byte[] bad = BAD_BYTES[rnd.nextInt(BAD_BYTES.length)];
        int at = rnd.nextInt(base.length + 1);
        byte[] out = new byte[base.length + bad.length];
        System.arraycopy(base, 0, out, 0, at);
        System.arraycopy(bad, 0, out, at, bad.length);
        System.arraycopy(base, at, out, at + bad.length, base.length - at);
        return out;
    }
}
