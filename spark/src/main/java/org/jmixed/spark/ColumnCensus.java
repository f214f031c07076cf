package org.jmixed.spark;

import java.io.Serializable;
import java.util.Iterator;

import org.apache.spark.sql.Row;

/**
 * The first distributed pass: rows read, rows with every formula column present, and per column
 * the two flags that type it as the single-machine reader does (every present value a number;
 * every present value quoted), over all rows as the reader sees the whole file.
 */
final class ColumnCensus implements Serializable {
    private static final long serialVersionUID = 1L;

    long rowsRead;
    long rowsComplete;
    final boolean[] allNumeric;
    final boolean[] allQuoted;

    ColumnCensus(int columns) {
        allNumeric = new boolean[columns];
        allQuoted = new boolean[columns];
        java.util.Arrays.fill(allNumeric, true);
        java.util.Arrays.fill(allQuoted, true);
    }

    /** The census of one partition. */
    static ColumnCensus of(Iterator<Row> rows, int[] index, boolean[] csv) {
        ColumnCensus c = new ColumnCensus(index.length);
        while (rows.hasNext()) {
            Row row = rows.next();
            c.rowsRead++;
            boolean complete = true;
            for (int j = 0; j < index.length; j++) {
                Object v = row.get(index[j]);
                String text = CellText.text(v, csv[j]);
                if (text == null) {
                    complete = false;
                    continue;
                }
                c.allQuoted[j] &= CellText.quoted(v, csv[j]);
                c.allNumeric[j] &= !Double.isNaN(CellText.number(v, text)) || text.equals("NaN");
            }
            if (complete) {
                c.rowsComplete++;
            }
        }
        return c;
    }

    ColumnCensus merge(ColumnCensus o) {
        ColumnCensus m = new ColumnCensus(allNumeric.length);
        m.rowsRead = rowsRead + o.rowsRead;
        m.rowsComplete = rowsComplete + o.rowsComplete;
        for (int j = 0; j < allNumeric.length; j++) {
            m.allNumeric[j] = allNumeric[j] && o.allNumeric[j];
            m.allQuoted[j] = allQuoted[j] && o.allQuoted[j];
        }
        return m;
    }
}
