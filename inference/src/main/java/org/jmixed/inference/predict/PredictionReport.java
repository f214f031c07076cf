package org.jmixed.inference.predict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmixed.data.Column;
import org.jmixed.data.DataFrame;
import org.jmixed.report.json.JsonWriter;

/** CSV and JSON forms of {@link Predictions}. */
public final class PredictionReport {
    private PredictionReport() {
    }

    /**
     * The new data's columns as read, then {@code fit} (the prediction) and, for conditional
     * predictions, {@code new_levels} (the grouping factors whose level was unseen in training,
     * joined by {@code ;}). Text is quoted as R's {@code write.csv} quotes it.
     */
    public static String csv(DataFrame newdata, Predictions p) {
        return csv(newdata, p, null);
    }

    /** As {@link #csv(DataFrame, Predictions)}, with columns {@code lwr} and {@code upr} after {@code fit} when intervals are given. */
    public static String csv(DataFrame newdata, Predictions p, PredictionIntervals intervals) {
        StringBuilder sb = new StringBuilder();
        List<String> names = newdata.names();
        List<String> header = new ArrayList<>();
        for (String n : names) {
            header.add(quote(n));
        }
        header.add(quote("fit"));
        if (intervals != null) {
            header.add(quote("lwr"));
            header.add(quote("upr"));
        }
        if (!p.population()) {
            header.add(quote("new_levels"));
        }
        sb.append(String.join(",", header)).append('\n');
        for (int r = 0; r < p.size(); r++) {
            List<String> cells = new ArrayList<>();
            for (String n : names) {
                Column c = newdata.column(n);
                String s = c.stringValue(r);
                cells.add(s == null ? "NA" : c.allNumeric() && !c.allQuoted() ? s : quote(s));
            }
            cells.add(Double.toString(p.value(r)));
            if (intervals != null) {
                cells.add(Double.toString(intervals.lower()[r]));
                cells.add(Double.toString(intervals.upper()[r]));
            }
            if (!p.population()) {
                cells.add(quote(String.join(";", p.newLevels().get(r))));
            }
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    public static String json(Predictions p, String newdataLabel) {
        return json(p, newdataLabel, null);
    }

    /** As {@link #json(Predictions, String)}, with {@code level}, {@code lwr} and {@code upr} when intervals are given. */
    public static String json(Predictions p, String newdataLabel, PredictionIntervals intervals) {
        return json(p, newdataLabel, intervals, Map.of("method", "closed-form"));
    }

    /**
     * As {@link #json(Predictions, String, PredictionIntervals)}, with what {@code method}
     * says of how the intervals were made ({@code method}, and for the bootstrap {@code B},
     * {@code seed}, ...) written before {@code level} when intervals are given.
     */
    public static String json(Predictions p, String newdataLabel, PredictionIntervals intervals,
                              Map<String, Object> method) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formula", p.formula());
        root.put("newdata", newdataLabel);
        root.put("type", p.population() ? "population" : "conditional");
        root.put("n", p.size());
        root.put("fit", p.values());
        if (intervals != null) {
            root.putAll(method);
            root.put("level", intervals.level());
            root.put("lwr", intervals.lower());
            root.put("upr", intervals.upper());
        }
        if (!p.population()) {
            List<Object> nl = new ArrayList<>();
            for (List<String> l : p.newLevels()) {
                nl.add(new ArrayList<Object>(l));
            }
            root.put("new_levels", nl);
            root.put("rows_with_new_levels", p.rowsWithNewLevels());
        }
        return JsonWriter.write(root);
    }
}
