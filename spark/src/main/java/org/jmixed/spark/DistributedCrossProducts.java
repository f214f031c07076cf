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
 * per {@link BlockKey} ({@link PartitionCrossProducts}) in exact accumulators; the partial blocks
 * are grouped by key, added in partition order and rounded once on the driver, so the sums are
 * the single-machine builder's doubles whatever the partitioning. The number of merged blocks is counted, and checked against the driver's
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
        JavaPairRDD<BlockKey, BlockRun> merged = rows
                .mapPartitionsWithIndex((partition, it) -> new PartitionCrossProducts(layout).run(partition, it), false)
                .mapToPair(t -> t)
                .groupByKey()
                .mapValues(DistributedCrossProducts::sumInPartitionOrder);
        merged.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<Tuple2<Integer, Integer>, Long> counts = merged
                    .filter(e -> e._1().kind() == BlockKey.PAIR)
                    .mapToPair(e -> new Tuple2<>(new Tuple2<>(e._1().k(), e._1().j()), (long) e._2().positions().length))
                    .reduceByKey(Long::sum)
                    .collectAsMap();
            long[][] pairs = new long[k][k];
            for (Map.Entry<Tuple2<Integer, Integer>, Long> e : counts.entrySet()) {
                pairs[e.getKey()._1()][e.getKey()._2()] = e.getValue();
            }
            DriverFootprint.check(levels, widths, p, pairs, names);
            return assemble(merged.collect(), p, levels, widths);
        } finally {
            merged.unpersist(false);
        }
    }

    private static BlockRun sumInPartitionOrder(Iterable<Tuple2<Integer, BlockRun>> parts) {
        List<Tuple2<Integer, BlockRun>> list = new ArrayList<>();
        parts.forEach(list::add);
        list.sort(Comparator.comparingInt(Tuple2::_1));
        List<BlockRun> runs = new ArrayList<>(list.size());
        for (Tuple2<Integer, BlockRun> t : list) {
            runs.add(t._2());
        }
        return BlockRun.sum(runs);
    }

    private static Result assemble(List<Tuple2<BlockKey, BlockRun>> runs, int p, long[] levels, int[] widths) {
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
        List<List<Tuple2<BlockKey, BlockRun>>> byPair = new ArrayList<>();
        for (int i = 0; i < k * k; i++) {
            byPair.add(new ArrayList<>());
        }
        for (Tuple2<BlockKey, BlockRun> e : runs) {
            BlockKey key = e._1();
            BlockRun run = e._2();
            switch (key.kind()) {
                case BlockKey.FIXED -> run.round(0, 0, xyTxy, 0, m * m);
                case BlockKey.LEVEL -> {
                    int w = widths[key.k()];
                    int q = (int) levels[key.k()] * w;
                    double[] out = zTxy.get(key.k());
                    for (int b = 0; b < run.positions().length; b++) {
                        int level = (int) run.positions()[b];
                        run.round(b, 0, zTz.get(key.k()), level * w * w, w * w);
                        for (int c = 0; c < m; c++) {
                            run.round(b, w * w + c * w, out, level * w + c * q, w);
                        }
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

    /**
     * Z_k'Z_j in block-CSC form (block columns are levels of j, block rows, sorted, levels of k)
     * from its runs, placed column by column (a counting sort). With the runs in bucket order, the
     * blocks of one column arrive by increasing row-level bucket, each run sorted: rows come out
     * sorted without a comparison sort.
     */
    private static BlockSparseMatrix blockCsc(List<Tuple2<BlockKey, BlockRun>> runs, int lk, int lj, int wk, int wj) {
        runs.sort(Comparator.comparingInt(e -> e._1().bucket()));
        int bs = wk * wj;
        int[] colPtr = new int[lj + 1];
        for (Tuple2<BlockKey, BlockRun> e : runs) {
            for (long p : e._2().positions()) {
                colPtr[(int) (p >>> 32) + 1]++;
            }
        }
        for (int c = 0; c < lj; c++) {
            colPtr[c + 1] += colPtr[c];
        }
        int nnz = colPtr[lj];
        int[] fill = java.util.Arrays.copyOf(colPtr, lj);
        int[] rowIdx = new int[nnz];
        double[] values = new double[nnz * bs];
        for (Tuple2<BlockKey, BlockRun> e : runs) {
            BlockRun run = e._2();
            long[] positions = run.positions();
            for (int b = 0; b < positions.length; b++) {
                int slot = fill[(int) (positions[b] >>> 32)]++;
                rowIdx[slot] = (int) positions[b];
                run.round(b, 0, values, slot * bs, bs);
            }
        }
        return new BlockSparseMatrix(lk, lj, wk, wj, colPtr, rowIdx, values);
    }
}
