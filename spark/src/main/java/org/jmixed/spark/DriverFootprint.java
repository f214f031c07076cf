package org.jmixed.spark;

import java.util.Locale;

import org.jmixed.JmixedException;

/**
 * What the fit keeps on the driver, estimated before it is collected there, and the refusal when
 * it does not fit in the driver's heap. With terms k = 1..K in the problem's order (most levels
 * first), l_k levels and w_k columns each, q_k = l_k·w_k, p fixed-effects columns, nnz_kj the
 * observed pairs of levels of terms k &gt; j and q2 = q_2 + ... + q_K, in bytes:
 *
 * <pre>
 *   8·Σ l_k·(w_k² + w_k·(p+1))        Z_k'Z_k blocks and Z_k'[X y]
 * + Σ nnz_kj·(8·w_k·w_j + 4)          the block-sparse Z_k'Z_j, with their row indices
 * + 8·(p+1)²                          [X y]'[X y]
 * + 16·q2²                            the dense trailing block and its Cholesky factor
 * + 64·Σ l_k                          level names (about 64 bytes each)
 * </pre>
 *
 * Refused when the estimate exceeds {@link #HEAP_SHARE} of the heap still free.
 */
final class DriverFootprint {
    /** The part of the driver's free heap the model may take; the rest is for the fit's own work. */
    static final double HEAP_SHARE = 0.8;

    private DriverFootprint() {
    }

    /**
     * @param pairs nnz_kj per pair (k &gt; j, indexed [k][j]), or null when not yet known (counted as 0)
     */
    static long bytes(long[] levels, int[] widths, int p, long[][] pairs) {
        long total = 8L * (p + 1) * (p + 1);
        long q2 = 0;
        for (int k = 0; k < levels.length; k++) {
            long w = widths[k];
            total += 8L * levels[k] * (w * w + w * (p + 1)) + 64L * levels[k];
            if (k > 0) {
                q2 += levels[k] * w;
            }
            for (int j = 0; j < k && pairs != null; j++) {
                total += pairs[k][j] * (8L * w * widths[j] + 4);
            }
        }
        return total + 16L * q2 * q2;
    }

    /** Refuses a model whose driver-side part does not fit, naming its size and its parts. */
    static void check(long[] levels, int[] widths, int p, long[][] pairs, String[] names) {
        long need = bytes(levels, widths, p, pairs);
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need > HEAP_SHARE * free) {
            StringBuilder parts = new StringBuilder();
            for (int k = 0; k < levels.length; k++) {
                parts.append(k == 0 ? "" : ", ").append(names[k]).append(": ").append(levels[k]).append(" levels");
            }
            throw new JmixedException(String.format(Locale.ROOT,
                    "the model needs about %s on the driver (%s; dense trailing block %d²) but only %s of its"
                            + " heap is free; give the driver more memory (spark-submit --driver-memory,"
                            + " JMIXED_JAVA_OPTS=-Xmx...)",
                    size(need), parts, trailing(levels, widths), size(free)));
        }
    }

    private static long trailing(long[] levels, int[] widths) {
        long q2 = 0;
        for (int k = 1; k < levels.length; k++) {
            q2 += levels[k] * widths[k];
        }
        return q2;
    }

    static String size(long bytes) {
        if (bytes >= 1L << 40) {
            return String.format(Locale.ROOT, "%.1f TiB", bytes / (double) (1L << 40));
        }
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
