package org.jmixed.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.spi.PlsProblem;
import org.junit.jupiter.api.Test;

/**
 * The joint moments guess for scalar terms, against lme4's REML estimates in ../shared/reference:
 * in a balanced design the moment equations give the REML estimate itself (when it is not on a
 * bound), elsewhere a guess close enough that BOBYQA starts with a small trust region.
 */
class ScalarTermMomentsTest {
    private static final Pattern THETA = Pattern.compile("\"theta\":\\s*\\[([^\\]]*)\\]");

    private static PlsProblem problem(String dataset, String formula) {
        DataFrame data = CsvReader.read(SharedData.data(dataset));
        return LinearMixedModel.plsProblem(ModelFrameBuilder.build(data, formula));
    }

    private static double[] lme4Theta(String reference) throws IOException {
        Matcher m = THETA.matcher(Files.readString(SharedData.reference(reference)));
        if (!m.find()) {
            throw new IllegalStateException("no theta array in " + reference);
        }
        return Arrays.stream(m.group(1).split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }

    @Test
    void balancedCrossedDesignGivesTheRemlEstimate() throws IOException {
        double[] guess = ScalarTermMoments.estimate(problem("Penicillin.csv", "diameter ~ 1 + (1 | plate) + (1 | sample)"));
        assertNotNull(guess);
        assertRelative(lme4Theta("penicillin_crossed.json"), guess, 1e-4);
    }

    @Test
    void balancedNestedDesignGivesTheRemlEstimate() throws IOException {
        double[] guess = ScalarTermMoments.estimate(problem("Pastes.csv", "strength ~ 1 + (1 | batch/cask)"));
        assertNotNull(guess);
        assertRelative(lme4Theta("pastes_nested.json"), guess, 1e-4);
    }

    @Test
    void unbalancedCrossedDesignIsCloseToTheRemlEstimate() throws IOException {
        // InstEval: 2,972 students × 1,128 lecturers × 14 departments, far from balanced.
        double[] guess = ScalarTermMoments.estimate(
                problem("InstEval.csv", "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)"));
        assertNotNull(guess);
        assertRelative(lme4Theta("insteval_crossed.json"), guess, 0.15);
    }

    @Test
    void startingValuesUseTheJointGuessForScalarTerms() {
        PlsProblem problem = problem("Penicillin.csv", "diameter ~ 1 + (1 | plate) + (1 | sample)");
        assertArrayEquals(ScalarTermMoments.estimate(problem), StartingValues.moments(problem));
    }

    @Test
    void vectorTermsAndSingleTermsAreLeftToTheTermByTermGuess() {
        assertNull(ScalarTermMoments.estimate(problem("sleepstudy.csv", "Reaction ~ Days + (Days | Subject)")));
        assertNull(ScalarTermMoments.estimate(problem("Dyestuff.csv", "Yield ~ 1 + (1 | Batch)")));
    }

    private static void assertRelative(double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * Math.abs(expected[i]),
                    "theta[" + i + "]: " + Arrays.toString(actual) + " vs " + Arrays.toString(expected));
        }
    }
}
