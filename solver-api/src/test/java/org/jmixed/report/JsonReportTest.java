package org.jmixed.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jmixed.model.FitResult;
import org.jmixed.report.json.JsonParser;
import org.junit.jupiter.api.Test;

class JsonReportTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> arr(Object o) {
        return (List<Object>) o;
    }

    @Test
    void fieldsInReferenceOrderThenOurOwn() {
        String json = JsonReport.format(Fits.sleepstudyReml().build());
        Map<String, Object> m = obj(JsonParser.parse(json));
        assertEquals(List.of("formula", "reml", "nobs", "ngroups", "fixef", "theta", "sigma", "varcorr", "logLik",
                "objective", "AIC", "BIC", "singular", "fitted_head", "resid_head", "ranef", "backend",
                "backend_detail", "converged", "messages", "rows_dropped", "dropped_columns", "optimizer"),
                List.copyOf(m.keySet()));
        assertEquals(List.of("names", "estimate", "stderr"), List.copyOf(obj(m.get("fixef")).keySet()));
        assertEquals(List.of("grp", "var1", "var2", "vcov", "sdcor"), List.copyOf(obj(m.get("varcorr")).keySet()));
        assertEquals(List.of("evaluations", "seconds"), List.copyOf(obj(m.get("optimizer")).keySet()));
    }

    @Test
    void valuesKeepFullPrecision() {
        FitResult fit = Fits.sleepstudyReml().build();
        Map<String, Object> m = obj(JsonParser.parse(JsonReport.format(fit)));
        assertEquals("Reaction ~ Days + (Days | Subject)", m.get("formula"));
        assertEquals(Boolean.TRUE, m.get("reml"));
        assertEquals(180.0, m.get("nobs"));
        assertEquals(Map.of("Subject", 18.0), m.get("ngroups"));
        Map<String, Object> fixef = obj(m.get("fixef"));
        assertEquals(List.of("(Intercept)", "Days"), fixef.get("names"));
        assertEquals(251.405104848485, arr(fixef.get("estimate")).get(0));
        assertEquals(1.54578964390598, arr(fixef.get("stderr")).get(1));
        assertEquals(List.of(0.966741773967412, 0.0151690588960361, 0.230909953207795), m.get("theta"));
        assertEquals(25.5917957216753, m.get("sigma"));
        Map<String, Object> vc = obj(m.get("varcorr"));
        assertEquals(List.of("Subject", "Subject", "Subject", "Residual"), vc.get("grp"));
        assertEquals(java.util.Arrays.asList("(Intercept)", "Days", "(Intercept)", null), vc.get("var1"));
        assertEquals(java.util.Arrays.asList(null, null, "Days", null), vc.get("var2"));
        assertEquals(0.0655512382381282, arr(vc.get("sdcor")).get(2));
        assertEquals(-871.814135979975, (Double) m.get("logLik"), 1e-9);
        assertEquals(1743.62827195995, m.get("objective"));
        assertEquals(1755.62827195995, (Double) m.get("AIC"), 1e-9);
        assertEquals(1743.62827195995 + Math.log(180) * 6, (Double) m.get("BIC"), 1e-9);
        assertEquals(Boolean.FALSE, m.get("singular"));
        assertEquals(10, arr(m.get("fitted_head")).size());
        assertEquals(10, arr(m.get("resid_head")).size());
        assertEquals(-3.0, arr(m.get("resid_head")).get(0));
        Map<String, Object> re = obj(arr(m.get("ranef")).get(0));
        assertEquals("Subject", re.get("group"));
        assertEquals(List.of("(Intercept)", "Days"), re.get("terms"));
        assertEquals(18, arr(re.get("levels")).size());
        assertEquals(List.of(-9.0, 0.0), arr(re.get("values")).get(0));
        assertEquals(List.of(12.0708569505143, 2.30483902090028), arr(re.get("condsd")).get(17));
        assertEquals("java", m.get("backend"));
        assertEquals("blocked Cholesky", m.get("backend_detail"));
        assertEquals(Boolean.TRUE, m.get("converged"));
        assertEquals(List.of(), m.get("messages"));
        assertEquals(0.0, m.get("rows_dropped"));
        assertEquals(List.of(), m.get("dropped_columns"));
        assertEquals(Map.of("evaluations", 57.0, "seconds", 0.0123), m.get("optimizer"));
    }

    @Test
    void layoutMatchesTheReferenceFiles() {
        String json = JsonReport.format(Fits.sleepstudyReml().build());
        List<String> lines = json.lines().toList();
        assertEquals("{", lines.get(0));
        assertEquals("}", lines.get(lines.size() - 1));
        assertTrue(json.endsWith("}\n"));
        assertTrue(lines.contains("  \"formula\": \"Reaction ~ Days + (Days | Subject)\","));
        assertTrue(lines.contains("  \"ngroups\": {"));
        assertTrue(lines.contains("    \"Subject\": 18"));
        assertTrue(lines.contains("    \"names\": [\"(Intercept)\", \"Days\"],"));
        assertTrue(lines.contains("    \"var1\": [\"(Intercept)\", \"Days\", \"(Intercept)\", null],"));
        assertTrue(lines.contains("  \"theta\": [0.966741773967412, 0.0151690588960361, 0.230909953207795],"));
        assertTrue(lines.contains("  \"ranef\": ["));
        assertTrue(lines.contains("    {"));
        assertTrue(lines.contains("      \"group\": \"Subject\","));
        assertTrue(lines.contains("      \"values\": ["));
        assertTrue(lines.contains("        [-9.0, 0.0],"));
        assertTrue(lines.contains("        [12.0708569505143, 2.30483902090028]"));
        assertTrue(lines.contains("  \"messages\": [],"));
        assertTrue(lines.contains("  \"optimizer\": {"));
        assertFalse(json.contains("\t"));
    }

    @Test
    void lengthOneVectorsAreUnboxedAsInTheReferencesAndNonFiniteBecomesNull() {
        FitResult fit = Fits.dyestuff2Singular()
                .sigma(Double.NaN)
                .messages(List.of("boundary (singular) fit: \"Batch\" variance is zero\nsecond line"))
                .build();
        String json = JsonReport.format(fit);
        Map<String, Object> m = obj(JsonParser.parse(json));
        assertEquals(0.0, m.get("theta"));
        assertEquals("(Intercept)", obj(m.get("fixef")).get("names"));
        assertEquals(5.6656, obj(m.get("fixef")).get("estimate"));
        assertNull(m.get("sigma"));
        assertTrue(m.containsKey("sigma"));
        assertEquals(Boolean.TRUE, m.get("singular"));
        assertEquals(List.of("boundary (singular) fit: \"Batch\" variance is zero\nsecond line"), m.get("messages"));
        assertEquals(2, arr(m.get("fitted_head")).size());
        assertTrue(json.contains("\"sigma\": null,"));
        String inf = JsonReport.format(Fits.linearModel().objective(Double.POSITIVE_INFINITY).build());
        assertTrue(inf.contains("\"objective\": null,"));
        assertTrue(inf.contains("\"AIC\": null,"));
    }

    @Test
    void linearModelHasEmptyGroupsAndRandomEffects() {
        FitResult fit = Fits.linearModel().rowsDropped(3).droppedColumns(List.of("x2")).build();
        String json = JsonReport.format(fit);
        Map<String, Object> m = obj(JsonParser.parse(json));
        assertEquals(Map.of(), m.get("ngroups"));
        assertEquals(List.of(), m.get("theta"));
        assertEquals(List.of(), m.get("ranef"));
        assertEquals(3.0, m.get("rows_dropped"));
        assertEquals(List.of("x2"), m.get("dropped_columns"));
        assertTrue(json.contains("  \"ngroups\": {},\n"));
        assertTrue(json.contains("  \"ranef\": [],\n"));
    }
}
