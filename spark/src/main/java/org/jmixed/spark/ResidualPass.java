package org.jmixed.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The pass after the fit: each executor evaluates its complete rows again and computes fitted
 * values (offset + Xβ̂ + Z b̂) and residuals from the estimates, which travel with the task
 * (β̂ and b̂: p + q numbers).
 */
final class ResidualPass {
    private ResidualPass() {
    }

    /**
     * @param beta  β̂ for the kept columns {@code keep} of the full fixed-effects matrix
     * @param b     per term in the problem's order, b̂ level-major (level ℓ, column c at ℓ·w + c)
     * @return per complete row, in the data's order, {fitted, residual}
     */
    static JavaRDD<double[]> fittedAndResiduals(JavaRDD<Row> rows, ModelLayout layout, int[] keep, double[] beta,
                                                List<double[]> b) {
        return rows.mapPartitions(it -> {
            ChunkEvaluator ev = new ChunkEvaluator(layout);
            List<double[]> out = new ArrayList<>();
            forEachChunk(ev, it, (chunk, c) -> {
                double[][] fr = compute(c, keep, beta, b);
                for (int i = 0; i < c.n(); i++) {
                    out.add(new double[] {fr[0][i], fr[1][i]});
                }
            });
            return out.iterator();
        });
    }

    /** The complete rows, each extended by its fitted value and residual. */
    static JavaRDD<Row> rowsWithPredictions(JavaRDD<Row> rows, ModelLayout layout, int[] keep, double[] beta,
                                            List<double[]> b) {
        return rows.mapPartitions(it -> {
            ChunkEvaluator ev = new ChunkEvaluator(layout);
            List<Row> out = new ArrayList<>();
            forEachChunk(ev, it, (chunk, c) -> {
                double[][] fr = compute(c, keep, beta, b);
                for (int i = 0; i < c.n(); i++) {
                    Row r = chunk.get(i);
                    Object[] values = new Object[r.length() + 2];
                    for (int a = 0; a < r.length(); a++) {
                        values[a] = r.get(a);
                    }
                    values[r.length()] = fr[0][i];
                    values[r.length() + 1] = fr[1][i];
                    out.add(RowFactory.create(values));
                }
            });
            return out.iterator();
        });
    }

    private interface ChunkConsumer {
        void accept(List<Row> rows, DesignChunk design);
    }

    private static void forEachChunk(ChunkEvaluator ev, Iterator<Row> it, ChunkConsumer consumer) {
        List<Row> chunk = new ArrayList<>(PartitionCrossProducts.CHUNK);
        while (it.hasNext()) {
            Row r = it.next();
            if (ev.complete(r)) {
                chunk.add(r);
                if (chunk.size() == PartitionCrossProducts.CHUNK) {
                    consumer.accept(chunk, ev.evaluate(chunk));
                    chunk = new ArrayList<>(PartitionCrossProducts.CHUNK);
                }
            }
        }
        if (!chunk.isEmpty()) {
            consumer.accept(chunk, ev.evaluate(chunk));
        }
    }

    /** {fitted, residual} of a chunk, in the order ResultAssembler sums them on one machine. */
    private static double[][] compute(DesignChunk c, int[] keep, double[] beta, List<double[]> b) {
        int n = c.n();
        double[] fitted = c.offset() == null ? new double[n] : c.offset().clone();
        for (int j = 0; j < keep.length; j++) {
            double bj = beta[j];
            int o = keep[j] * n;
            for (int i = 0; i < n; i++) {
                fitted[i] += c.x()[o + i] * bj;
            }
        }
        for (int k = 0; k < c.widths().length; k++) {
            int w = c.widths()[k];
            double[] bk = b.get(k);
            double[] z = c.z()[k];
            int[] lev = c.levels()[k];
            for (int col = 0; col < w; col++) {
                for (int i = 0; i < n; i++) {
                    fitted[i] += z[i + col * n] * bk[lev[i] * w + col];
                }
            }
        }
        double[] residuals = new double[n];
        for (int i = 0; i < n; i++) {
            double y = c.y()[i] + (c.offset() == null ? 0.0 : c.offset()[i]);
            residuals[i] = y - fitted[i];
        }
        return new double[][] {fitted, residuals};
    }
}
