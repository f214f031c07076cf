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
        return rows.mapPartitions(it -> new ChunkIterator<>(new ChunkEvaluator(layout), it, (chunk, c) -> {
            double[][] fr = compute(c, keep, beta, b);
            List<double[]> out = new ArrayList<>(c.n());
            for (int i = 0; i < c.n(); i++) {
                out.add(new double[] {fr[0][i], fr[1][i]});
            }
            return out;
        }));
    }

    /** The complete rows, each extended by its fitted value and residual. */
    static JavaRDD<Row> rowsWithPredictions(JavaRDD<Row> rows, ModelLayout layout, int[] keep, double[] beta,
                                            List<double[]> b) {
        return rows.mapPartitions(it -> new ChunkIterator<>(new ChunkEvaluator(layout), it, (chunk, c) -> {
            double[][] fr = compute(c, keep, beta, b);
            List<Row> out = new ArrayList<>(c.n());
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
            return out;
        }));
    }

    private interface ChunkMapper<T> {
        List<T> apply(List<Row> rows, DesignChunk design);
    }

    /**
     * The outputs of a partition's complete rows, evaluated one chunk at a time as they are
     * consumed: a partition is never held whole, and {@code take(10)} reads one chunk.
     */
    private static final class ChunkIterator<T> implements Iterator<T> {
        private final ChunkEvaluator evaluator;
        private final Iterator<Row> rows;
        private final ChunkMapper<T> mapper;
        private Iterator<T> current = java.util.Collections.emptyIterator();

        ChunkIterator(ChunkEvaluator evaluator, Iterator<Row> rows, ChunkMapper<T> mapper) {
            this.evaluator = evaluator;
            this.rows = rows;
            this.mapper = mapper;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && rows.hasNext()) {
                List<Row> chunk = new ArrayList<>(PartitionCrossProducts.CHUNK);
                while (rows.hasNext() && chunk.size() < PartitionCrossProducts.CHUNK) {
                    Row r = rows.next();
                    if (evaluator.complete(r)) {
                        chunk.add(r);
                    }
                }
                if (!chunk.isEmpty()) {
                    current = mapper.apply(chunk, evaluator.evaluate(chunk)).iterator();
                }
            }
            return current.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return current.next();
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
