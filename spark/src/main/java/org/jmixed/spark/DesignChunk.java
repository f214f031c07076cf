package org.jmixed.spark;

/**
 * The formula evaluated on a chunk of complete rows: what both distributed passes (cross-products,
 * then fitted values and residuals) read.
 *
 * @param n       rows in the chunk
 * @param y       the response less the offset, length n
 * @param offset  the offset per row, or null when the formula has none
 * @param x       the full fixed-effects matrix (aliased columns included), n × p, column-major
 * @param p       columns of x
 * @param levels  per random-effects term in the problem's order, each row's level
 * @param z       per term in that order, its raw model matrix, n × width, column-major
 * @param widths  per term in that order, its width
 */
record DesignChunk(int n, double[] y, double[] offset, double[] x, int p, int[][] levels, double[][] z,
                   int[] widths) {
}
