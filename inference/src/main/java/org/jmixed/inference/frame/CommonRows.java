package org.jmixed.inference.frame;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jmixed.data.DataFrame;
import org.jmixed.model.ModelFrameBuilder;

/**
 * The rows several models can all use: those with no missing value in any column any of the
 * models reads. Likelihoods of models fitted to different rows cannot be compared, so model
 * comparison fits every model to these rows (lme4 refuses instead; R's {@code anova} on lm fits
 * warns).
 *
 * @param data        the data restricted to the common rows (the input itself when none is dropped)
 * @param rowsDropped how many rows were dropped
 * @param columns     the columns checked that have missing values among the rows read, sorted
 */
public record CommonRows(DataFrame data, int rowsDropped, List<String> columns) {
    public CommonRows {
        columns = List.copyOf(columns);
    }

    /**
     * @param columns columns to check; names the data does not have are skipped (fitting reports them)
     */
    public static CommonRows of(DataFrame data, Collection<String> columns) {
        Set<String> present = new LinkedHashSet<>();
        List<String> withMissing = new ArrayList<>();
        for (String c : new java.util.TreeSet<>(columns)) {
            if (data.hasColumn(c)) {
                present.add(c);
                if (data.column(c).missingCount() > 0) {
                    withMissing.add(c);
                }
            }
        }
        int[] keep = ModelFrameBuilder.completeRows(data, present);
        int k = keep.length;
        if (k == data.nrows()) {
            return new CommonRows(data, 0, List.of());
        }
        return new CommonRows(data.selectRows(keep), data.nrows() - k, withMissing);
    }
}
