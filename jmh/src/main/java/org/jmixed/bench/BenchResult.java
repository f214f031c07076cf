package org.jmixed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One JMH result (a benchmark at one combination of parameters) as the table and the comparator
 * see it: the primary score with its error and confidence interval, and the normalized allocation
 * rate of {@code -prof gc} when present.
 *
 * @param benchmark  JMH's benchmark name, e.g. {@code org.jmixed.bench.EvaluationBenchmark.evaluation}
 * @param params     the {@code @Param} values, problem and backend first
 * @param mode       JMH's mode: avgt, sample, ss (lower is better) or thrpt (higher is better)
 * @param score      the primary score
 * @param error      half-width of the confidence interval (NaN when JMH had too few iterations)
 * @param ciLow      lower end of the confidence interval (NaN when unknown)
 * @param ciHigh     upper end of the confidence interval (NaN when unknown)
 * @param unit       unit of the score, e.g. {@code ms/op}
 * @param allocPerOp {@code gc.alloc.rate.norm} in B/op, NaN without {@code -prof gc}
 */
public record BenchResult(String benchmark, Map<String, String> params, String mode, double score, double error,
                          double ciLow, double ciHigh, String unit, double allocPerOp) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The method name: {@code evaluation}, {@code fit}. */
    public String shortName() {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? benchmark : benchmark.substring(dot + 1);
    }

    /** Identity across files: benchmark, mode and every parameter. */
    public String key() {
        StringBuilder b = new StringBuilder(benchmark).append(' ').append(mode);
        params.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }

    public String param(String name) {
        String v = params.get(name);
        return v == null ? "" : v;
    }

    /** Parameters other than problem and backend, as {@code k=v k=v}, or empty. */
    public String otherParams() {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> {
            if (!k.equals("problem") && !k.equals("backend")) {
                b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v);
            }
        });
        return b.toString();
    }

    /** Whether a smaller score is better (time per operation) rather than a larger one (throughput). */
    public boolean lowerIsBetter() {
        return !mode.equals("thrpt");
    }

    /** Whether JMH gave a confidence interval (it does not with a single measurement). */
    public boolean hasInterval() {
        return Double.isFinite(ciLow) && Double.isFinite(ciHigh);
    }

    /** The confidence interval, or the score itself at both ends when JMH gave none. */
    public double low() {
        return hasInterval() ? ciLow : score;
    }

    public double high() {
        return hasInterval() ? ciHigh : score;
    }

    /** This result with score, error and interval multiplied by {@code factor} and the unit renamed. */
    public BenchResult scaled(double factor, String newUnit) {
        return new BenchResult(benchmark, params, mode, score * factor, error * factor, ciLow * factor,
                ciHigh * factor, newUnit, allocPerOp);
    }

    /**
     * Reads a result file: either JMH's own {@code -rf json} output (an array) or a ./bench file
     * (an object whose {@code results} member is that array).
     */
    public static List<BenchResult> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + " is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode array = root == null ? null : root.isArray() ? root : root.get("results");
        if (array == null || !array.isArray()) {
            throw new IOException(file + " holds neither a JMH result array nor an object with a 'results' array");
        }
        List<BenchResult> out = new ArrayList<>();
        for (JsonNode r : array) {
            out.add(parse(r, file));
        }
        return out;
    }

    static BenchResult parse(JsonNode r, Path file) throws IOException {
        JsonNode primary = r.get("primaryMetric");
        if (!r.hasNonNull("benchmark") || primary == null || !primary.has("score")) {
            throw new IOException(file + ": a result without 'benchmark' or 'primaryMetric.score'");
        }
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode p = r.get("params");
        if (p != null) {
            for (String first : new String[] {"problem", "backend"}) {
                if (p.has(first)) {
                    params.put(first, p.get(first).asText());
                }
            }
            List<String> rest = new ArrayList<>();
            for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!params.containsKey(k)) {
                    rest.add(k);
                }
            }
            rest.sort(null);
            for (String k : rest) {
                params.put(k, p.get(k).asText());
            }
        }
        JsonNode ci = primary.get("scoreConfidence");
        double lo = ci != null && ci.size() == 2 ? number(ci.get(0)) : Double.NaN;
        double hi = ci != null && ci.size() == 2 ? number(ci.get(1)) : Double.NaN;
        double alloc = Double.NaN;
        JsonNode sec = r.get("secondaryMetrics");
        if (sec != null && sec.has("gc.alloc.rate.norm")) {
            alloc = number(sec.get("gc.alloc.rate.norm").get("score"));
        }
        return new BenchResult(r.get("benchmark").asText(), params, r.path("mode").asText("avgt"),
                number(primary.get("score")), number(primary.get("scoreError")), lo, hi,
                primary.path("scoreUnit").asText(""), alloc);
    }

    /** JMH writes NaN and infinities as strings. */
    private static double number(JsonNode n) {
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
