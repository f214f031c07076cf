package org.jmixed.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.jmixed.JmixedException;

/**
 * Synthetic crossed data shaped like rating data (users × items): the number of observations per
 * user and per item follows a power law, as in MovieLens, so that a few users and items are very
 * busy and most have few observations. Every user and item has at least one observation. The
 * response is {@code y = 3.5 + 0.25·x + u_user + v_item + ε} with standard deviations 0.5, 0.8
 * and 1 for u, v and ε, so the model to fit is {@code y ~ 1 + x + (1 | user) + (1 | item)}.
 * Deterministic for a given seed.
 */
public final class CrossedSimulator {
    /** Power-law exponents of user and item popularity (weight of rank r is r^-exponent). */
    static final double USER_EXPONENT = 0.8;
    static final double ITEM_EXPONENT = 1.0;
    /** The model the data are made for. */
    public static final String FORMULA = "y ~ 1 + x + (1 | user) + (1 | item)";

    private final int[] user;
    private final int[] item;
    private final double[] x;
    private final double[] y;

    private CrossedSimulator(int[] user, int[] item, double[] x, double[] y) {
        this.user = user;
        this.item = item;
        this.x = x;
        this.y = y;
    }

    /** Draws the design and the response. */
    public static CrossedSimulator simulate(int rows, int users, int items, long seed) {
        if (users < 2 || items < 2) {
            throw new JmixedException("simulate-crossed: need at least 2 users and 2 items");
        }
        if (rows < Math.max(users, items)) {
            throw new JmixedException("simulate-crossed: " + rows + " rows cannot cover " + users + " users and "
                    + items + " items (each needs at least one observation)");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] userEffect = Gaussians.draw(rnd, users, 0.5);
        double[] itemEffect = Gaussians.draw(rnd, items, 0.8);
        double[] userCdf = powerLawCdf(users, USER_EXPONENT);
        double[] itemCdf = powerLawCdf(items, ITEM_EXPONENT);
        int[] user = new int[rows];
        int[] item = new int[rows];
        double[] x = new double[rows];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            user[i] = i < users ? i : sample(userCdf, rnd.nextDouble());
            item[i] = i < items ? i : sample(itemCdf, rnd.nextDouble());
            x[i] = Gaussians.next(rnd);
            y[i] = 3.5 + 0.25 * x[i] + userEffect[user[i]] + itemEffect[item[i]] + Gaussians.next(rnd);
        }
        return new CrossedSimulator(user, item, x, y);
    }

    public int rows() {
        return y.length;
    }

    /** The data as a data frame with columns y, x, user, item. */
    public DataFrame toDataFrame() {
        String[] u = new String[user.length];
        String[] it = new String[item.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = Integer.toString(user[i] + 1);
            it[i] = Integer.toString(item[i] + 1);
        }
        return DataFrame.builder("simulated").numeric("y", y.clone()).numeric("x", x.clone())
                .categorical("user", u).categorical("item", it).build();
    }

    /** Writes the data as CSV, grouping columns quoted as R's write.csv quotes factors. */
    public void writeCsv(Path file) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("\"y\",\"x\",\"user\",\"item\"\n");
            StringBuilder line = new StringBuilder(64);
            for (int i = 0; i < y.length; i++) {
                line.setLength(0);
                line.append(y[i]).append(',').append(x[i]).append(",\"").append(user[i] + 1).append("\",\"")
                        .append(item[i] + 1).append("\"\n");
                w.append(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the data in the binary frame format ({@code .jmx}): y and x as doubles, user and item
     * as int32 codes with level tables "1".."U" and "1".."I", the same values {@link #writeCsv} writes.
     */
    public void writeBinary(Path file) {
        new org.jmixed.data.binary.BinaryFrameWriter().numeric("y", y).numeric("x", x)
                .categorical("user", levelNames(user), user).categorical("item", levelNames(item), item).write(file);
    }

    /**
     * Writes the data as Snappy-compressed Parquet: y and x as DOUBLE, user and item as
     * dictionary-encoded strings "1".."U" and "1".."I", the same values {@link #writeCsv} writes.
     */
    public void writeParquet(Path file) {
        new org.jmixed.data.parquet.ParquetWriter().numeric("y", y).numeric("x", x)
                .categorical("user", levelNames(user), user).categorical("item", levelNames(item), item)
                .write(file, org.jmixed.data.parquet.ParquetCodec.SNAPPY, org.jmixed.data.parquet.ParquetWriter.DEFAULT_ROW_GROUP_ROWS);
    }

    private static java.util.List<String> levelNames(int[] codes) {
        int max = -1;
        for (int c : codes) {
            max = Math.max(max, c);
        }
        java.util.List<String> names = new java.util.ArrayList<>(max + 1);
        for (int l = 0; l <= max; l++) {
            names.add(Integer.toString(l + 1));
        }
        return names;
    }

    private static double[] powerLawCdf(int n, double exponent) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int r = 0; r < n; r++) {
            sum += Math.pow(r + 1, -exponent);
            cdf[r] = sum;
        }
        for (int r = 0; r < n; r++) {
            cdf[r] /= sum;
        }
        return cdf;
    }

    private static int sample(double[] cdf, double p) {
        int i = Arrays.binarySearch(cdf, p);
        return Math.min(i >= 0 ? i : -i - 1, cdf.length - 1);
    }
}
