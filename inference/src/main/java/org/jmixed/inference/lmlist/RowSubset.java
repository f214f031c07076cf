package org.jmixed.inference.lmlist;

import org.jmixed.data.Column;
import org.jmixed.data.DataFrame;

/**
 * A data frame restricted to some rows, column types kept: quoted columns stay categorical,
 * unquoted numeric ones numeric, other unquoted text categorical.
 */
final class RowSubset {
    private RowSubset() {
    }

    static DataFrame of(DataFrame data, int[] rows) {
        DataFrame.Builder b = DataFrame.builder(data.source());
        for (String name : data.names()) {
            Column c = data.column(name);
            if (!c.allQuoted() && c.allNumeric()) {
                double[] v = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    v[i] = c.isMissing(rows[i]) ? Double.NaN : c.numericValue(rows[i]);
                }
                b.numeric(name, v);
            } else {
                String[] s = new String[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    s[i] = c.isMissing(rows[i]) ? null : c.stringValue(rows[i]);
                }
                b.categorical(name, s);
            }
        }
        return b.build();
    }
}
