package org.jmixed.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One problem timed through both programs on the same data, as {@code ./bench lme4} records it:
 * the jmixed command's wall times and the R script's own measurements ({@code tools/r/lme4_bench.R}).
 * Two ratios, both "how many times faster jmixed is": against {@code lmer()} alone (lme4 given its
 * data frame for free, the conservative figure) and against lme4's whole job (loading lme4, reading
 * the CSV file, one {@code lmer()}), which is what the jmixed wall time covers.
 *
 * @param problem        short name, e.g. {@code insteval}
 * @param formula        the model both programs fit (REML)
 * @param data           how the data were made (file name or simulate command)
 * @param rows           observations
 * @param jmixedCommand  the command line timed
 * @param jmixedSeconds  wall time of each run of the whole command (JVM start-up to exit)
 * @param jmixedEvaluations objective evaluations the jmixed fit reported (-1 when not found)
 * @param jmixedCriterion the REML criterion the jmixed summary printed (7 significant digits; NaN when not found)
 * @param rscriptSeconds wall time of the whole Rscript process (all repeats)
 * @param lme4           the R script's JSON output, verbatim
 */
public record Lme4Comparison(String problem, String formula, String data, int rows, String jmixedCommand,
                             double[] jmixedSeconds, int jmixedEvaluations, double jmixedCriterion,
                             double rscriptSeconds, JsonNode lme4) {

    /** The {@code format} member of the files {@code ./bench lme4} writes. */
    public static final String FORMAT = "jmixed-bench-lme4/1";

    private static final ObjectMapper JSON = new ObjectMapper();

    public Lme4Comparison {
        jmixedSeconds = jmixedSeconds.clone();
    }

    @Override
    public double[] jmixedSeconds() {
        return jmixedSeconds.clone();
    }

    public double jmixedMedian() {
        return median(jmixedSeconds);
    }

    public double lmerMedian() {
        return median(numbers(lme4.path("lmerSeconds")));
    }

    /** Loading lme4, reading and factoring the CSV file, and one (median) {@code lmer()} call. */
    public double lme4Whole() {
        return lme4.path("loadSeconds").asDouble(Double.NaN) + lme4.path("readSeconds").asDouble(Double.NaN)
                + lmerMedian();
    }

    /** {@code lmer()} alone over the whole jmixed command: how many times faster jmixed is. */
    public double ratioLmer() {
        return lmerMedian() / jmixedMedian();
    }

    /** jmixed's REML criterion minus lme4's: both programs fitted the same model to the same optimum when ~0. */
    public double criterionDifference() {
        return jmixedCriterion - lme4.path("remlCriterion").asDouble(Double.NaN);
    }

    /** lme4's whole job over the whole jmixed command. */
    public double ratioWhole() {
        return lme4Whole() / jmixedMedian();
    }

    /** The median; NaN for no values. */
    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
    }

    private static double[] numbers(JsonNode array) {
        if (array.isNumber()) {
            return new double[] {array.asDouble()};
        }
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble(Double.NaN);
        }
        return v;
    }

    /** This comparison as one element of the file's {@code comparisons} array. */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("problem", problem);
        o.put("formula", formula);
        o.put("data", data);
        o.put("rows", rows);
        ObjectNode j = o.putObject("jmixed");
        j.put("command", jmixedCommand);
        ArrayNode js = j.putArray("wallSeconds");
        for (double s : jmixedSeconds) {
            js.add(s);
        }
        j.put("medianWallSeconds", jmixedMedian());
        j.put("evaluations", jmixedEvaluations);
        j.put("remlCriterion", jmixedCriterion);
        ObjectNode l = o.putObject("lme4");
        l.put("rscriptWallSeconds", rscriptSeconds);
        l.put("medianLmerSeconds", lmerMedian());
        l.put("wholeSeconds", lme4Whole());
        l.set("measured", lme4);
        ObjectNode r = o.putObject("ratios");
        r.put("lmerOverJmixed", ratioLmer());
        r.put("wholeOverJmixed", ratioWhole());
        return o;
    }

    /** Reads one element of a {@code comparisons} array back. */
    public static Lme4Comparison fromJson(JsonNode o) {
        JsonNode j = o.path("jmixed");
        return new Lme4Comparison(o.path("problem").asText(), o.path("formula").asText(), o.path("data").asText(),
                o.path("rows").asInt(), j.path("command").asText(), numbers(j.path("wallSeconds")),
                j.path("evaluations").asInt(-1), j.path("remlCriterion").asDouble(Double.NaN), o.path("lme4").path("rscriptWallSeconds").asDouble(Double.NaN),
                o.path("lme4").path("measured"));
    }

    /** Every comparison of a {@code ./bench lme4} file (none when the file has no {@code comparisons}). */
    public static List<Lme4Comparison> readAll(JsonNode file) {
        List<Lme4Comparison> out = new ArrayList<>();
        for (JsonNode c : file.path("comparisons")) {
            out.add(fromJson(c));
        }
        return out;
    }

    /** The readable table: wall times, evaluations and both ratios, then what R ran on. */
    public static String table(List<Lme4Comparison> comparisons) {
        TextTable t = new TextTable(new boolean[] {true, false, false, false, false, false, false, false, false,
            false}, "problem", "rows", "jmixed (CLI)", "evals", "lme4 lmer()", "lme4 whole", "evals", "×, lmer()",
                "×, whole", "Δ REML crit.");
        for (Lme4Comparison c : comparisons) {
            t.add(c.problem(), String.format(Locale.ROOT, "%,d", c.rows()),
                    String.format(Locale.ROOT, "%.2f s (%d)", c.jmixedMedian(), c.jmixedSeconds.length),
                    c.jmixedEvaluations() < 0 ? "?" : Integer.toString(c.jmixedEvaluations()),
                    String.format(Locale.ROOT, "%.2f s (%d)", c.lmerMedian(), c.lme4.path("lmerSeconds").size()),
                    String.format(Locale.ROOT, "%.2f s", c.lme4Whole()),
                    c.lme4.path("evaluations").asText("?"),
                    String.format(Locale.ROOT, "%.2f", c.ratioLmer()),
                    String.format(Locale.ROOT, "%.2f", c.ratioWhole()),
                    String.format(Locale.ROOT, "%.2f", c.criterionDifference()));
        }
        StringBuilder b = new StringBuilder(t.toString());
        b.append("times: medians over (n) runs; jmixed: wall time of the whole command; lme4 whole: loading lme4, "
                + "reading the CSV, one lmer(); ×: lme4 time / jmixed time; Δ REML crit.: jmixed's (as printed: 7 significant digits) "
                + "minus lme4's\n");
        if (!comparisons.isEmpty()) {
            JsonNode l = comparisons.get(0).lme4();
            b.append(String.format(Locale.ROOT, "lme4 %s, R %s, BLAS %s, LAPACK %s%n", l.path("lme4").asText("?"),
                    l.path("r").asText("?"), l.path("blas").asText("?"), l.path("lapack").asText("?")));
        }
        return b.toString();
    }
}
