package org.jmixed.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.jmixed.spi.BlockSparseMatrix;
import org.jmixed.spi.CrossProducts;

import scala.Tuple2;

/**
 * The cross-products by a distributed aggregation: each partition sums its rows' contributions
 * per {@link BlockKey} ({@link PartitionCrossProducts}); the partial blocks are grouped by key and
 * added in partition order, so the sums do not depend on which task finished first and a rerun
 * gives the same bits. The number of merged blocks is counted, and checked against the driver's
 * heap ({@link DriverFootprint}), before they are collected.
 */
final class DistributedCrossProducts {
    private DistributedCrossProducts() {
    }

    /**
     * The cross-products with every column of the full fixed-effects matrix (aliased ones
     * included: which to drop is decided from X'X on the driver).
     */
    record Result(int p, int[] widths, long[] levels, double[] xyTxy, List<double[]> zTz, List<double[]> zTxy,
                  BlockSparseMatrix[][] off) {

        /** The cross-products of [X y] with X reduced to the kept columns. */
        CrossProducts reduced(int[] keep) {
            int m = p + 1;
            int mk = keep.length + 1;
            int[] cols = java.util.Arrays.copyOf(keep, mk);
            cols[keep.length] = p;
            double[] xy = new double[mk * mk];
            for (int b = 0; b < mk; b++) {
                for (int a = 0; a < mk; a++) {
                    xy[a + b * mk] = xyTxy[cols[a] + cols[b] * m];
                }
            }
            List<double[]> zxy = new ArrayList<>();
            for (int k = 0; k < widths.length; k++) {
                int q = (int) levels[k] * widths[k];
                double[] full = zTxy.get(k);
                double[] out = new double[q * mk];
                for (int c = 0; c < mk; c++) {
                    System.arraycopy(full, cols[c] * q, out, c * q, q);
                }
                zxy.add(out);
            }
            return new CrossProducts(zTz, off, zxy, xy);
        }
    }

    static Result compute(JavaRDD<Row> rows, ModelLayout layout, int p, long[] levels, int[] widths, String[] names) {
        int k = widths.length;
        JavaPairRDD<BlockKey, double[]> merged = rows
                .mapPartitionsWithIndex((partition, it) -> new PartitionCrossProducts(layout).run(partition, it), false)
                .mapToPair(t -> t)
                .groupByKey()
                .mapValues(DistributedCrossProducts::sumInPartitionOrder);
        merged.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<Tuple2<Integer, Integer>, Long> counts = merged
                    .filter(e -> e._1().kind() == BlockKey.PAIR)
                    .map(e -> new Tuple2<>(e._1().k(), e._1().j()))
                    .countByValue();
            long[][] pairs = new long[k][k];
            for (Map.Entry<Tuple2<Integer, Integer>, Long> e : counts.entrySet()) {
                pairs[e.getKey()._1()][e.getKey()._2()] = e.getValue();
            }
            DriverFootprint.check(levels, widths, p, pairs, names);
            return assemble(merged.collect(), p, levels, widths, pairs);
        } finally {
            merged.unpersist(false);
        }
    }

    private static double[] sumInPartitionOrder(Iterable<Tuple2<Integer, double[]>> parts) {
        List<Tuple2<Integer, double[]>> list = new ArrayList<>();
        parts.forEach(list::add);
        list.sort(Comparator.comparingInt(Tuple2::_1));
        double[] sum = list.get(0)._2().clone();
        for (int i = 1; i < list.size(); i++) {
            double[] v = list.get(i)._2();
            for (int a = 0; a < sum.length; a++) {
                sum[a] += v[a];
            }
        }
        return sum;
    }

    private static Result assemble(List<Tuple2<BlockKey, double[]>> blocks, int p, long[] levels, int[] widths,
                                   long[][] pairCounts) {
        int k = widths.length;
        int m = p + 1;
        double[] xyTxy = new double[m * m];
        List<double[]> zTz = new ArrayList<>();
        List<double[]> zTxy = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            int w = widths[t];
            zTz.add(new double[(int) levels[t] * w * w]);
            zTxy.add(new double[(int) levels[t] * w * m]);
        }
        List<List<Tuple2<BlockKey, double[]>>> byPair = new ArrayList<>();
        for (int i = 0; i < k * k; i++) {
            byPair.add(new ArrayList<>());
        }
        for (Tuple2<BlockKey, double[]> e : blocks) {
            BlockKey key = e._1();
            double[] v = e._2();
            switch (key.kind()) {
                case BlockKey.FIXED -> System.arraycopy(v, 0, xyTxy, 0, m * m);
                case BlockKey.LEVEL -> {
                    int w = widths[key.k()];
                    int q = (int) levels[key.k()] * w;
                    System.arraycopy(v, 0, zTz.get(key.k()), key.row() * w * w, w * w);
                    double[] out = zTxy.get(key.k());
                    for (int c = 0; c < m; c++) {
                        System.arraycopy(v, w * w + c * w, out, key.row() * w + c * q, w);
                    }
                }
                default -> byPair.get(key.k() * k + key.j()).add(e);
            }
        }
        BlockSparseMatrix[][] off = new BlockSparseMatrix[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < a; b++) {
                off[a][b] = blockCsc(byPair.get(a * k + b), (int) levels[a], (int) levels[b], widths[a], widths[b]);
            }
        }
        return new Result(p, widths, levels, xyTxy, zTz, zTxy, off);
    }

    /** Z_k'Z_j in block-CSC form: block columns are levels of j, block rows (sorted) levels of k. */
    private static BlockSparseMatrix blockCsc(List<Tuple2<BlockKey, double[]>> blocks, int lk, int lj, int wk,
                                              int wj) {
        blocks.sort(Comparator.comparingInt((Tuple2<BlockKey, double[]> e) -> e._1().col())
                .thenComparingInt(e -> e._1().row()));
        int nnz = blocks.size();
        int bs = wk * wj;
        int[] colPtr = new int[lj + 1];
        int[] rowIdx = new int[nnz];
        double[] values = new double[nnz * bs];
        for (int e = 0; e < nnz; e++) {
            BlockKey key = blocks.get(e)._1();
            colPtr[key.col() + 1]++;
            rowIdx[e] = key.row();
            System.arraycopy(blocks.get(e)._2(), 0, values, e * bs, bs);
        }
        for (int c = 0; c < lj; c++) {
            colPtr[c + 1] += colPtr[c];
        }
        return new BlockSparseMatrix(lk, lj, wk, wj, colPtr, rowIdx, values);
    }
}
