package org.jmixed.plots;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jmixed.data.CsvReader;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;

/** The fits the picture tests draw, each fitted once per test run (InstEval takes seconds). */
final class TestFits {
    static final String SLEEPSTUDY = "sleepstudy";
    static final String PENICILLIN = "Penicillin";
    static final String INSTEVAL = "InstEval";

    private static final Map<String, FitResult> FITS = new ConcurrentHashMap<>();

    private TestFits() {
    }

    static String formula(String name) {
        return switch (name) {
            case SLEEPSTUDY -> "Reaction ~ Days + (Days | Subject)";
            case PENICILLIN -> "diameter ~ 1 + (1 | plate) + (1 | sample)";
            case INSTEVAL -> "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)";
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Path data(String name) {
        return Path.of(System.getProperty("jmixed.root", "..")).resolve("examples").resolve(name + ".csv");
    }

    static synchronized FitResult fit(String name) {
        return FITS.computeIfAbsent(name, n -> {
            return LinearMixedModel.fit(CsvReader.read(data(n)), formula(n), FitOptions.defaults().withBackend("java"));
        });
    }
}
