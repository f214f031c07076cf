package org.jmixed.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.jmixed.data.Factor;

import scala.Tuple2;

/**
 * The second distributed pass: the distinct values of every factor column, and of every
 * interaction grouping factor its distinct value tuples, over the complete rows (as R's
 * {@code droplevels} after {@code na.omit}). The distinct values are found by a shuffle; their
 * numbers are counted before any list comes to the driver, so that a factor with too many levels
 * is refused by {@link DriverFootprint} instead of filling the driver's heap.
 */
final class LevelCollector {
    private LevelCollector() {
    }

    /** Slot names: a column name, or {@code term:N} for the value tuples of random term N. */
    record Distinct(Map<String, Long> counts, JavaPairRDD<String, String> values) {
        Map<String, List<String>> collect() {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (String slot : counts.keySet()) {
                out.put(slot, new ArrayList<>());
            }
            for (Tuple2<String, String> t : values.collect()) {
                out.get(t._1()).add(t._2());
            }
            values.unpersist(false);
            return out;
        }
    }

    /**
     * @param factorColumns the columns to collect levels of
     * @param interactions  per random term in formula order, its grouping columns when more than one, else null
     */
    static Distinct distinct(JavaRDD<Row> rows, ModelLayout layout, List<String> factorColumns,
                             List<List<String>> interactions) {
        JavaPairRDD<String, String> values = rows.mapPartitions((Iterator<Row> it) -> {
            ChunkEvaluator ev = new ChunkEvaluator(layout);
            Map<String, java.util.Set<String>> seen = new HashMap<>();
            while (it.hasNext()) {
                Row r = it.next();
                if (!ev.complete(r)) {
                    continue;
                }
                for (String c : factorColumns) {
                    seen.computeIfAbsent(c, x -> new java.util.HashSet<>()).add(text(r, layout, c));
                }
                for (int t = 0; t < interactions.size(); t++) {
                    List<String> gs = interactions.get(t);
                    if (gs == null) {
                        continue;
                    }
                    StringBuilder key = new StringBuilder();
                    for (int g = 0; g < gs.size(); g++) {
                        if (g > 0) {
                            key.append('\u0001');
                        }
                        key.append(text(r, layout, gs.get(g)));
                    }
                    seen.computeIfAbsent("term:" + t, x -> new java.util.HashSet<>()).add(key.toString());
                }
            }
            List<Tuple2<String, String>> out = new ArrayList<>();
            for (Map.Entry<String, java.util.Set<String>> e : seen.entrySet()) {
                for (String v : e.getValue()) {
                    out.add(new Tuple2<>(e.getKey(), v));
                }
            }
            return out.iterator();
        }).mapToPair(t -> t).distinct();
        values.persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Long> counts = new LinkedHashMap<>(values.countByKey());
        return new Distinct(counts, values);
    }

    private static String text(Row r, ModelLayout layout, String column) {
        int j = layout.column(column);
        return CellText.text(r.get(layout.rowIndex[j]), layout.csv[j]);
    }

    /** Levels in R's order: numerically when every level is a number, else by code point. */
    static List<String> sortedLevels(List<String> distinct) {
        return Factor.of(distinct.toArray(new String[0])).levels();
    }

    /**
     * The interaction's observed tuples, ordered as {@code Factor.interaction} orders them (by the
     * first factor's level, then the next's), as code tuples {@code "3,0"} to level index, with the
     * level names ({@code "A:1"}) in {@code names}.
     */
    static Map<String, Integer> interactionLevels(List<String> tuples, List<String> columns,
                                                  Map<String, List<String>> factorLevels, List<String> names) {
        List<int[]> codes = new ArrayList<>(tuples.size());
        List<Map<String, Integer>> index = new ArrayList<>();
        for (String c : columns) {
            Map<String, Integer> m = new HashMap<>();
            List<String> lv = factorLevels.get(c);
            for (int i = 0; i < lv.size(); i++) {
                m.put(lv.get(i), i);
            }
            index.add(m);
        }
        for (String t : tuples) {
            String[] parts = t.split("\u0001", -1);
            int[] c = new int[parts.length];
            for (int g = 0; g < parts.length; g++) {
                c[g] = index.get(g).get(parts[g]);
            }
            codes.add(c);
        }
        codes.sort(Arrays::compare);
        Map<String, Integer> out = new HashMap<>(codes.size() * 2);
        for (int i = 0; i < codes.size(); i++) {
            int[] c = codes.get(i);
            StringBuilder key = new StringBuilder();
            StringBuilder name = new StringBuilder();
            for (int g = 0; g < c.length; g++) {
                if (g > 0) {
                    key.append(',');
                    name.append(':');
                }
                key.append(c[g]);
                name.append(factorLevels.get(columns.get(g)).get(c[g]));
            }
            out.put(key.toString(), i);
            names.add(name.toString());
        }
        return out;
    }
}
