package org.jmixed.model;

import org.jmixed.JmixedException;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.formula.FormulaException;
import org.jmixed.report.json.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ModelFrameBuilderTest {
    private static final Map<String, DataFrame> CACHE = new HashMap<>();

    private static Path shared() {
        return SharedData.dir();
    }

    private static synchronized DataFrame data(String file) {
        return CACHE.computeIfAbsent(file, f -> CsvReader.read(shared().resolve("data").resolve(f)));
    }

    private static DataFrame csv(String text) {
        return CsvReader.parse(text, "data.csv");
    }

    private static String error(DataFrame df, String formula) {
        return assertThrows(JmixedException.class, () -> ModelFrameBuilder.build(df, formula)).getMessage();
    }

    // ---- every lme4 reference fit: fixed-effect names, grouping factors and their levels ----

    @ParameterizedTest
    @ValueSource(strings = {"cake_numeric_temp", "dyestuff2_singular", "dyestuff_ml", "dyestuff_reml",
            "insteval_crossed", "insteval_ml", "orthodont_slopes", "pastes_nested", "penicillin_crossed", "pulp_ml",
            "pulp_reml", "sleepstudy_ml", "sleepstudy_reml", "sleepstudy_uncorr"})
    void matchesLme4Reference(String id) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> ref = (Map<String, Object>) JsonParser.parse(
                Files.readString(shared().resolve("reference").resolve(id + ".json")));
        ModelFrame mf = ModelFrameBuilder.build(data((String) ref.get("dataset")), (String) ref.get("formula"));
        assertEquals(((Number) ref.get("nobs")).intValue(), mf.n());
        @SuppressWarnings("unchecked")
        Map<String, Object> fixef = (Map<String, Object>) ref.get("fixef");
        assertEquals(strings(fixef.get("names")), mf.fixedNames());
        assertEquals(mf.n() * mf.p(), mf.x().length);

        @SuppressWarnings("unchecked")
        Map<String, Object> ngroups = (Map<String, Object>) ref.get("ngroups");
        Map<String, Integer> ours = new LinkedHashMap<>();
        for (RandomTermData t : mf.randomTerms()) {
            ours.put(t.groupName(), t.nLevels());
            assertEquals(mf.n(), t.levelOfRow().length);
            assertEquals(mf.n() * t.width(), t.columns().length);
        }
        assertEquals(ngroups.size(), ours.size());
        ngroups.forEach((g, k) -> assertEquals(((Number) k).intValue(), ours.get(g), g));

        @SuppressWarnings("unchecked")
        List<Object> ranef = (List<Object>) ref.get("ranef");
        for (Object o : ranef) {
            @SuppressWarnings("unchecked")
            Map<String, Object> re = (Map<String, Object>) o;
            String group = (String) re.get("group");
            List<String> columns = new ArrayList<>();
            List<String> levels = null;
            for (RandomTermData t : mf.randomTerms()) {
                if (t.groupName().equals(group)) {
                    columns.addAll(t.columnNames());
                    levels = t.levels();
                }
            }
            assertEquals(strings(re.get("terms")), columns, group);
            assertEquals(strings(re.get("levels")), levels, group);
        }
    }

    private static List<String> strings(Object o) {
        if (o instanceof String s) {
            return List.of(s);
        }
        List<String> out = new ArrayList<>();
        for (Object e : (List<?>) o) {
            out.add((String) e);
        }
        return out;
    }

    // ---- the real files, in more detail ----

    @Test
    void orthodontInteractionColumns() {
        ModelFrame mf = ModelFrameBuilder.build(data("Orthodont.csv"), "distance ~ age * Sex + (age | Subject)");
        assertEquals(List.of("(Intercept)", "age", "SexMale", "age:SexMale"), mf.fixedNames());
        assertEquals("distance", mf.responseName());
        assertEquals(26.0, mf.y()[0]);
        int n = mf.n();
        // row 0 is subject M01, age 8
        assertArrayEquals(new double[]{1, 8, 1, 8}, new double[]{mf.x()[0], mf.x()[n], mf.x()[2 * n], mf.x()[3 * n]});
        RandomTermData t = mf.randomTerms().get(0);
        assertEquals(List.of("(Intercept)", "age"), t.columnNames());
        assertEquals(8.0, t.columns()[n]);
        assertEquals("M01", t.levels().get(t.levelOfRow()[0]));
        assertEquals(0, mf.rowsDropped());
        assertEquals(108, mf.rowsRead());
    }

    @Test
    void instEvalServiceIsAFactorBecauseItIsQuoted() {
        ModelFrame mf = ModelFrameBuilder.build(data("InstEval.csv"),
                "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept:service)");
        assertEquals(List.of("(Intercept)", "service1"), mf.fixedNames());
        RandomTermData ds = mf.randomTerms().get(2);
        assertEquals("dept:service", ds.groupName());
        assertEquals(List.of("1:0", "1:1", "2:0", "2:1"), ds.levels().subList(0, 4));
    }

    @Test
    void cakeQuotedTemperatureIsAFactorAndTempIsNumeric() {
        ModelFrame a = ModelFrameBuilder.build(data("cake.csv"), "angle ~ recipe + temperature + (1 | recipe:replicate)");
        assertEquals(List.of("(Intercept)", "recipeB", "recipeC", "temperature185", "temperature195",
                "temperature205", "temperature215", "temperature225"), a.fixedNames());
        ModelFrame b = ModelFrameBuilder.build(data("cake.csv"), "angle ~ recipe + temp + (1 | recipe:replicate)");
        assertEquals(List.of("(Intercept)", "recipeB", "recipeC", "temp"), b.fixedNames());
        assertEquals(List.of("A:1", "A:2", "A:3"), b.randomTerms().get(0).levels().subList(0, 3));
        assertEquals("A:10", b.randomTerms().get(0).levels().get(9), "replicate levels sort numerically");
    }

    @Test
    void pastesNestedTermsInFormulaOrder() {
        ModelFrame mf = ModelFrameBuilder.build(data("Pastes.csv"), "strength ~ 1 + (1 | batch/cask)");
        assertEquals(List.of("batch", "cask:batch"), mf.randomTerms().stream().map(RandomTermData::groupName).toList());
        RandomTermData inner = mf.randomTerms().get(1);
        assertEquals(30, inner.nLevels());
        assertEquals(List.of("a:A", "a:B"), inner.levels().subList(0, 2));
        assertEquals("a:A", inner.levels().get(inner.levelOfRow()[0]));
    }

    @Test
    void sleepstudyUncorrelatedPieces() {
        ModelFrame mf = ModelFrameBuilder.build(data("sleepstudy.csv"), "Reaction ~ Days + (Days || Subject)");
        assertEquals(2, mf.randomTerms().size());
        assertEquals(List.of("(Intercept)"), mf.randomTerms().get(0).columnNames());
        assertEquals(List.of("Days"), mf.randomTerms().get(1).columnNames());
        assertFalse(mf.randomTerms().get(0).correlated());
        assertTrue(ModelFrameBuilder.build(data("sleepstudy.csv"), "Reaction ~ Days + (Days | Subject)")
                .randomTerms().get(0).correlated());
    }

    @Test
    void functionTermsAndResponseExpressions() {
        ModelFrame mf = ModelFrameBuilder.build(data("sleepstudy.csv"),
                "log(Reaction) ~ Days + I(Days^2) + sqrt(Days) + (1 | Subject)");
        assertEquals("log(Reaction)", mf.responseName());
        assertEquals(Math.log(249.56), mf.y()[0], 1e-12);
        assertEquals(List.of("(Intercept)", "Days", "I(Days^2)", "sqrt(Days)"), mf.fixedNames());
        int n = mf.n();
        assertEquals(4.0, mf.x()[2 * n + 2]); // row 2: Days = 2
        assertEquals(Math.sqrt(2), mf.x()[3 * n + 2], 1e-15);
    }

    // ---- contrasts and R's marginality rule ----

    private static final DataFrame SMALL = csv("""
            y,x,f,g,h
            1,1,"a","1","u"
            2,2,"b","1","v"
            3,3,"c","2","u"
            4,4,"a","2","v"
            5,5,"b","3","u"
            6,6,"c","3","v"
            7,7,"a","1","u"
            8,8,"b","2","v"
            """);

    private static List<String> names(String formula) {
        return ModelFrameBuilder.build(SMALL, formula).fixedNames();
    }

    @Test
    void treatmentContrastsAndIndicatorCoding() {
        assertEquals(List.of("(Intercept)", "fb", "fc"), names("y ~ f"));
        assertEquals(List.of("fa", "fb", "fc"), names("y ~ 0 + f"));
        assertEquals(List.of("fa", "fb", "fc", "hv"), names("y ~ 0 + f + h"));
        assertEquals(List.of("x", "fa", "fb", "fc"), names("y ~ 0 + x + f"));
        // f:h without the main effect of h: f is coded fully inside the interaction
        assertEquals(List.of("(Intercept)", "fb", "fc", "fa:hv", "fb:hv", "fc:hv"), names("y ~ f + f:h"));
        // x:f: dropping f leaves x, which is in the model, so f gets contrasts; without x it does not
        assertEquals(List.of("(Intercept)", "x", "x:fb", "x:fc"), names("y ~ x + x:f"));
        assertEquals(List.of("(Intercept)", "x:fa", "x:fb", "x:fc"), names("y ~ x:f"));
        assertEquals(List.of("(Intercept)", "fb", "fc", "hv", "fb:hv", "fc:hv"), names("y ~ f*h"));
        assertEquals(List.of("(Intercept)", "x", "I(x^2)"), names("y ~ x + I(x^2)"));
        assertEquals(List.of("(Intercept)", "factor(x)2", "factor(x)3", "factor(x)4", "factor(x)5", "factor(x)6",
                "factor(x)7", "factor(x)8"), names("y ~ factor(x)"));
        assertEquals(List.of("(Intercept)", "as.numeric(g)"), names("y ~ as.numeric(g)"));
        assertEquals(List.of("(Intercept)", "g2", "g3"), names("y ~ g"));
    }

    @Test
    void interactionColumnsMultiplyWithFirstFactorFastest() {
        ModelFrame mf = ModelFrameBuilder.build(SMALL, "y ~ 0 + f:h");
        assertEquals(List.of("fa:hu", "fb:hu", "fc:hu", "fa:hv", "fb:hv", "fc:hv"), mf.fixedNames());
        int n = mf.n();
        // row 1 is f = b, h = v: column fb:hv
        assertEquals(1.0, mf.x()[4 * n + 1]);
        assertEquals(0.0, mf.x()[1 * n + 1]);
    }

    @Test
    void randomTermColumnsUseContrasts() {
        ModelFrame mf = ModelFrameBuilder.build(SMALL, "y ~ 1 + (f | h) + (0 + f | h)");
        assertEquals(List.of("(Intercept)", "fb", "fc"), mf.randomTerms().get(0).columnNames());
        assertEquals(List.of("fa", "fb", "fc"), mf.randomTerms().get(1).columnNames());
        assertEquals(List.of("u", "v"), mf.randomTerms().get(0).levels());
    }

    @Test
    void groupingColumnIsCategoricalEverywhere() {
        DataFrame df = csv("y,k\n1,1\n2,1\n3,2\n4,2\n5,10\n6,10\n");
        ModelFrame mf = ModelFrameBuilder.build(df, "y ~ k + (1 | k)");
        assertEquals(List.of("(Intercept)", "k2", "k10"), mf.fixedNames());
        assertEquals(List.of("(Intercept)", "k"), ModelFrameBuilder.build(df, "y ~ k").fixedNames());
    }

    // ---- missing values and bad data ----

    @Test
    void dropsRowsWithMissingValuesInUsedColumnsOnly() {
        DataFrame df = csv("y,x,g,unused\n1,1,a,NA\nNA,2,a,1\n3,,b,1\n4,4,b,1\n5,5,a,\n6,6,c,1\n7,7,c,1\n8,8,,1\n");
        ModelFrame mf = ModelFrameBuilder.build(df, "y ~ x + (1 | g)");
        assertEquals(3, mf.rowsDropped());
        assertEquals(8, mf.rowsRead());
        assertEquals(5, mf.n());
        assertArrayEquals(new double[]{1, 4, 5, 6, 7}, mf.y());
        assertEquals(List.of("a", "b", "c"), mf.randomTerms().get(0).levels());
    }

    @Test
    void levelsAreOnlyThoseObservedAfterDropping() {
        DataFrame df = csv("y,x,g\n1,1,a\n2,NA,z\n3,3,b\n4,4,a\n5,5,b\n");
        assertEquals(List.of("a", "b"), ModelFrameBuilder.build(df, "y ~ x + (1 | g)").randomTerms().get(0).levels());
    }

    @Test
    void nonFiniteValueNamesLineAndColumn() {
        DataFrame df = csv("y,Days,g\n1,1,a\n2,Inf,a\n3,3,b\n4,4,b\n");
        assertEquals("data.csv line 3, column 'Days': non-finite value 'Inf'", error(df, "y ~ Days + (1 | g)"));
        DataFrame zero = csv("y,x,g\n1,0,a\n2,1,a\n3,3,b\n4,4,b\n");
        assertTrue(error(zero, "y ~ log(x) + (1 | g)").startsWith("data.csv line 2: 'log(x)' is not finite"));
    }

    @Test
    void nonNumericResponse() {
        DataFrame df = csv("y,g\n1,a\n2,a\nabc,b\n4,b\n");
        assertEquals("response 'y' is not numeric (value 'abc' on line 4)", error(df, "y ~ 1 + (1 | g)"));
        DataFrame quoted = csv("y,g\n\"1\",a\n\"2\",a\n\"3\",b\n\"4\",b\n");
        assertArrayEquals(new double[]{1, 2, 3, 4}, ModelFrameBuilder.build(quoted, "y ~ 1 + (1 | g)").y());
    }

    @Test
    void unknownColumn() {
        assertEquals("formula: unknown column 'Dayz' in term 'Dayz' (columns: Reaction, Days, Subject)",
                error(data("sleepstudy.csv"), "Reaction ~ Dayz + (1 | Subject)"));
        assertTrue(error(data("sleepstudy.csv"), "Reaction ~ Days + (1 | Subjekt)")
                .startsWith("formula: unknown column 'Subjekt' in term '(1 | Subjekt)'"));
    }

    @Test
    void formulaSyntaxErrorsPassThrough() {
        assertThrows(FormulaException.class, () -> ModelFrameBuilder.build(SMALL, "y ~ x + (1 | h"));
    }

    @Test
    void groupingFactorChecks() {
        DataFrame one = csv("y,g\n1,a\n2,a\n3,a\n");
        assertEquals("grouping factor 'g' has only 1 level; a random effect needs at least 2",
                error(one, "y ~ 1 + (1 | g)"));
        assertTrue(error(SMALL, "y ~ 1 + (1 | x)").contains("must be < number of observations"));
        assertEquals("term (x | f): 2 × 3 = 6 random effects but only 5 observations (need more observations than random effects)",
                error(csv("y,x,f\n1,1,a\n2,2,b\n3,3,c\n4,4,a\n5,5,b\n"), "y ~ 1 + (x | f)"));
        assertTrue(error(SMALL, "y ~ 1 + (0 | h)").contains("has no random effects"));
    }

    @Test
    void numericFunctionsNeedNumericColumns() {
        assertEquals("column 'f' is not numeric (value 'a' on line 2)", error(SMALL, "y ~ as.numeric(f)"));
        assertEquals("column 'h' is not numeric (value 'u' on line 2)", error(SMALL, "y ~ I(h^2)"));
        assertTrue(error(SMALL, "y ~ factor(x + 1)").startsWith("formula: factor() takes a column name"));
    }

    @Test
    void noRowsLeft() {
        DataFrame df = csv("y,x\nNA,1\n2,NA\n");
        assertTrue(error(df, "y ~ x").startsWith("data.csv: no rows left after dropping rows with missing values"));
    }

    @Test
    void singleLevelFactorInFixedPart() {
        DataFrame df = csv("y,f\n1,a\n2,a\n");
        assertTrue(error(df, "y ~ f").contains("has only 1 level"));
    }

    @Test
    void builtDataFrame() {
        DataFrame df = DataFrame.builder()
                .numeric("y", new double[]{1, 2, 3, 4, Double.NaN})
                .categorical("g", new String[]{"b", "a", "b", "a", "a"})
                .build();
        ModelFrame mf = ModelFrameBuilder.build(df, "y ~ 1 + (1 | g)");
        assertEquals(1, mf.rowsDropped());
        assertArrayEquals(new int[]{1, 0, 1, 0}, mf.randomTerms().get(0).levelOfRow());
    }}
