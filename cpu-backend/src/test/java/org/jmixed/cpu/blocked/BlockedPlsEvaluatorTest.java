package org.jmixed.cpu.blocked;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.cpu.NaiveDenseKernels;
import org.jmixed.cpu.References;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsProblemBuilder;
import org.junit.jupiter.api.Test;

/**
 * The blocked factorization evaluated at lme4's optimum θ reproduces lme4's objective. Problems
 * are built straight from the CSV files (intercept-only fixed part), independent of the formula
 * layer, so this isolates the evaluator.
 */
class BlockedPlsEvaluatorTest {

    @Test
    void sleepstudyRandomSlopeMatchesLme4AtItsTheta() throws IOException {
        List<String[]> rows = csv("sleepstudy.csv");
        int n = rows.size();
        double[] y = new double[n];
        double[] x = new double[2 * n];
        double[] z = new double[2 * n];
        for (int i = 0; i < n; i++) {
            y[i] = Double.parseDouble(rows.get(i)[0]);
            x[i] = 1;
            x[n + i] = Double.parseDouble(rows.get(i)[1]);
            z[i] = 1;
            z[n + i] = x[n + i];
        }
        int[] subject = levels(rows, 2);
        PlsProblem problem = new PlsProblemBuilder(y, x, 2).addTerm("Subject", 18, subject, z, 2).build();
        assertObjective(problem, "sleepstudy_reml", true);
        assertObjective(problem, "sleepstudy_ml", false);
    }

    @Test
    void penicillinCrossedMatchesLme4AtItsTheta() throws IOException {
        assertObjective(interceptOnly("Penicillin.csv", new String[] {"plate", "sample"}, new int[] {1, 2}),
                "penicillin_crossed", true);
    }

    @Test
    void pastesNestedMatchesLme4AtItsTheta() throws IOException {
        assertObjective(interceptOnly("Pastes.csv", new String[] {"cask:batch", "batch"}, new int[] {3, 1}),
                "pastes_nested", true);
    }

    /** y (first column) ~ 1 + a random intercept for each grouping column, most levels first. */
    private static PlsProblem interceptOnly(String file, String[] names, int[] groupColumns) throws IOException {
        List<String[]> rows = csv(file);
        int n = rows.size();
        double[] y = new double[n];
        double[] ones = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Double.parseDouble(rows.get(i)[0]);
            ones[i] = 1;
        }
        PlsProblemBuilder builder = new PlsProblemBuilder(y, ones, 1);
        for (int t = 0; t < names.length; t++) {
            int[] levels = levels(rows, groupColumns[t]);
            builder.addTerm(names[t], java.util.Arrays.stream(levels).max().getAsInt() + 1, levels, ones, 1);
        }
        return builder.build();
    }

    private static void assertObjective(PlsProblem problem, String id, boolean reml) {
        JsonNode ref = References.reference(id);
        try (BlockedPlsEvaluator ev = new BlockedPlsEvaluator(problem, new NaiveDenseKernels())) {
            PlsFactorSummary s = new PlsFactorSummary();
            ev.factor(References.theta(ref), s);
            int n = problem.n();
            int p = problem.p();
            double obj = reml
                    ? s.logDetL + s.logDetRX + (n - p) * (1 + Math.log(2 * Math.PI * s.pwrss / (n - p)))
                    : s.logDetL + n * (1 + Math.log(2 * Math.PI * s.pwrss / n));
            double expected = ref.get("objective").asDouble();
            assertEquals(expected, obj, 1e-7 * Math.abs(expected), id);
        }
    }

    private static List<String[]> csv(String file) throws IOException {
        List<String> lines = Files.readAllLines(References.data(file));
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.replace("\"", "").split(","));
        }
        return rows;
    }

    /** Level indices of a column (any consistent order: the objective does not depend on it). */
    private static int[] levels(List<String[]> rows, int col) {
        TreeMap<String, Integer> index = new TreeMap<>();
        for (String[] r : rows) {
            index.putIfAbsent(r[col], 0);
        }
        int next = 0;
        for (String k : index.keySet()) {
            index.put(k, next++);
        }
        int[] out = new int[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index.get(rows.get(i)[col]);
        }
        return out;
    }
}
