package org.jmixed.cpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;

/** Locates the shared data sets and lme4 reference fits (../shared beside the repository). */
public final class References {
    private References() {
    }

    public static Path sharedDir() {
        return SharedData.dir();
    }

    public static Path data(String file) {
        return sharedDir().resolve("data").resolve(file);
    }

    public static JsonNode reference(String id) {
        try {
            return new ObjectMapper().readTree(sharedDir().resolve("reference").resolve(id + ".json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** θ of a reference fit as an array (lme4 writes a scalar for a single θ). */
    public static double[] theta(JsonNode ref) {
        JsonNode t = ref.get("theta");
        if (!t.isArray()) {
            return new double[] {t.asDouble()};
        }
        double[] out = new double[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.get(i).asDouble();
        }
        return out;
    }
}
