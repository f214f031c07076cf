package org.jmixed.inference.ddf;

import java.io.IOException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The two routes of {@link KenwardRoger} (through u = Λ⁻¹b for regular fits, through Z's columns
 * for singular ones) compute the same adjustment: forced onto the second route, every regular
 * fixture gives the same vcovAdj and df.
 */
class KenwardRogerSpacesTest {
    static Stream<String> ids() throws IOException {
        return DdfFixtures.ids().stream().filter(id -> {
            try {
                return DdfFixtures.load(id).has("kenwardRoger");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("ids")
    void sameAdjustmentThroughZ(String id) throws IOException {
        JsonNode c = DdfFixtures.load(id);
        DataFrame data = DdfFixtures.data(c);
        PreparedModel prepared = LinearMixedModel.prepare(data, c.get("formula").asText());
        FitResult fit = LinearMixedModel.fit(prepared, FitOptions.defaults().withBackend("java"));
        KenwardRoger u = KenwardRoger.compute(prepared, fit, false);
        KenwardRoger z = KenwardRoger.compute(prepared, fit, true);
        double[] a = u.vcovAdjusted();
        double[] b = z.vcovAdjusted();
        int p = u.p();
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < p; i++) {
                double scale = Math.sqrt(a[i + i * p] * a[j + j * p]);
                assertEquals(a[i + j * p], b[i + j * p], 1e-8 * scale, id + " vcovAdj[" + i + "," + j + "]");
            }
            double[] l = new double[p];
            l[j] = 1.0;
            double du = u.ddf(l);
            assertEquals(du, z.ddf(l), 1e-7 * du, id + " ddf " + j);
        }
    }
}
