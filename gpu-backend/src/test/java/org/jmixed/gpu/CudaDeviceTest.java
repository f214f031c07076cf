package org.jmixed.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.cpu.CpuBackend;
import org.jmixed.cpu.References;
import org.jmixed.data.CrossedSimulator;
import org.jmixed.data.CsvReader;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.ModelFrameBuilder;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GPU: the CUDA backend against the Java backend, objective to 1e-8 relative: random shapes
 * (several tiles of the dense Cholesky), every lme4 reference model, and a 1M-row synthetic
 * crossed problem. Skipped, with the reason, without a device.
 */
@ExtendWith(GpuTests.class)
class CudaDeviceTest {
    private static final double TOL = 1e-8;

    private static void assertObjectiveAgrees(PlsProblem pr, double[] theta, String what) {
        PlsFactorSummary cpu = new PlsFactorSummary();
        PlsFactorSummary gpu = new PlsFactorSummary();
        try (PlsEvaluator a = new CpuBackend().open(pr); PlsEvaluator b = new CudaBackend().open(pr)) {
            a.factor(theta, cpu);
            b.factor(theta, gpu);
        }
        int n = pr.n();
        int p = pr.p();
        double objCpu = reml(cpu, n, p);
        double objGpu = reml(gpu, n, p);
        assertTrue(Math.abs(objCpu - objGpu) <= TOL * Math.abs(objCpu), what + ": REML criterion " + objCpu
                + " (java) vs " + objGpu + " (cuda)");
        assertEquals(cpu.logDetL, gpu.logDetL, TOL * Math.max(1, Math.abs(cpu.logDetL)), what + " logDetL");
        assertEquals(cpu.pwrss, gpu.pwrss, TOL * cpu.pwrss, what + " pwrss");
    }

    private static double reml(PlsFactorSummary s, int n, int p) {
        int d = n - p;
        return s.logDetL + s.logDetRX + d * (1 + Math.log(2 * Math.PI * s.pwrss / d));
    }

    @Test
    void randomShapesIncludingSeveralTiles() {
        Random rnd = new Random(42);
        int[][][] shapes = {
                {{500, 1}, {300, 1}},
                {{400, 2}, {120, 3}},
                {{2000, 1}, {700, 1}, {40, 2}},
                {{50, 1}, {49, 1}},
        };
        for (int s = 0; s < shapes.length; s++) {
            PlsProblem pr = RandomProblems.crossed(s, 20_000, 4, shapes[s]);
            for (int rep = 0; rep < 3; rep++) {
                assertObjectiveAgrees(pr, RandomProblems.theta(rnd, pr), "shape " + s);
            }
        }
    }

    static Stream<String> referenceIds() throws java.io.IOException {
        try (Stream<java.nio.file.Path> s = java.nio.file.Files.list(References.sharedDir().resolve("reference"))) {
            return s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - 5)).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("referenceIds")
    void everyReferenceModelAtLme4sTheta(String id) {
        JsonNode ref = References.reference(id);
        var frame = ModelFrameBuilder.build(CsvReader.read(References.data(ref.get("dataset").asText())),
                ref.get("formula").asText());
        PlsProblem pr = LinearMixedModel.plsProblem(frame);
        assertObjectiveAgrees(pr, References.theta(ref), id);
        // And a whole fit through --backend cuda reaches the Java backend's objective.
        FitOptions opt = FitOptions.defaults().withReml(ref.get("reml").asBoolean());
        FitResult java = LinearMixedModel.fit(frame, opt.withBackend("java"));
        FitResult cuda = LinearMixedModel.fit(frame, opt.withBackend("cuda"));
        assertEquals(java.objective(), cuda.objective(), 1e-8 * Math.abs(java.objective()), id + " fitted objective");
    }

    @Test
    void millionRowCrossedProblem() {
        var data = CrossedSimulator.simulate(1_000_000, 50_000, 2_000, 7).toDataFrame();
        PlsProblem pr = LinearMixedModel.plsProblem(ModelFrameBuilder.build(data, CrossedSimulator.FORMULA));
        assertObjectiveAgrees(pr, new double[] {0.5, 0.8}, "1M rows, 50,000 users × 2,000 items");
        List<double[]> thetas = List.of(new double[] {1.0, 1.0}, new double[] {0.1, 2.0});
        for (double[] t : thetas) {
            assertObjectiveAgrees(pr, t, "1M rows at θ = " + t[0] + ", " + t[1]);
        }
    }
}
