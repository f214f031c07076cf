package org.jmixed.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.model.FitResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lme4 reference fit in ../shared/reference, fitted with {@code --backend cholmod}. Lives in
 * {@code org.jmixed.cpu} to reuse {@link Lme4ReferenceTest}'s package-private fitting and comparison
 * helpers (from cpu-backend's test jar):
 * <ul>
 *   <li>at lme4's θ, the CHOLMOD objective equals the pure-Java backend's to 1e-9 relative, and
 *       everything reported agrees with lme4 as in {@link Lme4ReferenceTest};</li>
 *   <li>the full fit reaches lme4's objective (or goes below it) and agrees with it as the pure-Java
 *       backend's fit does.</li>
 * </ul>
 */
class CholmodLme4ReferenceTest {
    /** Agreement between two backends of jmixed at the same θ. */
    static final double BACKEND_TOLERANCE = 1e-9;

    static Stream<String> references() throws IOException {
        return Lme4ReferenceTest.references();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void agreesWithJavaBackendAndLme4AtLme4Theta(String id) {
        JsonNode ref = References.reference(id);
        double[] theta = References.theta(ref);
        FitResult cholmod = Lme4ReferenceTest.fit(ref, "cholmod", theta);
        FitResult java = Lme4ReferenceTest.fit(ref, "java", theta);
        assertEquals("cholmod", cholmod.backend(), id);
        assertEquals(java.objective(), cholmod.objective(), BACKEND_TOLERANCE * Math.abs(java.objective()),
                id + ": objective, cholmod vs java at lme4's theta");
        Lme4ReferenceTest.assertClose(java.fixef().estimate(), cholmod.fixef().estimate(), id + ": fixef vs java", 1e-8);
        Lme4ReferenceTest.assertClose(java.fixef().stdError(), cholmod.fixef().stdError(), id + ": stderr vs java", 1e-8);
        double objective = ref.get("objective").asDouble();
        assertEquals(objective, cholmod.objective(), 1e-8 * Math.abs(objective), id + ": objective at lme4's theta");
        Lme4ReferenceTest.assertAgrees(ref, cholmod, id, Lme4ReferenceTest.AT_THETA_TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void fitAgreesWithLme4(String id) {
        JsonNode ref = References.reference(id);
        FitResult fit = Lme4ReferenceTest.fit(ref, "cholmod", null);
        double objective = ref.get("objective").asDouble();
        assertTrue(fit.objective() <= objective + Lme4ReferenceTest.OBJECTIVE_TOLERANCE * Math.abs(objective),
                id + ": objective " + fit.objective() + " vs lme4 " + objective);
        assertTrue(fit.converged(), id + ": " + fit.messages());
        boolean lme4StoppedEarly = fit.objective() < objective;
        Lme4ReferenceTest.assertAgrees(ref, fit, id, lme4StoppedEarly
                ? Lme4ReferenceTest.EARLY_STOP_TOLERANCE : Lme4ReferenceTest.FULL_FIT_TOLERANCE);
    }
}
