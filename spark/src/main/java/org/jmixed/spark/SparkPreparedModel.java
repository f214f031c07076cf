package org.jmixed.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.jmixed.model.PreparedModel;

/**
 * A model whose cross-products were formed over a Spark data set: the driver-side
 * {@link PreparedModel} (no rows: its frame and problem carry only levels, names and
 * cross-products) and what the pass after the fit needs to reach the rows again.
 *
 * @param prepared   the model as the fitting code sees it
 * @param data       the rows, still distributed
 * @param layout     typing, levels and term order used on every executor
 * @param keep       the fixed-effects columns kept (indices into the full model matrix)
 * @param source     the data's name (a path) for the summary's {@code Data:} line
 */
public record SparkPreparedModel(PreparedModel prepared, Dataset<Row> data, ModelLayout layout, int[] keep,
                                 String source) {
}
