package org.jmixed.spark;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;

/** θ̂ of an lme4 reference fit in ../shared/reference, as a point to compare two paths at. */
final class SharedReference {
    private SharedReference() {
    }

    static double[] theta(String file) throws IOException {
        JsonNode theta = new ObjectMapper().readTree(SharedData.reference(file).toFile()).get("theta");
        if (!theta.isArray()) {
            return new double[] {theta.asDouble()};
        }
        double[] out = new double[theta.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = theta.get(i).asDouble();
        }
        return out;
    }
}
