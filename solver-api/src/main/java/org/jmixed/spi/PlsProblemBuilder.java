package org.jmixed.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jmixed.JmixedException;

/**
 * Builds a {@link PlsProblem}: computes, once, the cross-products Z'Z (block diagonal and block
 * sparse), Z'[X y] and [X y]'[X y] from the raw model matrices, each entry summed with
 * {@link ExactSum} so that any other grouping of the rows (partial sums of a distributed pass)
 * gives the same doubles. Terms keep the order they are added in; the model layer adds them
 * most-levels-first.
 */
public final class PlsProblemBuilder {
    private final int n;
    private final double[] y;
    private final double[] x;
    private final int p;
    private final List<String> names = new ArrayList<>();
    private final List<Integer> nLevels = new ArrayList<>();
    private final List<Integer> widths = new ArrayList<>();
    private final List<int[]> levelOfRow = new ArrayList<>();
    private final List<double[]> columns = new ArrayList<>();

    /**
     * @param y response, length n
     * @param x fixed-effects matrix n × p, column-major, full column rank
     * @param p number of columns of x
     */
    public PlsProblemBuilder(double[] y, double[] x, int p) {
        this.n = y.length;
        if (x.length != (long) n * p) {
            throw new IllegalArgumentException("x has " + x.length + " values, expected " + n + " × " + p);
        }
        this.y = y;
        this.x = x;
        this.p = p;
    }

    /**
     * Adds a random-effects term.
     *
     * @param groupName  grouping factor name
     * @param levels     number of levels
     * @param levelOf    level of each observation, in [0, levels)
     * @param termCols   raw model matrix of the term, n × width, column-major
     * @param width      columns of the term
     */
    public PlsProblemBuilder addTerm(String groupName, int levels, int[] levelOf, double[] termCols, int width) {
        if (levelOf.length != n || termCols.length != (long) n * width) {
            throw new IllegalArgumentException("term " + groupName + " does not have " + n + " rows");
        }
        for (int l : levelOf) {
            if (l < 0 || l >= levels) {
                throw new IllegalArgumentException("term " + groupName + ": level index " + l + " out of range");
            }
        }
        names.add(groupName);
        nLevels.add(levels);
        widths.add(width);
        levelOfRow.add(levelOf);
        columns.add(termCols);
        return this;
    }

