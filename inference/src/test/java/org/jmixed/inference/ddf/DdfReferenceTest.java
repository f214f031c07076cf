package org.jmixed.inference.ddf;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.jmixed.inference.ddf.DdfFixtures.DDF_REL;
import static org.jmixed.inference.ddf.DdfFixtures.STAT_REL;
import static org.jmixed.inference.ddf.DdfFixtures.close;
import static org.jmixed.inference.ddf.DdfFixtures.doubles;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * t tests (lmerTest's summary), type III F tests (lmerTest's anova) with Satterthwaite and
 * Kenward–Roger df, and pbkrtest's vcovAdj, against the R fixtures of tools/r/ddf_reference.R.
 */
class DdfReferenceTest {
    static Stream<Arguments> cases() throws IOException {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String id : DdfFixtures.ids()) {
            JsonNode c = DdfFixtures.load(id);
            b.add(Arguments.of(id, DdfMethod.SATTERTHWAITE));
            if (c.has("kenwardRoger")) {
                b.add(Arguments.of(id, DdfMethod.KENWARD_ROGER));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesLmerTest(String id, DdfMethod method) throws IOException {
        JsonNode c = DdfFixtures.load(id);
        DataFrame data = DdfFixtures.data(c);
        boolean reml = !c.has("reml") || c.get("reml").asBoolean();
        DdfAnalysis a = DdfAnalysis.fit(data, c.get("formula").asText(), method,
                FitOptions.defaults().withBackend("java").withReml(reml));
        JsonNode ref = c.get(method == DdfMethod.SATTERTHWAITE ? "satterthwaite" : "kenwardRoger");

        JsonNode coef = ref.get("coef");
        List<CoefficientTest> rows = a.coefficients();
        List<String> names = DdfFixtures.strings(coef.get("names"));
        assertEquals(names.size(), rows.size(), id + " coefficients");
        double[] se = doubles(coef.get("stderr"));
        double[] df = doubles(coef.get("df"));
        double[] t = doubles(coef.get("t"));
        double[] p = doubles(coef.get("p"));
        for (int i = 0; i < rows.size(); i++) {
            CoefficientTest r = rows.get(i);
            String what = id + " " + method.id() + " " + r.name();
            assertEquals(names.get(i), r.name(), what);
            close(se[i], r.stdError(), STAT_REL, 0, what + " std. error");
            close(df[i], r.df(), DDF_REL, 0, what + " df");
            close(t[i], r.t(), STAT_REL, 1e-8, what + " t");
            close(p[i], r.p(), STAT_REL, 1e-6, what + " p");
        }

        JsonNode anova = ref.get("anova");
        List<TermTest> terms = a.anova();
        List<String> labels = DdfFixtures.strings(anova.get("term"));
        double[] numDF = doubles(anova.get("numDF"));
        double[] denDF = doubles(anova.get("denDF"));
        double[] fs = doubles(anova.get("F"));
        double[] ps = doubles(anova.get("p"));
        double[] sumSq = doubles(anova.get("sumSq"));
        assertEquals(labels.size(), terms.size(), id + " anova rows");
        for (int i = 0; i < terms.size(); i++) {
            TermTest r = terms.get(i);
            String what = id + " " + method.id() + " anova " + r.term();
            assertEquals(labels.get(i), r.term(), what);
            assertEquals((int) numDF[i], r.test().numDF(), what + " NumDF");
            close(denDF[i], r.test().denDF(), DDF_REL, 0, what + " DenDF");
            close(fs[i], r.test().f(), STAT_REL, 1e-8, what + " F");
            close(ps[i], r.test().p(), STAT_REL, 1e-6, what + " p");
            close(sumSq[i], r.test().sumSq(), STAT_REL, 1e-8, what + " Sum Sq");
        }

        if (method == DdfMethod.KENWARD_ROGER) {
            double[] adj = a.kenwardRoger().vcovAdjusted();
            List<JsonNode> colNodes = DdfFixtures.list(ref.get("vcovAdj"));
            int pp = colNodes.size();
            double[][] cols = new double[pp][];
            for (int j = 0; j < pp; j++) {
                cols[j] = doubles(colNodes.get(j));
            }
            for (int j = 0; j < pp; j++) {
                for (int i = 0; i < pp; i++) {
                    double e = cols[j][i];
                    double scale = Math.sqrt(Math.abs(cols[i][i] * cols[j][j]));
                    close(e, adj[i + j * pp], 0, STAT_REL * scale, id + " vcovAdj[" + i + "," + j + "]");
                }
            }
        }
    }
}
