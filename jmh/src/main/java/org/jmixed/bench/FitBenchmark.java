package org.jmixed.bench;

import java.util.concurrent.TimeUnit;

import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.ModelFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole REML fit, {@link LinearMixedModel#fit(ModelFrame, FitOptions)}, from an already built
 * model frame (reading and parsing the CSV is not timed): cross-products, the backend's analysis,
 * the optimization over θ, and the solution at the optimum — what lme4's {@code lmer()} does after
 * its model frame. Setup as in {@link EvaluationBenchmark} (agreement checked, unavailable
 * backends reported as {@code SKIPPED:}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-XX:+UseParallelGC", "-XX:MaxRAMPercentage=75", "-Xss16m"})
@State(Scope.Benchmark)
public class FitBenchmark {

    @Param({"sleepstudy", "penicillin", "insteval", "nested", "crossed-100k", "crossed-1m", "crossed-10m"})
    public String problem;

    @Param({"java", "cholmod", "cuda"})
    public String backend;

    private ModelFrame frame;
    private FitOptions options;

    @Setup(Level.Trial)
    public void setUp() {
        Workload w = Workload.prepare(problem, backend);
        frame = w.frame;
        options = FitOptions.defaults().withReml(true).withBackend(w.backend.name());
    }

    @Benchmark
    public FitResult fit() {
        return LinearMixedModel.fit(frame, options);
    }
}