    public PlsProblem build() {
        int k = names.size();
        List<TermStructure> terms = new ArrayList<>(k);
        int thetaOffset = 0;
        for (int t = 0; t < k; t++) {
            TermStructure ts = new TermStructure(names.get(t), nLevels.get(t), widths.get(t), thetaOffset);
            terms.add(ts);
            thetaOffset += ts.thetaLength();
        }
        double[] xy = Arrays.copyOf(x, n * (p + 1));
        System.arraycopy(y, 0, xy, n * p, n);

        // Independent sums (each exact, so which thread computes one does not matter), on two
        // threads for large data, the off-diagonal blocks (the most work) first.
        double[][] zTz = new double[k][];
        double[][] zTxy = new double[k][];
        BlockSparseMatrix[][] off = new BlockSparseMatrix[k][k];
        double[] xyTxy = new double[(p + 1) * (p + 1)];
        List<Runnable> tasks = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            for (int j = 0; j < t; j++) {
                int kk = t;
                int jj = j;
                tasks.add(() -> off[kk][jj] = offDiagonalBlock(kk, jj, terms));
            }
        }
        for (int t = 0; t < k; t++) {
            int tt = t;
            tasks.add(() -> zTxy[tt] = zTransposeXy(terms.get(tt), levelOfRow.get(tt), columns.get(tt), xy));
            tasks.add(() -> zTz[tt] = diagonalBlock(terms.get(tt), levelOfRow.get(tt), columns.get(tt)));
        }
        tasks.add(() -> fixedCrossProducts(xy, xyTxy));
        TwoThreads.run(tasks, (long) n * tasks.size() >= PARALLEL_WORK);
        requireFinite(xyTxy, "the fixed-effects and response columns");
        for (int t = 0; t < k; t++) {
            requireFinite(zTz[t], "the random-effects columns of the term for '" + names.get(t) + "'");
        }
        return new PlsProblem(n, p, terms, new CrossProducts(Arrays.asList(zTz), off, Arrays.asList(zTxy), xyTxy),
                y, x, List.copyOf(levelOfRow), List.copyOf(columns));
    }

    /** Rows times products below which a second thread costs about as much as it saves. */
    private static final long PARALLEL_WORK = 200_000;

    /** [X y]'[X y], column-major (p + 1) × (p + 1). */
    private void fixedCrossProducts(double[] xy, double[] xyTxy) {
        for (int a = 0; a <= p; a++) {
            for (int b = 0; b <= a; b++) {
                double s = ExactSum.dot(xy, a * n, xy, b * n, n);
                xyTxy[a + b * (p + 1)] = s;
                xyTxy[b + a * (p + 1)] = s;
            }
        }
    }

    /**
     * Sums of squares that overflow (values near 1e155 and beyond) would make every evaluation
     * NaN; with these finite, every other cross-product is too (Cauchy–Schwarz).
     */
    private static void requireFinite(double[] crossProducts, String what) {
        for (double v : crossProducts) {
            if (!Double.isFinite(v)) {
                throw new JmixedException("the cross-products of " + what
                        + " are not finite (values too large for double precision); rescale the variables");
            }
        }
    }

    private double[] diagonalBlock(TermStructure t, int[] lev, double[] z) {
        int w = t.width();
        int size = t.nLevels() * w * w;
        double[] acc = ExactSum.accumulator(size);
        for (int i = 0; i < n; i++) {
            int base = lev[i] * w * w;
            for (int b = 0; b < w; b++) {
                double zb = z[i + b * n];
                for (int a = 0; a < w; a++) {
                    ExactSum.addProduct(acc, base + a + b * w, z[i + a * n], zb);
                }
            }
        }
        double[] out = new double[size];
        ExactSum.round(acc, 0, out, 0, size);
        return out;
    }

    private double[] zTransposeXy(TermStructure t, int[] lev, double[] z, double[] xy) {
        int w = t.width();
        int q = t.q();
        int size = q * (p + 1);
        double[] acc = ExactSum.accumulator(size);
        for (int i = 0; i < n; i++) {
            int row = lev[i] * w;
            for (int c = 0; c < w; c++) {
                double zc = z[i + c * n];
                if (zc == 0.0) {
                    continue;
                }
                for (int m = 0; m <= p; m++) {
                    ExactSum.addProduct(acc, row + c + m * q, zc, xy[i + m * n]);
                }
            }
        }
        double[] out = new double[size];
        ExactSum.round(acc, 0, out, 0, size);
        return out;
    }

    /** Z_k'Z_j in block-CSC form: block columns are levels of j, block rows levels of k. */
    private BlockSparseMatrix offDiagonalBlock(int k, int j, List<TermStructure> terms) {
        TermStructure tk = terms.get(k);
        TermStructure tj = terms.get(j);
        int[] levK = levelOfRow.get(k);
        int[] levJ = levelOfRow.get(j);
        double[] zk = columns.get(k);
        double[] zj = columns.get(j);
        int lj = tj.nLevels();
        int lk = tk.nLevels();
        int wk = tk.width();
        int wj = tj.width();

        // Bucket observations by their level of j (a counting sort), so each block column is
        // assembled from its own observations.
        int[] start = new int[lj + 1];
        for (int i = 0; i < n; i++) {
            start[levJ[i] + 1]++;
        }
        for (int c = 0; c < lj; c++) {
            start[c + 1] += start[c];
        }
        int[] rowsByCol = new int[n];
        int[] fill = Arrays.copyOf(start, lj);
        for (int i = 0; i < n; i++) {
            rowsByCol[fill[levJ[i]]++] = i;
        }

        // First pass: the distinct levels of k in each column, sorted.
        int[] mark = new int[lk];
        Arrays.fill(mark, -1);
        int[] colPtr = new int[lj + 1];
        int[] scratch = new int[lk];
        int[] rowIdx = new int[Math.min(n, (int) Math.min(Integer.MAX_VALUE, (long) lk * lj))];
        int nnz = 0;
        for (int c = 0; c < lj; c++) {
            int cnt = 0;
            for (int s = start[c]; s < start[c + 1]; s++) {
                int r = levK[rowsByCol[s]];
                if (mark[r] != c) {
                    mark[r] = c;
                    scratch[cnt++] = r;
                }
            }
            Arrays.sort(scratch, 0, cnt);
            System.arraycopy(scratch, 0, rowIdx, nnz, cnt);
            nnz += cnt;
            colPtr[c + 1] = nnz;
        }
        rowIdx = Arrays.copyOf(rowIdx, nnz);

        // Second pass: accumulate each observation's outer product z_k z_j' into its block, one
        // block column at a time in an exact accumulator as large as the fullest column.
        int bs = wk * wj;
        double[] values = new double[nnz * bs];
        int[] position = new int[lk];
        int widest = 0;
        for (int c = 0; c < lj; c++) {
            widest = Math.max(widest, colPtr[c + 1] - colPtr[c]);
        }
        double[] acc = ExactSum.accumulator(widest * bs);
        for (int c = 0; c < lj; c++) {
            int first = colPtr[c];
            int count = (colPtr[c + 1] - first) * bs;
            for (int e = first; e < colPtr[c + 1]; e++) {
                position[rowIdx[e]] = e - first;
            }
            Arrays.fill(acc, 0, 2 * count, 0.0);
            for (int s = start[c]; s < start[c + 1]; s++) {
                int i = rowsByCol[s];
                int base = position[levK[i]] * bs;
                for (int b = 0; b < wj; b++) {
                    double zb = zj[i + b * n];
                    for (int a = 0; a < wk; a++) {
                        ExactSum.addProduct(acc, base + a + b * wk, zk[i + a * n], zb);
                    }
                }
            }
            ExactSum.round(acc, 0, values, first * bs, count);
        }
        return new BlockSparseMatrix(lk, lj, wk, wj, colPtr, rowIdx, values);
    }
}
