package org.jmixed.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.jmixed.spi.ExactSum;

import scala.Tuple2;

/**
 * One partition's partial cross-products, accumulated row by row in {@link ExactSum} accumulators
 * (unrounded, merged on the reduce side), keyed as {@link BlockKey} describes. Memory: one block per level and per observed pair of levels that
 * occur in the partition, not per row.
 */
final class PartitionCrossProducts {
    /** Rows evaluated at a time: bounds the executor's working set whatever the partition size. */
    static final int CHUNK = 8192;

    private final ChunkEvaluator evaluator;
    private double[] fixed;
    private int p = -1;
    private int[] widths;
    private List<Map<Long, double[]>> levels;
    private Map<Long, double[]>[][] pairs;

    PartitionCrossProducts(ModelLayout layout) {
        this.evaluator = new ChunkEvaluator(layout);
    }

    /** Accumulates the partition, then hands out its block runs tagged with the partition index. */
    Iterator<Tuple2<BlockKey, Tuple2<Integer, BlockRun>>> run(int partition, Iterator<Row> rows) {
        List<Row> chunk = new ArrayList<>(CHUNK);
        while (rows.hasNext()) {
            Row r = rows.next();
            if (evaluator.complete(r)) {
                chunk.add(r);
                if (chunk.size() == CHUNK) {
                    add(evaluator.evaluate(chunk));
                    chunk.clear();
                }
            }
        }
        if (!chunk.isEmpty()) {
            add(evaluator.evaluate(chunk));
        }
        List<Tuple2<BlockKey, Tuple2<Integer, BlockRun>>> out = new ArrayList<>();
        if (fixed == null) {
            return out.iterator();
        }
        int m = p + 1;
        out.add(new Tuple2<>(BlockKey.fixed(), new Tuple2<>(partition, new BlockRun(new long[] {0}, fixed, m * m))));
        for (int k = 0; k < widths.length; k++) {
            int w = widths[k];
            for (Map.Entry<Integer, Map<Long, double[]>> e : buckets(levels.get(k), false).entrySet()) {
                out.add(new Tuple2<>(BlockKey.level(k, e.getKey()),
                        new Tuple2<>(partition, BlockRun.of(e.getValue(), w * w + w * m))));
            }
            for (int j = 0; j < k; j++) {
                for (Map.Entry<Integer, Map<Long, double[]>> e : buckets(pairs[k][j], true).entrySet()) {
                    out.add(new Tuple2<>(BlockKey.pair(k, j, e.getKey()),
                            new Tuple2<>(partition, BlockRun.of(e.getValue(), w * widths[j]))));
                }
            }
        }
        return out.iterator();
    }

    /** Blocks by bucket: of the level, or of the pair of levels in a position (column level · 2³² + row level). */
    private static Map<Integer, Map<Long, double[]>> buckets(Map<Long, double[]> blocks, boolean pairs) {
        Map<Integer, Map<Long, double[]>> out = new HashMap<>();
        for (Map.Entry<Long, double[]> e : blocks.entrySet()) {
            long position = e.getKey();
            int bucket = pairs ? BlockKey.pairBucket((int) (position >>> 32), (int) position)
                    : (int) position / BlockKey.BUCKET;
            out.computeIfAbsent(bucket, b -> new HashMap<>()).put(position, e.getValue());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private void start(DesignChunk c) {
        p = c.p();
        widths = c.widths();
        fixed = ExactSum.accumulator((p + 1) * (p + 1));
        levels = new ArrayList<>();
        pairs = new Map[widths.length][widths.length];
        for (int k = 0; k < widths.length; k++) {
            levels.add(new HashMap<>());
            for (int j = 0; j < k; j++) {
                pairs[k][j] = new HashMap<>();
            }
        }
    }

    private void add(DesignChunk c) {
        if (fixed == null) {
            start(c);
        }
        int n = c.n();
        int m = p + 1;
        double[] xy = new double[m];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < p; a++) {
                xy[a] = c.x()[i + a * n];
            }
            xy[p] = c.y()[i];
            for (int b = 0; b < m; b++) {
                double vb = xy[b];
                for (int a = 0; a < m; a++) {
                    ExactSum.addProduct(fixed, a + b * m, xy[a], vb);
                }
            }
            for (int k = 0; k < widths.length; k++) {
                int w = widths[k];
                double[] zk = c.z()[k];
                double[] block = levels.get(k).computeIfAbsent((long) c.levels()[k][i], l -> ExactSum.accumulator(w * w + w * m));
                for (int b = 0; b < w; b++) {
                    double zb = zk[i + b * n];
                    for (int a = 0; a < w; a++) {
                        ExactSum.addProduct(block, a + b * w, zk[i + a * n], zb);
                    }
                }
                int off = w * w;
                for (int col = 0; col < m; col++) {
                    double v = xy[col];
                    for (int a = 0; a < w; a++) {
                        ExactSum.addProduct(block, off + a + col * w, zk[i + a * n], v);
                    }
                }
                for (int j = 0; j < k; j++) {
                    int wj = widths[j];
                    double[] zj = c.z()[j];
                    // column level (of j) in the high bits: positions sort in block-CSC order
                    long key = ((long) c.levels()[j][i] << 32) | c.levels()[k][i];
                    double[] pb = pairs[k][j].computeIfAbsent(key, x -> ExactSum.accumulator(w * wj));
                    for (int b = 0; b < wj; b++) {
                        double zb = zj[i + b * n];
                        for (int a = 0; a < w; a++) {
                            ExactSum.addProduct(pb, a + b * w, zk[i + a * n], zb);
                        }
                    }
                }
            }
        }
    }
}
